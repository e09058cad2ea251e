"""The monthly settlement run of a company (see the class docstring).

Over 400 lines on purpose: each source of charges is one set-based SQL method and they share the month's
parameters, the run's lock and the insertion of lines; split up, the set would be read only together.
"""
import calendar
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# A run in these states is settled: it and its statements and lines never change again.
LOCKED_STATES = ("confirmed", "exported")
# Fields of a settled run that may still change: the step to exported, and the chatter.
LOCKED_FREE_FIELDS = {"state", "export_date", "export_user_id"}
# First key of the transaction-level advisory lock taken while a month is computed ("GD" + "BR").
ADVISORY_LOCK_CLASS = 0x47444252
# Agreements whose months were in force: charged for the days they were active.
AGREEMENT_STATES = ("active", "ended", "terminated")
# Set by the transitions (compute, confirm, export) only.
TRANSITION_FIELDS = {"state", "compute_date", "confirm_date", "confirm_user_id", "export_date", "export_user_id",
                     "counts_deliveries"}
# The months a settlement run may be made for (the month must also have ended).
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A source query yields these columns, in this order (see ``GdBillingRun._get_line_sources``).
SOURCE_COLUMNS = ("client_id", "source", "period_date", "product_tmpl_id", "description", "quantity", "price_unit",
                  "days", "proration", "amount", "dva_line_id", "sale_order_id", "work_order_ids")
# The line that already charges work order ``wo``, if any: a lateral probe of the unique index, so that the
# month's work orders are checked one by one instead of reading every link ever made.
CHARGED_SQL = """SELECT r.work_order_id FROM gd_billing_line_work_order_rel r
                 WHERE r.work_order_id = wo.id LIMIT 1"""
# Delivery work orders of the company that belong to the month (``wo``), on the delivery month index (see
# the work order's ``_get_delivery_month``).
DONE_IN_MONTH_SQL = """wo.company_id = %(company)s AND wo.state = 'done' AND wo.kind = 'delivery'
               AND wo.delivery_month = %(start)s::date"""


