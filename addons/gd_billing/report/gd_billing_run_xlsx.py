from odoo import _, fields, models
from odoo.addons.gd_catalog.xlsx import sheet_name



class GdBillingRunXlsx(models.AbstractModel):
    """The xlsx of a settlement run: a summary sheet and one sheet per organisation with its lines.

    Only formats: the figures come from ``gd.billing.run._get_export_rows()``.
    """

    _name = "report.gd_billing.run_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, runs):
        bold = workbook.add_format({"bold": True})
        # Euros as a Dutch reader writes them (spreadsheet programs show the reader's own separators).
        money_format = '[$\u20ac-413] #,##0.00;[$\u20ac-413] -#,##0.00'
        money = workbook.add_format({"num_format": money_format})
        money_bold = workbook.add_format({"num_format": money_format, "bold": True})
        share = workbook.add_format({"num_format": "0.00%"})
        used = set()
        for run in runs:
            rows = run._get_export_rows()
            sheet = workbook.add_worksheet(self._sheet_name(_("Summary %(month)s") % {"month": run.name}, used))
            sheet.write(0, 0, _("Settlement %(month)s") % {"month": run.name}, bold)
            header = [_("Organisation")] + [label for _key, label in rows["classes"]] + [_("Total")]
            sheet.write_row(2, 0, header, bold)
            row = 3
            for organisation, totals, total in rows["summary"]:
                sheet.write(row, 0, organisation)
                for column, (key, _label) in enumerate(rows["classes"], start=1):
                    sheet.write_number(row, column, totals.get(key, 0.0), money)
                sheet.write_number(row, len(rows["classes"]) + 1, total, money_bold)
                row += 1
            sheet.set_column(0, 0, 40)
            sheet.set_column(1, len(header), 14)

            deliveries = self._get_deliveries(run)
            for statement, lines in rows["statements"]:
                sheet = workbook.add_worksheet(self._sheet_name(statement["organisation"], used))
                sheet.write(0, 0, statement["organisation"], bold)
                sheet.write(1, 0, _("Settlement %(month)s") % {"month": run.name})
                sheet.write_row(3, 0, [_("Source"), _("Financing class"), _("Catalogue item"), _("Back office"),
                                       _("Description"), _("Quantity"), _("Unit price"), _("Share of the month"),
                                       _("Amount")], bold)
                row = 4
                for line in lines:
                    sheet.write_row(row, 0, [line["source"], line["financing_class"], line["item"],
                                             line["backoffice"], line["description"]])
                    sheet.write_number(row, 5, line["quantity"])
                    sheet.write_number(row, 6, line["price_unit"], money)
                    sheet.write_number(row, 7, line["proration"], share)
                    sheet.write_number(row, 8, line["amount"], money)
                    row += 1
                sheet.write(row, 0, _("Total"), bold)
                sheet.write_number(row, 8, statement["amount_total"], money_bold)
                self._write_deliveries(workbook, sheet, row + 2, deliveries.get(statement["organisation"], []), bold)
                sheet.set_column(0, 4, 24)
                sheet.set_column(5, 8, 14)

    def _get_deliveries(self, run):
        """{organisation name: [(source, item, case number, requester, done date)]}: what each organisation
        pays per use or beyond its agreed quantity, delivery by delivery.

        The run was read under the user's own rights; the work orders behind its lines belong to the service
        desk and the back offices, which finance does not read itself.
        """
        sources = dict(self.env["gd.billing.line"]._selection_source())
        lines = self.env["gd.billing.line"].sudo().search(
            [("run_id", "=", run.id), ("work_order_ids", "!=", False)], order="statement_id, source_sequence, id")
        deliveries = {}
        for line in lines:
            for order in line.work_order_ids.sorted(lambda record: record.done_date or ""):
                deliveries.setdefault(line.client_id.name or "", []).append((
                    sources.get(line.source, line.source), line.product_tmpl_id.name or "",
                    order.ticket_id.number or "", order.ticket_id.partner_id.name or "", order.done_date))
        return deliveries

    def _write_deliveries(self, workbook, sheet, row, deliveries, bold):
        """Under an organisation's lines, its deliveries: case, who asked and when (in the user's time zone)."""
        if not deliveries:
            return row
        date_format = workbook.add_format({"num_format": "dd-mm-yyyy"})
        sheet.write(row, 0, _("Deliveries"), bold)
        sheet.write_row(row + 1, 0, [_("Source"), _("Catalogue item"), _("Case"), _("Requester"),
                                     _("Delivered on")], bold)
        tz_env = self.env["res.users"].with_context(tz=self.env.user.tz or self.env.user.company_id.gd_tz)
        row += 2
        for source, item, number, requester, done_date in deliveries:
            sheet.write_row(row, 0, [source, item, number, requester])
            if done_date:
                done = fields.Datetime.context_timestamp(tz_env, fields.Datetime.from_string(done_date))
                sheet.write_datetime(row, 4, done.replace(tzinfo=None), date_format)
            row += 1
        return row

    def _sheet_name(self, name, used):
        """A valid, unique worksheet name (see gd_catalog's xlsx.sheet_name)."""
        return sheet_name(name, used)
