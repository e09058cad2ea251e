import io

import openpyxl

from .common import BillingCase


class TestAccountingAndExport(BillingCase):

    def test_confirm_books_analytic_lines(self):
        run = self.computed_run()
        self.assertFalse(run.line_ids.mapped("analytic_line_id"))
        run.action_confirm()
        for statement in run.statement_ids:
            account = statement.client_id.gd_analytic_account_id
            self.assertTrue(account, "an analytic account is made for %s" % statement.client_id.name)
            analytic = self.env["account.analytic.line"].search([("account_id", "=", account.id)])
            self.assertEqual(analytic, statement.line_ids.mapped("analytic_line_id"))
            self.assertAlmostEqual(sum(analytic.mapped("amount")), -statement.amount_total, places=2)
            for line in statement.line_ids:
                self.assertEqual(line.analytic_line_id.amount, -line.amount)
                self.assertEqual(line.analytic_line_id.date, "2024-03-31")
                self.assertEqual(line.analytic_line_id.partner_id, statement.client_id)

    def test_existing_analytic_account_is_used(self):
        account = self.env["account.analytic.account"].create({"name": "Kostenplaats Gamma"})
        self.org_c.gd_analytic_account_id = account
        run = self.computed_run()
        run.action_confirm()
        gamma = run.line_ids.filtered(lambda line: line.client_id == self.org_c)
        self.assertEqual(gamma.mapped("analytic_line_id.account_id"), account)

    def read_xlsx(self, run):
        content, kind = self.env["report.gd_billing.run_xlsx"].with_context(
            active_model="gd.billing.run").create_xlsx_report(run.ids, {})
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_xlsx_equals_the_statements(self):
        run = self.computed_run()
        run.action_confirm()
        book = self.read_xlsx(run)
        summary = book.worksheets[0]
        self.assertEqual(len(book.worksheets), 1 + len(run.statement_ids))
        header = [cell.value for cell in summary[3]]
        classes = self.env["gd.billing.line"]._selection_financing_class()
        rows = {row[0].value: row for row in summary.iter_rows(min_row=4) if row[0].value}
        self.assertEqual(set(rows), set(run.statement_ids.mapped("client_id.name")))
        for statement in run.statement_ids:
            row = rows[statement.client_id.name]
            self.assertEqual(round(row[len(header) - 1].value, 2), round(statement.amount_total, 2))
            for column, (key, _label) in enumerate(classes, start=1):
                expected = sum(statement.line_ids.filtered(lambda line: line.financing_class == key).mapped("amount"))
                self.assertEqual(round(row[column].value, 2), round(expected, 2))
            sheet = book[statement.client_id.name[:31]]
            amounts = [sheet.cell(row=index, column=9).value for index in range(5, 5 + len(statement.line_ids))]
            self.assertEqual(amounts, statement.line_ids.mapped("amount"))
            self.assertEqual(sheet.cell(row=5 + len(statement.line_ids), column=9).value, statement.amount_total)
        alfa = book[self.org_a.name]
        self.assertEqual(alfa.cell(row=5 + len(run.statement_ids.filtered(
            lambda statement: statement.client_id == self.org_a).line_ids), column=9).value, 2799.56)

    def test_export_marks_exported(self):
        run = self.computed_run()
        run.action_confirm()
        action = run.action_export()
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(run.state, "exported")
        self.assertTrue(run.export_date)
        run.action_confirm()
        self.assertEqual(run.state, "exported", "confirming an exported run changes nothing")

    def test_pdf_statement_renders(self):
        run = self.computed_run()
        run.action_confirm()
        statement = run.statement_ids.filtered(lambda record: record.client_id == self.org_a)
        html = self.env.ref("gd_billing.gd_billing_statement_report").render_qweb_html(statement.ids)[0]
        html = html.decode("utf-8") if isinstance(html, bytes) else html
        self.assertIn(self.org_a.name, html)
        # the total in the printing user's language: its own thousands separator and decimal point
        lang = self.env["res.lang"]._lang_get(self.env.user.lang or "en_US")
        self.assertIn("2%s799%s56" % (lang.thousands_sep, lang.decimal_point), html)
