from odoo import _, api, models


class SaleOrder(models.Model):
    """A quote for custom work is settled once a confirmed settlement run has charged it."""

    _inherit = "sale.order"

    @api.model
    def _selection_gd_settlement_state(self):
        return super(SaleOrder, self)._selection_gd_settlement_state() + [("settled", _("Settled"))]

    @api.multi
    def _gd_mark_settled(self):
        """Called by the confirmation of the settlement run that charges these quotes.

        One write for all of them, without a tracking message per quote: a month settles hundreds of quotes
        at once, and the settlement line on the run's statement is the record of it.
        """
        self.filtered(lambda order: order.gd_settlement_state == "to_settle").with_context(
            tracking_disable=True).write({"gd_settlement_state": "settled"})
        return True
