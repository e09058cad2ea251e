from odoo import http
from odoo.addons.mail.controllers.main import MailController
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .portal_access import MAX_ID


class GdMailController(MailController):

    @http.route("/mail/read_followers", type="json", auth="user")
    def read_followers(self, follower_ids, res_model):
        """Only the followers of documents of ``res_model`` the user may read.

        Odoo 11 checked the model the caller names, not the documents the follower ids belong to, and
        returned the name and e-mail of any document's followers.
        """
        ids = [fid for fid in (follower_ids or []) if isinstance(fid, int) and 0 < fid <= MAX_ID]
        # sudo to find out which documents these are; each document is checked as the user below
        followers = request.env["mail.followers"].sudo().browse(ids).exists()
        readable = []
        for follower in followers:
            if follower.res_model != res_model or res_model not in request.env:
                continue
            document = request.env[res_model].browse(follower.res_id)
            try:
                document.check_access_rights("read")
                document.check_access_rule("read")
            except (AccessError, MissingError):
                continue
            readable.append(follower.id)
        return super(GdMailController, self).read_followers(readable, res_model)
