"""The DVA (service delivery agreement) of a client organisation: terms, lifecycle, renewal and overlaps.

Over 400 lines on purpose: the lifecycle (draft, negotiation, active, ended, terminated, renewed) and the
constraints that keep two agreements from overlapping are one state machine.
"""
from dateutil.relativedelta import relativedelta

import psycopg2
from psycopg2 import errorcodes

from odoo import _, api, fields, models, tools
from odoo.addons.gd_catalog.models.gd_transition_mixin import lock_rows
from odoo.exceptions import AccessError, UserError, ValidationError

# States in which the agreement's content is fixed: changes go through a renewal.
LOCKED_STATES = ("active", "ended", "terminated")
# The terms of an agreement; the state, notes and the account manager may change at any time.
TERM_FIELDS = {"framework_id", "kind", "client_id", "principal_id", "date_start", "date_end", "line_ids",
               "company_id"}
# Set by the transitions (negotiate, activate, end, terminate, renew) only.
TRANSITION_FIELDS = {"state", "termination_date", "previous_id"}


class GdDvaAgreement(models.Model):
    """A service level agreement (dienstverleningsafspraak, DVA) between a client and the shared services.

    A plus-DVA covers a ministry directorate's plus services and custom work; a DVA with a third party
    covers the basis and plus services another organisation buys.
    """

    _name = "gd.dva.agreement"
    _description = "Service level agreement (DVA)"
    _inherit = ["mail.thread", "mail.activity.mixin", "gd.transition.mixin"]
    _order = "date_start desc, name desc"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.dva.agreement")

    def _default_framework_id(self):
        return self.env["gd.dva.framework"].search(
            [("state", "=", "active"), ("company_id", "=", self._default_company_id().id)], limit=1)

    name = fields.Char(string="Number", required=True, readonly=True, default="/", copy=False, index=True)
    title = fields.Char(track_visibility="onchange", help="A short description, e.g. Plus-DVA 2025.")
    framework_id = fields.Many2one(
        "gd.dva.framework", string="Framework agreement", required=True, ondelete="restrict", index=True,
        default=_default_framework_id, track_visibility="onchange")
    kind = fields.Selection(
        "_selection_kind", required=True, default="plus", index=True, track_visibility="onchange",
        help="Plus-DVA: a ministry directorate's plus services and custom work. DVA with a third party: the "
             "basis and plus services another organisation buys.")
    client_id = fields.Many2one(
        "res.partner", string="Client organisation", required=True, index=True, ondelete="restrict",
        domain=[("is_company", "=", True)], track_visibility="onchange")
    principal_id = fields.Many2one(
        "res.partner", string="Client principal", ondelete="restrict", track_visibility="onchange",
        help="The director who signs the DVA for the client (opdrachtgever): accepts quotes and sees the "
             "reports in the portal.")
    account_manager_id = fields.Many2one(
        "res.users", string="Account manager", index=True, track_visibility="onchange",
        domain=[("share", "=", False)], default=lambda self: self.env.user)
    date_start = fields.Date(string="Start date", required=True, index=True, track_visibility="onchange")
    date_end = fields.Date(string="End date", required=True, index=True, track_visibility="onchange")
    date_signed = fields.Date(string="Signed on", copy=False, track_visibility="onchange")
    state = fields.Selection(
        "_selection_state", required=True, default="draft", index=True, track_visibility="onchange", copy=False)
    termination_date = fields.Date(readonly=True, copy=False)
    termination_reason = fields.Text(copy=False, track_visibility="onchange")
    note = fields.Html(string="Further agreements")
    line_ids = fields.One2many("gd.dva.line", "agreement_id", string="Lines", copy=True)
    previous_id = fields.Many2one(
        "gd.dva.agreement", string="Renewal of", readonly=True, copy=False, ondelete="set null", index=True)
    renewal_ids = fields.One2many("gd.dva.agreement", "previous_id", string="Renewals")
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=_default_company_id, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency", readonly=True)
    amount_monthly = fields.Monetary(
        string="Amount per month", compute="_compute_amount_monthly", store=True,
        help="The agreed quantities times the agreed unit prices.")
    quote_ids = fields.One2many("sale.order", "gd_agreement_id", string="Quotes")
    quote_count = fields.Integer(compute="_compute_quote_count", string="Number of quotes")
    is_locked = fields.Boolean(
        compute="_compute_is_locked", help="Active, ended or terminated: the content can no longer change.")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The number of a DVA must be unique."),
        # Two active DVAs of one kind for one organisation never share a day, also when two users activate
        # them at the same moment (needs btree_gist, created in _auto_init).
        ("active_period_excl",
         "EXCLUDE USING gist (company_id WITH =, client_id WITH =, kind WITH =, "
         "daterange(date_start, date_end, '[]') WITH &&) WHERE (state = 'active')",
         "The organisation already has an active DVA of this kind in that period."),
    ]

    @api.model_cr_context
    def _auto_init(self):
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super(GdDvaAgreement, self)._auto_init()

    @api.model
    def _selection_kind(self):
        return [("plus", _("Plus-DVA")), ("third_party", _("DVA with a third party"))]

    @api.model
    def _selection_state(self):
        return [
            ("draft", _("Draft")),
            ("negotiation", _("In negotiation")),
            ("active", _("Active")),
            ("ended", _("Ended")),
            ("terminated", _("Terminated")),
        ]

    @api.depends("line_ids.price_subtotal", "line_ids.date_to")
    def _compute_amount_monthly(self):
        # The terms in force since the last amendment.
        for agreement in self:
            agreement.amount_monthly = sum(agreement.line_ids.filtered("is_current").mapped("price_subtotal"))

    @api.multi
    def _compute_quote_count(self):
        for agreement in self:
            agreement.quote_count = len(agreement.quote_ids)

    @api.depends("state")
    def _compute_is_locked(self):
        for agreement in self:
            agreement.is_locked = agreement.state in LOCKED_STATES

    @api.multi
    def name_get(self):
        return [(agreement.id, "%s %s" % (agreement.name, agreement.client_id.name or "")) for agreement in self]

    @api.model
    def _get_transition_fields(self):
        return super(GdDvaAgreement, self)._get_transition_fields() | TRANSITION_FIELDS

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        if name:
            records = self.search(["|", ("name", operator, name), ("client_id.name", operator, name)]
                                  + (args or []), limit=limit)
            return records.name_get()
        return super(GdDvaAgreement, self).name_search(name, args=args, operator=operator, limit=limit)

    # ------------------------------------------------------------------ constraints and onchanges

    @api.constrains("date_start", "date_end", "framework_id")
    def _check_period(self):
        for agreement in self:
            values = {"agreement": agreement.display_name, "framework": agreement.framework_id.name,
                      "start": agreement.framework_id.date_start, "end": agreement.framework_id.date_end}
            if agreement.date_end < agreement.date_start:
                raise ValidationError(_("The DVA %(agreement)s ends before it starts.") % values)
            framework = agreement.framework_id
            if agreement.date_start < framework.date_start or agreement.date_end > framework.date_end:
                raise ValidationError(
                    _("The period of the DVA %(agreement)s must lie inside the period of the framework agreement "
                      "%(framework)s (%(start)s to %(end)s).") % values)

    @api.constrains("kind", "client_id")
    def _check_kind(self):
        for agreement in self:
            values = {"agreement": agreement.display_name, "client": agreement.client_id.name}
            is_third_party = agreement.client_id.client_kind == "third_party"
            if agreement.kind == "third_party" and not is_third_party:
                raise ValidationError(
                    _("%(client)s is not a third party: make a plus-DVA for a ministry directorate.") % values)
            if agreement.kind == "plus" and is_third_party:
                raise ValidationError(
                    _("%(client)s is a third party: make a DVA with a third party instead of a plus-DVA.") % values)

    @api.constrains("principal_id", "client_id")
    def _check_principal(self):
        for agreement in self:
            principal = agreement.principal_id
            if principal and principal.commercial_partner_id != agreement.client_id:
                raise ValidationError(
                    _("The client principal %(principal)s does not belong to %(client)s.")
                    % {"principal": principal.name, "client": agreement.client_id.name})

    @api.constrains("state", "kind", "client_id", "date_start", "date_end")
    def _check_overlap(self):
        for agreement in self.filtered(lambda record: record.state == "active"):
            agreement._raise_if_overlapping()

    @api.onchange("client_id")
    def _onchange_client_id(self):
        client = self.client_id
        if not client:
            return
        self.kind = "third_party" if client.client_kind == "third_party" else "plus"
        if client.account_manager_id:
            self.account_manager_id = client.account_manager_id
        if self.principal_id.commercial_partner_id != client:
            self.principal_id = client._get_dva_principal()

    @api.onchange("framework_id")
    def _onchange_framework_id(self):
        framework = self.framework_id
        if framework and not self.date_start:
            self.date_start = framework.date_start
            self.date_end = min(
                framework.date_end,
                fields.Date.to_string(fields.Date.from_string(framework.date_start) + relativedelta(years=1, days=-1)))

    # ------------------------------------------------------------------ CRUD

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("gd.dva.agreement") or "/"
        return super(GdDvaAgreement, self).create(vals)

    @api.multi
    def write(self, vals):
        if TERM_FIELDS & set(vals) and self.filtered(lambda agreement: agreement.state in LOCKED_STATES):
            raise UserError(_("An active, ended or terminated DVA cannot be changed; renew it to agree on "
                              "new terms."))
        return super(GdDvaAgreement, self).write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda agreement: agreement.state != "draft"):
            raise UserError(_("Only draft DVAs can be deleted."))
        return super(GdDvaAgreement, self).unlink()

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_negotiate(self):
        self._do_set_state("negotiation", ("draft",))
        return True

    @api.multi
    def action_draft(self):
        self._do_set_state("draft", ("negotiation",))
        return True

    @api.multi
    def action_activate(self):
        self._do_activate()
        return True

    @api.multi
    def action_end(self):
        self._do_set_state("ended", ("active",))
        return True

    @api.multi
    def action_terminate(self):
        self._do_terminate()
        return True

    @api.multi
    def action_amend(self):
        """Open the amendment form: changed or new lines from a date inside the active DVA."""
        self.ensure_one()
        self._check_amend_rights()
        return self._gd_window_action("gd.dva.agreement.amend", _("Amend from a date"),
                                      context={"default_agreement_id": self.id})

    @api.multi
    def action_renew(self):
        self.ensure_one()
        renewal = self._do_renew()
        return self._gd_window_action(self._name, res_id=renewal.id, target="current")

    @api.multi
    def action_view_quotes(self):
        self.ensure_one()
        action = self.env.ref("gd_dva.sale_order_action_quote").read()[0]
        action["domain"] = [("gd_agreement_id", "=", self.id)]
        return action

    @api.multi
    def action_view_compliance(self):
        self.ensure_one()
        action = self.env.ref("gd_dva.gd_dva_compliance_action").read()[0]
        action["domain"] = [("agreement_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ business methods

    @api.multi
    def _find_overlapping(self):
        """Another active DVA of the same kind for the same organisation in an overlapping period."""
        self.ensure_one()
        # Integrity across every DVA of the organisation, also those the user's record rules hide (another
        # account manager's); only the other DVA's number and period reach the user, in the message.
        return self.sudo().search([
            ("id", "!=", self.id),
            ("state", "=", "active"),
            ("kind", "=", self.kind),
            ("client_id", "=", self.client_id.id),
            ("company_id", "=", self.company_id.id),
            ("date_start", "<=", self.date_end),
            ("date_end", ">=", self.date_start),
        ], limit=1)

    @api.multi
    def _raise_if_overlapping(self):
        self.ensure_one()
        other = self._find_overlapping()
        if other:
            raise ValidationError(
                _("%(client)s already has an active DVA of this kind in that period: %(other)s "
                  "(%(start)s to %(end)s). End or terminate it first, or choose another period.")
                % {"client": self.client_id.name, "other": other.name,
                   "start": other.date_start, "end": other.date_end})

    @api.multi
    def _do_set_state(self, state, from_states):
        labels = dict(self._selection_state())
        self._lock_for_transition()
        for agreement in self:
            if agreement.state not in from_states:
                raise UserError(_("The DVA %(agreement)s is %(state)s: it cannot become %(new)s.")
                                % {"agreement": agreement.display_name, "state": labels[agreement.state].lower(),
                                   "new": labels[state].lower()})
        self._transition_write({"state": state})

    @api.multi
    def _do_activate(self):
        # The organisations too: of two of its DVAs activated at once, one wins and the other is told; the
        # exclusion constraint on the period holds whatever else writes the state.
        lock_rows(self.mapped("client_id"))
        self._lock_for_transition()
        for agreement in self:
            values = {"agreement": agreement.display_name}
            if agreement.state not in ("draft", "negotiation"):
                raise UserError(_("The DVA %(agreement)s is not a draft or in negotiation.") % values)
            if agreement.framework_id.state != "active":
                raise UserError(_("The framework agreement of %(agreement)s is not active.") % values)
            if not agreement.line_ids:
                raise UserError(_("Add the agreed services to %(agreement)s before activating it.") % values)
            if not agreement.principal_id:
                raise UserError(_("Choose the client principal of %(agreement)s before activating it.") % values)
            agreement._raise_if_overlapping()
        try:
            with self.env.cr.savepoint():
                self._transition_write({"state": "active"})
        except (psycopg2.IntegrityError, psycopg2.OperationalError) as error:
            if error.pgcode not in (errorcodes.EXCLUSION_VIOLATION, errorcodes.SERIALIZATION_FAILURE):
                raise
            # Another DVA of the organisation became active in the same moment, in another transaction.
            raise ValidationError(_("%(client)s got an active DVA for an overlapping period at the same moment. "
                                    "Reload to see it; end or terminate it first, or choose another period.")
                                  % {"client": self[:1].client_id.name})

    @api.multi
    def _do_terminate(self):
        self._lock_for_transition()
        for agreement in self:
            if agreement.state != "active":
                raise UserError(_("Only an active DVA can be terminated."))
            if not (agreement.termination_reason or "").strip():
                raise UserError(_("Write down why %(agreement)s is terminated first.")
                                % {"agreement": agreement.display_name})
        self._transition_write({"state": "terminated", "termination_date": fields.Date.context_today(self)})

    @api.multi
    def _prepare_renewal_vals(self):
        """The next period: as long as this one, starting the day after it ends."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end = fields.Date.from_string(self.date_end)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        next_start = end + relativedelta(days=1)
        next_end = next_start + relativedelta(months=months, days=-1)
        return {
            "date_start": fields.Date.to_string(next_start),
            "date_end": fields.Date.to_string(next_end),
            "previous_id": self.id,
            "state": "draft",
            "title": self.title,
        }

    @api.multi
    def _do_renew(self):
        """Create the next period's draft with the same terms; the lines take the current norms and prices."""
        self.ensure_one()
        if self.state == "draft":
            raise UserError(_("A draft DVA cannot be renewed."))
        vals = self._prepare_renewal_vals()
        # The terms in force at the end, without the versions amendments replaced.
        vals["line_ids"] = [(0, 0, dict(line.copy_data()[0], agreement_id=False))
                            for line in self.line_ids.filtered("is_current")]
        framework = self.framework_id
        if vals["date_end"] > framework.date_end:
            raise UserError(
                _("The next period of %(agreement)s (%(start)s to %(end)s) falls outside the framework agreement "
                  "%(framework)s. Renew the framework agreement first.")
                % {"agreement": self.display_name, "start": vals["date_start"], "end": vals["date_end"],
                   "framework": framework.name})
        renewal = self._transition().copy(vals).with_env(self.env)
        self.message_post(body=_("Renewed as %(renewal)s.") % {"renewal": renewal.name}, subtype="mail.mt_note")
        return renewal

    # ------------------------------------------------------------------ business methods: amendment

    @api.multi
    def _check_amend_rights(self):
        """Account managers (their clients') and DVA managers amend an active DVA."""
        user = self.env.user
        if not (user.has_group("gd_dva.group_manager") or user.has_group("gd_servicedesk.group_account_manager")):
            raise AccessError(_("Only DVA managers and account managers amend a DVA."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _check_amendment_date(self, date_from):
        """Refuse a date outside the DVA's period or before its start: an amendment changes an active DVA from a
        day after its first. Settlement modules also refuse a month that was already settled."""
        self.ensure_one()
        if not (self.date_start < date_from <= self.date_end) or (
                self.termination_date and date_from > self.termination_date):
            raise UserError(_("An amendment of %(agreement)s starts on a day after its first day (%(start)s) and "
                              "no later than its last day (%(end)s).")
                            % {"agreement": self.display_name, "start": self.date_start, "end": self.date_end})

    @api.multi
    def _do_amend(self, date_from, changes, reason):
        """Change the agreed terms of this active DVA from ``date_from`` on, keeping the old terms as history.

        ``changes`` is a list of dicts with ``product_tmpl_id`` and the new ``quantity`` and ``price_unit``.
        The line in force for the item ends the day before ``date_from`` and a new line takes over from that
        day, pointing at it; an item not agreed before gets a line from that day. The settlement charges each
        line for the days it was in force. Returns the new lines.
        """
        self.ensure_one()
        self._check_amend_rights()
        if not self.env.lang:
            # An RPC call without a context: dates and amounts as in the words, in the user's language.
            self = self.with_context(lang=self.env.user.lang)
        reason = (reason or "").strip()
        values = {"agreement": self.display_name}
        if not reason:
            raise UserError(_("Say why %(agreement)s is amended: the client principal reads it.") % values)
        if not changes:
            raise UserError(_("Say which lines of %(agreement)s change.") % values)
        self._lock_for_transition()
        if self.state != "active":
            raise UserError(_("Only an active DVA is amended; %(agreement)s is not active. Change a draft "
                              "directly.") % values)
        self._check_amendment_date(date_from)
        day_before = fields.Date.to_string(fields.Date.from_string(date_from) - relativedelta(days=1))
        agreement = self._transition("gd.dva.line")
        Line = agreement.env["gd.dva.line"]
        new_lines = Line
        items = [change["product_tmpl_id"] for change in changes]
        if len(items) != len(set(items)):
            raise UserError(_("Each item is amended once per amendment."))
        for change in changes:
            current = agreement.line_ids.filtered(
                lambda line: line.product_tmpl_id.id == change["product_tmpl_id"]
                and (not line.date_from or line.date_from <= date_from)
                and (not line.date_to or line.date_to >= date_from))
            vals = {"product_tmpl_id": change["product_tmpl_id"], "quantity": change["quantity"],
                    "price_unit": change["price_unit"], "date_from": date_from, "agreement_id": agreement.id}
            if current:
                if current.date_from == date_from:
                    raise UserError(_("%(item)s was already amended from %(date)s.")
                                    % {"item": current.product_tmpl_id.name,
                                       "date": tools.format_date(self.env, date_from)})
                vals = dict(current.copy_data()[0], **vals)
                vals["previous_line_id"] = current.id
                vals["date_to"] = current.date_to
                current.write({"date_to": day_before})
            elif agreement.line_ids.filtered(lambda line: line.product_tmpl_id.id == change["product_tmpl_id"]
                                             and line.date_from and line.date_from > date_from):
                raise UserError(_("An item amended later cannot be amended from an earlier date."))
            new_lines |= Line.create(vals)
        labels = ", ".join("%s: %s x %s" % (
            line.product_tmpl_id.name, tools.formatLang(self.env, line.quantity, digits=0),
            tools.formatLang(self.env, line.price_unit, currency_obj=self.currency_id)) for line in new_lines)
        self.message_post(body=_("Amended from %(date)s: %(lines)s. %(reason)s")
                          % {"date": tools.format_date(self.env, date_from), "lines": labels, "reason": reason},
                          subtype="mail.mt_note")
        return new_lines.with_env(self.env)

    @api.model
    def _cron_end_expired(self):
        """Active DVAs whose period is over become ended."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "active"), ("date_end", "<", today)])
        expired._transition_write({"state": "ended"})
        return True

    @api.model
    def _find_current(self, client, date=None):
        """The active DVA of the client organisation on ``date`` (today when not given)."""
        date = date or fields.Date.context_today(self)
        return self.search([
            ("client_id", "=", client.commercial_partner_id.id),
            ("state", "=", "active"),
            ("date_start", "<=", date),
            ("date_end", ">=", date),
        ], order="kind, date_start desc", limit=1)
