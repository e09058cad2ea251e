from odoo import _, api, models
from odoo.addons.gd_catalog.xlsx import sheet_name


class ReportServiceDeliveryXlsx(models.AbstractModel):
    """The service delivery report as a workbook: one sheet per organisation, the same layout as the PDF.

    A month or a quarter: a row per DVA line and month, then the whole period per line. A longer period (a year):
    a row per DVA line with, per month, the number delivered and the share on time, then the period's figures.
    Written row by row in xlsxwriter's constant memory mode: a year of every organisation is some 2,000 lines.
    """

    _name = "report.gd_dva.report_service_delivery_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Service delivery report (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["report.gd_dva.report_service_delivery"]._get_clients(docids, data)

    def get_workbook_options(self):
        # Rows are written in order, each sheet's cells flushed to disk row by row.
        return {"constant_memory": True}

    @api.model
    def _get_columns(self):
        return [_("DVA"), _("Catalogue item"), _("Back office"), _("Month"), _("Delivered"), _("On time"),
                _("Late"), _("Share on time (%)"), _("Norm"), _("Target (%)"), _("Target met")]

    @api.model
    def _get_year_columns(self):
        """(leading columns, columns per month, closing columns) of the year layout."""
        return ([_("DVA"), _("Catalogue item"), _("Back office"), _("Norm"), _("Target (%)")],
                [_("Delivered"), _("On time (%)")],
                [_("Delivered"), _("On time"), _("Late"), _("Share on time (%)"), _("Target met")])

    def generate_xlsx_report(self, workbook, data, objs):
        data = data or {}
        Compliance = self.env["gd.dva.compliance"]
        year, period = data.get("year"), data.get("period")
        if not (year and period):
            year, period = Compliance._get_default_period()
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "bold": workbook.add_format({"bold": True}),
            "header": workbook.add_format({"bold": True, "bg_color": "#154273", "font_color": "#FFFFFF",
                                           "border": 1}),
            "percent": workbook.add_format({"num_format": "0.0"}),
        }
        # Labels translated once per workbook, not once per sheet.
        labels = {
            "title": _("Service delivery report"), "client": _("Client organisation"), "period": _("Period"),
            "agreements": _("DVAs"), "report": _("Report"), "per_month": _("Per month"),
            "whole_period": _("Whole period"), "year": _("Per month and for the whole period"),
            "columns": self._get_columns(), "year_columns": self._get_year_columns(),
        }
        used_names = set()
        for report in Compliance._get_reports_data(objs, year, period):
            sheet = workbook.add_worksheet(sheet_name(report["client"].name, used_names, labels["report"]))
            row = self._write_heading(sheet, report, styles, labels)
            if report["layout"] == "year":
                self._write_year(sheet, row, report, styles, labels)
            else:
                self._write_months(sheet, row, report, styles, labels)

    def _write_heading(self, sheet, report, styles, labels):
        """The organisation, the period and its DVAs; returns the next free row."""
        sheet.write_string(0, 0, labels["title"], styles["title"])
        sheet.write_string(1, 0, labels["client"], styles["bold"])
        sheet.write_string(1, 1, report["client"].name)
        sheet.write_string(2, 0, labels["period"], styles["bold"])
        sheet.write_string(2, 1, report["period_label"])
        sheet.write_string(3, 0, labels["agreements"], styles["bold"])
        sheet.write_string(3, 1, ", ".join(report["agreements"].mapped("name")))
        return 5

    @staticmethod
    def _write_share(sheet, row, col, pct, style):
        if pct is None:
            sheet.write_string(row, col, "-")
        else:
            sheet.write_number(row, col, pct, style)

    def _write_months(self, sheet, row, report, styles, labels):
        """A row per DVA line and month, then a row per line for the whole period."""
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 2, 30)
        sheet.set_column(3, 3, 16)
        sheet.set_column(4, 10, 12)
        percent = styles["percent"]
        for section, rows in ((labels["per_month"], report["rows"]), (labels["whole_period"], report["totals"])):
            sheet.write_string(row, 0, section, styles["bold"])
            row += 1
            sheet.write_row(row, 0, labels["columns"], styles["header"])
            row += 1
            for values in rows:
                # write_string/write_number: write() tells numbers, URLs and formulas apart in every string
                for col, key in enumerate(("agreement", "item", "backoffice", "month_label")):
                    sheet.write_string(row, col, values[key])
                for col, key in enumerate(("delivered", "on_time", "late"), 4):
                    sheet.write_number(row, col, values[key])
                self._write_share(sheet, row, 7, values["on_time_pct"], percent)
                sheet.write_string(row, 8, values["norm"])
                sheet.write_number(row, 9, values["target_pct"], percent)
                sheet.write_string(row, 10, values["target_met_label"])
                row += 1
            row += 1

    def _write_year(self, sheet, row, report, styles, labels):
        """A row per DVA line: per month delivered and share on time, then the period's figures."""
        leading, per_month, closing = labels["year_columns"]
        months = report["months"]
        first_total = len(leading) + len(per_month) * len(months)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 2, 30)
        sheet.set_column(3, first_total + len(closing), 10)
        percent, header = styles["percent"], styles["header"]
        # Two heading rows: the months (each over its columns) and the whole period, then the column names.
        sheet.write_string(row, 0, labels["year"], styles["bold"])
        row += 1
        for index, month in enumerate(months):
            col = len(leading) + len(per_month) * index
            sheet.merge_range(row, col, row, col + len(per_month) - 1, month["label"], header)
        sheet.merge_range(row, first_total, row, first_total + len(closing) - 1, labels["whole_period"], header)
        row += 1
        sheet.write_row(row, 0, leading + per_month * len(months) + closing, header)
        row += 1
        for line in report["matrix"]:
            for col, key in enumerate(("agreement", "item", "backoffice", "norm")):
                sheet.write_string(row, col, line[key])
            sheet.write_number(row, 4, line["target_pct"], percent)
            col = len(leading)
            for cell in line["cells"]:
                if cell:  # empty where the line's DVA was not in force that month
                    sheet.write_number(row, col, cell["delivered"])
                    self._write_share(sheet, row, col + 1, cell["on_time_pct"], percent)
                col += len(per_month)
            for offset, key in enumerate(("delivered", "on_time", "late")):
                sheet.write_number(row, col + offset, line[key])
            self._write_share(sheet, row, col + 3, line["on_time_pct"], percent)
            sheet.write_string(row, col + 4, line["target_met_label"])
            row += 1
