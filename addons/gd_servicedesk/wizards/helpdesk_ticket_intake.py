from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape


class HelpdeskTicketIntake(models.TransientModel):
    """The desk translates a question into catalogue items or a pattern with its answers."""

    _name = "helpdesk.ticket.intake"
    _description = "Ticket intake"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Requester", readonly=True)
    force_route = fields.Boolean(
        string="Route despite escalation",
        help="Account management turns an escalated question into work orders.")
    mode = fields.Selection(
        "_selection_mode", required=True, default="items",
        help="Items: one or more catalogue items. Pattern: a composite product whose answers decide the "
             "building blocks. Escalate: not in the catalogue or no process, to account management.")
    product_tmpl_ids = fields.Many2many(
        "product.template", "helpdesk_ticket_intake_product_rel", "intake_id", "product_tmpl_id",
        string="Catalogue items", domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)])
    pattern_id = fields.Many2one(
        "product.template", string="Pattern", domain=[("is_pattern", "=", True)])
    available_option_ids = fields.Many2many(
        "gd.catalog.pattern.option", compute="_compute_available_option_ids")
    option_ids = fields.Many2many(
        "gd.catalog.pattern.option", "helpdesk_ticket_intake_option_rel", "intake_id", "option_id",
        string="Answers", help="One answer per question of the pattern.")
    escalation_reason = fields.Text(help="Why the question goes to account management.")
    question_summary = fields.Html(compute="_compute_summary", string="Questions")
    entitlement_summary = fields.Html(compute="_compute_summary", string="Check")
    desk_info = fields.Html(
        compute="_compute_desk_info", string="Desk information", groups="gd_catalog.group_desk",
        help="Procedures and internal phone numbers of the chosen items. Never shown to customers.")

    @api.model
    def _selection_mode(self):
        return [("items", _("Catalogue items")), ("pattern", _("Pattern")),
                ("escalate", _("Escalate to account management"))]

    @api.depends("pattern_id")
    def _compute_available_option_ids(self):
        for intake in self:
            if intake.pattern_id:
                intake.available_option_ids = intake.pattern_id._get_pattern_tree().mapped(
                    "pattern_question_ids.option_ids")
            else:
                intake.available_option_ids = False

    @api.depends("mode", "product_tmpl_ids", "pattern_id", "option_ids", "ticket_id")
    def _compute_summary(self):
        for intake in self:
            questions = intake.pattern_id._get_pattern_tree().mapped("pattern_question_ids") \
                if intake.mode == "pattern" and intake.pattern_id else []
            intake.question_summary = "".join(
                "<p><strong>%s</strong>%s: %s</p>" % (
                    html_escape(question.name), " *" if question.is_required else "",
                    html_escape(", ".join(question.option_ids.mapped("name"))))
                for question in questions)
            lines = []
            if intake.ticket_id and intake.ticket_id.partner_id and intake.mode != "escalate":
                try:
                    plan = intake._get_plan()
                except (UserError, ValidationError) as error:  # answers not complete yet: say why
                    plan = []
                    lines.append(html_escape(error.name))
                for item, entitlement in plan:
                    lines.append("%s%s" % ("" if entitlement["allowed"] else "&#x2716; ",
                                           html_escape(entitlement["reason"])))
            intake.entitlement_summary = "".join("<p>%s</p>" % line for line in lines)

    @api.depends("product_tmpl_ids", "pattern_id", "option_ids", "mode")
    def _compute_desk_info(self):
        for intake in self:
            try:
                items = [item for item, _entitlement in intake._get_plan()]
            except (UserError, ValidationError):  # incomplete answers: show the pattern only
                items = list(intake.pattern_id)
            parts = []
            for item in items:
                if item.desk_procedure or item.desk_phone:
                    parts.append("<h4>%s</h4>%s%s" % (
                        html_escape(item.name), item.desk_procedure or "",
                        "<p>%s: %s</p>" % (_("Internal phone"), html_escape(item.desk_phone))
                        if item.desk_phone else ""))
            intake.desk_info = "".join(parts)

    @api.onchange("pattern_id")
    def _onchange_pattern_id(self):
        self.option_ids = self.option_ids & self.available_option_ids

    @api.multi
    def _get_plan(self):
        self.ensure_one()
        if self.mode == "pattern":
            return self.ticket_id._get_intake_plan(self.env["product.template"], self.pattern_id, self.option_ids)
        if self.mode == "items":
            return self.ticket_id._get_intake_plan(self.product_tmpl_ids)
        return []

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.mode == "escalate":
            ticket._do_intake(self.env["product.template"],
                              escalation_reason=self.escalation_reason or _("No process exists for this question."),
                              force_route=False)
        elif self.mode == "pattern":
            ticket._do_intake(self.env["product.template"], pattern=self.pattern_id, options=self.option_ids,
                              force_route=self.force_route)
        else:
            ticket._do_intake(self.product_tmpl_ids, force_route=self.force_route)
        return {"type": "ir.actions.act_window_close"}
