from odoo import api, models


class GdServicedeskWorkOrder(models.Model):
    """A quote whose last open part is cancelled is delivered as far as it goes: it is then to be settled."""

    _inherit = "gd.servicedesk.work.order"

    @api.multi
    def _do_set_state(self, state):
        res = super(GdServicedeskWorkOrder, self)._do_set_state(state)
        if state == "cancel":
            # As after a part is done (gd_dva): whether the quote is now complete follows from the work
            # orders the desk just cancelled, without sales rights. A quote of which every part is cancelled
            # delivered nothing and stays unsettled.
            self.sudo().mapped("sale_order_id")._gd_update_delivery()
        return res
