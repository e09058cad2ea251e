from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal
from odoo.addons.gd_servicedesk.controllers.portal import home_counters_wanted
from odoo.http import request


class SaleCountersPortal(SaleCustomerPortal):
    """Odoo's sale portal counts quotations and orders without checking access rights.

    Staff without sales rights (desk agents, back-office members) got a 403 on /my for it. Users
    who may not read orders skip that counter: ``super(SaleCustomerPortal, self)`` continues after
    sale's own method. Pages other than the home, which show no counter, skip it too.
    """

    def _prepare_portal_layout_values(self):
        if home_counters_wanted() and request.env["sale.order"].check_access_rights("read", raise_exception=False):
            return super(SaleCountersPortal, self)._prepare_portal_layout_values()
        values = super(SaleCustomerPortal, self)._prepare_portal_layout_values()
        values.update(quotation_count=0, order_count=0)
        return values


class InvoiceCountersPortal(PortalAccount):
    """The same for the invoice counter of Odoo's account portal."""

    def _prepare_portal_layout_values(self):
        if home_counters_wanted() and \
                request.env["account.invoice"].check_access_rights("read", raise_exception=False):
            return super(InvoiceCountersPortal, self)._prepare_portal_layout_values()
        values = super(PortalAccount, self)._prepare_portal_layout_values()
        values["invoice_count"] = 0
        return values