class GdBillingRun(models.Model):
    """The monthly internal settlement of one company: statements per client organisation.

    draft -> computed (statements built from the sources) -> confirmed (locked, booked on the analytic
    accounts) -> exported (the xlsx went to finance). Each source of charges is one ``_get_*_line_query``
    method, set-based over all organisations; a source is charged once across all runs, which partial unique
    indexes on the lines and the unique link of a work order to its line guarantee.
    """

    _name = "gd.billing.run"
    _description = "Settlement run"
    _inherit = ["mail.thread", "gd.transition.mixin"]
    _order = "date_start desc, id desc"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.billing.run")

    def _default_date_start(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return fields.Date.to_string(date(today.year, today.month, 1) - relativedelta(months=1))

    name = fields.Char(compute="_compute_name", store=True, index=True)
    date_start = fields.Date(
        string="Month", required=True, default=_default_date_start, index=True, track_visibility="onchange",
        help="Any day of the month to settle; it is stored as the first day of that month.")
    date_end = fields.Date(string="Last day", compute="_compute_date_end", store=True)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, default=_default_company_id, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency", readonly=True)
    state = fields.Selection(
        "_selection_state", required=True, default="draft", index=True, readonly=True, copy=False,
        track_visibility="onchange")
    statement_ids = fields.One2many("gd.billing.statement", "run_id", string="Statements", readonly=True)
    line_ids = fields.One2many("gd.billing.line", "run_id", string="Lines", readonly=True)
    basis_line_ids = fields.One2many("gd.billing.basis.line", "run_id", string="Basis services", readonly=True)
    statement_count = fields.Integer(compute="_compute_counts", string="Number of statements")
    amount_total = fields.Monetary(compute="_compute_amounts", string="Total charged")
    basis_cost = fields.Monetary(compute="_compute_amounts", string="Basis services cost")
    compute_date = fields.Datetime(string="Computed on", readonly=True, copy=False)
    confirm_date = fields.Datetime(string="Confirmed on", readonly=True, copy=False)
    confirm_user_id = fields.Many2one("res.users", string="Confirmed by", readonly=True, copy=False)
    export_date = fields.Datetime(string="Exported on", readonly=True, copy=False)
    export_user_id = fields.Many2one("res.users", string="Exported by", readonly=True, copy=False)
    is_locked = fields.Boolean(compute="_compute_is_locked", help="Confirmed or exported: nothing changes.")
    counts_deliveries = fields.Boolean(
        string="Late work charged later", readonly=True, copy=False,
        help="Computed under the rules that charge work completed in this month after it was settled in a later "
             "run, as a line of this month. Runs settled before these rules are left as they were.")

    _sql_constraints = [
        ("month_company_uniq", "unique(date_start, company_id)",
         "There is already a settlement run for this month."),
    ]

    @api.model
    def _selection_state(self):
        return [("draft", _("Draft")), ("computed", _("Computed")), ("confirmed", _("Confirmed")),
                ("exported", _("Exported"))]

    @api.depends("date_start")
    def _compute_name(self):
        for run in self:
            run.name = run.date_start[:7] if run.date_start else "/"

    @api.depends("date_start")
    def _compute_date_end(self):
        for run in self:
            if run.date_start:
                start = fields.Date.from_string(run.date_start)
                run.date_end = fields.Date.to_string(
                    date(start.year, start.month, calendar.monthrange(start.year, start.month)[1]))

    @api.multi
    def _compute_counts(self):
        data = self.env["gd.billing.statement"].read_group(
            [("run_id", "in", self.ids)], ["run_id"], ["run_id"])
        counts = {row["run_id"][0]: row["run_id_count"] for row in data}
        for run in self:
            run.statement_count = counts.get(run.id, 0)

    @api.multi
    def _compute_amounts(self):
        charged = {row["run_id"][0]: row["amount"] for row in self.env["gd.billing.line"].read_group(
            [("run_id", "in", self.ids)], ["run_id", "amount"], ["run_id"])}
        basis = {row["run_id"][0]: row["amount"] for row in self.env["gd.billing.basis.line"].read_group(
            [("run_id", "in", self.ids)], ["run_id", "amount"], ["run_id"])}
        for run in self:
            run.amount_total = charged.get(run.id, 0.0)
            run.basis_cost = basis.get(run.id, 0.0)

    @api.depends("state")
    def _compute_is_locked(self):
        for run in self:
            run.is_locked = run.state in LOCKED_STATES

    # ------------------------------------------------------------------ CRUD

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("date_start"):
            vals["date_start"] = self._month_start(vals["date_start"])
        return super(GdBillingRun, self).create(vals)

    @api.model
    def _get_transition_fields(self):
        return super(GdBillingRun, self)._get_transition_fields() | TRANSITION_FIELDS

    @api.multi
    def write(self, vals):
        vals = dict(vals)
        if vals.get("date_start"):
            vals["date_start"] = self._month_start(vals["date_start"])
        if {"date_start", "company_id"} & set(vals) and self.filtered(lambda run: run.state != "draft"):
            raise UserError(_("The settlement run %(run)s was computed for its month: make a new run for another "
                              "month.") % {"run": self.filtered(lambda run: run.state != "draft")[0].name})
        locked = self.filtered(lambda run: run.state in LOCKED_STATES)
        if locked:
            changed = {name for name in vals if not name.startswith("message_")}
            if changed - LOCKED_FREE_FIELDS or vals.get("state", "exported") != "exported":
                raise UserError(_("The settlement run %(run)s is confirmed and can no longer change. Book "
                                  "corrections in a later run.") % {"run": locked[0].name})
        return super(GdBillingRun, self).write(vals)

    @api.multi
    def unlink(self):
        locked = self.filtered(lambda run: run.state in LOCKED_STATES)
        if locked:
            raise UserError(_("The settlement run %(run)s is confirmed and cannot be deleted.")
                            % {"run": locked[0].name})
        self.mapped("line_ids").unlink()
        self.mapped("statement_ids").unlink()
        self.mapped("basis_line_ids").unlink()
        return super(GdBillingRun, self).unlink()

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_compute(self):
        self._do_compute()
        return True

    @api.multi
    def action_confirm(self):
        self._do_confirm()
        return True

    @api.multi
    def action_export(self):
        """Mark the run exported and hand out its xlsx file."""
        self.ensure_one()
        self._do_export()
        return self.env.ref("gd_billing.gd_billing_run_report_xlsx").report_action(self)

    @api.multi
    def action_view_statements(self):
        self.ensure_one()
        action = self.env.ref("gd_billing.gd_billing_statement_action").read()[0]
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"default_run_id": self.id}
        return action

    # ------------------------------------------------------------------ business methods: state

    @api.model
    def _month_start(self, value):
        try:
            day = fields.Date.from_string(value)
        except (TypeError, ValueError):
            day = None
        if not day or not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UserError(_("%(month)s is not a month a settlement can cover: choose a month between %(first)s "
                              "and %(last)s.") % {"month": value, "first": FIRST_YEAR, "last": LAST_YEAR})
        return fields.Date.to_string(date(day.year, day.month, 1))

    @api.multi
    def _check_rights(self):
        """Settlement is finance's work: computing, confirming and exporting need the manager group."""
        if not self.env.user.has_group("gd_billing.group_manager"):
            raise UserError(_("Only settlement managers (finance) compute, confirm and export settlement runs."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _acquire_compute_lock(self):
        """Take the month's lock for this transaction, or refuse when another transaction computes it.

        A transaction-level advisory lock on (company, month): released at commit or rollback, taken
        without waiting, so a second computation of the same month is refused at once, never queued.
        """
        self.ensure_one()
        self._lock_month(self.company_id.id, self.date_start)
        # Also hold the run's row: of two users confirming at once, one wins and the other is told.
        self._lock_for_transition()

    @api.model
    def _lock_month(self, company_id, month):
        """Lock (company, month) until the end of the transaction; refuse when another transaction holds it."""
        start = fields.Date.from_string(month)
        key = company_id * 1000000 + start.year * 100 + start.month
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", (ADVISORY_LOCK_CLASS, key))
        if not self.env.cr.fetchone()[0]:
            raise UserError(_("The settlement of %(month)s is being computed or confirmed by someone else right "
                              "now. Try again in a moment.") % {"month": month[:7]})

    @api.multi
    def _do_compute(self):
        self._check_rights()
        for run in self:
            if run.state not in ("draft", "computed"):
                raise UserError(_("The settlement run %(run)s is confirmed: it cannot be computed again.")
                                % {"run": run.name})
            run._check_month_ended()
            run._acquire_compute_lock()
            run._compute_statements()
            run._transition_write({"state": "computed", "compute_date": fields.Datetime.now(),
                                   "counts_deliveries": True})
        return True

    @api.multi
    def _do_confirm(self):
        """Lock the computed run and book its charges. Confirming a confirmed run changes nothing."""
        self._check_rights()
        for run in self:
            if run.state in LOCKED_STATES:
                continue
            if run.state != "computed":
                raise UserError(_("Compute the settlement run %(run)s before confirming it.") % {"run": run.name})
            run._check_month_ended()
            run._acquire_compute_lock()
            run._create_analytic_lines()
            run._mark_quotes_settled()
            run._transition_write({"state": "confirmed", "confirm_date": fields.Datetime.now(),
                                   "confirm_user_id": self.env.uid})
        return True

    @api.multi
    def _do_export(self):
        self._check_rights()
        for run in self:
            if run.state not in LOCKED_STATES:
                raise UserError(_("Confirm the settlement run %(run)s before exporting it.") % {"run": run.name})
            if run.state == "confirmed":
                run._transition_write({"state": "exported", "export_date": fields.Datetime.now(),
                                       "export_user_id": self.env.uid})
        return True

    @api.multi
    def _check_month_ended(self):
        """Only a month that has ended is settled: its deliveries and days in force are then known."""
        today = fields.Date.context_today(self)
        for run in self:
            start = fields.Date.from_string(run.date_start)
            if not FIRST_YEAR <= start.year <= LAST_YEAR:
                raise UserError(_("A settlement run is for a month between %(first)s and %(last)s, not "
                                  "%(month)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR, "month": run.name})
            if run.date_end >= today:
                raise UserError(_("The month %(month)s has not ended yet: it can be settled from the first day of "
                                  "the next month.") % {"month": run.name})
        return True

    @api.model
    def _cron_create_previous_month(self):
        """Create and compute the draft run of the month that just ended, for every company."""
        month = self._default_date_start()
        for company in self.env["res.company"].search([]):
            run = self.search([("company_id", "=", company.id), ("date_start", "=", month)], limit=1)
            if not run:
                run = self.create({"company_id": company.id, "date_start": month})
            if run.state in ("draft", "computed"):
                run._do_compute()
        return True

    # ------------------------------------------------------------------ business methods: computation

    @api.multi
    def _get_line_sources(self):
        """The sources of charges: each method gives the SQL that yields the line values of the month.

        One method per source, set-based across all client organisations: a new source is one more method
        here, not a change to the run. Each returns ``(query, params)``: a SELECT of the columns in
        ``SOURCE_COLUMNS``, written into lines by ``_insert_source_lines`` in one statement.
        """
        return [self._get_recurring_line_query, self._get_delivered_line_query, self._get_excess_line_query,
                self._get_late_line_query, self._get_custom_line_query]

    @api.multi
    def _compute_statements(self):
        """Replace the computed lines of this run by fresh ones; correction lines stay.

        Every source writes its lines (and the statements they need, and the links to the work orders they
        charge) in one INSERT ... SELECT; the statement totals are computed once at the end. The partial
        unique indexes on the lines and the unique work order link stay the guard against a second charge.
        """
        self.ensure_one()
        cr = self.env.cr
        self._flush_point()
        cr.execute("DELETE FROM gd_billing_line WHERE run_id = %s AND source != 'correction'", (self.id,))
        cr.execute("DELETE FROM gd_billing_basis_line WHERE run_id = %s", (self.id,))
        params = self._month_params()
        for source in self._get_line_sources():
            query, source_params = source(params)
            if query:  # a source without anything to charge this month gives no query
                self._insert_source_lines(query, dict(params, **source_params))
        self._insert_basis_lines(*self._get_basis_line_query(params))
        self._update_statement_totals()
        return True

    @api.multi
    def _month_params(self):
        """The parameters every source query shares: the month as dates and as UTC bounds, run, company."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end = fields.Date.from_string(self.date_end)
        currency = self.company_id.currency_id
        return {
            "run": self.id, "company": self.company_id.id, "uid": self.env.uid,
            "start": self.date_start, "end": self.date_end,
            "next": fields.Date.to_string(end + relativedelta(days=1)),
            "month_days": end.day, "tz": self.company_id.gd_tz,
            "rounding": currency.rounding if currency else 0.01,
            "month_label": "%04d-%02d" % (start.year, start.month),
        }

    @api.model
    def _get_line_texts(self, lang):
        """The texts of the computed statement lines, in ``lang``: {key: template with named placeholders}."""
        context = {"lang": lang}  # noqa: F841 (_() reads the language from this frame's ``context``)
        return {
            "recurring_text": _("%(agreement)s: agreed quantity per month"),
            "ppu_text": _("Pay-per-use: delivered this month"),
            "per_use_text": _("%(agreement)s: %(delivered)s delivered, priced per use"),
            "beyond_text": _("%(agreement)s: %(delivered)s delivered, %(agreed)s agreed"),
            "late_ppu_text": _("Pay-per-use: delivered in %(month)s, after that month was settled"),
            "late_dva_text": _("%(agreement)s: delivered in %(month)s after that month was settled, beyond the "
                               "agreed quantity"),
            "custom_text": _("Quote %(order)s for custom work, delivered in %(month)s"),
        }

    @api.multi
    def _sql_text(self, key, columns, client):
        """An SQL expression: the line text ``key`` in the language of the client organisation ``client`` (an SQL
        expression of its id), its named placeholders filled from SQL columns.

        The statement is the organisation's: its lines read in its language (the partner's ``lang``), whoever
        computes the run; an organisation without a language reads the company's. ``columns`` maps a
        placeholder name to a text expression; returns (expression, params).
        """
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        default_lang = self.company_id.partner_id.lang or "en_US"
        expression = ("COALESCE((SELECT t.text FROM unnest(%%(%(key)s_langs)s::varchar[], %%(%(key)s_texts)s::varchar[])"
                      " AS t (lang, text) WHERE t.lang = (SELECT gd_p.lang FROM res_partner gd_p WHERE gd_p.id = %(client)s)),"
                      " %%(%(key)s)s)" % {"key": key, "client": client})
        params = {key: self._get_line_texts(default_lang)[key], key + "_langs": langs,
                  key + "_texts": [self._get_line_texts(lang)[key] for lang in langs]}
        for index, (name, column) in enumerate(sorted(columns.items())):
            placeholder = "%s_%d" % (key, index)
            expression = "replace(%s, %%(%s)s, %s)" % (expression, placeholder, column)
            params[placeholder] = "%%(%s)s" % name
        return expression, params

    @api.multi
    def _get_recurring_line_query(self, params):
        """The agreed quantities of the DVA lines in force this month, prorated by the days they applied.

        A line applies from the later of the DVA's start and its own first day (an amendment), to the earlier
        of the DVA's end, its termination and its own last day (replaced by an amendment).

        The amount is rounded once: quantity x price x days in force / days of the month.
        """
        description, text_params = self._sql_text("recurring_text", {"agreement": "a.name"}, "a.client_id")
        query = """
            SELECT a.client_id, 'recurring', %(start)s::date, l.product_tmpl_id, {description},
                   l.quantity, l.price_unit, f.days, round(f.days::numeric / %(month_days)s, 6),
                   round(l.quantity * l.price_unit * f.days / %(month_days)s / %(rounding)s::numeric) * %(rounding)s::numeric,
                   l.id, NULL::integer, NULL::integer[]
              FROM gd_dva_line l
              JOIN gd_dva_agreement a ON a.id = l.agreement_id
             CROSS JOIN LATERAL (
                   SELECT LEAST(a.date_end, COALESCE(a.termination_date, a.date_end), COALESCE(l.date_to, a.date_end),
                                %(end)s::date)
                          - GREATEST(a.date_start, COALESCE(l.date_from, a.date_start), %(start)s::date) + 1 AS days) f
             WHERE a.company_id = %(company)s
               AND a.state IN %(agreement_states)s
               AND a.date_start <= %(end)s
               AND LEAST(a.date_end, COALESCE(a.termination_date, a.date_end)) >= %(start)s
               AND f.days > 0
               AND l.quantity > 0 AND l.price_unit > 0
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b
                                WHERE b.dva_line_id = l.id AND b.source = 'recurring'
                                  AND b.period_date = %(start)s AND b.run_id != %(run)s)
        """.format(description=description)
        return query, dict(text_params, agreement_states=AGREEMENT_STATES)

    @api.multi
    def _get_delivered_line_query(self, params):
        """Pay-per-use work orders done this month: one line per organisation, item and price."""
        description, text_params = self._sql_text("ppu_text", {}, "wo.client_id")
        query = """
            SELECT wo.client_id, 'pay_per_use', %(start)s::date, wo.product_tmpl_id, {description},
                   count(*), COALESCE(wo.pay_per_use_price, 0), 0, 1.0,
                   round(count(*) * COALESCE(wo.pay_per_use_price, 0) / %(rounding)s::numeric) * %(rounding)s::numeric,
                   NULL::integer, NULL::integer, array_agg(wo.id ORDER BY wo.id)
              FROM gd_servicedesk_work_order wo
              JOIN product_template pt ON pt.id = wo.product_tmpl_id
              LEFT JOIN LATERAL ({charged}) charged ON TRUE
             WHERE {done_in_month}
               AND wo.is_pay_per_use AND wo.client_id IS NOT NULL
               AND pt.financing_class != 'basis'
               AND charged.work_order_id IS NULL
             GROUP BY wo.client_id, wo.product_tmpl_id, COALESCE(wo.pay_per_use_price, 0)
        """.format(description=description, done_in_month=DONE_IN_MONTH_SQL, charged=CHARGED_SQL)
        return query, text_params

    @api.multi
    def _get_excess_line_query(self, params):
        """Deliveries under a DVA line beyond its agreed quantity this month, at the agreed unit price.

        A line with agreed quantity 0 and a price is priced per use: every delivery is charged. A line
        capped at its agreed quantity (``cap_quantity``) charges nothing beyond it.
        """
        per_use, per_use_params = self._sql_text(
            "per_use_text", {"agreement": "a.name", "delivered": "count(*)::text"}, "a.client_id")
        beyond, beyond_params = self._sql_text(
            "beyond_text", {"agreement": "a.name", "delivered": "count(*)::text", "agreed": "l.quantity::float8::text"},
            "a.client_id")
        query = """
            SELECT a.client_id, 'beyond_quantity', %(start)s::date, l.product_tmpl_id,
                   CASE WHEN l.quantity = 0 THEN {per_use} ELSE {beyond} END,
                   count(*) - l.quantity, l.price_unit, 0, 1.0,
                   round((count(*) - l.quantity) * l.price_unit / %(rounding)s::numeric) * %(rounding)s::numeric,
                   l.id, NULL::integer, NULL::integer[]
              FROM gd_servicedesk_work_order wo
              JOIN gd_dva_line l ON l.id = wo.dva_line_id
              JOIN gd_dva_agreement a ON a.id = l.agreement_id
             WHERE {done_in_month}
               AND wo.dva_line_id IS NOT NULL
               AND l.cap_quantity IS NOT TRUE AND l.price_unit > 0
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b
                                WHERE b.dva_line_id = l.id AND b.source = 'beyond_quantity'
                                  AND b.period_date = %(start)s AND b.run_id != %(run)s)
             GROUP BY l.id, a.client_id, l.product_tmpl_id, l.quantity, l.price_unit, a.name
            HAVING count(*) > l.quantity
        """.format(per_use=per_use, beyond=beyond, done_in_month=DONE_IN_MONTH_SQL)
        return query, dict(per_use_params, **beyond_params)

    @api.multi
    def _get_late_line_query(self, params):
        """Work completed in a month that was already settled: charged now, as a line of its own month.

        A settled month is one of a confirmed run computed under these rules (``counts_deliveries``).
        Pay-per-use work orders of such a month that no line charges yet are charged and linked; for a DVA
        line, what its month's deliveries now add beyond the agreed quantity, less what earlier runs
        already charged beyond it for that month.
        """
        self.env.cr.execute("""
            SELECT 1 FROM gd_billing_run
             WHERE company_id = %(company)s AND state IN %(locked_states)s AND counts_deliveries IS TRUE
               AND date_start < %(start)s LIMIT 1""", dict(params, locked_states=LOCKED_STATES))
        if not self.env.cr.fetchone():
            return None, {}
        ppu, ppu_params = self._sql_text("late_ppu_text", {"month": "to_char(m.month, 'YYYY-MM')"}, "p.client_id")
        dva, dva_params = self._sql_text(
            "late_dva_text", {"agreement": "a.name", "month": "to_char(m.month, 'YYYY-MM')"}, "a.client_id")
        query = """
            WITH settled AS MATERIALIZED (
                SELECT r.date_start AS month
                  FROM gd_billing_run r
                 WHERE r.company_id = %(company)s AND r.state IN %(locked_states)s AND r.counts_deliveries IS TRUE
                   AND r.date_start < %(start)s),
            late_ppu AS (
                SELECT wo.client_id, m.month, wo.product_tmpl_id, COALESCE(wo.pay_per_use_price, 0) AS price,
                       count(*) AS quantity, array_agg(wo.id ORDER BY wo.id) AS work_order_ids
                  FROM settled m
                  JOIN gd_servicedesk_work_order wo
                    ON wo.delivery_month = m.month
                  JOIN product_template pt ON pt.id = wo.product_tmpl_id
                  LEFT JOIN LATERAL ({charged}) charged ON TRUE
                 WHERE wo.company_id = %(company)s AND wo.state = 'done' AND wo.kind = 'delivery'
                   AND wo.is_pay_per_use AND wo.client_id IS NOT NULL AND pt.financing_class != 'basis'
                   AND charged.work_order_id IS NULL
                 GROUP BY wo.client_id, m.month, wo.product_tmpl_id, COALESCE(wo.pay_per_use_price, 0)),
            delivered AS (
                SELECT wo.dva_line_id, m.month, count(*) AS delivered
                  FROM settled m
                  JOIN gd_servicedesk_work_order wo
                    ON wo.delivery_month = m.month
                 WHERE wo.company_id = %(company)s AND wo.state = 'done' AND wo.kind = 'delivery'
                   AND wo.dva_line_id IS NOT NULL
                 GROUP BY wo.dva_line_id, m.month),
            late_dva AS (
                SELECT d.dva_line_id, d.month,
                       GREATEST(d.delivered - l.quantity, 0) - COALESCE((
                           SELECT sum(b.quantity) FROM gd_billing_line b
                            WHERE b.dva_line_id = d.dva_line_id AND b.period_date = d.month
                              AND b.source IN ('beyond_quantity', 'late') AND b.run_id != %(run)s), 0) AS quantity
                  FROM delivered d
                  JOIN gd_dva_line l ON l.id = d.dva_line_id
                 WHERE l.cap_quantity IS NOT TRUE AND l.price_unit > 0)
            SELECT p.client_id, 'late', p.month, p.product_tmpl_id, {ppu}, p.quantity, p.price, 0, 1.0,
                   round(p.quantity * p.price / %(rounding)s::numeric) * %(rounding)s::numeric,
                   NULL::integer, NULL::integer, p.work_order_ids
              FROM late_ppu p JOIN settled m ON m.month = p.month
            UNION ALL
            SELECT a.client_id, 'late', m.month, l.product_tmpl_id, {dva}, x.quantity, l.price_unit, 0, 1.0,
                   round(x.quantity * l.price_unit / %(rounding)s::numeric) * %(rounding)s::numeric,
                   l.id, NULL::integer, NULL::integer[]
              FROM late_dva x
              JOIN settled m ON m.month = x.month
              JOIN gd_dva_line l ON l.id = x.dva_line_id
              JOIN gd_dva_agreement a ON a.id = l.agreement_id
             WHERE x.quantity > 0
        """.format(ppu=ppu, dva=dva, charged=CHARGED_SQL)
        return query, dict(ppu_params, locked_states=LOCKED_STATES, **dva_params)

    @api.multi
    def _get_custom_line_query(self, params):
        """Accepted quotes for custom work, delivered this month or late in a settled month: once, in full.

        The agreed amount is charged in full, as agreed, once the last part of the quote is finished or
        cancelled (``gd_settlement_state`` 'to_settle'); the line names the month of delivery.
        """
        description, text_params = self._sql_text(
            "custom_text", {"order": "so.name", "month": "to_char(d.month, 'YYYY-MM')"}, "so.gd_client_id")
        query = """
            SELECT so.gd_client_id, 'custom', d.month, pp.product_tmpl_id, {description},
                   1.0, so.amount_untaxed, 0, 1.0,
                   round(so.amount_untaxed / %(rounding)s::numeric) * %(rounding)s::numeric,
                   NULL::integer, so.id, NULL::integer[]
              FROM sale_order so
             CROSS JOIN LATERAL (
                   SELECT date_trunc('month', (so.gd_delivered_date AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date
                          AS month) d
              LEFT JOIN LATERAL (
                   SELECT sol.product_id FROM sale_order_line sol WHERE sol.order_id = so.id
                    ORDER BY sol.sequence, sol.id LIMIT 1) first_line ON TRUE
              LEFT JOIN product_product pp ON pp.id = first_line.product_id
             WHERE so.company_id = %(company)s
               AND so.is_gd_quote AND so.gd_settlement_state = 'to_settle'
               AND so.gd_delivered_date < (%(next)s::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
               AND (d.month = %(start)s::date OR d.month IN (
                        SELECT r.date_start FROM gd_billing_run r
                         WHERE r.company_id = %(company)s AND r.state IN %(locked_states)s))
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b WHERE b.sale_order_id = so.id AND b.source = 'custom'
                                  AND b.run_id != %(run)s)
        """.format(description=description)
        return query, dict(text_params, locked_states=LOCKED_STATES)

    @api.multi
    def _get_basis_line_query(self, params):
        """Basis services delivered this month: volume and cost (cost per delivery x quantity), never charged.

        The cost of one delivery is the item's cost price, or for an item costed per hour its cost price (the
        hourly rate) times its norm hours.

        Deliveries under a DVA line are bought by a third party and paid by it; the rest weighs on the
        central budget. The cost price is the item's (company-dependent) cost when the run is computed, read
        as ``ir.property`` reads it: the company's value of the item's variant, else the default.
        """
        self.env.cr.execute("SELECT id FROM ir_model_fields WHERE model = 'product.product' "
                            "AND name = 'standard_price'")
        row = self.env.cr.fetchone()
        query = """
            WITH delivered AS (
                SELECT wo.backoffice_id, wo.product_tmpl_id, wo.client_id, count(*) AS quantity
                  FROM gd_servicedesk_work_order wo
                  JOIN product_template pt ON pt.id = wo.product_tmpl_id
                 WHERE {done_in_month}
                   AND wo.dva_line_id IS NULL AND pt.financing_class = 'basis'
                 GROUP BY wo.backoffice_id, wo.product_tmpl_id, wo.client_id),
            costs AS (
                SELECT t.id AS product_tmpl_id, COALESCE(
                       (SELECT p.value_float FROM ir_property p
                         WHERE p.fields_id = %(cost_field)s AND p.res_id = 'product.product,' || v.id
                           AND (p.company_id = %(company)s OR p.company_id IS NULL)
                         ORDER BY p.company_id NULLS LAST LIMIT 1),
                       (SELECT p.value_float FROM ir_property p
                         WHERE p.fields_id = %(cost_field)s AND p.res_id IS NULL
                           AND (p.company_id = %(company)s OR p.company_id IS NULL)
                         ORDER BY p.company_id NULLS LAST LIMIT 1), 0)
                       * CASE WHEN pt.cost_basis = 'hour' THEN COALESCE(pt.norm_hours, 0) ELSE 1 END AS unit_cost
                  FROM (SELECT DISTINCT product_tmpl_id AS id FROM delivered) t
                  JOIN product_template pt ON pt.id = t.id
                  LEFT JOIN LATERAL (SELECT pp.id FROM product_product pp WHERE pp.product_tmpl_id = t.id
                                      ORDER BY pp.active DESC, pp.id LIMIT 1) v ON TRUE)
            SELECT d.backoffice_id, d.product_tmpl_id, d.client_id, d.quantity, c.unit_cost::numeric
              FROM delivered d JOIN costs c ON c.product_tmpl_id = d.product_tmpl_id
        """.format(done_in_month=DONE_IN_MONTH_SQL)
        return query, dict(params, cost_field=row[0] if row else 0)

    # ------------------------------------------------------------------ flush points (raw SQL)
    # The methods below are the only ones that write settlement rows by SQL. Port (13+): the ORM there
    # delays its writes, so each must start with ``self.env.flush_all()`` (``flush()`` in 13/14) before its
    # SQL reads what the ORM wrote, as ``_flush_point`` says; the invalidation after the SQL stays.

    @api.model
    def _flush_point(self):
        """Port (13+): ``self.env.flush_all()`` here. Odoo 11 writes at once: nothing to flush."""
        return True

    @api.multi
    def _insert_source_lines(self, query, params):
        """Write the lines one source yields, in one statement: its statements, lines and work order links.

        The source query is materialised once; each row gets its line id from the sequence, so the links to
        the work orders it charges are written in the same statement (PostgreSQL runs every data-modifying
        WITH to completion and checks the foreign keys at the end of the statement). A statement is made for
        an organisation that has none in the run yet.
        """
        self.ensure_one()
        self._flush_point()
        order = [key for key, _label in self.env["gd.billing.line"]._selection_source()]
        self.env.cr.execute("""
            WITH src ({columns}) AS MATERIALIZED ({query}),
            numbered AS MATERIALIZED (
                SELECT nextval('gd_billing_line_id_seq') AS line_id, src.* FROM src),
            new_statement AS (
                INSERT INTO gd_billing_statement
                    (run_id, client_id, company_id, name, date_start, state, amount_total,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(run)s, p.id, %(company)s, %(run_name)s || ' ' || COALESCE(p.name, ''), %(start)s,
                       %(run_state)s, 0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM res_partner p WHERE p.id IN (SELECT client_id FROM src)
                ON CONFLICT (run_id, client_id) DO NOTHING
                RETURNING id, client_id),
            statement AS (
                SELECT id, client_id FROM new_statement
                UNION ALL
                SELECT id, client_id FROM gd_billing_statement WHERE run_id = %(run)s),
            line AS (
                INSERT INTO gd_billing_line
                    (id, statement_id, run_id, client_id, company_id, source, source_sequence, period_date,
                     product_tmpl_id, backoffice_id, financing_class, description, quantity, price_unit, days,
                     proration, amount, dva_line_id, sale_order_id,
                     create_uid, create_date, write_uid, write_date)
                SELECT n.line_id, s.id, %(run)s, n.client_id, %(company)s, n.source,
                       array_position(%(source_order)s::varchar[], n.source::varchar) - 1, n.period_date,
                       n.product_tmpl_id, pt.backoffice_id,
                       CASE WHEN n.source = 'custom' THEN 'custom' ELSE COALESCE(pt.financing_class, 'plus') END,
                       n.description, n.quantity, n.price_unit, n.days, n.proration, n.amount,
                       n.dva_line_id, n.sale_order_id,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM numbered n
                  JOIN statement s ON s.client_id = n.client_id
                  LEFT JOIN product_template pt ON pt.id = n.product_tmpl_id)
            INSERT INTO gd_billing_line_work_order_rel (line_id, work_order_id)
            SELECT n.line_id, unnest(n.work_order_ids) FROM numbered n WHERE n.work_order_ids IS NOT NULL
        """.format(columns=", ".join(SOURCE_COLUMNS), query=query),
            dict(params, run_name=self.name, run_state=self.state, source_order=order))
        self.env.cache.invalidate()
        return True

    @api.multi
    def _insert_basis_lines(self, query, params):
        """Write the basis services of the month in one statement."""
        self.ensure_one()
        self._flush_point()
        self.env.cr.execute("""
            INSERT INTO gd_billing_basis_line
                (run_id, date_start, company_id, backoffice_id, product_tmpl_id, client_id, quantity, unit_cost,
                 amount, create_uid, create_date, write_uid, write_date)
            SELECT %(run)s, %(start)s, %(company)s, b.backoffice_id, b.product_tmpl_id, b.client_id, b.quantity,
                   b.unit_cost, round(b.quantity * b.unit_cost / %(rounding)s::numeric) * %(rounding)s::numeric,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM ({query}) b (backoffice_id, product_tmpl_id, client_id, quantity, unit_cost)
        """.format(query=query), params)
        self.env.cache.invalidate()
        return True

    @api.multi
    def _update_statement_totals(self):
        """Each statement's total once, from its lines; statements left without lines go."""
        self.ensure_one()
        self._flush_point()
        cr = self.env.cr
        cr.execute("""
            UPDATE gd_billing_statement s
               SET amount_total = t.total
              FROM (SELECT st.id, COALESCE(sum(l.amount), 0) AS total
                      FROM gd_billing_statement st
                      LEFT JOIN gd_billing_line l ON l.statement_id = st.id
                     WHERE st.run_id = %(run)s GROUP BY st.id) t
             WHERE s.id = t.id AND s.amount_total IS DISTINCT FROM t.total
        """, {"run": self.id})
        cr.execute("""
            DELETE FROM gd_billing_statement s
             WHERE s.run_id = %s AND NOT EXISTS (SELECT 1 FROM gd_billing_line l WHERE l.statement_id = s.id)
        """, (self.id,))
        self.env.cache.invalidate()
        return True

    # ------------------------------------------------------------------ business methods: accounting

    @api.multi
    def _create_analytic_lines(self):
        """Book every charge on the client organisation's analytic account, as a cost (negative amount).

        One analytic line per settlement line, written in one statement that also links each line to its
        analytic line; the analytic accounts are found (or made) per organisation first.
        """
        self.ensure_one()
        # Only settlement managers get here (_check_rights); booking on the organisations' analytic
        # accounts needs accounting rights that finance's settlement role does not otherwise grant.
        accounts = {}
        for statement in self.statement_ids:
            accounts[statement.client_id.id] = statement.client_id.sudo()._gd_get_analytic_account().id
        if not accounts:
            return True
        self._flush_point()
        self.env.cr.execute("""
            WITH account (client_id, account_id) AS (SELECT unnest(%(clients)s::int[]), unnest(%(accounts)s::int[])),
            src AS MATERIALIZED (
                SELECT l.id AS line_id, nextval('account_analytic_line_id_seq') AS analytic_id, l.*,
                       acc.id AS analytic_account_id, acc.company_id AS account_company_id,
                       (SELECT pp.id FROM product_product pp WHERE pp.product_tmpl_id = l.product_tmpl_id
                         ORDER BY pp.active DESC, pp.id LIMIT 1) AS product_id
                  FROM gd_billing_line l
                  JOIN account ON account.client_id = l.client_id
                  JOIN account_analytic_account acc ON acc.id = account.account_id
                 WHERE l.run_id = %(run)s AND l.analytic_line_id IS NULL),
            analytic AS (
                INSERT INTO account_analytic_line
                    (id, name, account_id, partner_id, date, amount, unit_amount, product_id, company_id, ref,
                     user_id, create_uid, create_date, write_uid, write_date)
                SELECT analytic_id, %(name)s || ': ' || description, analytic_account_id, client_id, %(end)s,
                       -amount, quantity, product_id, account_company_id, %(name)s,
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM src)
            UPDATE gd_billing_line l SET analytic_line_id = src.analytic_id
              FROM src WHERE l.id = src.line_id
        """, {"clients": list(accounts), "accounts": list(accounts.values()), "run": self.id, "name": self.name,
              "end": self.date_end, "uid": self.env.uid})
        self.env.cache.invalidate()
        return True

    @api.multi
    def _mark_quotes_settled(self):
        """The quotes this run charges are settled: they no longer show as to settle."""
        self.ensure_one()
        self._flush_point()
        self.env.cr.execute("SELECT sale_order_id FROM gd_billing_line WHERE run_id = %s AND source = 'custom' "
                            "AND sale_order_id IS NOT NULL", (self.id,))
        # Finance confirms; marking the quotes it charged needs no sales rights.
        self.env["sale.order"].sudo().browse([row[0] for row in self.env.cr.fetchall()])._gd_mark_settled()
        return True

    # ------------------------------------------------------------------ business methods: export

    @api.multi
    def _get_export_rows(self):
        """The figures of the xlsx export: a summary per organisation and financing class, and the lines.

        Returns {"classes": [(key, label)], "summary": [(organisation, {class: amount}, total)],
        "statements": [({"organisation", "amount_total"}, [line values])]}; the amounts are the lines' own,
        rounded amounts. The rows come from one query; the labels of sources and classes are translated here.
        """
        self.ensure_one()
        Line = self.env["gd.billing.line"]
        classes = Line._selection_financing_class()
        class_labels = dict(classes)
        source_labels = dict(Line._selection_source())
        lang = self.env.lang or "en_US"
        self._flush_point()
        self.env.cr.execute("""
            SELECT s.id, p.name, s.amount_total, l.source, l.financing_class,
                   COALESCE(NULLIF(t_item.value, ''), pt.name), bo.name,
                   l.description, l.quantity, l.price_unit, l.proration, l.amount
              FROM gd_billing_statement s
              JOIN res_partner p ON p.id = s.client_id
              JOIN gd_billing_line l ON l.statement_id = s.id
              LEFT JOIN product_template pt ON pt.id = l.product_tmpl_id
              LEFT JOIN ir_translation t_item ON t_item.type = 'model' AND t_item.name = 'product.template,name'
                    AND t_item.res_id = pt.id AND t_item.lang = %(lang)s
              LEFT JOIN gd_backoffice bo ON bo.id = l.backoffice_id
             WHERE s.run_id = %(run)s
             ORDER BY p.name, s.id, l.source_sequence, l.id
        """, {"run": self.id, "lang": lang})
        summary = []
        statements = []
        current = None
        for (statement_id, organisation, total, source, financing_class, item, backoffice, description,
             quantity, price_unit, proration, amount) in self.env.cr.fetchall():
            if current != statement_id:
                current = statement_id
                totals = dict.fromkeys([key for key, _label in classes], 0.0)
                rows = []
                summary.append((organisation, totals, float(total or 0.0)))
                statements.append(({"organisation": organisation or "", "amount_total": float(total or 0.0)}, rows))
            totals[financing_class] = totals.get(financing_class, 0.0) + float(amount or 0.0)
            rows.append({
                "source": source_labels.get(source, ""),
                "financing_class": class_labels.get(financing_class, ""),
                "item": item or "",
                "backoffice": backoffice or "",
                "description": description,
                "quantity": float(quantity or 0.0),
                "price_unit": float(price_unit or 0.0),
                "proration": float(proration or 0.0),
                "amount": float(amount or 0.0),
            })
        return {"classes": classes, "summary": summary, "statements": statements}

    @api.multi
    def _get_basis_rows(self, months=12):
        """The basis services of the ``months`` months up to this run's, per month and back office:
        [{"month", "backoffice", "quantity", "cost", "budget", "last_year_cost", "baseline_cost", "goal_cost"}],
        oldest month first. Budget and last year from the budget report, reference and goal from the
        efficiency report; the xlsx for GD management writes these rows as they are.
        """
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        Budget = self.env["gd.billing.budget.report"]
        Efficiency = self.env["gd.billing.efficiency.report"]
        rows = []
        for offset in range(months - 1, -1, -1):
            month = fields.Date.to_string(start - relativedelta(months=offset))
            domain = [("date", "=", month), ("company_id", "=", self.company_id.id)]
            figures = {}
            for row in Budget.read_group(domain, ["backoffice_id", "quantity", "cost", "budget", "last_year_cost"],
                                         ["backoffice_id"]):
                figures[row["backoffice_id"]] = dict(
                    quantity=row["quantity"] or 0.0, cost=row["cost"] or 0.0, budget=row["budget"] or 0.0,
                    last_year_cost=row["last_year_cost"] or 0.0, baseline_cost=0.0, goal_cost=0.0)
            for row in Efficiency.read_group(domain, ["backoffice_id", "baseline_cost", "goal_cost"],
                                             ["backoffice_id"]):
                values = figures.setdefault(row["backoffice_id"], dict(
                    quantity=0.0, cost=0.0, budget=0.0, last_year_cost=0.0))
                values.update(baseline_cost=row["baseline_cost"] or 0.0, goal_cost=row["goal_cost"] or 0.0)
            for backoffice, values in sorted(figures.items(), key=lambda item: item[0] and item[0][1] or ""):
                rows.append(dict(values, month=month[:7], backoffice=backoffice and backoffice[1] or ""))
        return rows

    # ------------------------------------------------------------------ demo data

    @api.model
    def _demo_basis_year(self, first=13, last=5):
        """Demo data: the months ``first`` to ``last`` months ago settled, with the basis services each back
        office delivered to the directorates, at a cost price falling about 2% a month, so that budget against
        actual and the efficiency trend have a year of content (with the demo's own later months).

        The basis volumes are written as the run's own basis lines between computing and confirming (a demo
        shortcut: a year of cases and work orders would take minutes to load). Demo data only (the superuser).
        """
        company = self.env.user.company_id
        items = self.env["product.template"].search([
            ("is_catalog_item", "=", True), ("is_pattern", "=", False), ("financing_class", "=", "basis"),
            ("backoffice_id", "!=", False)], order="backoffice_id, id")
        for index, item in enumerate(items):
            if not item.standard_price:
                hourly = item.lead_time_unit == "hours"
                item.write({"standard_price": 45.0 if hourly else 10.0 + 5.0 * (index % 7),
                            "cost_basis": "hour" if hourly else "unit", "norm_hours": 0.5 if hourly else 0.0})
        delivered = items.browse()
        for backoffice in items.mapped("backoffice_id"):
            delivered |= items.filtered(lambda item: item.backoffice_id == backoffice)[:4]
        clients = self.env["res.partner"].search([("is_company", "=", True), ("client_kind", "=", "internal")],
                                                 order="id", limit=4)
        Basis = self.env["gd.billing.basis.line"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        for offset in range(first, last - 1, -1):
            month = fields.Date.to_string(today.replace(day=1) - relativedelta(months=offset))
            run = self.search([("company_id", "=", company.id), ("date_start", "=", month)])
            run = run or self.create({"company_id": company.id, "date_start": month})
            run.action_compute()
            for position, item in enumerate(delivered):
                for client in clients:
                    quantity = 20 + (position * 7 + client.id * 3 + offset * 5) % 25
                    Basis.create({"run_id": run.id, "backoffice_id": item.backoffice_id.id,
                                  "product_tmpl_id": item.id, "client_id": client.id, "quantity": quantity,
                                  "unit_cost": item.unit_cost})
            run.action_confirm()
            for item in items:
                item.standard_price = round(item.standard_price * 0.98, 2)
        return True
