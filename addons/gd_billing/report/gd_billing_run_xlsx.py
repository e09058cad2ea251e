import re

from odoo import _, models

SHEET_NAME_MAX = 31


class GdBillingRunXlsx(models.AbstractModel):
    """The xlsx of a settlement run: a summary sheet and one sheet per organisation with its lines.

    Only formats: the figures come from ``gd.billing.run._get_export_rows()``.
    """

    _name = "report.gd_billing.run_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, runs):
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
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
                    sheet.write_number(row, 7, line["proration"])
                    sheet.write_number(row, 8, line["amount"], money)
                    row += 1
                sheet.write(row, 0, _("Total"), bold)
                sheet.write_number(row, 8, statement["amount_total"], money_bold)
                sheet.set_column(0, 4, 24)
                sheet.set_column(5, 8, 14)

    def _sheet_name(self, name, used):
        """A valid, unique worksheet name: at most 31 characters, without []:*?/\\."""
        base = re.sub(r"[\[\]:*?/\\]", " ", name or "-")[:SHEET_NAME_MAX].strip() or "-"
        candidate, counter = base, 2
        while candidate.lower() in used:
            suffix = " (%d)" % counter
            candidate = base[:SHEET_NAME_MAX - len(suffix)] + suffix
            counter += 1
        used.add(candidate.lower())
        return candidate
