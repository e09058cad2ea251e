"""Journey 4: finance settles an ended month and downloads its xlsx; the principal downloads the statement."""
import os
import re

import openpyxl
from odoo.addons.gd_billing.tests.common import MONTH, BillingFixtures

from .browser_case import ARTIFACTS, BrowserCase, document_text


def dutch_amount(amount):
    """1234.5 -> '1.234,50', as a Dutch reader sees it."""
    return "{:,.2f}".format(amount).replace(",", " ").replace(".", ",").replace(" ", ".")


class TestSettlementJourney(BrowserCase):

    def setUpHttpData(self):
        BillingFixtures.create_fixtures(self, self.env)
        self.dutch(self.finance, self.principal_a)
        # March 2024, through the desk's own flow: a walk-in request for business cards, taken in as
        # pay-per-use, delivered by the back office on 12 March; the DVAs charge their agreed quantities.
        ticket = BillingFixtures.new_ticket(self, self.employee_a.partner_id, "Visitekaartjes nieuwe directeur")
        intake = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create({
            "ticket_id": ticket.id, "mode": "items", "product_tmpl_ids": [(6, 0, self.item_cards.ids)],
            "accept_pay_per_use": True})
        intake.action_confirm()
        self.delivery = ticket.work_order_ids
        self.assertTrue(self.delivery.is_pay_per_use)
        BillingFixtures.done_at(self.delivery, "2024-03-12 10:00:00")

    def test_finance_settles_and_exports_principal_downloads_statement(self):
        xlsx_path = os.path.join(ARTIFACTS, "settlement.xlsx")
        pdf_path = os.path.join(ARTIFACTS, "settlement-statement.pdf")
        seen = self.journey("settlement", finance=self.credentials(self.finance),
                            principal=self.credentials(self.principal_a), month="01-03-2024", runName=MONTH[:7],
                            portalMonth="maart 2024", xlsx=xlsx_path, pdf=pdf_path)
        run = self.env["gd.billing.run"].search([("date_start", "=", MONTH)])
        self.assertEqual(run.state, "exported")
        self.assertEqual(run.confirm_user_id, self.finance)
        statements = {statement.client_id.name: statement.amount_total for statement in run.statement_ids}
        own = run.statement_ids.filtered(lambda statement: statement.client_id == self.org_a)
        self.assertIn(self.delivery, own.line_ids.mapped("work_order_ids"))
        self.assertIn(dutch_amount(run.amount_total), seen["total"])

        # the xlsx: its summary sheet, organisation by organisation, as the statements say
        workbook = openpyxl.load_workbook(xlsx_path, read_only=True)
        summary = list(workbook.worksheets[0].iter_rows(min_row=4, values_only=True))
        exported = {row[0]: round(row[-1], 2) for row in summary if row[0]}
        self.assertEqual(exported, {name: round(total, 2) for name, total in statements.items()})
        workbook.close()

        # the statement in the portal: the principal's own, with its total in Dutch
        total = dutch_amount(own.amount_total)
        self.assertIn(total, seen["listed"])
        self.assertTrue(seen["pdf"].endswith(".pdf"), seen["pdf"])
        with open(pdf_path, "rb") as fh:
            content = fh.read()
        # the test server renders reports as HTML (its test cursor keeps wkhtmltopdf from the assets)
        text = document_text(content)
        self.assertIn(total, text)
        self.assertIn(re.sub(r"\s+", "", self.org_a.name), text)
        self.assertNotIn(re.sub(r"\s+", "", self.org_b.name), text)
        # and printed by wkhtmltopdf, as the portal serves it outside the tests
        report = self.env.ref("gd_billing.gd_billing_statement_report").with_context(lang="nl_NL")
        html = report.render_qweb_html(own.ids)[0]
        bodies, _ids, header, footer, paperformat = report._prepare_html(html)
        with self.server_answering():  # wkhtmltopdf fetches the stylesheets from the test server
            pdf = report._run_wkhtmltopdf(bodies, header=header, footer=footer,
                                          specific_paperformat_args=paperformat)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(total, document_text(pdf))
