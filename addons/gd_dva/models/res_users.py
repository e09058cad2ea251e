from odoo import api, http, models


class ResUsers(models.Model):
    """A request without a signed-in user has no session to time out.

    auth_session_timeout closes a session whose file is older than the delay, and takes a session without a file
    for an expired one: every request without a saved session went to the login page instead. wkhtmltopdf
    fetches a PDF's stylesheets with the session of the request that prints it; a report made in the background
    (a report request's job) has no signed-in session, and its PDF came out without its styles.
    """

    _inherit = "res.users"

    @api.model_cr_context
    def _auth_timeout_check(self):
        if http.request and not http.request.session.uid:
            return None
        return super(ResUsers, self)._auth_timeout_check()
