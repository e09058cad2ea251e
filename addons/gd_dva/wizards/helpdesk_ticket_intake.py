from odoo import api, fields, models


class HelpdeskTicketIntake(models.TransientModel):
    """The desk can accept plus items without a DVA line as pay-per-use at the catalogue price."""

    _inherit = "helpdesk.ticket.intake"

    accept_pay_per_use = fields.Boolean(
        string="Accept pay-per-use",
        help="Deliver plus items that the organisation has no DVA line for, at the catalogue price; each "
             "delivered item is charged to the organisation.")

    @api.depends("mode", "product_tmpl_ids", "pattern_id", "option_ids", "ticket_id", "accept_pay_per_use")
    def _compute_summary(self):
        return super(HelpdeskTicketIntake, self)._compute_summary()

    @api.multi
    def _get_plan(self):
        self.ensure_one()
        if self.accept_pay_per_use:
            return super(HelpdeskTicketIntake, self.with_context(gd_dva_accept_pay_per_use=True))._get_plan()
        return super(HelpdeskTicketIntake, self)._get_plan()

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if self.accept_pay_per_use and not self.ticket_id.pay_per_use_accepted:
            self.ticket_id._transition_write({"pay_per_use_accepted": True})
        return super(HelpdeskTicketIntake, self).action_confirm()
