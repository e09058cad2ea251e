from odoo import _, api, fields, models
from odoo.addons.gd_catalog.text import clean_text
from odoo.exceptions import UserError

from .gd_servicedesk_work_order import OPEN_STATES

# What the flow sets on the case (intake, escalation, notices, answers, satisfaction): written by its
# transitions only. The stage has rules of its own (_check_stage_move).
TRANSITION_FIELDS = {"handling", "intake_date", "escalated", "escalation_reason", "escalation_date",
                     "request_product_ids", "pattern_id", "pattern_option_ids", "notice_received_date",
                     "notice_escalated_date", "notice_completed_date", "answered_by_knowledge_id",
                     "is_first_contact_resolution", "satisfaction", "satisfaction_date"}
# Stages a desk agent may move a case between by hand; into or out of the others only the flow moves it.
MANUAL_STAGE_CODES = (False, "new", "progress", "waiting")
# Subjects longer than this are refused: a subject is one line, the description holds the rest.
NAME_MAX_LENGTH = 250


class HelpdeskTicket(models.Model):
    """The customer's case: one ticket per question, whatever the channel and however many parts.

    The ticket's concerns each have a file of their own, extending this model: intake (entitlement,
    routing, escalation), notices, satisfaction, knowledge, appointments and the portal.
    """

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "gd.transition.mixin"]
    # Customers answer on their own case from the portal; the record rules decide which cases they read.
    _mail_post_access = "read"

    def _default_team_id(self):
        return self.env["helpdesk.ticket.team"]._get_by_role("desk")

    team_id = fields.Many2one(default=_default_team_id)
    # helpdesk_mgmt's related field is writable: the web client sends it with a new ticket, and writing it
    # through would change the stage itself (refused to the desk, so the desk could not register a ticket).
    closed = fields.Boolean(related="stage_id.closed", readonly=True)
    client_id = fields.Many2one(
        "res.partner", string="Client organisation", related="partner_id.commercial_partner_id", store=True,
        index=True, readonly=True)
    account_manager_id = fields.Many2one(
        "res.users", string="Account manager", related="client_id.account_manager_id", store=True, index=True,
        readonly=True)
    # Computed from the channel alone, not related to its code: an upgrade of the module writes the channels
    # of its data again, and a stored related field would then recompute every ticket of a channel (200,000
    # at a ministry's size). A channel in use keeps its code (see helpdesk.ticket.channel's write()).
    channel_code = fields.Selection(
        "_selection_channel_code", string="Channel kind", compute="_compute_channel_code", store=True,
        readonly=True)
    ticket_type = fields.Selection(
        "_selection_ticket_type", string="Type", required=True, default="request", index=True,
        track_visibility="onchange")
    # helpdesk_mgmt gives the ticket number no index, and every ticket list sorts on it.
    number = fields.Char(index=True)
    # Nor the requester, on which a portal user's own cases are found (the portal's record rule).
    partner_id = fields.Many2one(index=True)
    work_order_ids = fields.One2many("gd.servicedesk.work.order", "ticket_id", string="Work orders", copy=False)
    backoffice_ids = fields.Many2many(
        "gd.backoffice", "gd_servicedesk_ticket_backoffice_rel", "ticket_id", "backoffice_id",
        string="Back offices", compute="_compute_backoffice_ids", store=True,
        help="The back offices with work on this case. Their members see the case.")
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
    is_desk_user = fields.Boolean(compute="_compute_is_desk_user")

    @api.model
    def _selection_ticket_type(self):
        return [("request", _("Request")), ("question", _("Question")), ("incident", _("Incident")),
                ("complaint", _("Complaint"))]

    @api.model
    def _selection_deadline_state(self):
        return self.env["gd.servicedesk.work.order"]._selection_deadline_state()


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

    @api.depends("work_order_ids.backoffice_id")
    def _compute_backoffice_ids(self):
        # Stored so that the back-office record rule is a join on this small table, not the ids of every
        # work order of the unit; all parts count, also those another back office's member cannot read.
        for ticket in self:
            ticket.backoffice_ids = ticket.sudo().work_order_ids.mapped("backoffice_id")

    @api.depends("work_order_done_count", "work_order_count")
    def _compute_progress_label(self):
        # The two counts alone, in one query when they are not read yet: through plain records a list that shows
        # the label fetched every column of its cases (descriptions among them).
        names = ["work_order_done_count", "work_order_count"]
        cache, fields_ = self.env.cache, [self._fields[name] for name in names]
        unread = [ticket.id for ticket in self if isinstance(ticket.id, int)
                  and not all(cache.contains(ticket, field) for field in fields_)]
        counts = {row["id"]: (row[names[0]], row[names[1]]) for row in self.browse(unread).read(names)} \
            if unread else {}
        for ticket in self:
            done, total = counts.get(ticket.id) or (ticket.work_order_done_count, ticket.work_order_count)
            ticket.progress_label = "%d/%d" % (done, total)

    @api.depends("create_date", "closed_date")
    def _compute_lead_time_days(self):
        for ticket in self:
            if ticket.create_date and ticket.closed_date:
                delta = (fields.Datetime.from_string(ticket.closed_date)
                         - fields.Datetime.from_string(ticket.create_date))
                ticket.lead_time_days = delta.total_seconds() / 86400.0
            else:
                ticket.lead_time_days = 0.0

    @api.multi
    def _compute_is_desk_user(self):
        is_desk = self.env.user.has_group("gd_servicedesk.group_user")
        for ticket in self:
            ticket.is_desk_user = is_desk

    @api.model
    def _selection_channel_code(self):
        return self.env["helpdesk.ticket.channel"]._selection_code()

    @api.depends("channel_id")
    def _compute_channel_code(self):
        for ticket in self:
            ticket.channel_code = ticket.channel_id.code

    @api.model
    def _get_transition_fields(self):
        return super(HelpdeskTicket, self)._get_transition_fields() | TRANSITION_FIELDS

    # ------------------------------------------------------------------ CRUD and mail gateway

    @api.model
    def create(self, vals):
        vals = self._clean_text_vals(vals)
        if vals.get("stage_id") and not self._may_write_transition_fields():
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.code not in MANUAL_STAGE_CODES:
                raise UserError(_("A new ticket starts as new, in progress or waiting; %(stage)s follows from "
                                  "its actions.") % {"stage": stage.name})
        return super(HelpdeskTicket, self).create(vals)

    @api.multi
    def write(self, vals):
        vals = self._clean_text_vals(vals)
        if vals.get("stage_id"):
            self._check_stage_move(self.env["helpdesk.ticket.stage"].browse(vals["stage_id"]))
        res = super(HelpdeskTicket, self).write(vals)
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.code == "done":
                self._send_notice("completed")
        return res

    @api.multi
    def send_user_mail(self):
        """helpdesk_mgmt mails the assignee of a case; not the user who just took the case on themselves (the
        desk agent at intake), as Odoo's own assignment notice leaves out the current user."""
        if self.user_id == self.env.user:
            return None
        return super(HelpdeskTicket, self).send_user_mail()

    @api.model
    def message_new(self, msg, custom_values=None):
        """A mail to the service desk alias becomes a ticket of the e-mail channel.

        The sender is the requester only when the mail gateway recognised the address as a known contact;
        otherwise the address is kept and the desk chooses the requester during intake.
        """
        values = dict(custom_values or {})
        values.setdefault("channel_id", self.env["helpdesk.ticket.channel"]._get_by_code("email").id)
        values.setdefault("team_id", self._default_team_id().id)
        author = self.env["res.partner"].sudo().browse(msg.get("author_id") or [])
        msg = self._gd_filter_mail_recipients(msg, author.commercial_partner_id)
        return super(HelpdeskTicket, self).message_new(msg, custom_values=values)

    @api.multi
    def message_update(self, msg, update_vals=None):
        """The customer's answer puts a case that waited for them back in progress, and reopens a done one.

        Automatic mail (an out-of-office answer, an auto-reply) changes nothing and subscribes no one;
        only staff and people of the case's own organisation in To/Cc are subscribed.
        """
        res = super(HelpdeskTicket, self).message_update(
            self._gd_filter_mail_recipients(msg, self[:1].client_id), update_vals=update_vals)
        if self.env.context.get("gd_mail_automatic"):
            return res
        self._gd_reopen_on_reply(msg)
        waiting = self.filtered(lambda ticket: ticket.stage_id.code == "waiting")
        if waiting:
            progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
            waiting.write({"stage_id": progress.id})
        return res

    # ------------------------------------------------------------------ actions (buttons)


    def action_view_work_orders(self):
        self.ensure_one()
        action = self.env.ref("gd_servicedesk.gd_servicedesk_work_order_action").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action


    @api.model
    def _wizard_action(self, name, model, context):
        return self._gd_window_action(model, name, context=context)


    # ------------------------------------------------------------------ guards

    @api.model
    def _clean_text_vals(self, vals):
        """The subject and description without control characters (they break every XML-RPC read)."""
        if not isinstance(vals.get("name"), str) and not isinstance(vals.get("description"), str):
            return vals
        vals = dict(vals)
        if "name" in vals:
            vals["name"] = clean_text(self.env, vals["name"], NAME_MAX_LENGTH, label=_("The subject"))
        if "description" in vals:
            vals["description"] = clean_text(self.env, vals["description"], multiline=True)
        return vals

    @api.multi
    def _check_stage_move(self, stage):
        """By hand a case moves between new, in progress and waiting only, or to cancelled while no part is
        open: completing, escalating, cancelling open work and reopening go through the flow."""
        if self._may_write_transition_fields():
            return
        labels = dict(self.env["helpdesk.ticket.stage"]._selection_code())
        for ticket in self:
            current = ticket.stage_id
            if current == stage:
                continue
            if current.code in MANUAL_STAGE_CODES:
                if stage.code in MANUAL_STAGE_CODES:
                    continue
                if stage.code == "cancel" and not ticket.work_order_ids.filtered(
                        lambda order: order.state in OPEN_STATES):
                    continue
            raise UserError(
                _("Ticket %(ticket)s cannot be moved from %(from)s to %(to)s by hand: use its actions "
                  "(intake, resolve, answer, the work orders) so that the rules and the notices apply.")
                % {"ticket": ticket.number or ticket.name,
                   "from": labels.get(current.code) or current.name or "-",
                   "to": labels.get(stage.code) or stage.name or "-"})

    # ------------------------------------------------------------------ progress

    @api.multi
    def _sync_stage_from_work_orders(self):
        """Complete the case when it is delivered (see _is_delivered); a case on hold waits for its decision."""
        done_stage = self.env["helpdesk.ticket.stage"]._get_by_code("done")
        # Back offices finish their own parts but only read the case; completing it follows from that.
        for ticket in self.sudo():
            if ticket.closed or ticket._is_on_hold():
                continue
            if ticket._is_delivered():
                ticket.write({"stage_id": done_stage.id})

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
        return self._gd_window_action("mail.compose.message", context={
            "default_model": self._name, "default_res_id": self.id, "default_body": body,
            "default_partner_ids": self.partner_id.ids, "default_composition_mode": "comment"})
