import io

import openpyxl

from .common import BillingCase


class TestStatementLook(BillingCase):
    """Statements in euros as a Dutch reader writes them, with each charged delivery listed."""

    def test_xlsx_lists_each_delivery_and_shows_euros(self):
        run = self.computed_run()
        run.action_confirm()
        content, _kind = self.env["report.gd_billing.run_xlsx"].with_context(
            active_model="gd.billing.run").create_xlsx_report(run.ids, {})
        book = openpyxl.load_workbook(io.BytesIO(content))
        charged = run.line_ids.filtered("work_order_ids")
        self.assertTrue(charged, "the test month charges deliveries")
        for statement in run.statement_ids:
            sheet = book[statement.client_id.name[:31]]
            amount_cell = sheet.cell(row=5, column=9)
            self.assertIn("\u20ac", amount_cell.number_format)
            orders = statement.line_ids.mapped("work_order_ids")
            cases = [row[2].value for row in sheet.iter_rows(min_row=6 + len(statement.line_ids))
                     if row[2].value in orders.mapped("ticket_id.number")]
            # one row per delivery: a case with several deliveries appears once for each
            self.assertEqual(sorted(cases), sorted(order.ticket_id.number for order in orders))

    def test_pdf_lists_each_delivery_in_dutch(self):
        self.env["res.lang"].load_lang("nl_NL")
        run = self.computed_run()
        run.action_confirm()
        statement = run.line_ids.filtered("work_order_ids")[:1].statement_id
        statement.client_id.lang = "nl_NL"
        # Odoo 11 writes the figures in the printing user's language (t-lang switches the words only)
        html = self.env.ref("gd_billing.gd_billing_statement_report").with_context(
            lang="nl_NL").render_qweb_html(statement.ids)[0]
        html = html.decode("utf-8") if isinstance(html, bytes) else html
        for order in statement.line_ids.mapped("work_order_ids"):
            self.assertIn(order.ticket_id.number, html)
        total = self.env["res.lang"]._lang_get("nl_NL").format("%.2f", statement.amount_total, grouping=True,
                                                                monetary=True)
        self.assertIn(total, html)
        self.assertIn("\u20ac", html)
        self.assertIn("maart 2024", html)
