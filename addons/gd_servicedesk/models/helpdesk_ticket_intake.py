"""The desk's intake of a ticket: entitlement, routing onto work orders, escalation, hold and the desk's decisions.

One file over 400 lines on purpose: the intake is one flow (check, decide, route, record) whose steps call
each other in order; split, each part would only be read together with the others.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from .gd_servicedesk_work_order import OPEN_STATES


class HelpdeskTicket(models.Model):
    """Intake: the question translated into catalogue items, entitlement, routing and escalation."""

    _inherit = "helpdesk.ticket"

    request_product_ids = fields.Many2many(
        "product.template", "gd_servicedesk_ticket_product_rel", "ticket_id", "product_tmpl_id",
        string="Requested items", readonly=True, copy=False)
    pattern_id = fields.Many2one("product.template", string="Pattern", readonly=True, copy=False)
    pattern_option_ids = fields.Many2many(
        "gd.catalog.pattern.option", "gd_servicedesk_ticket_option_rel", "ticket_id", "option_id",
        string="Answers", readonly=True, copy=False)
    pattern_answer_ids = fields.One2many(
        "gd.servicedesk.pattern.answer", "ticket_id", string="Answers to the questions", readonly=True, copy=False,
        help="What the customer or the desk answered to the pattern's questions, in the order they were asked.")
    handling = fields.Selection(
        "_selection_handling", readonly=True, copy=False, index=True, track_visibility="onchange")
    intake_date = fields.Datetime(readonly=True, copy=False)
    escalated = fields.Boolean(
        readonly=True, copy=False, index=True,
        help="The question went to account management (strategic, custom or without a process).")
    escalation_reason = fields.Text(readonly=True, copy=False, track_visibility="onchange")
    escalation_date = fields.Datetime(readonly=True, copy=False)
    resolution = fields.Text(copy=False, help="How account management resolved the question.")
    desk_decision_pending = fields.Boolean(
        string="Awaiting the desk's decision", readonly=True, copy=False, index=True,
        help="Requested in the portal with items the organisation has no agreement for: the desk approves it "
             "(delivered pay-per-use) or refuses it.")
    desk_decision_reason = fields.Text(string="Why the desk decides", readonly=True, copy=False)
    is_on_hold = fields.Boolean(
        string="On hold", compute="_compute_is_on_hold",
        help="With account management: the work orders wait until it resumes, quotes or refuses the case.")

    @api.model
    def _selection_handling(self):
        return [("route", _("Routed to the back office")), ("intake", _("Expert intake")),
                ("escalate", _("Escalated to account management")), ("answer", _("Answered by the desk"))]

    @api.multi
    def _compute_is_on_hold(self):
        for ticket in self:
            ticket.is_on_hold = ticket.stage_id.code == "escalated"

    @api.model
    def _get_transition_fields(self):
        return super(HelpdeskTicket, self)._get_transition_fields() | {
            "desk_decision_pending", "desk_decision_reason", "origin_ticket_id", "pattern_answer_ids"}

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
        return True


    @api.multi
    def _intake_action(self, name, force_route):
        return self._gd_window_action("helpdesk.ticket.intake", name,
                                      context={"default_ticket_id": self.id, "default_force_route": force_route})

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
        elif item.question_level == "tactical" and item.id not in self.env.context.get("gd_intake_done_ids", ()):
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
    def _get_pattern_values(self):
        """{question id: value} of the text and date answers given to the case's pattern."""
        self.ensure_one()
        # Read as the flow: who may run the intake may use the answers given before (portal: own case).
        return {answer.question_id.id: answer.value_text or answer.value_date
                for answer in self.sudo().pattern_answer_ids if not answer.option_id}

    @api.multi
    def _get_pattern_answers_text(self):
        """The answers as lines "question: answer", for the work orders and the case page."""
        self.ensure_one()
        return "\n".join("%s: %s" % (answer.question_id.name, answer.answer)
                         for answer in self.sudo().pattern_answer_ids)

    @api.multi
    def _set_pattern_answers(self, answer_vals):
        """Store the checked answers (``product.template._get_pattern_answer_vals``) on the case."""
        self.ensure_one()
        # The answers were checked by the pattern just before; nobody creates or changes them directly
        # (no access right allows it), the intake stores them for the case it was allowed to take in.
        Answer = self.env["gd.servicedesk.pattern.answer"].sudo()
        Answer.search([("ticket_id", "=", self.id)]).unlink()
        for sequence, vals in enumerate(answer_vals):
            Answer.create(dict(vals, ticket_id=self.id, sequence=sequence))

    @api.multi
    def _do_intake(self, items, pattern=None, options=None, escalation_reason=None, force_route=False,
                   values=None):
        """Translate the question into work orders, an expert intake, or an escalation.

        ``items`` and ``pattern`` are product.template records, ``options`` the pattern's chosen options and
        ``values`` its text and date answers ({question id: value}); they are checked in full before anything
        is written.
        ``escalation_reason`` sends the question to account management whatever the items say (the
        desk found no process for it). ``force_route`` is account management turning an escalated
        question into work orders: escalation no longer applies, the mandate still does.
        """
        self.ensure_one()
        self._check_intake_allowed(items, pattern, force_route)
        # From here the intake sets the flow's fields of the ticket and creates its work orders.
        self = self._transition("gd.servicedesk.work.order")
        items = items or self.env["product.template"]
        options = options or self.env["gd.catalog.pattern.option"]
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is closed.") % {"ticket": self.number})
        if not self.partner_id:
            raise UserError(_("Choose the requester of ticket %(ticket)s first.") % {"ticket": self.number})
        if not items and not pattern and not escalation_reason:
            raise UserError(_("Choose the catalogue items or the pattern of ticket %(ticket)s, or escalate it to "
                              "account management with a reason.") % {"ticket": self.number})
        answer_vals = pattern.with_env(self.env)._get_pattern_answer_vals(options, values) if pattern else None
        plan = self._get_intake_plan(items, pattern, options)
        refused = [entitlement["reason"] for item, entitlement in plan if not entitlement["allowed"]]
        if refused:
            raise UserError("\n".join(refused))
        if answer_vals is not None:
            self._set_pattern_answers(answer_vals)
        intake_vals = {
            "request_product_ids": [(4, item.id) for item in items | (pattern or items.browse())],
            "pattern_id": pattern.id if pattern else self.pattern_id.id,
            "pattern_option_ids": [(4, option.id) for option in options],
            "intake_date": fields.Datetime.now(),
        }
        escalations = [entitlement["reason"] for item, entitlement in plan if entitlement["handling"] == "escalate"]
        if escalation_reason:
            escalations.insert(0, escalation_reason)
        if escalations and not force_route:
            self.write(intake_vals)
            return self._do_escalate("\n".join(escalations))
        # The note of the routing (its parts) goes with the note of the case's tracked changes below: one
        # message on the case, not two.
        note = {}
        orders = self.with_context(gd_routing_note=note)._create_intake_work_orders(plan, pattern, items)
        orders = orders.with_env(self.env)
        progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
        # What was asked and where it went, in one write: one tracked change of the case, not two.
        vals = dict(intake_vals, handling="intake" if "intake" in orders.mapped("kind") else "route",
                    stage_id=progress.id, team_id=self._default_team_id().id, desk_decision_pending=False)
        if not self.user_id and self.env.uid != SUPERUSER_ID and self.env.user.has_group("gd_servicedesk.group_user"):
            vals["user_id"] = self.env.user.id
        self.with_context(gd_routing_note=note).write(vals)
        if note.get("body") and not note.get("posted"):
            self.message_post(body=note["body"], subtype="mail.mt_note")
        self._send_notice("received")
        return orders

    @api.multi
    def _create_intake_work_orders(self, plan, pattern=None, items=None):
        """The work orders of an intake ``plan`` ([(item, entitlement)]): each by its own class and level.

        A pattern decides by its own class and level, its building blocks by theirs: a tactical pattern
        first gets an expert intake of its owner back office (its blocks follow from the outcome); a plus
        pattern is delivered and charged as a work order of its own next to its blocks; a basis pattern is
        only its blocks. ``items`` are the items asked next to the pattern, routed in any case.
        """
        self.ensure_one()
        # The parts share one plan of the calendars' working days, and the case's progress and back offices
        # are computed once for all of them rather than after each part. Their followers, the notices to
        # their assignees and the note of what was routed are one set too (_announce_routing); what the
        # intake decided about each item (its entitlement) and what the case tells every part (its
        # description) are not worked out again for each part.
        Order = self.env["gd.servicedesk.work.order"].with_context(
            recompute=False, gd_calendar_memo={}, gd_routing_set=True,
            gd_intake_entitlements={item.id: entitlement for item, entitlement in plan},
            gd_intake_description=self._get_work_order_description())
        pattern = pattern or self.env["product.template"]
        items = items or self.env["product.template"]
        pattern_entitlement = dict(plan).get(pattern) if pattern else None
        if pattern and pattern_entitlement["handling"] == "intake":
            todo = [(pattern, pattern_entitlement)] + [
                (item, entitlement) for item, entitlement in plan if item in items and not item.is_pattern]
        else:
            todo = [(item, entitlement) for item, entitlement in plan if not item.is_pattern]
            if pattern and pattern.financing_class == "plus":
                todo.insert(0, (pattern, pattern_entitlement))
        if not todo:
            raise UserError(_("Choose at least one catalogue item that a back office delivers."))
        orders = Order
        for item, entitlement in todo:
            if not item.backoffice_id:
                raise UserError(_("No back office delivers %(item)s: route it by hand or escalate.")
                                % {"item": item.display_name})
        numbers = Order._next_numbers(len(todo))
        for (item, entitlement), number in zip(todo, numbers):
            kind = "intake" if entitlement["handling"] == "intake" else "delivery"
            vals = self.with_env(Order.env)._prepare_work_order_vals(item, kind)
            vals.setdefault("number", number)
            orders |= Order.create(vals)
        orders.recompute()
        orders = orders.with_env(self.env)
        self._announce_routing(orders)
        return orders

    @api.multi
    def _prepare_work_order_vals(self, item, kind):
        self.ensure_one()
        name = item.name if kind == "delivery" else _("Intake: %(item)s") % {"item": item.name}
        description = self.env.context.get("gd_intake_description")
        return {
            "ticket_id": self.id,
            "product_tmpl_id": item.id,
            "backoffice_id": item.backoffice_id.id,
            "kind": kind,
            "name": name,
            "description": description if description is not None else self._get_work_order_description(),
            "company_id": self.company_id.id or self.env.user.company_id.id,
        }

    @api.multi
    def _get_work_order_description(self):
        """What every part of this case tells its back office: the description and the pattern's answers."""
        self.ensure_one()
        return "\n\n".join(text for text in (html2plaintext(self.description or "").strip(),
                                              self._get_pattern_answers_text()) if text)

    @api.multi
    def _get_intake_entitlement(self, item):
        """The entitlement of ``item`` as the intake under way decided it, else as it is now."""
        entitlement = self.env.context.get("gd_intake_entitlements", {}).get(item.id)
        return dict(entitlement) if entitlement is not None else self._get_entitlement(item)

    @api.multi
    def _do_escalate(self, reason):
        """Hand the question to account management, with the reason."""
        self._check_escalation_allowed()
        self = self._transition()  # escalating sets the flow's fields
        stage = self.env["helpdesk.ticket.stage"]._get_by_code("escalated")
        team = self.env["helpdesk.ticket.team"]._get_by_role("account_management")
        now = fields.Datetime.now()
        for ticket in self:
            ticket.write({
                "escalated": True, "escalation_reason": reason, "escalation_date": now, "handling": "escalate",
                "stage_id": stage.id, "team_id": team.id, "user_id": ticket.account_manager_id.id or False,
            })
        self._hold_work_orders()
        self._send_notice("escalated")
        return self.env["gd.servicedesk.work.order"]

    @api.multi
    def _do_resolve(self):
        self._lock_for_transition()
        for ticket in self:
            if not (ticket.resolution or "").strip():
                raise UserError(_("Describe the resolution of ticket %(ticket)s first.") % {"ticket": ticket.number})
            if ticket.closed:
                raise UserError(_("Ticket %(ticket)s is closed.") % {"ticket": ticket.number})
        self._transition_write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id})

    # ------------------------------------------------------------------ guards of the flow

    @api.multi
    def _check_intake_allowed(self, items, pattern=None, force_route=False):
        """Lock the ticket and refuse an intake that would deliver something twice.

        Of two users taking in one ticket at once, one wins and the other is told (the row lock). A
        ticket with work orders takes further single items only ("Add items"): an item that already has
        an open or done work order on it, or a pattern, is refused, never routed again. An escalated
        question is turned into work orders by account management (``force_route``), not taken in again.
        """
        self.ensure_one()
        self._lock_for_transition()
        values = {"ticket": self.number or self.name}
        if self.handling == "escalate" and not force_route and not self.closed:
            raise UserError(_("Ticket %(ticket)s is with account management: it turns the question into work "
                              "orders or resolves it.") % values)
        orders = self.work_order_ids.filtered(lambda order: order.state != "cancel")
        if not orders:
            return True
        if pattern:
            raise UserError(_("Ticket %(ticket)s was already taken in and has work orders: add single items "
                              "instead of a pattern.") % values)
        twice = (items or self.env["product.template"]) & orders.mapped("product_tmpl_id")
        if twice:
            values["items"] = ", ".join(twice.mapped("display_name"))
            raise UserError(_("Ticket %(ticket)s already has work orders for %(items)s: they are not routed "
                              "twice. Route a work order again from the work order itself.") % values)
        return True

    @api.multi
    def _check_escalation_allowed(self):
        """Lock the tickets (a work order completing at the same time waits or is refused) and refuse
        escalating a closed case."""
        self._lock_for_transition()
        closed = self.filtered("closed")
        if closed:
            raise UserError(_("Ticket %(ticket)s is closed: it cannot go to account management.")
                            % {"ticket": closed[0].number or closed[0].name})
        return True

    # ------------------------------------------------------------------ holding, resuming, refusing

    @api.multi
    def action_resume(self):
        """Account management hands the escalated case back: its work orders continue."""
        self._do_resume()
        return True

    @api.multi
    def action_refuse(self):
        """Refuse the request (or cancel the escalated case), with the reason for the customer."""
        self.ensure_one()
        return self._wizard_action(_("Refuse"), "helpdesk.ticket.refuse", {"default_ticket_id": self.id})

    @api.multi
    def action_approve_request(self):
        """The desk approves a portal request that awaited its decision: intake runs as requested."""
        self._do_approve_request()
        return True

    @api.multi
    def _is_on_hold(self):
        """The case is with account management: its work orders stop until it decides."""
        self.ensure_one()
        return self.is_on_hold

    @api.multi
    def _hold_work_orders(self):
        """Tell the back offices that their open parts of an escalated case are on hold."""
        for ticket in self.sudo():
            open_orders = ticket.work_order_ids.filtered(lambda order: order.state in OPEN_STATES)
            for order in open_orders:
                order.message_post(body=_("On hold: the case went to account management, which decides whether "
                                          "it goes on."), subtype="mail.mt_note")

    @api.multi
    def _is_delivered(self):
        """Every part is done and something was delivered: an expert intake alone delivers nothing, and a
        refused one ends the case as refused, not done."""
        self.ensure_one()
        orders = self.sudo().work_order_ids.filtered(lambda order: order.state != "cancel")
        return bool(orders) and all(order.state == "done" for order in orders) \
            and any(order.kind == "delivery" for order in orders) \
            and not any(order.intake_outcome == "refuse" for order in orders)

    @api.multi
    def _check_escalation_decider(self):
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not (user.has_group("gd_servicedesk.group_account_manager")
                                                 or user.has_group("gd_servicedesk.group_manager")):
            raise AccessError(_("Only account management decides on an escalated case."))

    @api.multi
    def _do_resume(self):
        """Account management lets the case go on with its open work orders."""
        self._check_escalation_decider()
        progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
        for ticket in self:
            if not ticket._is_on_hold():
                raise UserError(_("Ticket %(ticket)s is not on hold with account management.")
                                % {"ticket": ticket.number})
            open_orders = ticket.sudo().work_order_ids.filtered(lambda order: order.state in OPEN_STATES)
            if not open_orders:
                raise UserError(_("Ticket %(ticket)s has no work orders to resume: turn it into work orders, make "
                                  "a quote or refuse it.") % {"ticket": ticket.number})
            # Out of the escalated stage only through this transition (see _check_stage_move).
            ticket._transition_write({"stage_id": progress.id, "team_id": ticket._default_team_id().id})
            if ticket.escalation_date:
                open_orders._resume_deadlines(fields.Datetime.from_string(ticket.escalation_date),
                                              fields.Datetime.from_string(fields.Datetime.now()))
            for order in open_orders:
                order.message_post(body=_("Resumed by account management."), subtype="mail.mt_note")

    @api.multi
    def _do_refuse(self, reason):
        """Close the case as refused: open parts are cancelled, the customer is told why."""
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the refusal: the customer reads it."))
        for ticket in self:
            if ticket.closed:
                raise UserError(_("Ticket %(ticket)s is closed.") % {"ticket": ticket.number})
            if ticket._is_on_hold():
                ticket._check_escalation_decider()
            elif not (self.env.uid == SUPERUSER_ID or self.env.user.has_group("gd_servicedesk.group_user")
                      or self.env.context.get("gd_expert_outcome")):
                raise AccessError(_("Only the service desk can refuse a request."))
        cancel = self.env["helpdesk.ticket.stage"]._get_by_code("cancel")
        # The caller was checked above; back-office experts refusing after their intake only read the case.
        for ticket in self.sudo():
            ticket.work_order_ids.filtered(lambda order: order.state in OPEN_STATES).write({"state": "cancel"})
            ticket.write({"stage_id": cancel.id, "resolution": reason, "desk_decision_pending": False})
            ticket.message_post(
                body=_("<p>Dear %(name)s,</p><p>We cannot deliver your request %(ticket)s: %(reason)s</p>") % {
                    "name": ticket.partner_id.name or "", "ticket": ticket.number, "reason": reason},
                subtype="mail.mt_comment", message_type="comment", partner_ids=ticket.partner_id.ids)
        return True

    # ------------------------------------------------------------------ expert intake outcome

    @api.multi
    def _do_expert_intake_outcome(self, order, outcome, note, items=None):
        """What the expert's intake ``order`` leads to: delivery, a quote by account management, or refusal.

        ``deliver`` routes the agreed items (default: the item of the intake; for a pattern its building
        blocks for the answers given) as deliveries whose norm starts now; ``quote`` escalates the case to
        account management as custom work; ``refuse`` closes it with the expert's reason.
        """
        self.ensure_one()
        if outcome == "deliver":
            item = order.product_tmpl_id
            done = self.with_context(gd_intake_done_ids=(item | (items or item)).ids)
            if item.is_pattern:
                plan = done._get_intake_plan(self.env["product.template"], item, self.pattern_option_ids)
                orders = done._deliver_plan(plan, item)
            else:
                orders = done._deliver_plan(done._get_intake_plan(items or item))
            self.write({"request_product_ids": [(4, record.id) for record in (items or item)]})
            return orders
        if outcome == "quote":
            return self._do_escalate(_("Expert intake of %(item)s: custom work, account management makes a quote. "
                                       "%(note)s") % {"item": order.product_tmpl_id.display_name, "note": note})
        if outcome == "refuse":
            return self.with_context(gd_expert_outcome=True)._do_refuse(note)
        raise UserError(_("Unknown outcome %(outcome)s.") % {"outcome": outcome})

    @api.multi
    def _deliver_plan(self, plan, pattern=None):
        self.ensure_one()
        refused = [entitlement["reason"] for item, entitlement in plan if not entitlement["allowed"]]
        if refused:
            raise UserError("\n".join(refused))
        custom = [entitlement["reason"] for item, entitlement in plan if entitlement["handling"] == "escalate"]
        if custom:
            raise UserError(_("Choose the outcome quote for custom work:\n%(reasons)s") % {"reasons": "\n".join(custom)})
        # The expert of the back office decided on delivery; creating the work orders is the desk's routing.
        return self.sudo()._create_intake_work_orders(plan, pattern)

    # ------------------------------------------------------------------ portal requests awaiting the desk

    @api.multi
    def _check_portal_request(self, plan):
        """Refusals of a portal request's plan that only the desk can lift (pay-per-use), else raise."""
        refused = [entitlement for item, entitlement in plan if not entitlement["allowed"]]
        final = [entitlement["reason"] for entitlement in refused if not entitlement.get("desk_decision")]
        if final:
            raise UserError("\n".join(final))
        return [entitlement["reason"] for entitlement in refused]

    @api.multi
    def _do_await_desk_decision(self, items, pattern, options, reasons, values=None):
        """Keep the portal request for the desk's decision and tell the customer it waits for the desk."""
        self.ensure_one()
        if pattern:
            self._set_pattern_answers(pattern.with_env(self.env)._get_pattern_answer_vals(options, values))
        self.write({
            "request_product_ids": [(4, item.id) for item in items | (pattern or items.browse())],
            "pattern_id": pattern.id if pattern else False,
            "pattern_option_ids": [(6, 0, options.ids if options else [])],
            "desk_decision_pending": True,
            "desk_decision_reason": "\n".join(reasons),
        })
        self.message_post(
            body=_("<p>Dear %(name)s,</p><p>Your request %(ticket)s was received. It waits for the service desk, "
                   "which decides how it can be delivered: %(reasons)s</p>") % {
                "name": self.partner_id.name or "", "ticket": self.number, "reasons": " ".join(reasons)},
            subtype="mail.mt_comment", message_type="comment", partner_ids=self.partner_id.ids)

    @api.multi
    def _do_approve_request(self):
        """The desk approves the request as asked (agreement modules record the terms, e.g. pay-per-use)."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("gd_servicedesk.group_user"):
            raise AccessError(_("Only the service desk decides on requests."))
        orders = self.env["gd.servicedesk.work.order"]
        for ticket in self:
            if not ticket.desk_decision_pending:
                raise UserError(_("Ticket %(ticket)s does not await a decision of the desk.")
                                % {"ticket": ticket.number})
            pattern = ticket.pattern_id
            items = ticket.request_product_ids - pattern
            orders |= ticket.with_context(gd_desk_approved=True)._do_intake(
                items, pattern=pattern or None, options=ticket.pattern_option_ids,
                values=ticket._get_pattern_values() if pattern else None)
        return orders
