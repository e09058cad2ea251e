import odoo
from odoo import http
from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.http import request


class GdAuthSignupHome(AuthSignupHome):
    """Password reset by e-mail may be off by policy: the reset page then says whom to ask instead of a 404.

    A reset link with a token (sent by the service desk from the user's form, or a portal invitation) keeps
    working as in Odoo.
    """

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        qcontext = self.get_auth_signup_qcontext()
        if not qcontext.get("token") and not qcontext.get("reset_password_enabled"):
            qcontext["disable_database_manager"] = not odoo.tools.config["list_db"]
            return request.render("gd_catalog.password_help", qcontext)
        return super(GdAuthSignupHome, self).web_auth_reset_password(*args, **kw)
