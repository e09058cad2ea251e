from odoo import api, fields, models


class HelpdeskTicketAnswer(models.TransientModel):
    """The desk answers the question with a knowledge answer and closes the ticket in one step."""

    _name = "helpdesk.ticket.answer"
    _description = "Answer a ticket with knowledge"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer", readonly=True)
    suggestion_ids = fields.Many2many(
        "gd.catalog.knowledge", string="Suggested answers", compute="_compute_suggestion_ids")
    knowledge_id = fields.Many2one(
        "gd.catalog.knowledge", string="Answer", required=True, domain=[("audience", "=", "customer")])
    answer = fields.Html(related="knowledge_id.answer", readonly=True)

    @api.depends("ticket_id")
    def _compute_suggestion_ids(self):
        for wizard in self:
            wizard.suggestion_ids = wizard.ticket_id.knowledge_suggestion_ids.filtered(
                lambda answer: answer.audience == "customer")

    @api.multi
    def action_send(self):
        self.ensure_one()
        self.ticket_id._do_answer_with_knowledge(self.knowledge_id)
        return {"type": "ir.actions.act_window_close"}
