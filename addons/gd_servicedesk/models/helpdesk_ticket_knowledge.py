from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .gd_servicedesk_work_order import OPEN_STATES


class HelpdeskTicket(models.Model):
    """First-contact resolution: the desk answers the question with a knowledge answer and closes it."""

    _inherit = "helpdesk.ticket"

    knowledge_suggestion_ids = fields.Many2many(
        "gd.catalog.knowledge", string="Suggested answers", compute="_compute_knowledge_suggestion_ids",
        groups="gd_servicedesk.group_user",
        help="Knowledge answers matching the subject and description, best first.")
    answered_by_knowledge_id = fields.Many2one(
        "gd.catalog.knowledge", string="Answered with", readonly=True, copy=False, ondelete="restrict",
        track_visibility="onchange", help="The knowledge answer the desk sent to the customer.")
    is_first_contact_resolution = fields.Boolean(
        string="First-contact resolution", readonly=True, copy=False, index=True,
        help="The desk answered the question itself at the first contact, without a back office.")

    @api.depends("name", "description")
    def _compute_knowledge_suggestion_ids(self):
        Knowledge = self.env["gd.catalog.knowledge"]
        for ticket in self:
            ticket.knowledge_suggestion_ids = Knowledge._search_answers(
                ticket._get_knowledge_question(), audience=None, limit=5)

    @api.multi
    def action_answer(self):
        """Answer the question with a knowledge answer (first-contact resolution)."""
        self.ensure_one()
        suggestions = self.knowledge_suggestion_ids.filtered(lambda answer: answer.audience == "customer")
        return self._wizard_action(_("Answer with knowledge"), "helpdesk.ticket.answer", {
            "default_ticket_id": self.id, "default_knowledge_id": suggestions[:1].id})


    # ------------------------------------------------------------------ knowledge: first-contact resolution

    @api.multi
    def _check_desk_write_access(self):
        """Raise AccessError unless the current user may change these tickets (the desk, not readers)."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _get_knowledge_question(self):
        """The text the knowledge answers are matched on: the subject, then the description."""
        self.ensure_one()
        return " ".join(part for part in (self.name or "", html2plaintext(self.description or "").strip()) if part)

    @api.multi
    def _check_can_answer_with_knowledge(self, knowledge):
        """Raise UserError when ``knowledge`` cannot close this ticket as an answer to the customer."""
        self.ensure_one()
        values = {"ticket": self.number or self.name, "answer": knowledge.name or ""}
        if not knowledge:
            raise UserError(_("Choose the knowledge answer to send to the customer."))
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is already closed.") % values)
        if knowledge.audience != "customer":
            raise UserError(_("The answer \"%(answer)s\" is for the service desk only and cannot be sent to a "
                              "customer.") % values)
        if not self.partner_id:
            raise UserError(_("Choose the requester of ticket %(ticket)s before answering.") % values)
        if self.work_order_ids.filtered(lambda order: order.state in OPEN_STATES):
            raise UserError(_("Ticket %(ticket)s has parts open at a back office: it cannot be answered and "
                              "closed at once.") % values)

    @api.multi
    def _do_answer_with_knowledge(self, knowledge):
        """Send the customer a knowledge answer and close the ticket: a first-contact resolution."""
        self.ensure_one()
        self._check_desk_write_access()
        knowledge.check_access_rights("read")
        knowledge.check_access_rule("read")
        self._check_can_answer_with_knowledge(knowledge)
        partner = self.partner_id
        self.message_subscribe(partner_ids=partner.ids)
        body = _("<p>Dear %(name)s,</p><p>Thank you for your question. Here is the answer.</p>") % {
            "name": partner.name or ""}
        message = self.message_post(
            body=body + (knowledge.answer or ""), subject=knowledge.name, subtype="mail.mt_comment",
            message_type="comment", partner_ids=partner.ids)
        self._transition_write({
            "answered_by_knowledge_id": knowledge.id,
            "is_first_contact_resolution": True,
            "handling": "answer",
            "stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id,
        })
        return message
