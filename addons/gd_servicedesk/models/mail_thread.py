import binascii
import email.errors
import logging
import re

from odoo import api, models

_logger = logging.getLogger(__name__)

ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?([^?]*)\?=")
ADDRESS_HEADERS = ("Subject", "From", "To", "Cc", "Reply-To", "Delivered-To")


class MailThread(models.AbstractModel):
    """The mail gateway survives malformed mails, so one broken mail cannot block the service desk inbox.

    Odoo 11 crashes on an encoded header it cannot decode (unknown charset, broken base64); such a mail
    is then fetched and fails again forever. Here its headers are read as plain text instead.
    """

    _inherit = "mail.thread"

    @api.model
    def message_parse(self, message, save_original=False):
        try:
            return super(MailThread, self).message_parse(message, save_original=save_original)
        except (email.errors.HeaderParseError, binascii.Error, LookupError, UnicodeError) as error:
            _logger.warning("Malformed mail %s (%s): its headers are read as plain text.",
                            message.get("Message-Id"), error)
            for header in ADDRESS_HEADERS:
                if header in message:
                    message.replace_header(header, ENCODED_WORD.sub(r"\1", str(message[header])))
            return super(MailThread, self).message_parse(message, save_original=save_original)
