from odoo import _, models


class GdBillingBasisXlsx(models.AbstractModel):
    """The xlsx of the basis services for GD management: twelve months per back office, cost against budget,
    against the same month last year and against the 20% efficiency goal.

    Only formats: the figures come from ``gd.billing.run._get_basis_rows()``.
    """

    _name = "report.gd_billing.basis_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, runs):
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": '[$\u20ac-413] #,##0.00;[$\u20ac-413] -#,##0.00'})
        share = workbook.add_format({"num_format": "0.0%"})
        for run in runs:
            sheet = workbook.add_worksheet(run.name)
            sheet.write(0, 0, _("Basis services up to %(month)s") % {"month": run.name}, bold)
            sheet.write_row(2, 0, [_("Month"), _("Back office"), _("Delivered"), _("Cost"), _("Budget"),
                                   _("Cost last year"), _("Cost per delivery"), _("Cost at the reference prices"),
                                   _("Goal (20% less)"), _("Efficiency index")], bold)
            row = 3
            for values in run._get_basis_rows():
                sheet.write_row(row, 0, [values["month"], values["backoffice"]])
                sheet.write_number(row, 2, values["quantity"])
                for column, key in ((3, "cost"), (4, "budget"), (5, "last_year_cost"), (7, "baseline_cost"),
                                    (8, "goal_cost")):
                    sheet.write_number(row, column, values[key], money)
                if values["quantity"]:
                    sheet.write_number(row, 6, values["cost"] / values["quantity"], money)
                if values["baseline_cost"]:
                    sheet.write_number(row, 9, values["cost"] / values["baseline_cost"], share)
                row += 1
            sheet.set_column(0, 1, 20)
            sheet.set_column(2, 9, 16)
