"""The work order: its fields, the guards on who writes what, its transitions, deadlines on the back office's
calendar and the month a delivery belongs to. The hold and an expert intake's outcome are in
gd_servicedesk_work_order_flow.py.

Over 400 lines on purpose: the write guards, the transitions and the figures they record (deadline, month of
delivery, timeliness) are the rules that compliance and the settlement read; they change together.
"""
import math

import pytz

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.addons.gd_catalog.models.mail_message import posted_by_the_server

OPEN_STATES = ("new", "progress", "waiting", "handed_back")


class FlowClock(object):
    """The one moment of a transition that both finishes a work order and routes the next ones: their done
    and start dates are then the same (the next norm starts when the intake is done, not a second before).

    A Python object in the context (key ``gd_flow_clock``), so no client can set it: RPC carries data only.
    """

    __slots__ = ("now",)

    def __init__(self, now):
        self.now = now
# Fields only the service desk may change: they decide where the work goes and when it is due.
DESK_FIELDS = {"ticket_id", "backoffice_id", "product_tmpl_id", "kind", "start_date", "deadline", "warn_date",
               "company_id"}
# What the transitions (start, wait, done, hand back, cancel, route again, the deadline check) set: measured
# by compliance and read by the settlement, so never written directly.
TRANSITION_FIELDS = {"state", "done_date", "delivery_month", "lead_time_days", "norm_used_pct", "on_time_pct", "handback_reason",
                     "handback_date", "handback_count", "notice_done_date", "deadline_state", "is_overdue"}


