from urllib.parse import urlsplit

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.addons.portal.controllers.mail import PortalChatter, _message_post_helper
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from .portal_access import to_record_id

MAX_MESSAGE = 20000


class GdPortalChatter(PortalChatter):

    @http.route(["/mail/chatter_post"], type="http", methods=["POST"], auth="public", website=True)
    def portal_chatter_post(self, res_model=None, res_id=None, message=None, token=None, **kw):
        """Post a customer's message on a document: 404 for an unknown document, 403 without the right.

        Odoo 11 answered 500 for a missing, foreign or out-of-range ``res_id``, a token on a model without
        tokens, or a request without a Referer, and passed any other posted field on to ``message_post``.
        Only the message (and the token) are used here; the answer goes back to a page of this site.
        """
        record = self._get_chatter_record(res_model, res_id)
        if token and record._mail_post_token_field not in record._fields:
            raise Forbidden()
        url = self._get_chatter_return_url()
        if message:
            try:
                _message_post_helper(res_model, record.id, plaintext2html(message[:MAX_MESSAGE]),
                                     token=token or "")
            except MissingError:
                raise request.not_found()
            except AccessError:
                raise Forbidden()
            url += "#discussion"
        return request.redirect(url)

    def _get_chatter_record(self, res_model, res_id):
        """The document the message is for, or a 404 (the access itself is checked by message_post)."""
        if not res_model or res_model not in request.env or not hasattr(request.env[res_model], "message_post"):
            raise request.not_found()
        record_id = to_record_id(res_id)
        if not record_id:
            raise request.not_found()
        # sudo only to tell a missing document (404) from a refused one (403, checked when posting)
        if not request.env[res_model].sudo().browse(record_id).exists():
            raise request.not_found()
        return request.env[res_model].browse(record_id)

    def _get_chatter_return_url(self):
        """The page the message was posted from, on this site; the portal home without a Referer."""
        referrer = request.httprequest.referrer
        if not referrer:
            return "/my"
        parts = urlsplit(referrer)
        return (parts.path or "/my") + ("?%s" % parts.query if parts.query else "")
