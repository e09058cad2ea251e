from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class BillingPortal(CustomerPortal):
    """Client principals see and download their own organisation's settled statements."""

    def _gd_statement_model(self):
        Statement = request.env["gd.billing.statement"]
        if not Statement.check_access_rights("read", raise_exception=False):
            return None
        return Statement

    def _prepare_portal_layout_values(self):
        values = super(BillingPortal, self)._prepare_portal_layout_values()
        Statement = self._gd_statement_model()
        values["gd_statement_count"] = Statement.search_count([]) if Statement is not None else 0
        return values

    def _gd_get_statement(self, statement_id):
        """The statement, when the logged-in user may read it; else None."""
        Statement = self._gd_statement_model()
        if Statement is None:
            return None
        statement = Statement.browse(statement_id)
        try:
            statement.check_access_rule("read")
            if not statement.exists():
                return None
        except (AccessError, MissingError):
            return None
        return statement

    @http.route(["/my/statements"], type="http", auth="user", website=True)
    def portal_my_statements(self, **kw):
        Statement = self._gd_statement_model()
        if Statement is None:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"statements": Statement.search([]), "page_name": "gd_statements"})
        return request.render("gd_billing.portal_my_statements", values)

    @http.route(["/my/statements/<int:statement_id>"], type="http", auth="user", website=True)
    def portal_statement_pdf(self, statement_id, **kw):
        statement = self._gd_get_statement(statement_id)
        if statement is None:
            return request.redirect("/my")
        # The record rule just let this user read this very statement; printing also reads the run, the
        # items and the company layout, which portal users may not read themselves.
        report = request.env.ref("gd_billing.gd_billing_statement_report").sudo()
        pdf, _format = report.render_qweb_pdf(statement.ids)
        filename = "%s.pdf" % statement.sudo().name.replace("/", "-")
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="%s"' % filename)])
