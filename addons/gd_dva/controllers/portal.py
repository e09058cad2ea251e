from odoo import http
from odoo.addons.gd_catalog.controllers.portal_access import download_response, portal_record
from odoo.addons.gd_servicedesk.controllers.portal import home_counters_wanted
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal
from odoo.exceptions import UserError
from odoo.http import request


def _principal_organisation():
    """The organisation of the logged-in client principal; None for anyone else."""
    partner = request.env.user.partner_id
    if not partner.is_principal:
        return None
    return partner.commercial_partner_id


class DvaPortal(CustomerPortal):
    """The client principal's pages: the organisation's DVAs, quotes for custom work and service reports.

    Everything is read as the logged-in user; the record rules show principals their own organisation only.
    Anything else answers 404.
    """

    def _prepare_portal_layout_values(self):
        values = super(DvaPortal, self)._prepare_portal_layout_values()
        organisation = _principal_organisation()
        values["dva_count"] = 0
        values["dva_quote_count"] = 0
        if organisation is not None and home_counters_wanted():
            Agreement = request.env["gd.dva.agreement"]
            if Agreement.check_access_rights("read", raise_exception=False):
                values["dva_count"] = Agreement.search_count([("client_id", "=", organisation.id)])
            SaleOrder = request.env["sale.order"]
            if SaleOrder.check_access_rights("read", raise_exception=False):
                values["dva_quote_count"] = SaleOrder.search_count(
                    [("is_gd_quote", "=", True), ("gd_client_id", "=", organisation.id), ("state", "=", "sent")])
        return values

    def _dva_quotes(self, organisation):
        return request.env["sale.order"].search(
            [("is_gd_quote", "=", True), ("gd_client_id", "=", organisation.id),
             ("state", "in", ["sent", "sale", "done", "cancel"])], order="date_order desc", limit=50)

    @http.route(["/my/dva"], type="http", auth="user", website=True)
    def portal_my_dvas(self, **kw):
        organisation = _principal_organisation()
        if organisation is None:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dva",
            "organisation": organisation,
            "agreements": request.env["gd.dva.agreement"].search([("client_id", "=", organisation.id)]),
            "quotes": self._dva_quotes(organisation),
            "periods": request.env["gd.dva.compliance"]._get_period_selection(),
            "default_year": request.env["gd.dva.compliance"]._get_default_period()[0],
            "default_period": request.env["gd.dva.compliance"]._get_default_period()[1],
        })
        return request.render("gd_dva.portal_my_dvas", values)

    @http.route(["/my/dva/<int:agreement_id>"], type="http", auth="user", website=True)
    def portal_my_dva(self, agreement_id, **kw):
        if _principal_organisation() is None:
            raise request.not_found()
        agreement = portal_record("gd.dva.agreement", agreement_id)
        Compliance = request.env["gd.dva.compliance"]
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dva_agreement",
            "agreement": agreement,
            "measures": Compliance.search([("agreement_id", "=", agreement.id)], limit=36),
        })
        return request.render("gd_dva.portal_my_dva", values)

    @http.route(["/my/dva/quote/<int:order_id>"], type="http", auth="user", website=True)
    def portal_my_dva_quote(self, order_id, message=None, **kw):
        order = self._get_decidable_quote(order_id)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "dva_quote", "order": order, "message": message})
        return request.render("gd_dva.portal_my_dva_quote", values)

    @http.route(["/my/dva/quote/<int:order_id>/accept"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dva_quote_accept(self, order_id, **kw):
        order = self._get_decidable_quote(order_id)
        try:
            order._gd_do_accept()
        except UserError:
            return request.redirect("/my/dva/quote/%d?message=closed" % order.id)
        return request.redirect("/my/dva/quote/%d?message=accepted" % order.id)

    @http.route(["/my/dva/quote/<int:order_id>/decline"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dva_quote_decline(self, order_id, reason=None, **kw):
        order = self._get_decidable_quote(order_id)
        try:
            order._gd_do_decline((reason or "")[:2000])
        except UserError:
            return request.redirect("/my/dva/quote/%d?message=closed" % order.id)
        return request.redirect("/my/dva/quote/%d?message=declined" % order.id)

    def _get_decidable_quote(self, order_id):
        """The quote, when the logged-in user is the client principal of its organisation; else a 404."""
        return portal_record("sale.order", order_id, [("is_gd_quote", "=", True)], check="_gd_check_decision_rights")

    @http.route(["/my/dva/report/<string:report_format>"], type="http", auth="user", website=True)
    def portal_my_dva_report(self, report_format, year=None, period=None, **kw):
        organisation = _principal_organisation()
        if organisation is None or report_format not in ("pdf", "xlsx"):
            raise request.not_found()
        Compliance = request.env["gd.dva.compliance"]
        try:
            content, content_type, filename = Compliance._render_report(organisation, year, period, report_format)
        except UserError as error:
            return request.render("gd_dva.portal_my_dva_report_error", dict(
                self._prepare_portal_layout_values(), page_name="dva", error=error.name))
        return download_response(content, content_type, filename)


class DvaSalePortal(SaleCustomerPortal):
    """Quotes for custom work are decided by the client principal only, on the DVA pages."""

    def _portal_quote_user_can_accept(self, order_id):
        # Only reads whether the order is a quote for custom work, to refuse the generic acceptance; the
        # generic route checks the order itself afterwards, and nothing of it is returned here.
        order = request.env["sale.order"].sudo().browse(order_id).exists()
        if order and order.is_gd_quote:
            return False
        return super(DvaSalePortal, self)._portal_quote_user_can_accept(order_id)
