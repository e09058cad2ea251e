import calendar
from collections import OrderedDict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.addons.gd_dva.models.gd_servicedesk_work_order import DONE_MONTH_SQL
from odoo.exceptions import UserError
from odoo.tools import float_round

# A run in these states is settled: it and its statements and lines never change again.
LOCKED_STATES = ("confirmed", "exported")
# Fields of a settled run that may still change: the step to exported, and the chatter.
LOCKED_FREE_FIELDS = {"state", "export_date", "export_user_id"}
# First key of the transaction-level advisory lock taken while a month is computed ("GD" + "BR").
ADVISORY_LOCK_CLASS = 0x47444252
# Agreements whose months were in force: charged for the days they were active.
AGREEMENT_STATES = ("active", "ended", "terminated")
# Set by the transitions (compute, confirm, export) only.
TRANSITION_FIELDS = {"state", "compute_date", "confirm_date", "confirm_user_id", "export_date", "export_user_id"}
# The years a settlement month can lie in.
FIRST_YEAR, LAST_YEAR = 2000, 2999


class GdBillingRun(models.Model):
    """The monthly internal settlement of one company: statements per client organisation.

    draft -> computed (statements built from the sources) -> confirmed (locked, booked on the analytic
    accounts) -> exported (the xlsx went to finance). Each source of charges is one ``_get_*_line_vals``
    method; a source is charged once across all runs, which partial unique indexes on the lines guarantee.
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
            run._acquire_compute_lock()
            run._compute_statements()
            run._transition_write({"state": "computed", "compute_date": fields.Datetime.now()})
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
            run._acquire_compute_lock()
            run._create_analytic_lines()
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
        """The methods that yield the line values of the month, one per source of charges."""
        return [self._get_recurring_line_vals, self._get_delivered_line_vals, self._get_excess_line_vals,
                self._get_custom_line_vals]

    @api.multi
    def _compute_statements(self):
        """Replace the computed lines of this run by fresh ones; correction lines stay.

        Every source method returns a list of line values with the client organisation in ``client_id``;
        pay-per-use values carry the ids of their work orders in ``work_order_ids`` (linked in one
        statement per line, as there may be tens of thousands).
        """
        self.ensure_one()
        Line = self.env["gd.billing.line"]
        Statement = self.env["gd.billing.statement"]
        self.line_ids.filtered(lambda line: line.source != "correction").unlink()
        self.basis_line_ids.unlink()

        values = []
        for source in self._get_line_sources():
            values.extend(source())

        statements = {statement.client_id.id: statement for statement in self.statement_ids}
        for client_id in OrderedDict.fromkeys(vals["client_id"] for vals in values):
            if client_id not in statements:
                statements[client_id] = Statement.create({"run_id": self.id, "client_id": client_id})
        links = []
        for vals in values:
            vals = dict(vals)
            work_order_ids = vals.pop("work_order_ids", None)
            vals["statement_id"] = statements[vals.pop("client_id")].id
            line = Line.create(vals)
            if work_order_ids:
                links.append((line.id, work_order_ids))
        for line_id, work_order_ids in links:
            self.env.cr.execute(
                "INSERT INTO gd_billing_line_work_order_rel (line_id, work_order_id) "
                "SELECT %s, unnest(%s::int[])", (line_id, list(work_order_ids)))
        for statement in self.statement_ids:
            if not statement.line_ids:
                statement.unlink()

        BasisLine = self.env["gd.billing.basis.line"]
        for vals in self._get_basis_line_vals():
            BasisLine.create(vals)
        self.invalidate_cache()
        return True

    @api.multi
    def _month_params(self):
        self.ensure_one()
        return {"start": self.date_start, "end": self.date_end, "company": self.company_id.id,
                "next": fields.Date.to_string(fields.Date.from_string(self.date_end) + relativedelta(days=1))}

    @api.multi
    def _get_recurring_line_vals(self):
        """The agreed quantities of the DVA lines in force this month, prorated by the days they applied."""
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT l.id, a.client_id, l.product_tmpl_id, l.quantity, l.price_unit, a.name,
                   GREATEST(a.date_start, %(start)s::date) AS first_day,
                   LEAST(a.date_end, COALESCE(a.termination_date, a.date_end), %(end)s::date) AS last_day
              FROM gd_dva_line l
              JOIN gd_dva_agreement a ON a.id = l.agreement_id
             WHERE a.company_id = %(company)s
               AND a.state IN %(states)s
               AND a.date_start <= %(end)s
               AND LEAST(a.date_end, COALESCE(a.termination_date, a.date_end)) >= %(start)s
               AND l.quantity > 0 AND l.price_unit > 0
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b
                                WHERE b.dva_line_id = l.id AND b.source = 'recurring'
                                  AND b.period_date = %(start)s AND b.run_id != %(run)s)
             ORDER BY a.client_id, a.name, l.sequence, l.id
        """, dict(params, states=AGREEMENT_STATES, run=self.id))
        days_in_month = fields.Date.from_string(self.date_end).day
        result = []
        for line_id, client_id, item_id, quantity, price, agreement, first_day, last_day in self.env.cr.fetchall():
            days = (fields.Date.from_string(last_day) - fields.Date.from_string(first_day)).days + 1
            result.append(self._prepare_line_vals(client_id, "recurring", item_id, quantity, price, {
                "dva_line_id": line_id,
                "days": days,
                "proration": float_round(float(days) / days_in_month, precision_digits=6),
                "description": _("%(agreement)s: agreed quantity per month") % {"agreement": agreement},
            }))
        return result

    @api.multi
    def _get_delivered_line_vals(self):
        """Pay-per-use work orders done this month: one line per organisation, item and price."""
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT wo.client_id, wo.product_tmpl_id, wo.pay_per_use_price, array_agg(wo.id ORDER BY wo.id)
              FROM gd_servicedesk_work_order wo
              JOIN product_template pt ON pt.id = wo.product_tmpl_id
             WHERE wo.company_id = %(company)s
               AND wo.state = 'done' AND wo.kind = 'delivery' AND wo.is_pay_per_use
               AND wo.client_id IS NOT NULL
               AND pt.financing_class != 'basis'
               AND {month} = %(start)s::date
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line_work_order_rel r WHERE r.work_order_id = wo.id)
             GROUP BY wo.client_id, wo.product_tmpl_id, wo.pay_per_use_price
             ORDER BY wo.client_id, wo.product_tmpl_id, wo.pay_per_use_price
        """.format(month=DONE_MONTH_SQL % {"alias": "wo."}), params)
        result = []
        for client_id, item_id, price, order_ids in self.env.cr.fetchall():
            result.append(self._prepare_line_vals(client_id, "pay_per_use", item_id, len(order_ids), price or 0.0, {
                "work_order_ids": order_ids,
                "description": _("Pay-per-use: delivered this month"),
            }))
        return result

    @api.multi
    def _get_excess_line_vals(self):
        """Deliveries beyond the agreed quantity per month, where the DVA line says they are charged."""
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT l.id, a.client_id, l.product_tmpl_id, l.quantity, l.price_unit, a.name, count(wo.id)
              FROM gd_servicedesk_work_order wo
              JOIN gd_dva_line l ON l.id = wo.dva_line_id
              JOIN gd_dva_agreement a ON a.id = l.agreement_id
             WHERE wo.company_id = %(company)s
               AND wo.state = 'done' AND wo.kind = 'delivery' AND wo.dva_line_id IS NOT NULL
               AND {month} = %(start)s::date
               AND l.charge_beyond_quantity AND l.price_unit > 0
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b
                                WHERE b.dva_line_id = l.id AND b.source = 'beyond_quantity'
                                  AND b.period_date = %(start)s AND b.run_id != %(run)s)
             GROUP BY l.id, a.client_id, l.product_tmpl_id, l.quantity, l.price_unit, a.name
            HAVING count(wo.id) > l.quantity
             ORDER BY a.client_id, l.id
        """.format(month=DONE_MONTH_SQL % {"alias": "wo."}), dict(params, run=self.id))
        result = []
        for line_id, client_id, item_id, quantity, price, agreement, delivered in self.env.cr.fetchall():
            result.append(self._prepare_line_vals(client_id, "beyond_quantity", item_id, delivered - quantity, price, {
                "dva_line_id": line_id,
                "description": _("%(agreement)s: %(delivered)s delivered, %(agreed)s agreed")
                % {"agreement": agreement, "delivered": delivered, "agreed": ("%g" % quantity)},
            }))
        return result

    @api.multi
    def _get_custom_line_vals(self):
        """Accepted quotes for custom work whose delivery was completed this month: charged once, in full."""
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT so.id, so.gd_client_id, so.name, so.amount_untaxed,
                   (SELECT sol.product_id FROM sale_order_line sol WHERE sol.order_id = so.id
                     ORDER BY sol.sequence, sol.id LIMIT 1)
              FROM sale_order so
             WHERE so.company_id = %(company)s
               AND so.is_gd_quote AND so.gd_settlement_state = 'to_settle'
               AND so.gd_delivered_date >= (%(start)s::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC'
               AND so.gd_delivered_date < (%(next)s::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC'
               AND NOT EXISTS (SELECT 1 FROM gd_billing_line b WHERE b.sale_order_id = so.id AND b.source = 'custom'
                                  AND b.run_id != %(run)s)
             ORDER BY so.gd_client_id, so.name
        """, dict(params, run=self.id))
        Product = self.env["product.product"]
        result = []
        for order_id, client_id, name, amount, product_id in self.env.cr.fetchall():
            item_id = Product.browse(product_id).product_tmpl_id.id if product_id else False
            result.append(self._prepare_line_vals(client_id, "custom", item_id, 1.0, amount, {
                "sale_order_id": order_id,
                "description": _("Quote %(order)s for custom work, delivered") % {"order": name},
            }))
        return result

    @api.multi
    def _prepare_line_vals(self, client_id, source, item_id, quantity, price_unit, extra):
        self.ensure_one()
        vals = {"client_id": client_id, "source": source, "product_tmpl_id": item_id or False,
                "quantity": quantity, "price_unit": price_unit, "period_date": self.date_start}
        vals.update(extra)
        return vals

    @api.multi
    def _get_basis_line_vals(self):
        """Basis services delivered this month: volume and cost (cost price x quantity), never charged.

        Deliveries under a DVA line are bought by a third party and paid by it; the rest weighs on the
        central budget.
        """
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT wo.backoffice_id, wo.product_tmpl_id, wo.client_id, count(*)
              FROM gd_servicedesk_work_order wo
              JOIN product_template pt ON pt.id = wo.product_tmpl_id
             WHERE wo.company_id = %(company)s
               AND wo.state = 'done' AND wo.kind = 'delivery' AND wo.dva_line_id IS NULL
               AND pt.financing_class = 'basis'
               AND {month} = %(start)s::date
             GROUP BY wo.backoffice_id, wo.product_tmpl_id, wo.client_id
             ORDER BY wo.backoffice_id, wo.product_tmpl_id, wo.client_id
        """.format(month=DONE_MONTH_SQL % {"alias": "wo."}), params)
        rows = self.env.cr.fetchall()
        items = self.env["product.template"].browse({row[1] for row in rows})
        costs = {item.id: item.standard_price for item in items.with_context(force_company=self.company_id.id)}
        return [{"run_id": self.id, "backoffice_id": backoffice_id, "product_tmpl_id": item_id,
                 "client_id": client_id, "quantity": quantity, "unit_cost": costs.get(item_id, 0.0)}
                for backoffice_id, item_id, client_id, quantity in rows]

    # ------------------------------------------------------------------ business methods: accounting

    @api.multi
    def _create_analytic_lines(self):
        """Book every charge on the client organisation's analytic account, as a cost (negative amount)."""
        self.ensure_one()
        # Only settlement managers get here (_check_rights); booking on the organisations' analytic
        # accounts needs accounting rights that finance's settlement role does not otherwise grant.
        AnalyticLine = self.env["account.analytic.line"].sudo()
        for statement in self.statement_ids:
            account = statement.client_id.sudo()._gd_get_analytic_account()
            for line in statement.line_ids:
                analytic = AnalyticLine.create(line._prepare_analytic_line_vals(account))
                line._transition_write({"analytic_line_id": analytic.id})
        return True

    # ------------------------------------------------------------------ business methods: export

    @api.multi
    def _get_export_rows(self):
        """The figures of the xlsx export: a summary per organisation and financing class, and the lines.

        Returns {"classes": [(key, label)], "summary": [(organisation, {class: amount}, total)],
        "statements": [(statement, [line values])]}; the amounts are the lines' own, rounded amounts.
        """
        self.ensure_one()
        classes = self.env["gd.billing.line"]._selection_financing_class()
        summary = []
        statements = []
        for statement in self.statement_ids.sorted(lambda record: record.client_id.name or ""):
            totals = dict.fromkeys([key for key, _label in classes], 0.0)
            rows = []
            for line in statement.line_ids:
                totals[line.financing_class] = totals.get(line.financing_class, 0.0) + line.amount
                rows.append(line._get_export_values())
            summary.append((statement.client_id.name, totals, statement.amount_total))
            statements.append((statement, rows))
        return {"classes": classes, "summary": summary, "statements": statements}
