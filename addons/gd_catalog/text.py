"""Text typed by a user, made safe for PostgreSQL, XML-RPC and the pages: the one place that does this.

Portal controllers call ``clean_text()`` on every free-text parameter before it reaches a model; models call
it on the free-text fields that clients write over RPC (a ticket's subject and description).
"""
import re

from odoo import _
from odoo.exceptions import UserError

# NUL and the other C0 control characters (PostgreSQL refuses NUL in text; XML 1.0, hence XML-RPC, refuses
# all of them but tab, line feed and carriage return), DEL, lone surrogates and the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\t\r\n]+")


def clean_text(env, value, max_length=None, multiline=False, label=None):
    """``value`` without control characters; UserError when it is longer than ``max_length`` characters.

    Single-line text (a subject, a search) also has its tabs and line breaks turned into spaces. ``label``
    names the field in the message. Anything that is not text comes back unchanged.
    """
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if not multiline:
        value = _LINE_BREAKS.sub(" ", value)
    if max_length and len(value) > max_length:
        context, cr = env.context, env.cr  # noqa: F841 (where _() finds the language)
        raise UserError(_("%(label)s is too long: at most %(max)s characters, %(length)s given.")
                        % {"label": label or _("The text"), "max": max_length, "length": len(value)})
    return value
