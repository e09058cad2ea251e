from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal
from odoo.http import request

from odoo.addons.gd_catalog.controllers.portal_access import to_record_id


class GdSaleOrderPortal(SaleCustomerPortal):
    """Odoo's order pages answered 500 for an order id that does not exist or is beyond PostgreSQL's range."""

    @http.route()
    def portal_order_page(self, order=None, access_token=None, **kw):
        self._gd_check_order_exists(order)
        return super(GdSaleOrderPortal, self).portal_order_page(order=order, access_token=access_token, **kw)

    @http.route()
    def portal_order_report(self, order_id, access_token=None, **kw):
        self._gd_check_order_exists(order_id)
        return super(GdSaleOrderPortal, self).portal_order_report(order_id, access_token=access_token, **kw)

    def _gd_check_order_exists(self, order_id):
        # sudo only to tell a missing order (404) from a refused one (Odoo's own check follows)
        if not to_record_id(order_id) or not request.env["sale.order"].sudo().browse(order_id).exists():
            raise request.not_found()
