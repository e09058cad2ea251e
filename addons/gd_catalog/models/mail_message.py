import contextlib
import threading

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

_posting = threading.local()

# Set by the server when a message is posted: who wrote it, its tracked changes and whom it was delivered to. Its
# document ("model", "res_id") may be taken away (Odoo does so for the invitations it queues), not changed.
FIXED_FIELDS = ("author_id", "email_from", "tracking_value_ids", "notification_ids", "channel_ids")


@contextlib.contextmanager
def posted_by_the_server(kind="composing"):
    """Within this block the server itself composes messages (tracking, notification): its own values stand.

    A thread-local, not a context key: a client can send any context over RPC, never this.
    """
    setattr(_posting, kind, getattr(_posting, kind, 0) + 1)
    try:
        yield
    finally:
        setattr(_posting, kind, getattr(_posting, kind) - 1)


def is_posted_by_the_server(kind="composing"):
    return getattr(_posting, kind, 0) > 0


def added_ids(commands):
    """The ids of existing records an x2many value links: (4, id) and (6, 0, ids); a list of ids as well."""
    ids = []
    for command in commands or []:
        if isinstance(command, int):
            ids.append(command)
        elif isinstance(command, (list, tuple)) and command:
            if command[0] == 4:
                ids.append(command[1])
            elif command[0] == 6:
                ids.extend(command[2] or [])
    return ids


class MailMessage(models.Model):
    """Messages are filtered per document by ``_search``; ``read_group`` must see the same messages.

    Odoo 11's ``read_group`` went by the record rules alone, which mail.message does not have: any user could
    group every message of every document by its body. And ``search([])`` by a portal user failed on a domain
    that Odoo itself builds wrongly when no condition is given.

    A message says what the server made it say. Odoo 11 let the author of a message write anything on it, and
    checked only the document it was on: a customer moved their message onto another organisation's case,
    gave it a desk agent as its author, added anyone to its recipients and inboxes, linked other documents'
    files and took other documents' tracked changes into it (``message_post`` passed ``tracking_value_ids`` and
    ``attachment_ids`` through to a create that writes the tracking as superuser). Now, for every user but the
    superuser: a posted message keeps its document, author and history; recipients are people the user may
    see; files are files the user may read; tracked changes are made by the server's tracking only; and one adds
    only oneself to a message's inbox or stars.
    """

    _inherit = "mail.message"

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        return super(MailMessage, self)._search(
            list(args or []) or [(1, "=", 1)], offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            domain = [("id", "in", self.search(domain or []).ids)]
        return super(MailMessage, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def create(self, values):
        if self.env.uid != SUPERUSER_ID and not is_posted_by_the_server():
            if values.get("tracking_value_ids"):
                raise AccessError(_("The changes of a document are recorded by the server, not sent with a "
                                    "message."))
            self._gd_check_links(values, ("partner_ids", "needaction_partner_ids", "channel_ids"))
        return super(MailMessage, self).create(values)

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID and not is_posted_by_the_server():
            fixed = [name for name in FIXED_FIELDS if name in vals]
            moved = any(vals.get(name) for name in ("model", "res_id"))
            if fixed or moved:
                raise AccessError(_("A message keeps the document, the author and the history it was posted "
                                    "with."))
            own = self.env.user.partner_id.id
            for name in ("needaction_partner_ids", "starred_partner_ids"):
                if any(partner_id != own for partner_id in added_ids(vals.get(name))):
                    raise AccessError(_("You can only mark a message for yourself."))
            self._gd_check_links(vals, ("partner_ids",))
        return super(MailMessage, self).write(vals)

    @api.model
    def _gd_check_links(self, values, recipient_fields):
        """Recipients the user may see and files the user may read, or an AccessError."""
        partner_ids = set()
        for name in recipient_fields:
            if name != "channel_ids":
                partner_ids.update(added_ids(values.get(name)))
        partner_ids.discard(self.env.user.partner_id.id)
        if partner_ids:
            partners = self.env["res.partner"].browse(partner_ids)
            try:
                partners.check_access_rights("read")
                partners.check_access_rule("read")
            except AccessError:
                raise AccessError(_("You can only address people you may see."))
        channel_ids = added_ids(values.get("channel_ids")) if "channel_ids" in recipient_fields else []
        if channel_ids:
            channels = self.env["mail.channel"].browse(channel_ids)
            channels.check_access_rights("read")
            channels.check_access_rule("read")
        attachment_ids = added_ids(values.get("attachment_ids"))
        if attachment_ids:
            try:
                self.env["ir.attachment"].browse(attachment_ids).check("read")
            except AccessError:
                raise AccessError(_("You can only attach files you may read."))

    @api.multi
    def _notify(self, force_send=False, send_after_commit=True, user_signature=True):
        # Odoo writes the followers it notifies on the message as the user who posts
        with posted_by_the_server():
            return super(MailMessage, self)._notify(force_send=force_send, send_after_commit=send_after_commit,
                                                    user_signature=user_signature)


class MailThread(models.AbstractModel):
    """A document's tracked changes are posted by the server when the document is written, never on request:
    ``message_track`` over RPC posted a change with any "old value" the caller sent. And a customer's
    suggested recipients do not tell them which other organisations' people have an address they know."""

    _inherit = "mail.thread"

    @api.model
    def create(self, values):
        with posted_by_the_server("tracking"):
            return super(MailThread, self).create(values)

    @api.multi
    def write(self, values):
        with posted_by_the_server("tracking"):
            return super(MailThread, self).write(values)

    @api.multi
    def message_track(self, tracked_fields, initial_values):
        if self.env.uid != SUPERUSER_ID and not is_posted_by_the_server("tracking"):
            raise AccessError(_("The changes of a document are recorded by the server, not sent with a message."))
        with posted_by_the_server():
            return super(MailThread, self).message_track(tracked_fields, initial_values)

    @api.multi
    def message_partner_info_from_emails(self, emails, link_mail=False):
        result = super(MailThread, self).message_partner_info_from_emails(emails, link_mail=link_mail)
        if self.env.uid != SUPERUSER_ID and self.env.user.share:
            found = [info["partner_id"] for info in result if info["partner_id"]]
            visible = set(self.env["res.partner"].search([("id", "in", found)]).ids) if found else set()
            for info in result:
                if info["partner_id"] and info["partner_id"] not in visible:
                    info["partner_id"] = False
        return result


class MailMail(models.Model):
    """An e-mail is made by the server (a template, a notification): its message's recipients are the server's.

    Only employees may create e-mails at all (the access rights are checked before the message is made)."""

    _inherit = "mail.mail"

    @api.model
    def create(self, values):
        self.check_access_rights("create")
        with posted_by_the_server():
            return super(MailMail, self).create(values)
