from odoo import api, fields, models


class HelpdeskTicketAppointment(models.TransientModel):
    """The desk books the customer an appointment with an expert of a back office."""

    _name = "helpdesk.ticket.appointment"
    _description = "Book an appointment with an expert"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer", readonly=True)
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", required=True)
    expert_domain_ids = fields.Many2many("res.users", compute="_compute_expert_domain_ids")
    expert_id = fields.Many2one("res.users", string="Expert", required=True)
    start = fields.Datetime(string="Start time", required=True)
    duration = fields.Float(required=True, default=1.0, help="In hours.")
    location = fields.Char()

    @api.depends("backoffice_id")
    def _compute_expert_domain_ids(self):
        for wizard in self:
            wizard.expert_domain_ids = wizard.backoffice_id.member_ids | wizard.backoffice_id.manager_id

    @api.onchange("backoffice_id")
    def _onchange_backoffice_id(self):
        experts = self.backoffice_id.member_ids | self.backoffice_id.manager_id
        if self.expert_id not in experts:
            self.expert_id = experts[:1] if len(experts) == 1 else False
        location = self.backoffice_id.appointment_location or self.env.user.company_id.gd_appointment_location
        if self.backoffice_id and location:
            self.location = location

    @api.multi
    def action_book(self):
        self.ensure_one()
        self.ticket_id._book_appointment(self.backoffice_id, self.expert_id, self.start, self.duration, self.location)
        return {"type": "ir.actions.act_window_close"}
