import calendar
from collections import OrderedDict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError

# Agreements whose deliveries are reported: drafts and negotiations have none.
REPORTED_STATES = ("active", "ended", "terminated")
# A report of at most this many months has a row per line and month; a longer one the months as columns.
MONTHS_AS_ROWS = 3


class GdDvaCompliance(models.Model):
    """Measured compliance per DVA line and month, read from the done deliveries (a database view).

    The month is the month the delivery belongs to (``delivery_month`` of the work order: done in it, in the
    company's time zone); a delivery is on time
    when it was done by its deadline (or had no deadline). Grouping columns include the line's
    organisation and the month, so filters on them reach the work order index.
    """

    _name = "gd.dva.compliance"
    _description = "DVA compliance per line and month"
    _auto = False
    _order = "month desc, client_id, agreement_id, dva_line_id"
    _rec_name = "dva_line_id"

    month = fields.Date(readonly=True, index=True)
    dva_line_id = fields.Many2one("gd.dva.line", string="DVA line", readonly=True)
    agreement_id = fields.Many2one("gd.dva.agreement", string="DVA", readonly=True)
    client_id = fields.Many2one("res.partner", string="Client organisation", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Catalogue item", readonly=True)
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    delivered_count = fields.Integer(string="Delivered", readonly=True)
    on_time_count = fields.Integer(string="On time", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    on_time_pct = fields.Float(
        string="Share on time (%)", readonly=True, group_operator="avg",
        help="Delivered on time divided by delivered. Grouped, the average of the months shown.")
    lead_time = fields.Float(string="Norm", readonly=True, group_operator="max")
    lead_time_unit = fields.Selection("_selection_lead_time_unit", string="Norm unit", readonly=True)
    target_pct = fields.Float(string="Target (%)", readonly=True, group_operator="avg")
    target_met = fields.Boolean(string="Target met", readonly=True)

    @api.model
    def _selection_lead_time_unit(self):
        return self.env["product.template"]._selection_lead_time_unit()

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        month = "wo.delivery_month"
        on_time = "count(*) FILTER (WHERE wo.deadline IS NULL OR wo.done_date <= wo.deadline)"
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW gd_dva_compliance AS (
                SELECT min(wo.id) AS id,
                       wo.dva_line_id AS dva_line_id,
                       {month} AS month,
                       line.agreement_id AS agreement_id,
                       line.client_id AS client_id,
                       line.product_tmpl_id AS product_tmpl_id,
                       line.backoffice_id AS backoffice_id,
                       line.company_id AS company_id,
                       line.lead_time AS lead_time,
                       line.lead_time_unit AS lead_time_unit,
                       line.target_pct AS target_pct,
                       count(*) AS delivered_count,
                       {on_time} AS on_time_count,
                       count(*) - {on_time} AS late_count,
                       round(100.0 * {on_time} / count(*), 2)::float AS on_time_pct,
                       100.0 * {on_time} / count(*) >= line.target_pct AS target_met
                  FROM gd_servicedesk_work_order wo
                  JOIN gd_dva_line line ON line.id = wo.dva_line_id
                 WHERE wo.state = 'done' AND wo.kind = 'delivery' AND wo.dva_line_id IS NOT NULL
              GROUP BY wo.dva_line_id, {month}, line.agreement_id, line.client_id, line.product_tmpl_id,
                       line.backoffice_id, line.company_id, line.lead_time, line.lead_time_unit, line.target_pct
            )""".format(month=month, on_time=on_time))

    # ------------------------------------------------------------------ periods

    @api.model
    def _get_period(self, year, period):
        """(date_from, date_to, label) for ``period`` 'M1'..'M12' (a month), 'Q1'..'Q4' (a quarter) or 'Y'
        (the whole year) of ``year``."""
        try:
            year = int(year)
            kind = str(period)[:1].upper()
            number = 1 if str(period).upper() == "Y" else int(str(period)[1:])
        except (TypeError, ValueError):
            raise UserError(_("Choose a month, a quarter or the whole of a year."))
        if not 1900 < year < 3000 or kind not in ("M", "Q", "Y") \
                or not 1 <= number <= {"M": 12, "Q": 4, "Y": 1}[kind]:
            raise UserError(_("Choose a month, a quarter or the whole of a year."))
        first_month = {"M": number, "Q": 3 * number - 2, "Y": 1}[kind]
        last_month = {"M": number, "Q": 3 * number, "Y": 12}[kind]
        date_from = date(year, first_month, 1)
        date_to = date(year, last_month, calendar.monthrange(year, last_month)[1])
        if kind == "M":
            label = "%s %d" % (self._month_name(first_month), year)
        elif kind == "Q":
            label = _("Quarter %(quarter)d %(year)d") % {"quarter": number, "year": year}
        else:
            label = str(year)
        return fields.Date.to_string(date_from), fields.Date.to_string(date_to), label

    @api.model
    def _get_default_period(self):
        """(year, period) of last month: the month a monthly report is usually made for."""
        last_month = fields.Date.from_string(fields.Date.context_today(self)) - relativedelta(months=1)
        return last_month.year, "M%d" % last_month.month

    @api.model
    def _get_period_selection(self):
        months = [("M%d" % month, self._month_name(month)) for month in range(1, 13)]
        quarters = [("Q%d" % quarter, _("Quarter %(quarter)d") % {"quarter": quarter}) for quarter in range(1, 5)]
        return months + quarters + [("Y", _("Whole year"))]

    @api.model
    def _month_name(self, month, short=False):
        """The name of ``month`` (1-12) in the user's language, as the language writes it on its own (``short``:
        abbreviated, for a column heading)."""
        return tools.format_date(self.env, date(2000, month, 1), date_format="LLL" if short else "LLLL")

    @api.model
    def _months_between(self, date_from, date_to):
        first = fields.Date.from_string(date_from).replace(day=1)
        last = fields.Date.from_string(date_to)
        months = []
        while first <= last:
            months.append(first)
            first += relativedelta(months=1)
        return months

    # ------------------------------------------------------------------ report rows

    @api.model
    def _get_report_lines(self, clients, date_from, date_to):
        """The DVA lines of ``clients`` (organisations) reported for the period: of agreements in force during it."""
        return self.env["gd.dva.line"].search([
            ("client_id", "in", clients.mapped("commercial_partner_id").ids),
            ("state", "in", list(REPORTED_STATES)),
            ("date_start", "<=", date_to),
            ("date_end", ">=", date_from),
        ], order="agreement_id, sequence, id")

    @api.model
    def _get_report_months(self, date_from, date_to):
        """(first day, last day, date string, label, short label) of every month of the period."""
        return [(month, month + relativedelta(months=1, days=-1), fields.Date.to_string(month),
                 "%s %d" % (self._month_name(month.month), month.year), self._month_name(month.month, short=True))
                for month in self._months_between(date_from, date_to)]

    @api.model
    def _get_report_rows(self, client, date_from, date_to):
        """One row per DVA line and month of the period in which its DVA was in force.

        Each row: agreement, line, item, backoffice (names), month (date string), month_label, delivered,
        on_time, late, on_time_pct (None without deliveries), norm (label), target_pct, target_met (None
        without deliveries). Read with the caller's rights: account managers see their clients only.
        """
        lines = self._get_report_lines(client, date_from, date_to)
        measures = self._read_measures(lines, date_from, date_to)
        return self._build_report_rows(self._read_line_infos(lines), self._get_report_months(date_from, date_to),
                                       measures)

    @api.model
    def _read_line_infos(self, lines):
        """What the report shows of each of ``lines``, in their order: ids, names, the norm's label, the target
        and the DVA's period. Read in a handful of statements for any number of lines: through the records, a
        year of every organisation read every column of 2,000 lines and built the norm's label line by line."""
        fields_read = ["client_id", "agreement_id", "product_tmpl_id", "backoffice_id", "date_start", "date_end",
                       "lead_time", "lead_time_unit", "target_pct"]
        values = lines.read(fields_read, load="_classic_write")

        def names(model, key):
            ids = list({value[key] for value in values if value[key]})
            return {record["id"]: record["name"] for record in self.env[model].browse(ids).read(["name"])}

        agreements = names("gd.dva.agreement", "agreement_id")
        items = names("product.template", "product_tmpl_id")
        backoffices = names("gd.backoffice", "backoffice_id")
        Line = self.env["gd.dva.line"]
        norms = {}
        infos = []
        for value in values:
            norm_key = (value["lead_time"], value["lead_time_unit"])
            if norm_key not in norms:
                norms[norm_key] = Line._format_norm(*norm_key)
            infos.append({
                "line_id": value["id"],
                "client_id": value["client_id"],
                "agreement": agreements.get(value["agreement_id"], ""),
                "agreement_id": value["agreement_id"],
                "item": items.get(value["product_tmpl_id"], ""),
                "backoffice": backoffices.get(value["backoffice_id"], ""),
                "norm": norms[norm_key],
                "target_pct": value["target_pct"],
                "date_start": fields.Date.from_string(value["date_start"]),
                "date_end": fields.Date.from_string(value["date_end"]),
            })
        return infos

    @api.model
    def _build_report_rows(self, infos, months, measures):
        """The rows (see _get_report_rows) of the lines described by ``infos`` (see _read_line_infos) from
        ``measures`` (see _read_measures)."""
        rows = []
        for info in infos:
            line_start, line_end, target_pct = info["date_start"], info["date_end"], info["target_pct"]
            common = {key: info[key] for key in ("agreement", "line_id", "item", "backoffice", "norm", "target_pct")}
            for month, month_end, month_str, month_label, _short in months:
                if line_start > month_end or line_end < month:
                    continue
                delivered, on_time = measures.get((info["line_id"], month_str), (0, 0))
                rows.append(dict(
                    common,
                    month=month_str,
                    month_label=month_label,
                    delivered=delivered,
                    on_time=on_time,
                    late=delivered - on_time,
                    on_time_pct=round(100.0 * on_time / delivered, 1) if delivered else None,
                    target_met=(100.0 * on_time / delivered >= target_pct) if delivered else None,
                ))
        return rows

    @api.model
    def _read_measures(self, lines, date_from, date_to):
        """{(DVA line id, month): (delivered, on time)} of ``lines`` in the period, in one statement.

        The caller's access rules apply (as in a search). Reading the view's records by id would aggregate
        every delivery of every line for each read; the filters here reach the view's grouping columns and
        so the work order index. Port: ``_where_calc`` and ``_apply_ir_rules`` become ``_search`` returning
        a Query in Odoo 17.
        """
        if not lines:
            return {}
        self.check_access_rights("read")
        query = self._where_calc([("dva_line_id", "in", lines.ids), ("month", ">=", date_from),
                                  ("month", "<=", date_to)])
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        # Port (13+): self.env["gd.servicedesk.work.order"].flush() first: the view reads the work order table,
        # which the ORM writes lazily from Odoo 13 on.
        self.env.cr.execute(
            'SELECT "{table}".dva_line_id, "{table}".month, "{table}".delivered_count, "{table}".on_time_count '
            "FROM {from_clause} WHERE {where}".format(table=self._table, from_clause=from_clause,
                                                       where=where_clause or "TRUE"), params)
        # Odoo 11's cursor reads dates as strings, the form the report rows use.
        return {(line_id, month): (delivered, on_time)
                for line_id, month, delivered, on_time in self.env.cr.fetchall()}

    @api.model
    def _get_report_totals(self, rows):
        """Per DVA line over the whole period: delivered, on time, share on time and whether the target is met."""
        totals = []
        seen = {}
        for row in rows:
            total = seen.get(row["line_id"])
            if total is None:
                total = dict(row, delivered=0, on_time=0, late=0, month=False, month_label=_("Period"))
                seen[row["line_id"]] = total
                totals.append(total)
            total["delivered"] += row["delivered"]
            total["on_time"] += row["on_time"]
            total["late"] += row["late"]
        for total in totals:
            delivered, on_time = total["delivered"], total["on_time"]
            total["on_time_pct"] = round(100.0 * on_time / delivered, 1) if delivered else None
            total["target_met"] = (100.0 * on_time / delivered >= total["target_pct"]) if delivered else None
        return totals

    @api.model
    def _get_report_layout(self, date_from, date_to):
        """'months' (a row per line and month) for a month or a quarter; 'year' (a row per line, the months as
        columns) for a longer period: a year of every organisation would otherwise be thousands of rows."""
        return "months" if len(self._months_between(date_from, date_to)) <= MONTHS_AS_ROWS else "year"

    @api.model
    def _is_year_layout(self, data):
        """Whether the report asked for with ``data`` (year and period, as the print form sends) has the months
        as columns."""
        data = data or {}
        year, period = data.get("year"), data.get("period")
        if not (year and period):
            year, period = self._get_default_period()
        date_from, date_to, _label = self._get_period(year, period)
        return self._get_report_layout(date_from, date_to) == "year"

    @api.model
    def _get_report_matrix(self, rows, totals, months):
        """The year layout: per DVA line its total over the period plus ``cells``, one per month of the period
        (None where the line's DVA was not in force that month, else that month's row)."""
        by_key = {(row["line_id"], row["month"]): row for row in rows}
        return [dict(total, cells=[by_key.get((total["line_id"], month_str))
                                   for _month, _end, month_str, _label, _short in months])
                for total in totals]

    @api.model
    def _get_report_data(self, client, year, period):
        """Everything the report of ``client`` for ``period`` of ``year`` shows, for the PDF and the xlsx."""
        return self._get_reports_data(client, year, period)[0]

    @api.model
    def _get_reports_data(self, clients, year, period):
        """The report data (see _get_report_data) of each of ``clients``, read together: one search of the DVA
        lines and one statement for the figures, whatever the number of organisations."""
        date_from, date_to, label = self._get_period(year, period)
        clients = clients.mapped("commercial_partner_id")
        all_lines = self._get_report_lines(clients, date_from, date_to)
        measures = self._read_measures(all_lines, date_from, date_to)
        months = self._get_report_months(date_from, date_to)
        layout = self._get_report_layout(date_from, date_to)
        labels = self._get_print_labeller()
        infos_by_client = {}
        for info in self._read_line_infos(all_lines):
            infos_by_client.setdefault(info["client_id"], []).append(info)
        Agreement = self.env["gd.dva.agreement"]
        reports = []
        for client in clients:
            infos = infos_by_client.get(client.id, [])
            rows = self._build_report_rows(infos, months, measures)
            totals = self._get_report_totals(rows)
            labels(rows + totals)
            report = {
                "client": client,
                # in the lines' order, each once
                "agreements": Agreement.browse(list(OrderedDict.fromkeys(info["agreement_id"] for info in infos))),
                "date_from": date_from,
                "date_to": date_to,
                "period_label": label,
                "layout": layout,
                "months": [{"month": month_str, "label": month_label, "short_label": short}
                           for _month, _end, month_str, month_label, short in months],
                "rows": rows,
                "totals": totals,
            }
            if layout == "year":
                report["matrix"] = self._get_report_matrix(rows, totals, months)
            reports.append(report)
        return reports

    @api.model
    def _add_print_labels(self, rows):
        """The share on time, the target and whether it is met as the reader's language writes them."""
        self._get_print_labeller()(rows)

    @api.model
    def _get_print_labeller(self):
        """A function that adds the print labels to report rows: the share on time, the target and whether it is
        met as the reader's language writes them, and the counts with its thousands separator.

        Formatted once per report with the language's decimal point: QWeb's float widget evaluates the
        language's grouping for every cell, which took minutes for a year of every organisation.
        Percentages stay below a thousand, so they need no grouping.
        """
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        point = lang.decimal_point if lang else "."
        separator = lang.thousands_sep if lang else ","
        met = {None: "-", True: _("Yes"), False: _("No")}

        def count(value):
            # Counts group by thousands (the languages the suite speaks group by three).
            return "{:,d}".format(value).replace(",", separator) if value >= 1000 else str(value)

        def add(rows):
            for row in rows:
                pct = row["on_time_pct"]
                row["on_time_share_label"] = "-" if pct is None else ("%.1f" % pct).replace(".", point)
                row["on_time_pct_label"] = row["on_time_share_label"] if pct is None else row["on_time_share_label"] + "%"
                row["target_label"] = "%.0f%%" % row["target_pct"]
                row["target_met_label"] = met[row["target_met"]]
                row["delivered_label"] = count(row["delivered"])
                row["on_time_label"] = count(row["on_time"])
        return add

    # ------------------------------------------------------------------ portal

    @api.model
    def _check_report_access(self, client):
        """Raise AccessError unless the current user is a client principal of ``client``."""
        partner = self.env.user.partner_id
        if not (partner.is_principal and partner.commercial_partner_id == client.commercial_partner_id):
            raise AccessError(_("Only the client principal of %(client)s reads its service delivery reports.")
                              % {"client": client.commercial_partner_id.name})

    @api.model
    def _render_report(self, client, year, period, report_format):
        """(content, content type, file name) of the report of ``client`` for a client principal.

        ``report_format`` is 'pdf' or 'xlsx'. Raises UserError for a period that does not exist.
        """
        client = client.commercial_partner_id
        self._check_report_access(client)
        # The user is the principal of this very organisation (checked above); portal users cannot read
        # report actions, nor the company's layout, nor every figure the report sums up.
        return self.env["gd.dva.compliance.request"].sudo()._render_file(client, year, period, report_format)
