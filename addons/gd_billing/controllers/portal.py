from odoo import http
from odoo.http import request

from odoo.addons.gd_catalog.controllers.portal_access import download_response, portal_record
from odoo.addons.gd_servicedesk.controllers.portal import home_counters_wanted
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
        Statement = self._gd_statement_model() if home_counters_wanted() else None
        values["gd_statement_count"] = Statement.search_count([]) if Statement is not None else 0
        return values

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
        statement = portal_record("gd.billing.statement", statement_id)
        # The record rule just let this user read this very statement; printing also reads the run, the
        # items and the company layout, which portal users may not read themselves.
        report = request.env.ref("gd_billing.gd_billing_statement_report").sudo()
        pdf, _format = report.render_qweb_pdf(statement.ids)
        return download_response(pdf, "application/pdf", "%s.pdf" % statement.sudo().name.replace("/", "-"))
