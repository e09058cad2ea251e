from odoo import _, api, models
from odoo.addons.gd_catalog.xlsx import sheet_name


class ReportServiceDeliveryXlsx(models.AbstractModel):
    """The service delivery report as a workbook: one sheet per organisation, the same rows as the PDF."""

    _name = "report.gd_dva.report_service_delivery_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Service delivery report (xlsx)"

    def _get_objs_for_report(self, docids, data):
        return self.env["report.gd_dva.report_service_delivery"]._get_clients(docids, data)

    @api.model
    def _get_columns(self):
        return [_("DVA"), _("Catalogue item"), _("Back office"), _("Month"), _("Delivered"), _("On time"),
                _("Late"), _("Share on time (%)"), _("Norm"), _("Target (%)"), _("Target met")]

    def generate_xlsx_report(self, workbook, data, objs):
        data = data or {}
        Compliance = self.env["gd.dva.compliance"]
        year, period = data.get("year"), data.get("period")
        if not (year and period):
            year, period = Compliance._get_default_period()
        title = workbook.add_format({"bold": True, "font_size": 14})
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#154273", "font_color": "#FFFFFF", "border": 1})
        percent = workbook.add_format({"num_format": "0.0"})
        used_names = set()
        for client in objs:
            report = Compliance._get_report_data(client, year, period)
            sheet = workbook.add_worksheet(sheet_name(client.name, used_names, _("Report")))
            sheet.set_column(0, 0, 16)
            sheet.set_column(1, 2, 30)
            sheet.set_column(3, 3, 16)
            sheet.set_column(4, 10, 12)
            sheet.write(0, 0, _("Service delivery report"), title)
            sheet.write(1, 0, _("Client organisation"), bold)
            sheet.write(1, 1, report["client"].name)
            sheet.write(2, 0, _("Period"), bold)
            sheet.write(2, 1, report["period_label"])
            sheet.write(3, 0, _("DVAs"), bold)
            sheet.write(3, 1, ", ".join(report["agreements"].mapped("name")))
            row = 5
            for section, rows in ((_("Per month"), report["rows"]), (_("Whole period"), report["totals"])):
                sheet.write(row, 0, section, bold)
                row += 1
                for col, label in enumerate(self._get_columns()):
                    sheet.write(row, col, label, header)
                row += 1
                for values in rows:
                    sheet.write(row, 0, values["agreement"])
                    sheet.write(row, 1, values["item"])
                    sheet.write(row, 2, values["backoffice"])
                    sheet.write(row, 3, values["month_label"])
                    sheet.write_number(row, 4, values["delivered"])
                    sheet.write_number(row, 5, values["on_time"])
                    sheet.write_number(row, 6, values["late"])
                    if values["on_time_pct"] is None:
                        sheet.write(row, 7, "-")
                    else:
                        sheet.write_number(row, 7, values["on_time_pct"], percent)
                    sheet.write(row, 8, values["norm"])
                    sheet.write_number(row, 9, values["target_pct"], percent)
                    sheet.write(row, 10, values["target_met_label"])
                    row += 1
                row += 1