class GdServicedeskWorkOrder(models.Model):
    """One building block of a request, delivered by one back office."""

    _name = "gd.servicedesk.work.order"
    _description = "Work order"
    _inherit = ["mail.thread", "mail.activity.mixin", "gd.transition.mixin"]
    _order = "deadline, id"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.servicedesk.work.order")

    number = fields.Char(readonly=True, copy=False, default="/", index=True)
    name = fields.Char(string="Subject", required=True, track_visibility="onchange")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", required=True, index=True, ondelete="cascade",
        track_visibility="onchange")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", index=True, ondelete="restrict",
        domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)], track_visibility="onchange")
    backoffice_id = fields.Many2one(
        "gd.backoffice", string="Back office", required=True, index=True, ondelete="restrict",
        track_visibility="onchange")
    kind = fields.Selection(
        "_selection_kind", required=True, default="delivery",
        help="Delivery: the back office delivers the item. Intake: an expert of the back office first talks "
             "the question through with the customer.")
    user_id = fields.Many2one(
        "res.users", string="Assignee", index=True, track_visibility="onchange",
        help="Empty: the work order waits in the back office's queue.")
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Requester", readonly=True)
    client_id = fields.Many2one(
        "res.partner", string="Client organisation", related="ticket_id.client_id", store=True, index=True,
        readonly=True)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=_default_company_id, index=True)
    description = fields.Text(help="What the back office needs to know. Internal: never shown to the customer.")
    state = fields.Selection(
        "_selection_state", required=True, default="new", index=True, track_visibility="onchange", copy=False)
    start_date = fields.Datetime(
        string="Routed on", required=True, default=fields.Datetime.now, copy=False,
        help="The moment the work order was routed; the norm runs from here.")
    deadline = fields.Datetime(
        index=True, copy=False, track_visibility="onchange",
        help="When the norm of the item is used up, on the back office's working calendar.")
    warn_date = fields.Datetime(
        string="At risk from", copy=False,
        help="When the company's at-risk share of the norm (75% unless set otherwise) is used up.")
    done_date = fields.Datetime(index=True, copy=False, readonly=True)
    delivery_month = fields.Date(
        string="Month of delivery", copy=False, readonly=True,
        help="The first day of the month this delivery belongs to: the month it was done in, in the company's "
             "time zone. Compliance and the settlement count it in this month.")
    deadline_state = fields.Selection(
        "_selection_deadline_state", string="Timeliness", index=True, copy=False, readonly=True,
        help="On time, at risk (the at-risk share of the norm used, see Settings) or late. Refreshed by the "
             "deadline check every hour.")
    is_overdue = fields.Boolean(
        string="Overdue", readonly=True, copy=False, index=True,
        help="The deadline passed before the work order was done; the back office manager and the desk "
             "were warned.")
    handback_reason = fields.Text(string="Reason for handing back", copy=False, track_visibility="onchange")
    handback_date = fields.Datetime(string="Handed back on", copy=False, readonly=True)
    handback_count = fields.Integer(string="Times handed back", copy=False, readonly=True)
    notice_done_date = fields.Datetime(string="Part-done notice sent on", copy=False, readonly=True)
    lead_time_days = fields.Float(
        string="Lead time (days)", readonly=True, copy=False, group_operator="avg",
        help="Calendar days from routing to done.")
    norm_used_pct = fields.Float(
        string="Norm used (%)", readonly=True, copy=False, group_operator="avg",
        help="The share of the time allowed by the norm that delivery took: above 100 is late.")
    on_time_pct = fields.Float(
        string="On time (%)", readonly=True, copy=False, group_operator="avg",
        help="100 when done by the deadline, 0 when late; its average is the on-time percentage.")
    is_desk_user = fields.Boolean(compute="_compute_is_desk_user")

    _sql_constraints = [
        ("number_company_uniq", "unique(number, company_id)", "The work order number must be unique."),
    ]

    @api.model
    def _selection_kind(self):
        return [("delivery", _("Delivery")), ("intake", _("Expert intake"))]

    @api.model
    def _selection_state(self):
        return [
            ("new", _("New")),
            ("progress", _("In progress")),
            ("waiting", _("Waiting")),
            ("done", _("Done")),
            ("cancel", _("Cancelled")),
            ("handed_back", _("Handed back")),
        ]

    @api.model
    def _selection_deadline_state(self):
        return [("on_time", _("On time")), ("at_risk", _("At risk")), ("late", _("Late"))]

    @api.multi
    def _compute_is_desk_user(self):
        is_desk = self.env.user.has_group("gd_servicedesk.group_user")
        for order in self:
            order.is_desk_user = is_desk

    @api.model_cr
    def init(self):
        # The desk's and the back offices' lists show the open work orders by deadline: a few thousand among
        # a million done ones. The deadline check of the cron reads the same rows.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS gd_servicedesk_work_order_open_deadline_index "
            "ON gd_servicedesk_work_order (deadline, id) WHERE state IN %s" % (OPEN_STATES,))

    @api.model
    def _get_transition_fields(self):
        return super(GdServicedeskWorkOrder, self)._get_transition_fields() | TRANSITION_FIELDS

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("number", "/") == "/":
            vals["number"] = self.env["ir.sequence"].next_by_code("gd.servicedesk.work.order") or "/"
        if vals.get("product_tmpl_id"):
            item = self.env["product.template"].browse(vals["product_tmpl_id"])
            vals.setdefault("backoffice_id", item.backoffice_id.id)
            vals.setdefault("name", item.name)
        # The caller's own values are checked here; what routing decides from them (the assignee, the
        # deadline and its timeliness) goes into the same INSERT rather than writes after it, each of which
        # would be a tracked, audited change of its own and a recompute of the case's progress.
        self._check_transition_vals(vals, creating=True)
        vals = self._prepare_routing_vals(vals)
        # The assignee follows the work order: mail.thread subscribes the tracked user_id on create. Its
        # "created" note and the note of its first values are one message (see _log_creation).
        # Made by a routing with other parts (its transition already runs): the routing subscribes, notifies
        # and notes the set at once (helpdesk.ticket._announce_routing), the work order's chatter stays open
        # for later messages. The parts share the routing's environment, so that their stored fields are
        # computed for all of them at once.
        routing = self.env.context.get("gd_routing_set") and self._may_write_transition_fields()
        creating = (self if routing else self._transition()).with_context(mail_create_nolog=True, mail_notrack=True)
        if routing:
            creating = creating.with_context(tracking_disable=True)
        order = super(GdServicedeskWorkOrder, creating).create(vals).with_env(self.env)
        if not routing:
            order._log_creation(list(vals))
        return order

    @api.model
    def _next_numbers(self, count):
        """``count`` numbers of the work order sequence, as ``next_by_code`` gives them one by one (it finds
        and reads the sequence for each number)."""
        company = self.env.context.get("force_company") or self.env.user.company_id.id
        sequence = self.env["ir.sequence"].search([("code", "=", self._name), ("company_id", "in", [company, False])],
                                                  order="company_id", limit=1)
        return [sequence._next() if sequence else "/" for _index in range(count)]

    @api.multi
    def _add_followers(self, partners_by_order):
        """Subscribe ``partners_by_order`` ({work order: res.partner}) to these new work orders at once.

        What mail.thread's create and ``message_subscribe`` do for each work order and each partner (a
        search of the existing followers, then an INSERT of the follower and one of its subtypes), as two
        statements for the set: the followers get Odoo's default subtypes of the model (employees) or its
        external ones (others), as ``message_subscribe`` gives them. Existing followers are kept as they are.
        """
        rows = [(order.id, partner.id) for order, partners in partners_by_order.items() for partner in partners]
        if not rows:
            return
        default, _internal, external = self.env["mail.message.subtype"].default_subtypes(self._name)
        employees = set(self.env["res.users"].sudo().search([
            ("partner_id", "in", list({partner_id for _order_id, partner_id in rows})),
            ("share", "=", False)]).mapped("partner_id").ids)
        cr = self.env.cr
        cr.execute("INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES %s "
                   "ON CONFLICT DO NOTHING RETURNING id, partner_id" % ", ".join(["(%s, %s, %s)"] * len(rows)),
                   [value for order_id, partner_id in rows for value in (self._name, order_id, partner_id)])
        links = [(follower_id, subtype_id) for follower_id, partner_id in cr.fetchall()
                 for subtype_id in (default if partner_id in employees else external).ids]
        if links:
            cr.execute("INSERT INTO mail_followers_mail_message_subtype_rel "
                       "(mail_followers_id, mail_message_subtype_id) VALUES %s" % ", ".join(["(%s, %s)"] * len(links)),
                       [value for link in links for value in link])
        self.invalidate_cache(["message_follower_ids", "message_partner_ids", "message_channel_ids"], self.ids)

    @api.multi
    def _log_creation(self, field_names):
        """One note on a new work order: "Work order created" with the values it starts with.

        Odoo 11 logs a creation note and then a second note with the tracked values; each message is
        notified and formatted for the followers' inboxes, for every part of a case.
        """
        context = self.env.context
        if context.get("tracking_disable") or context.get("mail_create_nolog"):
            return
        thread = self if "lang" in context else self.with_context(lang=self.env.user.lang)
        tracking_value_ids = []
        tracked = {} if context.get("mail_notrack") else thread._get_tracked_fields(field_names)
        if tracked:
            tracking_value_ids = thread._message_track(tracked, dict.fromkeys(tracked, False))[1]
        with posted_by_the_server():
            self.message_post(body=_("%(model)s created") % {"model": self.env["ir.model"]._get(self._name).name},
                              tracking_value_ids=tracking_value_ids)

    @api.model
    def _prepare_routing_vals(self, vals):
        """``vals`` completed with the start, the assignee of the routing rule, the deadline on the back
        office's calendar and its timeliness, computed on a draft of the new work order."""
        vals = dict(vals)
        vals.setdefault("start_date", self._flow_now())
        if not vals.get("company_id"):
            vals["company_id"] = self._default_company_id().id
        draft = self.new(vals)
        if not vals.get("user_id"):
            vals["user_id"] = draft._get_default_assignee().id or False
        if "deadline" not in vals:
            deadline, warn = draft._compute_deadline_dates(fields.Datetime.from_string(vals["start_date"]))
            vals["deadline"] = fields.Datetime.to_string(deadline) if deadline else False
            vals["warn_date"] = fields.Datetime.to_string(warn) if warn else False
            draft.deadline, draft.warn_date = vals["deadline"], vals["warn_date"]
        vals["deadline_state"] = draft._get_deadline_state() or False
        return vals

    @api.multi
    def write(self, vals):
        if DESK_FIELDS & set(vals) and not self._is_desk_or_superuser():
            raise AccessError(_("Only the service desk can change where a work order goes and when it is due."))
        res = super(GdServicedeskWorkOrder, self).write(vals)
        if {"state", "deadline", "warn_date", "done_date"} & set(vals):
            self._update_deadline_state()
        if vals.get("user_id"):
            self.message_subscribe_users(user_ids=[vals["user_id"]])
        return res

    @api.multi
    def name_get(self):
        return [(order.id, "%s %s" % (order.number, order.name) if order.number not in (False, "/")
                 else order.name) for order in self]

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_start(self):
        self._do_set_state("progress")
        return True

    @api.multi
    def action_wait(self):
        self._do_set_state("waiting")
        return True

    @api.multi
    def action_done(self):
        self._do_done()
        return True

    @api.multi
    def action_cancel(self):
        self._check_desk()
        self._do_set_state("cancel")
        return True

    @api.multi
    def action_hand_back(self):
        self.ensure_one()
        return self._gd_window_action("gd.servicedesk.work.order.hand.back", _("Hand back to the service desk"),
                                      context={"default_work_order_id": self.id})

    @api.multi
    def action_reroute(self):
        self.ensure_one()
        self._check_desk()
        return self._gd_window_action("gd.servicedesk.work.order.reroute", _("Route again"),
                                      context={"default_work_order_id": self.id})

    @api.multi
    def action_ask_customer(self):
        """The desk asks the customer for what the back office missed; the part waits meanwhile."""
        self.ensure_one()
        self._check_desk()
        self._do_set_state("waiting")
        return self.ticket_id._action_ask_customer(self)

    # ------------------------------------------------------------------ business methods

    @api.multi
    def _get_norm(self):
        """(lead_time, unit) of the delivery norm: unit is 'hours' or 'days' (working time).

        The catalogue item's lead-time norm; agreement modules override this with the agreed service level.
        """
        self.ensure_one()
        item = self.product_tmpl_id
        return item.lead_time or 0.0, item.lead_time_unit or "days"

    @api.multi
    def _get_calendar(self):
        self.ensure_one()
        calendar = self.backoffice_id.resource_calendar_id or self.company_id.resource_calendar_id
        return calendar.with_context(tz=self._get_calendar_tz())

    @api.multi
    def _get_calendar_tz(self):
        self.ensure_one()
        return self.company_id.gd_tz

    @api.multi
    def _get_delivery_month(self, done_date=None):
        """The month this delivery belongs to (its first day, as a date string): the month it was done in, in
        the company's time zone. The done transition stores it in ``delivery_month``, which compliance and the
        settlement read (one index serves both); ``_delivery_month_sql`` says the same in SQL."""
        self.ensure_one()
        done = fields.Datetime.from_string(done_date or self.done_date)
        if not done:
            return False
        local = pytz.utc.localize(done).astimezone(pytz.timezone(self._get_calendar_tz()))
        return fields.Date.to_string(local.date().replace(day=1))

    @api.model
    def _delivery_month_sql(self, done_date="wo.done_date", tz="c.gd_tz"):
        """``_get_delivery_month`` as an SQL expression: the month of ``done_date`` (UTC) in the time zone
        ``tz`` (SQL expressions: by default the company's setting joined as ``c``), for statements that write
        work orders in sets (migrations, benchmark data)."""
        return "(date_trunc('month', ({done} AT TIME ZONE 'UTC') AT TIME ZONE {tz}))::date".format(
            done=done_date, tz=tz)

    @api.multi
    def _compute_deadline_dates(self, start):
        """(deadline, warn_date) as naive UTC datetimes for a work order routed at ``start``.

        The deadline is the norm planned on the back office's working calendar (public holidays are
        global leaves of that calendar); the warn date is where the company's at-risk share of the working
        time up to the deadline is used. (False, False) when the item has no norm or the back office no calendar.
        """
        self.ensure_one()
        lead_time, unit = self._get_norm()
        calendar = self._get_calendar()
        if not lead_time or not calendar:
            return False, False
        if unit == "hours":
            deadline = calendar._gd_plan_working_hours(start, lead_time)
        else:
            deadline = calendar._gd_plan_working_days(start, int(math.ceil(lead_time)))
        if not deadline:
            return False, False
        total = calendar._gd_working_hours_between(start, deadline)
        share = self.company_id.gd_at_risk_pct / 100.0
        warn = calendar._gd_plan_working_hours(start, total * share) if total else False
        if not warn:
            warn = start + (deadline - start) * share
        return deadline, min(warn, deadline)

    @api.multi
    def _set_deadline(self):
        for order in self:
            start = fields.Datetime.from_string(order.start_date)
            deadline, warn = order._compute_deadline_dates(start)
            # Bypasses the desk-field guard of write(): the deadline follows from routing, which was
            # checked by the caller (create or _do_reroute).
            super(GdServicedeskWorkOrder, order.sudo()).write({
                "deadline": fields.Datetime.to_string(deadline) if deadline else False,
                "warn_date": fields.Datetime.to_string(warn) if warn else False,
            })

    @api.multi
    def _resume_deadlines(self, hold_start, resume):
        """The clock stops while the case is on hold with account management.

        A part resumed at ``resume`` (naive UTC) after a hold from ``hold_start`` keeps the working time it
        still had at ``hold_start`` before its deadline and warn date: both are planned again from
        ``resume`` on the back office's calendar. A part already late when the hold began stays late.
        """
        for order in self.filtered(lambda order: order.deadline):
            calendar = order._get_calendar()
            deadline = fields.Datetime.from_string(order.deadline)
            if not calendar or deadline <= hold_start:
                continue
            vals = {"deadline": fields.Datetime.to_string(
                calendar._gd_plan_working_hours(resume, calendar._gd_working_hours_between(hold_start, deadline)))}
            warn = fields.Datetime.from_string(order.warn_date) if order.warn_date else False
            if warn:
                vals["warn_date"] = fields.Datetime.to_string(min(
                    calendar._gd_plan_working_hours(resume, calendar._gd_working_hours_between(hold_start, warn))
                    if warn > hold_start else warn, fields.Datetime.from_string(vals["deadline"])))
            # Bypasses the desk-field guard of write(): resuming was checked by the caller (_do_resume).
            super(GdServicedeskWorkOrder, order.sudo()).write(vals)
        self._update_deadline_state()

    @api.multi
    def _get_deadline_state(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        if self.state == "cancel" or not self.deadline:
            return False
        if self.state == "done":
            return "late" if self.done_date and self.done_date > self.deadline else "on_time"
        if now > self.deadline:
            return "late"
        if self.warn_date and now >= self.warn_date:
            return "at_risk"
        return "on_time"

    @api.multi
    def _update_deadline_state(self, now=None):
        for order in self:
            state = order._get_deadline_state(now)
            if state != order.deadline_state:
                super(GdServicedeskWorkOrder, order._transition()).write({"deadline_state": state})

    @api.multi
    def _get_default_assignee(self):
        """The assignee of the routing rule for this item in its back office; none means the unit's queue."""
        self.ensure_one()
        rule = self.env["gd.servicedesk.routing.rule"].sudo()._find_rule(self.backoffice_id, self.product_tmpl_id)
        return rule.user_id

    @api.multi
    def _is_desk_or_superuser(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group("gd_servicedesk.group_user")

    @api.multi
    def _check_desk(self):
        if not self._is_desk_or_superuser():
            raise AccessError(_("Only the service desk can do this."))

    @api.multi
    def _check_open(self):
        closed = self.filtered(lambda order: order.state not in OPEN_STATES)
        if closed:
            raise UserError(_("The work order %(order)s is already %(state)s.")
                            % {"order": closed[0].display_name,
                               "state": dict(self._selection_state())[closed[0].state].lower()})

    @api.multi
    def _lock_with_tickets(self):
        """Lock the cases of these work orders, then the work orders: a change of the case (escalation,
        withdrawal, another part completing) in another transaction waits for, or refuses, this one."""
        self.mapped("ticket_id")._lock_for_transition()
        self._lock_for_transition()

    @api.multi
    def _do_set_state(self, state):
        self._lock_with_tickets()
        self._check_open()
        self._transition_write({"state": state})
        self.mapped("ticket_id")._sync_stage_from_work_orders()

    @api.model
    def _flow_now(self):
        """Now, or the moment of the transition under way (see FlowClock)."""
        clock = self.env.context.get("gd_flow_clock")
        return clock.now if isinstance(clock, FlowClock) else fields.Datetime.now()

    @api.multi
    def _do_done(self):
        self._lock_with_tickets()
        self._check_open()
        now = self._flow_now()
        for order in self:
            vals = {"state": "done", "done_date": now, "delivery_month": order._get_delivery_month(now)}
            vals.update(order._prepare_done_figures(now))
            order._transition_write(vals)
        tickets = self.mapped("ticket_id")
        tickets._sync_stage_from_work_orders()
        # A part-done notice only while other parts are still open: the completion notice covers the last.
        self.filtered(lambda order: order.product_tmpl_id.notify_part_done
                      and not order.ticket_id.closed)._send_part_done_notice()

    @api.multi
    def _prepare_done_figures(self, now):
        self.ensure_one()
        start = fields.Datetime.from_string(self.start_date)
        done = fields.Datetime.from_string(now)
        vals = {"lead_time_days": (done - start).total_seconds() / 86400.0}
        if self.deadline:
            deadline = fields.Datetime.from_string(self.deadline)
            allowed = (deadline - start).total_seconds()
            vals["norm_used_pct"] = 100.0 * (done - start).total_seconds() / allowed if allowed > 0 else 100.0
            vals["on_time_pct"] = 100.0 if done <= deadline else 0.0
        return vals

    @api.multi
    def _do_hand_back(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Please say why you hand the work order back."))
        self._lock_with_tickets()
        self._check_open()
        now = fields.Datetime.now()
        for order in self:
            order._transition_write({"state": "handed_back", "handback_reason": reason, "handback_date": now,
                         "handback_count": order.handback_count + 1})
            order.message_post(body=_("Handed back to the service desk: %(reason)s") % {"reason": reason},
                               subtype="mail.mt_note")
        self.mapped("ticket_id")._sync_stage_from_work_orders()

    @api.multi
    def _do_reroute(self, backoffice, product_tmpl=None, user=None, note=None):
        """Send the work order to (another) back office: a fresh start with a new assignee and deadline."""
        self._check_desk()
        self._lock_with_tickets()
        self._check_open()
        for order in self:
            item = product_tmpl if product_tmpl else order.product_tmpl_id
            vals = {
                "backoffice_id": backoffice.id,
                "product_tmpl_id": item.id,
                "state": "new",
                "start_date": fields.Datetime.now(),
                "user_id": False,
                "is_overdue": False,
            }
            if item != order.product_tmpl_id:
                vals["name"] = item.name
            order._transition_write(vals)
            order.user_id = user or order._get_default_assignee()
            order._set_deadline()
            order._update_deadline_state()
            order.message_post(body=_("Routed again to %(backoffice)s. %(note)s")
                               % {"backoffice": backoffice.display_name, "note": note or ""},
                               subtype="mail.mt_note")
        self.mapped("ticket_id")._sync_stage_from_work_orders()

    @api.multi
    def _send_part_done_notice(self):
        template = self.env.ref("gd_servicedesk.mail_template_part_done")
        for order in self:
            if order.notice_done_date or not order.ticket_id.partner_id:
                continue
            # Notices go out on the ticket (the customer's case), which back-office members only read;
            # the caller finished this very work order under its own access rights.
            order.ticket_id.sudo().with_context(gd_part_name=order.name)._post_template_notice(template)
            order.sudo().write({"notice_done_date": fields.Datetime.now()})

    @api.multi
    def _get_portal_state_label(self):
        """The state in the customer's words: internal steps such as a hand-back are not shown."""
        self.ensure_one()
        labels = {
            "new": _("Received"),
            "progress": _("Being handled"),
            "handed_back": _("Being handled"),
            "waiting": _("Waiting for information"),
            "done": _("Done"),
            "cancel": _("Cancelled"),
        }
        return labels[self.state]

    # ------------------------------------------------------------------ cron

    @api.model
    def _cron_check_deadlines(self):
        """Refresh timeliness of open work orders; warn once about each work order that became late."""
        # Parts of a case on hold with account management are not late while on hold (see _resume_deadlines).
        held = self.env["helpdesk.ticket"].sudo().search([("stage_id.code", "=", "escalated")])
        orders = self.search([("state", "in", list(OPEN_STATES)), ("deadline", "!=", False),
                              ("ticket_id", "not in", held.ids)])
        orders._update_deadline_state()
        late = orders.filtered(lambda order: order.deadline_state == "late" and not order.is_overdue)
        late._warn_overdue()
        return True

    @api.multi
    def _warn_overdue(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        ticket_model_id = self.env["ir.model"]._get("helpdesk.ticket").id
        for order in self:
            order._transition_write({"is_overdue": True})
            summary = _("Deadline passed: %(order)s") % {"order": order.display_name}
            manager = order.backoffice_id.manager_id
            if manager:
                self.env["mail.activity"].create({
                    "res_model_id": model_id, "res_id": order.id, "user_id": manager.id,
                    "activity_type_id": activity_type.id, "summary": summary,
                    "date_deadline": fields.Date.context_today(order),
                })
            desk_user = order.ticket_id._get_desk_responsible()
            if desk_user:
                self.env["mail.activity"].create({
                    "res_model_id": ticket_model_id, "res_id": order.ticket_id.id, "user_id": desk_user.id,
                    "activity_type_id": activity_type.id, "summary": summary,
                    "date_deadline": fields.Date.context_today(order),
                })
            order.message_post(body=_("The deadline of this work order has passed."), subtype="mail.mt_note")
