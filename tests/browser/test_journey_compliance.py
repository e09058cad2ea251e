"""Journey 5: the account manager opens a client's compliance and downloads the service delivery report."""
import os

import openpyxl
from odoo import fields
from odoo.addons.gd_dva.tests.common import DvaFixtures

from .browser_case import ARTIFACTS, BrowserCase, document_text


class TestComplianceJourney(BrowserCase):

    def setUpHttpData(self):
        DvaFixtures.create_fixtures(self, self.env)
        self.dutch(self.account_manager)
        # This month: a request for a pocket computer and software, taken in by the desk and delivered by
        # the back office well within the agreed norms.
        self.month = fields.Date.from_string(fields.Date.context_today(
            self.env["res.users"].with_context(tz="Europe/Amsterdam")))
        ticket = DvaFixtures.new_ticket(self, self.employee_a.partner_id, "Pocketcomputer en software")
        self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create({
            "ticket_id": ticket.id, "mode": "items",
            "product_tmpl_ids": [(6, 0, (self.item_pocket | self.item_software).ids)]}).action_confirm()
        orders = ticket.work_order_ids
        self.pocket = orders.filtered(lambda order: order.product_tmpl_id == self.item_pocket)
        self.software = orders - self.pocket
        self.assertEqual(self.pocket.dva_line_id, self.line_a_pocket)
        self.assertEqual(self.software.dva_line_id, self.line_a_software)
        orders._do_done()

    def test_account_manager_downloads_service_delivery_report(self):
        pdf_path = os.path.join(ARTIFACTS, "compliance.pdf")
        xlsx_path = os.path.join(ARTIFACTS, "compliance.xlsx")
        Compliance = self.env["gd.dva.compliance"].with_context(lang="nl_NL")
        seen = self.journey("compliance_report", accountManager=self.credentials(self.account_manager),
                            client=self.org_a.name, item=self.item_pocket.name, year=self.month.year,
                            period=Compliance._month_name(self.month.month), pdf=pdf_path, xlsx=xlsx_path)
        label = Compliance._get_period(self.month.year, "M%d" % self.month.month)[2]
        self.assertTrue(seen["pdf"].endswith(".pdf"), seen["pdf"])
        self.assertTrue(seen["xlsx"].endswith(".xlsx"), seen["xlsx"])
        with open(pdf_path, "rb") as fh:
            text = document_text(fh.read())
        for expected in (self.org_a.name, label, self.dva_a.name, self.item_pocket.name, self.item_software.name):
            self.assertIn(expected.replace(" ", ""), text)
        self.assertNotIn(self.org_b.name.replace(" ", ""), text)

        workbook = openpyxl.load_workbook(xlsx_path, read_only=True)
        sheet = workbook.worksheets[0]
        rows = [row for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        self.assertEqual(rows[1][1], self.org_a.name)
        self.assertEqual(rows[2][1], label)
        # the first section, per month: delivered, on time, late
        figures = {}
        for row in rows[7:]:
            if row[0] == self.dva_a.name:
                figures.setdefault(row[1], tuple(row[4:7]))
        self.assertEqual(figures[self.item_pocket.name], (1, 1, 0))
        self.assertEqual(figures[self.item_software.name], (1, 1, 0))
