from odoo import api, fields, models


class GdServicedeskWorkOrderHandBack(models.TransientModel):
    """A back office hands a work order back to the desk: wrongly routed or information missing."""

    _name = "gd.servicedesk.work.order.hand.back"
    _description = "Hand a work order back"

    work_order_id = fields.Many2one("gd.servicedesk.work.order", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.work_order_id._do_hand_back(self.reason)
        return {"type": "ir.actions.act_window_close"}
