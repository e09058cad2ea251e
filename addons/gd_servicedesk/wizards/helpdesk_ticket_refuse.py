from odoo import api, fields, models


class HelpdeskTicketRefuse(models.TransientModel):
    """Refuse a request, or cancel an escalated case, with the reason the customer reads."""

    _name = "helpdesk.ticket.refuse"
    _description = "Refuse a request"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._do_refuse(self.reason)
        return {"type": "ir.actions.act_window_close"}
