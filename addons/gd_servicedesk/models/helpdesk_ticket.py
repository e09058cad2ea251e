import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import consteq, html2plaintext, plaintext2html

from .gd_servicedesk_work_order import OPEN_STATES

SATISFACTION_SCORES = ("1", "3", "5")


class HelpdeskTicket(models.Model):
    """The customer's case: one ticket per question, whatever the channel and however many parts."""

    _inherit = "helpdesk.ticket"
    # Customers answer on their own case from the portal; the record rules decide which cases they read.
    _mail_post_access = "read"

    def _default_team_id(self):
        return self.env["helpdesk.ticket.team"]._get_by_role("desk")

    team_id = fields.Many2one(default=_default_team_id)
    client_id = fields.Many2one(
        "res.partner", string="Client organisation", related="partner_id.commercial_partner_id", store=True,
        index=True, readonly=True)
    account_manager_id = fields.Many2one(
        "res.users", string="Account manager", related="client_id.account_manager_id", store=True, index=True,
        readonly=True)
    channel_code = fields.Selection(related="channel_id.code", string="Channel kind", store=True, readonly=True)
    ticket_type = fields.Selection(
        "_selection_ticket_type", string="Type", required=True, default="request", index=True,
        track_visibility="onchange")
    request_product_ids = fields.Many2many(
        "product.template", "gd_servicedesk_ticket_product_rel", "ticket_id", "product_tmpl_id",
        string="Requested items", readonly=True, copy=False)
    pattern_id = fields.Many2one("product.template", string="Pattern", readonly=True, copy=False)
    pattern_option_ids = fields.Many2many(
        "gd.catalog.pattern.option", "gd_servicedesk_ticket_option_rel", "ticket_id", "option_id",
        string="Answers", readonly=True, copy=False)
    handling = fields.Selection(
        "_selection_handling", readonly=True, copy=False, index=True, track_visibility="onchange")
    intake_date = fields.Datetime(readonly=True, copy=False)
    escalated = fields.Boolean(
        readonly=True, copy=False, index=True,
        help="The question went to account management (strategic, custom or without a process).")
    escalation_reason = fields.Text(readonly=True, copy=False, track_visibility="onchange")
    escalation_date = fields.Datetime(readonly=True, copy=False)
    resolution = fields.Text(copy=False, help="How account management resolved the question.")
    work_order_ids = fields.One2many("gd.servicedesk.work.order", "ticket_id", string="Work orders", copy=False)
    work_order_count = fields.Integer(
        string="Parts", compute="_compute_progress", store=True, help="Work orders, cancelled ones excluded.")
    work_order_done_count = fields.Integer(string="Parts done", compute="_compute_progress", store=True)
    progress = fields.Float(compute="_compute_progress", store=True, group_operator="avg")
    progress_label = fields.Char(string="Progress (done/total)", compute="_compute_progress_label")
    next_deadline = fields.Datetime(
        compute="_compute_progress", store=True, help="The earliest deadline of the parts still open.")
    deadline = fields.Datetime(
        compute="_compute_progress", store=True, index=True,
        help="Expected completion: the latest deadline of the parts.")
    deadline_state = fields.Selection(
        "_selection_deadline_state", string="Timeliness", compute="_compute_progress", store=True, index=True)
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_progress", store=True, index=True)
    has_handed_back = fields.Boolean(
        string="Handed back", compute="_compute_progress", store=True,
        help="A back office handed a part back: route it again or ask the customer.")
    lead_time_days = fields.Float(
        string="Lead time (days)", compute="_compute_lead_time_days", store=True, group_operator="avg")
    notice_received_date = fields.Datetime(string="Receipt notice sent on", readonly=True, copy=False)
    notice_escalated_date = fields.Datetime(string="Escalation notice sent on", readonly=True, copy=False)
    notice_completed_date = fields.Datetime(string="Completion notice sent on", readonly=True, copy=False)
    satisfaction_token = fields.Char(
        readonly=True, copy=False, default=lambda self: uuid.uuid4().hex, groups="base.group_user")
    satisfaction = fields.Selection(
        "_selection_satisfaction", readonly=True, copy=False, track_visibility="onchange")
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction_score", store=True, group_operator="avg",
        help="1 (dissatisfied) to 5 (satisfied); its average is the satisfaction score.")
    satisfaction_date = fields.Datetime(readonly=True, copy=False)
    portal_url = fields.Char(string="Link to the case", compute="_compute_portal_url")
    satisfaction_url = fields.Char(compute="_compute_portal_url", groups="base.group_user")
    is_desk_user = fields.Boolean(compute="_compute_is_desk_user")
    appointment_ids = fields.One2many("calendar.event", "ticket_id", string="Appointments", copy=False)
    appointment_count = fields.Integer(string="Appointments", compute="_compute_appointment_count")
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

    @api.model
    def _selection_ticket_type(self):
        return [("request", _("Request")), ("question", _("Question")), ("incident", _("Incident")),
                ("complaint", _("Complaint"))]

    @api.model
    def _selection_handling(self):
        return [("route", _("Routed to the back office")), ("intake", _("Expert intake")),
                ("escalate", _("Escalated to account management")), ("answer", _("Answered by the desk"))]

    @api.model
    def _selection_deadline_state(self):
        return self.env["gd.servicedesk.work.order"]._selection_deadline_state()

    @api.model
    def _selection_satisfaction(self):
        return [("5", _("Satisfied")), ("3", _("Neutral")), ("1", _("Dissatisfied"))]

    @api.depends("work_order_ids.state", "work_order_ids.deadline", "work_order_ids.deadline_state",
                 "work_order_ids.is_overdue")
    def _compute_progress(self):
        # Progress is about all parts of the case, also when a back office that sees only its own
        # parts triggers the recompute.
        for ticket in self:
            orders = ticket.sudo().work_order_ids.filtered(lambda order: order.state != "cancel")
            open_orders = orders.filtered(lambda order: order.state in OPEN_STATES)
            done = orders.filtered(lambda order: order.state == "done")
            ticket.work_order_count = len(orders)
            ticket.work_order_done_count = len(done)
            ticket.progress = 100.0 * len(done) / len(orders) if orders else 0.0
            deadlines = [order.deadline for order in orders if order.deadline]
            open_deadlines = [order.deadline for order in open_orders if order.deadline]
            ticket.deadline = max(deadlines) if deadlines else False
            ticket.next_deadline = min(open_deadlines) if open_deadlines else False
            states = set((open_orders or orders).mapped("deadline_state"))
            ticket.deadline_state = next(
                (state for state in ("late", "at_risk", "on_time") if state in states), False)
            ticket.is_overdue = any(open_orders.mapped("is_overdue"))
            ticket.has_handed_back = any(order.state == "handed_back" for order in orders)

    @api.depends("work_order_done_count", "work_order_count")
    def _compute_progress_label(self):
        for ticket in self:
            ticket.progress_label = "%d/%d" % (ticket.work_order_done_count, ticket.work_order_count)

    @api.depends("create_date", "closed_date")
    def _compute_lead_time_days(self):
        for ticket in self:
            if ticket.create_date and ticket.closed_date:
                delta = (fields.Datetime.from_string(ticket.closed_date)
                         - fields.Datetime.from_string(ticket.create_date))
                ticket.lead_time_days = delta.total_seconds() / 86400.0
            else:
                ticket.lead_time_days = 0.0

    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for ticket in self:
            ticket.satisfaction_score = int(ticket.satisfaction) if ticket.satisfaction else 0

    @api.multi
    def _compute_portal_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        # Only the satisfaction links need the token; customers never read it, the mail template does.
        tokens = {ticket.id: ticket.satisfaction_token for ticket in self.sudo() if isinstance(ticket.id, int)}
        for ticket in self:
            if not isinstance(ticket.id, int):
                continue
            ticket.portal_url = "%s/my/ticket/%d" % (base_url, ticket.id)
            ticket.satisfaction_url = "%s/servicedesk/satisfaction/%d/%s/" % (base_url, ticket.id, tokens[ticket.id])

    @api.multi
    def _compute_is_desk_user(self):
        is_desk = self.env.user.has_group("gd_servicedesk.group_user")
        for ticket in self:
            ticket.is_desk_user = is_desk

    @api.multi
    def _compute_appointment_count(self):
        data = self.env["calendar.event"].read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id"], ["ticket_id"]) if self.ids else []
        counts = {row["ticket_id"][0]: row["ticket_id_count"] for row in data}
        for ticket in self:
            ticket.appointment_count = counts.get(ticket.id, 0)

    @api.depends("name", "description")
    def _compute_knowledge_suggestion_ids(self):
        Knowledge = self.env["gd.catalog.knowledge"]
        for ticket in self:
            ticket.knowledge_suggestion_ids = Knowledge._search_answers(
                ticket._get_knowledge_question(), audience=None, limit=5)

    # ------------------------------------------------------------------ CRUD and mail gateway

    @api.multi
    def write(self, vals):
        res = super(HelpdeskTicket, self).write(vals)
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.code == "done":
                self._send_notice("completed")
        return res

    @api.model
    def message_new(self, msg, custom_values=None):
        """A mail to the service desk alias becomes a ticket of the e-mail channel.

        The sender is the requester only when the mail gateway recognised the address as a known contact;
        otherwise the address is kept and the desk chooses the requester during intake.
        """
        values = dict(custom_values or {})
        values.setdefault("channel_id", self.env["helpdesk.ticket.channel"]._get_by_code("email").id)
        values.setdefault("team_id", self._default_team_id().id)
        return super(HelpdeskTicket, self).message_new(msg, custom_values=values)

    @api.multi
    def message_update(self, msg, update_vals=None):
        """The customer's answer puts a case that waited for them back in progress."""
        res = super(HelpdeskTicket, self).message_update(msg, update_vals=update_vals)
        waiting = self.filtered(lambda ticket: ticket.stage_id.code == "waiting")
        if waiting:
            progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
            waiting.write({"stage_id": progress.id})
        return res

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_intake(self):
        self.ensure_one()
        return self._intake_action(_("Intake"), force_route=False)

    @api.multi
    def action_convert(self):
        """Account management turns an escalated question into catalogue work orders."""
        self.ensure_one()
        return self._intake_action(_("Turn into work orders"), force_route=True)

    @api.multi
    def action_resolve(self):
        self._do_resolve()

    @api.multi
    def action_view_work_orders(self):
        self.ensure_one()
        action = self.env.ref("gd_servicedesk.gd_servicedesk_work_order_action").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    @api.multi
    def action_answer(self):
        """Answer the question with a knowledge answer (first-contact resolution)."""
        self.ensure_one()
        suggestions = self.knowledge_suggestion_ids.filtered(lambda answer: answer.audience == "customer")
        return self._wizard_action(_("Answer with knowledge"), "helpdesk.ticket.answer", {
            "default_ticket_id": self.id, "default_knowledge_id": suggestions[:1].id})

    @api.multi
    def action_appointment(self):
        """Book an appointment for the customer with an expert of a back office."""
        self.ensure_one()
        backoffice = self.work_order_ids.filtered(lambda order: order.state in OPEN_STATES)[:1].backoffice_id
        return self._wizard_action(_("Book an appointment"), "helpdesk.ticket.appointment", {
            "default_ticket_id": self.id, "default_backoffice_id": backoffice.id})

    @api.multi
    def action_view_appointments(self):
        self.ensure_one()
        action = self.env.ref("calendar.action_calendar_event").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id, "create": False}
        return action

    @api.model
    def _wizard_action(self, name, model, context):
        return {"type": "ir.actions.act_window", "name": name, "res_model": model, "view_mode": "form",
                "target": "new", "context": context}

    @api.multi
    def _intake_action(self, name, force_route):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "helpdesk.ticket.intake",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id, "default_force_route": force_route},
        }

    # ------------------------------------------------------------------ entitlement and intake

    @api.multi
    def _get_entitlement(self, product_tmpl):
        """May the requester of this ticket order ``product_tmpl``, and how is it handled?

        Returns a dict with at least:
        - ``allowed`` (bool): False stops the request,
        - ``reason`` (translated text): why, shown to the desk or the customer,
        - ``handling``: 'route' (work orders now), 'intake' (an expert of the owner back office first)
          or 'escalate' (account management),
        - ``pay_per_use`` (bool): the requester's organisation is charged for it.
        Here: the mandate and the catalogue's financing class and level. Agreement modules extend it.
        """
        self.ensure_one()
        partner = self.partner_id
        item = product_tmpl
        values = {"item": item.display_name, "backoffice": item.backoffice_id.display_name or "",
                  "requester": partner.display_name or "", "organisation": partner.commercial_partner_id.display_name or ""}
        result = {"allowed": True, "reason": "", "handling": "route", "pay_per_use": item.financing_class == "plus"}
        if not partner:
            result.update(allowed=False, reason=_("Choose the requester before ordering %(item)s.") % values)
        elif item.needs_mandate and not partner.is_mandated:
            result.update(allowed=False, reason=_(
                "%(requester)s is not mandated by %(organisation)s to order %(item)s.") % values)
        elif not item.is_catalog_item:
            result.update(handling="escalate", reason=_("%(item)s is not in the catalogue.") % values)
        elif item.financing_class == "custom":
            result.update(handling="escalate", reason=_(
                "%(item)s is custom work: account management agrees on content and price.") % values)
        elif item.question_level == "strategic":
            result.update(handling="escalate", reason=_(
                "%(item)s is a strategic question: account management coordinates it.") % values)
        elif not item.is_pattern and not item.backoffice_id:
            result.update(handling="escalate", reason=_(
                "No back office delivers %(item)s: there is no process for it.") % values)
        elif item.question_level == "tactical":
            result.update(handling="intake", reason=_(
                "%(item)s needs an intake by an expert of %(backoffice)s.") % values)
        elif item.is_pattern:
            result.update(reason=_("%(item)s is split into its building blocks.") % values)
        else:
            result.update(reason=_("%(item)s is routed to %(backoffice)s.") % values)
        return result

    @api.multi
    def _get_intake_plan(self, items, pattern=None, options=None):
        """[(item, entitlement)] for the items asked and the building blocks of the pattern for the answers."""
        self.ensure_one()
        plan = []
        if pattern:
            plan.append((pattern, self._get_entitlement(pattern)))
            items = items | pattern._resolve_pattern(options)
        for item in items:
            plan.append((item, self._get_entitlement(item)))
        return plan

    @api.multi
    def _do_intake(self, items, pattern=None, options=None, escalation_reason=None, force_route=False):
        """Translate the question into work orders, an expert intake, or an escalation.

        ``items`` and ``pattern`` are product.template records, ``options`` the pattern's answers.
        ``escalation_reason`` sends the question to account management whatever the items say (the
        desk found no process for it). ``force_route`` is account management turning an escalated
        question into work orders: escalation no longer applies, the mandate still does.
        """
        self.ensure_one()
        items = items or self.env["product.template"]
        options = options or self.env["gd.catalog.pattern.option"]
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is closed.") % {"ticket": self.number})
        if not self.partner_id:
            raise UserError(_("Choose the requester of ticket %(ticket)s first.") % {"ticket": self.number})
        plan = self._get_intake_plan(items, pattern, options)
        refused = [entitlement["reason"] for item, entitlement in plan if not entitlement["allowed"]]
        if refused:
            raise UserError("\n".join(refused))
        self.write({
            "request_product_ids": [(4, item.id) for item in items | (pattern or items.browse())],
            "pattern_id": pattern.id if pattern else self.pattern_id.id,
            "pattern_option_ids": [(4, option.id) for option in options],
            "intake_date": fields.Datetime.now(),
        })
        escalations = [entitlement["reason"] for item, entitlement in plan if entitlement["handling"] == "escalate"]
        if escalation_reason or not plan:
            escalations.insert(0, escalation_reason or _("The question is not in the catalogue."))
        if escalations and not force_route:
            return self._do_escalate("\n".join(escalations))
        blocks = [(item, entitlement) for item, entitlement in plan if not item.is_pattern]
        if not blocks:
            raise UserError(_("Choose at least one catalogue item that a back office delivers."))
        orders = self.env["gd.servicedesk.work.order"]
        for item, entitlement in blocks:
            if not item.backoffice_id:
                raise UserError(_("No back office delivers %(item)s: route it by hand or escalate.")
                                % {"item": item.display_name})
            kind = "intake" if entitlement["handling"] == "intake" else "delivery"
            orders |= orders.create(self._prepare_work_order_vals(item, kind))
        progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
        vals = {"handling": "intake" if "intake" in orders.mapped("kind") else "route",
                "stage_id": progress.id, "team_id": self._default_team_id().id}
        if not self.user_id and self.env.uid != SUPERUSER_ID and self.env.user.has_group("gd_servicedesk.group_user"):
            vals["user_id"] = self.env.user.id
        self.write(vals)
        self._send_notice("received")
        return orders

    @api.multi
    def _prepare_work_order_vals(self, item, kind):
        self.ensure_one()
        name = item.name if kind == "delivery" else _("Intake: %(item)s") % {"item": item.name}
        return {
            "ticket_id": self.id,
            "product_tmpl_id": item.id,
            "backoffice_id": item.backoffice_id.id,
            "kind": kind,
            "name": name,
            "description": html2plaintext(self.description or "").strip(),
            "company_id": self.company_id.id or self.env.user.company_id.id,
        }

    @api.multi
    def _do_escalate(self, reason):
        """Hand the question to account management, with the reason."""
        stage = self.env["helpdesk.ticket.stage"]._get_by_code("escalated")
        team = self.env["helpdesk.ticket.team"]._get_by_role("account_management")
        now = fields.Datetime.now()
        for ticket in self:
            ticket.write({
                "escalated": True, "escalation_reason": reason, "escalation_date": now, "handling": "escalate",
                "stage_id": stage.id, "team_id": team.id, "user_id": ticket.account_manager_id.id or False,
            })
        self._send_notice("escalated")
        return self.env["gd.servicedesk.work.order"]

    @api.multi
    def _do_resolve(self):
        for ticket in self:
            if not (ticket.resolution or "").strip():
                raise UserError(_("Describe the resolution of ticket %(ticket)s first.") % {"ticket": ticket.number})
        self.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id})

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
        self.write({
            "answered_by_knowledge_id": knowledge.id,
            "is_first_contact_resolution": True,
            "handling": "answer",
            "stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id,
        })
        return message

    # ------------------------------------------------------------------ appointments with experts

    @api.multi
    def _check_can_book_appointment(self, backoffice, expert, start, stop):
        """Raise UserError when the appointment cannot be booked (closed case, no customer, not an expert...)."""
        self.ensure_one()
        values = {"ticket": self.number or self.name, "expert": expert.name or "",
                  "backoffice": backoffice.name or ""}
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is closed: no appointment can be booked on it.") % values)
        if not self.partner_id:
            raise UserError(_("Choose the requester of ticket %(ticket)s before booking an appointment.") % values)
        if not expert:
            raise UserError(_("Choose the expert the customer meets."))
        if backoffice and expert not in (backoffice.member_ids | backoffice.manager_id):
            raise UserError(_("%(expert)s is not a member of %(backoffice)s.") % values)
        if not start or not stop or stop <= start:
            raise UserError(_("An appointment needs a start and a duration of more than zero."))
        conflict = self._find_expert_conflict(expert, start, stop)
        if conflict:
            values.update(self._format_period(conflict.start, conflict.stop))
            raise UserError(_("%(expert)s already has an appointment on %(day)s from %(start)s to %(stop)s. "
                              "Choose another time or another expert.") % values)

    @api.model
    def _find_expert_conflict(self, expert, start, stop):
        """The first event overlapping [start, stop) that the expert attends, if any."""
        # Any event of the expert blocks the time, also private ones the desk agent cannot open; only the
        # period leaves this method.
        events = self.env["calendar.event"].sudo().search([
            ("partner_ids", "in", expert.partner_id.ids), ("start", "<", stop), ("stop", ">", start)],
            order="start", limit=1)
        return events

    @api.model
    def _format_period(self, start, stop):
        """Day and times of a UTC period in the user's time zone, for messages."""
        start_local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(start))
        stop_local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(stop))
        return {"day": start_local.strftime("%d-%m-%Y"), "start": start_local.strftime("%H:%M"),
                "stop": stop_local.strftime("%H:%M")}

    @api.multi
    def _prepare_appointment_vals(self, backoffice, expert, start, stop, location):
        self.ensure_one()
        return {
            "name": _("Appointment %(ticket)s: %(subject)s") % {"ticket": self.number or "", "subject": self.name},
            "start": start,
            "stop": stop,
            "start_datetime": start,
            "stop_datetime": stop,
            "duration": (fields.Datetime.from_string(stop)
                         - fields.Datetime.from_string(start)).total_seconds() / 3600.0,
            "allday": False,
            "location": location or backoffice.appointment_location or "",
            "description": html2plaintext(self.description or "").strip(),
            "user_id": expert.id,
            "partner_ids": [(6, 0, (expert.partner_id | self.partner_id).ids)],
            "ticket_id": self.id,
            "backoffice_id": backoffice.id or False,
            "expert_id": expert.id,
        }

    @api.multi
    def _book_appointment(self, backoffice, expert, start, duration, location=None):
        """Book the customer an appointment with ``expert`` at ``start`` (UTC) for ``duration`` hours.

        The expert and the customer become attendees; calendar sends both the invitation by e-mail.
        """
        self.ensure_one()
        self._check_desk_write_access()
        start = fields.Datetime.to_string(fields.Datetime.from_string(start)) if start else False
        stop = (fields.Datetime.to_string(fields.Datetime.from_string(start) + timedelta(hours=duration))
                if start and duration and duration > 0 else False)
        self._check_can_book_appointment(backoffice, expert, start, stop)
        event = self.env["calendar.event"].create(
            self._prepare_appointment_vals(backoffice, expert, start, stop, location))
        period = self._format_period(start, stop)
        self.message_post(body=_("Appointment booked with %(expert)s on %(day)s from %(start)s to %(stop)s, "
                                 "%(location)s.") % dict(period, expert=expert.name, location=event.location or ""),
                          subtype="mail.mt_note")
        return event

    @api.multi
    def _get_portal_appointments(self):
        """This case's appointments in the customer's words, for the portal page."""
        self._check_portal_access()
        # The case was checked just above; the customer may not be an attendee of every appointment on it
        # (a principal reads the organisation's cases), so only customer-facing values leave this method.
        events = self.sudo().appointment_ids.sorted("start")
        return [{
            "start": event.start,
            "stop": event.stop,
            "expert": event.expert_id.name or event.user_id.name or "",
            "location": event.location or "",
        } for event in events]

    # ------------------------------------------------------------------ progress and notices

    @api.multi
    def _sync_stage_from_work_orders(self):
        """Complete the case when every part is done (cancelled parts do not count)."""
        done_stage = self.env["helpdesk.ticket.stage"]._get_by_code("done")
        # Back offices finish their own parts but only read the case; completing it follows from that.
        for ticket in self.sudo():
            orders = ticket.work_order_ids.filtered(lambda order: order.state != "cancel")
            if ticket.closed or not orders:
                continue
            if all(order.state == "done" for order in orders):
                ticket.write({"stage_id": done_stage.id})

    @api.multi
    def _send_notice(self, kind):
        """Send the customer the notice ``kind`` (received, escalated, completed), once per ticket."""
        template = self.env.ref("gd_servicedesk.mail_template_ticket_%s" % kind)
        field = "notice_%s_date" % kind
        # Notices are part of the flow whoever moves it (a back office finishing the last part only reads
        # the ticket); each ticket here was just changed by the caller under its own rights.
        for ticket in self.sudo():
            if ticket[field] or not ticket.partner_id:
                continue
            ticket.message_post_with_template(template.id, composition_mode="comment", message_type="comment")
            ticket.write({field: fields.Datetime.now()})

    @api.multi
    def _get_desk_responsible(self):
        """Who at the desk is told about trouble with this ticket: its agent, else the desk's manager."""
        self.ensure_one()
        if self.user_id:
            return self.user_id
        desk = self.env["gd.backoffice"].sudo().search(
            [("is_service_desk", "=", True), ("company_id", "=", self.company_id.id)], limit=1)
        return desk.manager_id

    @api.multi
    def _action_ask_customer(self, work_order):
        """Open the mail composer on the case, with the back office's question for the customer."""
        self.ensure_one()
        self.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("waiting").id})
        body = _("<p>Dear %(name)s,</p><p>To handle your request we need more information: %(reason)s</p>") % {
            "name": self.partner_id.name or "", "reason": work_order.handback_reason or ""}
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {"default_model": self._name, "default_res_id": self.id, "default_body": body,
                        "default_partner_ids": self.partner_id.ids, "default_composition_mode": "comment"},
        }

    # ------------------------------------------------------------------ portal

    @api.model
    def _get_portal_domain(self):
        """The tickets of the portal lists: one's own, or the organisation's for a client principal."""
        partner = self.env.user.partner_id
        if partner.is_principal:
            return [("client_id", "=", partner.commercial_partner_id.id)]
        return [("partner_id", "=", partner.id)]

    @api.model
    def _get_open_cases_domain(self):
        """The logged-in user's own open cases, for the service page."""
        return [("partner_id", "=", self.env.user.partner_id.id), ("closed", "=", False)]

    @api.multi
    def _check_portal_access(self):
        """Raise AccessError unless the current user may read this ticket (access rights and rules)."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")

    @api.multi
    def _is_portal_owner(self):
        """The requester, or a client principal of the requester's organisation."""
        self.ensure_one()
        partner = self.env.user.partner_id
        return self.partner_id == partner or bool(
            partner.is_principal and self.client_id == partner.commercial_partner_id)

    @api.multi
    def _portal_attach_files(self, files):
        """Attach [(file name, base64 data)] sent by the customer with the request."""
        self._check_portal_access()
        if not self._is_portal_owner():
            raise AccessError(_("Only the requester can add files to this request."))
        # Customers cannot create attachments themselves; the case was checked just above.
        Attachment = self.env["ir.attachment"].sudo()
        for name, data in files:
            Attachment.create({"name": name, "datas": data, "datas_fname": name,
                               "res_model": self._name, "res_id": self.id})

    @api.multi
    def _get_portal_progress(self):
        """The parts of the case in the customer's words, for the portal page."""
        self._check_portal_access()
        # Customers do not read work orders (they hold internal notes); the case itself was checked above
        # and only customer-facing values leave this method.
        orders = self.sudo().work_order_ids.filtered(lambda order: order.state != "cancel")
        return [{
            "name": order.product_tmpl_id.name or order.name,
            "kind": order.kind,
            "state": order.state,
            "state_label": order._get_portal_state_label(),
            "deadline": order.deadline,
            "done_date": order.done_date,
        } for order in orders]

    @api.model
    def _create_from_portal(self, subject, description, product_tmpl=None, options=None, category=None):
        """A request or question from the logged-in portal user; with an item, intake runs at once."""
        partner = self.env.user.partner_id
        product_tmpl = product_tmpl or self.env["product.template"]
        if not (subject or "").strip() and not product_tmpl:
            raise UserError(_("Please give your question a subject."))
        if product_tmpl and not (product_tmpl.is_catalog_item and product_tmpl.is_published
                                 and product_tmpl.request_via_portal):
            raise UserError(_("%(item)s cannot be requested here.") % {"item": product_tmpl.display_name})
        if product_tmpl:
            draft = self.new({"partner_id": partner.id})
            plan = draft._get_intake_plan(
                product_tmpl.filtered(lambda item: not item.is_pattern),
                product_tmpl if product_tmpl.is_pattern else None, options)
            refused = [entitlement["reason"] for item, entitlement in plan if not entitlement["allowed"]]
            if refused:
                raise UserError("\n".join(refused))
        vals = {
            "name": (subject or "").strip() or product_tmpl.name,
            "description": plaintext2html(description or ""),
            "partner_id": partner.id,
            "channel_id": self.env["helpdesk.ticket.channel"].sudo()._get_by_code("portal").id,
            "ticket_type": "request" if product_tmpl else "question",
            "company_id": self.env.user.company_id.id,
        }
        if category and category.exists() and category.active:
            vals["category_id"] = category.id
        # Customers cannot create tickets directly: the values are the whitelisted ones above and the
        # requester is always the logged-in user's own partner, never one named in the form.
        ticket = self.sudo().create(vals)
        ticket.message_subscribe(partner_ids=partner.ids)
        if product_tmpl:
            if product_tmpl.is_pattern:
                ticket._do_intake(self.env["product.template"], pattern=product_tmpl, options=options)
            else:
                ticket._do_intake(product_tmpl)
        return ticket.sudo(self.env.uid)

    @api.multi
    def _portal_withdraw(self):
        """The customer withdraws the request: the case and its open parts are cancelled."""
        self._check_portal_access()
        if not self._is_portal_owner():
            raise AccessError(_("Only the requester can withdraw this request."))
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is already closed.") % {"ticket": self.number})
        # Customers only read their cases (checked above); withdrawing is the one change they may make.
        ticket = self.sudo()
        ticket.work_order_ids.filtered(lambda order: order.state in OPEN_STATES).write({"state": "cancel"})
        ticket.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("cancel").id})
        ticket.message_post(body=_("Withdrawn by %(name)s.") % {"name": self.env.user.partner_id.name},
                            subtype="mail.mt_comment", author_id=self.env.user.partner_id.id)
        return True

    @api.model
    def _set_satisfaction_by_token(self, ticket_id, token, score):
        """Record the customer's one-click answer from the completion notice; False for a wrong link."""
        if score not in SATISFACTION_SCORES or not token:
            return False
        # The link is the access check: the token is secret to the ticket's customer (sent in the notice).
        ticket = self.sudo().browse(ticket_id).exists()
        if not ticket or not ticket.satisfaction_token or not consteq(ticket.satisfaction_token, token):
            return False
        if not ticket.closed:
            return False
        ticket.write({"satisfaction": score, "satisfaction_date": fields.Datetime.now()})
        return ticket
