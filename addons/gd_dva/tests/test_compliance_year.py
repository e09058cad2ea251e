"""The report of a year: a row per DVA line with the months as columns, in the PDF and in the workbook."""
import io
from unittest.mock import patch

import openpyxl
from lxml import html as lxml_html

from odoo.addons.base.ir.ir_actions_report import IrActionsReport as BaseIrActionsReport

from .test_compliance import ComplianceCase

YEAR_DATA = {"year": 2025, "period": "Y"}


class TestYearLayout(ComplianceCase):

    def monthly_figures(self):
        """{(line id, month): (delivered, on time)} from the reports of each month of 2025 on their own."""
        figures = {}
        for month in range(1, 13):
            report = self.Compliance._get_report_data(self.org_c, 2025, "M%d" % month)
            self.assertEqual(report["layout"], "months")
            for row in report["rows"]:
                figures[(row["line_id"], row["month"])] = (row["delivered"], row["on_time"])
        return figures

    def test_layout_follows_the_length_of_the_period(self):
        self.assertEqual(self.Compliance._get_report_data(self.org_c, 2025, "Q1")["layout"], "months")
        self.assertEqual(self.Compliance._get_report_data(self.org_c, 2025, "Y")["layout"], "year")
        self.assertTrue(self.Compliance._is_year_layout(YEAR_DATA))
        self.assertFalse(self.Compliance._is_year_layout({"year": 2025, "period": "Q4"}))

    def test_year_figures_equal_the_monthly_reports(self):
        monthly = self.monthly_figures()
        report = self.Compliance._get_report_data(self.org_c, 2025, "Y")
        self.assertEqual([month["month"] for month in report["months"]],
                         ["2025-%02d-01" % month for month in range(1, 13)])
        year = {}
        for line in report["matrix"]:
            for month, cell in zip(report["months"], line["cells"]):
                year[(line["line_id"], month["month"])] = (cell["delivered"], cell["on_time"])
            self.assertEqual(line["delivered"], sum(cell["delivered"] for cell in line["cells"]))
            self.assertEqual(line["on_time"], sum(cell["on_time"] for cell in line["cells"]))
        self.assertEqual(year, monthly)
        self.assertEqual(year[(self.line_c_pocket.id, "2025-02-01")], (1, 0))
        self.assertEqual(year[(self.line_c_pocket.id, "2025-03-01")], (4, 3))
        self.assertEqual(year[(self.line_c_cards.id, "2025-04-01")], (1, 1))
        pocket = next(line for line in report["matrix"] if line["line_id"] == self.line_c_pocket.id)
        self.assertEqual((pocket["delivered"], pocket["on_time"], pocket["on_time_pct"], pocket["target_met"]),
                         (5, 3, 60.0, False))

    def test_months_outside_the_dva_are_empty(self):
        """A DVA in force from April: its lines have no cell for January to March."""
        dva = self.make_agreement(self.org_b, self.principal_b.partner_id, [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 5, "target_pct": 90.0},
        ], date_start="2025-04-01", date_end="2025-12-31")
        report = self.Compliance._get_report_data(self.org_b, 2025, "Y")
        line = next(line for line in report["matrix"] if line["line_id"] == dva.line_ids.id)
        self.assertEqual(line["cells"][:3], [None, None, None])
        self.assertEqual([cell["delivered"] for cell in line["cells"][3:]], [0] * 9)

    def test_pdf_of_the_year_shows_the_months_as_columns(self):
        self.env["res.lang"].load_lang("nl_NL")
        report = self.pdf_report.with_context(lang="nl_NL")
        content, _format = report.render_qweb_html(self.org_c.ids, data=dict(YEAR_DATA))
        document = lxml_html.fromstring(content)
        self.assertFalse(document.xpath("//table[contains(@class, 'o_gd_months')]"))
        headings = [" ".join(cell.text_content().split())
                    for cell in document.xpath("//table[contains(@class, 'o_gd_year')]//thead//th")]
        self.assertEqual(len(headings), 1 + 12 + 6)
        self.assertEqual(headings[3].rstrip(".").lower(), "mrt")
        row = document.xpath("//table[contains(@class, 'o_gd_year')]//tr[@data-line='%d']" % self.line_c_pocket.id)[0]
        # per month the share on time
        cells = {"2025-%02d-01" % month: cell.text_content().strip()
                 for month, cell in enumerate(row.xpath("./td")[1:13], 1)}
        self.assertEqual(cells["2025-03-01"], "75,0")
        self.assertEqual(cells["2025-02-01"], "0,0")
        self.assertEqual(cells["2025-05-01"], "-")
        texts = [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        self.assertEqual(texts[13:], ["5", "3", "60,0%", "2 werkdagen", "95%", "Nee"])

    def test_year_is_printed_in_landscape(self):
        seen = []

        def render_qweb_pdf(report, res_ids=None, data=None):
            seen.append(report.env.context.get("landscape"))
            return b"%PDF-", "pdf"

        with patch.object(BaseIrActionsReport, "render_qweb_pdf", render_qweb_pdf):
            self.pdf_report.render_qweb_pdf(self.org_c.ids, data=dict(YEAR_DATA))
            self.pdf_report.render_qweb_pdf(self.org_c.ids, data={"year": 2025, "period": "Q1"})
        self.assertEqual(seen, [True, None])

    def test_workbook_of_the_year_has_a_row_per_line(self):
        content, _format = self.xlsx_report.render_xlsx(self.org_c.ids, dict(YEAR_DATA))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(values[2][:2], ["Period", "2025"])
        self.assertEqual(values[6][5], "January 2025")
        self.assertEqual(values[7][:7], ["DVA", "Catalogue item", "Back office", "Norm", "Target (%)", "Delivered",
                                         "On time (%)"])
        by_item = {row[1]: row for row in values[8:] if row[1]}
        self.assertEqual(set(by_item), {"DT Pocketcomputer", "DT Software", "DT Visitekaartjes"})
        pocket = by_item["DT Pocketcomputer"]
        # February: 1 delivered, none on time; March: 4 delivered, 75% on time; then the year
        self.assertEqual(pocket[7:11], [1, 0, 4, 75])
        self.assertEqual(pocket[-5:], [5, 3, 2, 60, "No"])
        self.assertEqual(by_item["DT Visitekaartjes"][11:13], [1, 100])
