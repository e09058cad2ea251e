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
        string="Answers", help="One option per question of the pattern that is asked (a question that depends "
                               "on an option not chosen is not asked).")
    answer_ids = fields.One2many(
        "helpdesk.ticket.intake.answer", "intake_id", string="Text and date answers",
        help="The pattern's questions answered by a text or a date. Those that do not apply to the options "
             "chosen stay empty.")
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

    @api.depends("pattern_id", "option_ids")
    def _compute_available_option_ids(self):
        for intake in self:
            if intake.pattern_id:
                questions = intake.pattern_id._get_pattern_tree().mapped("pattern_question_ids")
                intake.available_option_ids = questions.filtered(
                    lambda question: question._applies(intake.option_ids)).mapped("option_ids")
            else:
                intake.available_option_ids = False

    @api.depends("mode", "product_tmpl_ids", "pattern_id", "option_ids", "answer_ids.value_text",
                 "answer_ids.value_date", "ticket_id")
    def _compute_summary(self):
        for intake in self:
            questions = intake.pattern_id._get_pattern_tree().mapped("pattern_question_ids") \
                if intake.mode == "pattern" and intake.pattern_id else []
            intake.question_summary = "".join(
                "<p><strong>%s</strong>%s: %s%s</p>" % (
                    html_escape(question.name), " *" if question.is_required else "",
                    html_escape(", ".join(question.option_ids.mapped("name"))
                                or dict(question._selection_answer_type())[question.answer_type]),
                    html_escape(" (%s)" % (_("only when %(option)s") % {
                        "option": question.depends_on_option_id.name})) if question.depends_on_option_id else "")
                for question in questions)
            lines = []
            if intake.ticket_id and intake.ticket_id.partner_id and intake.mode != "escalate":
                try:
                    if intake.mode == "pattern" and intake.pattern_id:
                        intake.pattern_id._get_pattern_answer_vals(intake.option_ids, intake._get_answer_values())
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
        questions = self.pattern_id._get_pattern_tree().mapped("pattern_question_ids") if self.pattern_id else []
        self.option_ids = self.option_ids & questions.mapped("option_ids") if questions else False
        self.answer_ids = [(5,)] + [(0, 0, {"question_id": question.id, "applies": question._applies(self.option_ids)})
                                    for question in questions if question.answer_type != "choice"]

    @api.onchange("option_ids")
    def _onchange_option_ids(self):
        """Drop options of questions that no longer apply; empty the answers of those that do not apply."""
        options = self.option_ids
        while True:
            kept = options.filtered(lambda option: option.question_id._applies(options))
            if kept == options:
                break
            options = kept
        if options != self.option_ids:
            self.option_ids = options
        for line in self.answer_ids:
            line.applies = line.question_id._applies(options)
            if not line.applies:
                line.value_text = line.value_date = False

    @api.multi
    def _get_answer_values(self):
        """{question id: value} of the text and date answers."""
        self.ensure_one()
        return {line.question_id.id: line.value_text if line.question_id.answer_type == "text" else line.value_date
                for line in self.answer_ids if line.question_id}

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
                              force_route=self.force_route, values=self._get_answer_values())
        else:
            ticket._do_intake(self.product_tmpl_ids, force_route=self.force_route)
        return {"type": "ir.actions.act_window_close"}


class HelpdeskTicketIntakeAnswer(models.TransientModel):
    """The desk's answer to one text or date question of the pattern in the intake."""

    _name = "helpdesk.ticket.intake.answer"
    _description = "Ticket intake: answer"

    intake_id = fields.Many2one("helpdesk.ticket.intake", required=True, ondelete="cascade")
    question_id = fields.Many2one("gd.catalog.pattern.question", string="Question", required=True,
                                  ondelete="cascade")
    answer_type = fields.Selection(related="question_id.answer_type", readonly=True)
    is_required = fields.Boolean(related="question_id.is_required", readonly=True)
    applies = fields.Boolean(string="Asked", default=True,
                             help="The question is asked for the options chosen.")
    value_text = fields.Char(string="Text")
    value_date = fields.Date(string="Date")

    @api.model
    def create(self, vals):
        return super(HelpdeskTicketIntakeAnswer, self).create(self._check_date_vals(vals))

    @api.multi
    def write(self, vals):
        for line in self:
            super(HelpdeskTicketIntakeAnswer, line).write(line._check_date_vals(vals, line.question_id))
        return True

    @api.model
    def _check_date_vals(self, vals, question=None):
        """A date sent over RPC as text is checked as the portal checks it: a malformed one is told clearly."""
        value = vals.get("value_date")
        if not value or not isinstance(value, str):
            return vals
        question = self.env["gd.catalog.pattern.question"].browse(vals["question_id"]) \
            if vals.get("question_id") else question
        if question and question.answer_type == "date":
            parsed = question._parse_date(value)
            if parsed is None:
                question._parse_answer(value)  # raises the question's own message
            return dict(vals, value_date=fields.Date.to_string(parsed))
        try:
            fields.Date.from_string(value)
        except ValueError:
            raise ValidationError(_("%(value)s is not a date.") % {"value": value})
        return vals
