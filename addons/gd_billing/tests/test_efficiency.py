import io

import openpyxl

from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase

from .common import BillingFixtures


class TestEfficiency(SavepointCase):
    """Basis services cost per unit or per norm hour, against last year, the budget and the 20% goal."""

    @classmethod
    def setUpClass(cls):
        super(TestEfficiency, cls).setUpClass()
        BillingFixtures.create_fixtures(cls, cls.env)
        # The helpdesk is costed per hour: 30.00 an hour, half an hour per call by the norm.
        cls.item_helpdesk.write({"cost_basis": "hour", "norm_hours": 0.5, "standard_price": 30.0})
        cls.env["gd.billing.budget"].create({"year": 2024, "backoffice_id": cls.bo_faz.id, "amount": 1200.0,
                                             "company_id": cls.company.id})
        requester = cls.employee_a.partner_id
        # March 2023: 4 cleanings at 20.00 and 2 helpdesk calls.
        for day in (6, 7, 8, 9):
            BillingFixtures.done_order(cls, cls.ticket(requester), cls.item_cleaning, "2023-03-%02d 10:00:00" % day)
        for day in (13, 14):
            BillingFixtures.done_order(cls, cls.ticket(requester), cls.item_helpdesk, "2023-03-%02d 10:00:00" % day)
        cls.settle("2023-03-01")
        # A year later cleaning costs 15.00: 4 cleanings again.
        cls.item_cleaning.standard_price = 15.0
        for day in (5, 6, 7, 8):
            BillingFixtures.done_order(cls, cls.ticket(requester), cls.item_cleaning, "2024-03-%02d 10:00:00" % day)
        cls.march_2024 = cls.settle("2024-03-01")

    @classmethod
    def ticket(cls, requester):
        return BillingFixtures.new_ticket(cls, requester, "Basis")

    @classmethod
    def settle(cls, month):
        run = cls.env["gd.billing.run"].sudo(cls.finance).create({"date_start": month, "company_id": cls.company.id})
        run.action_compute()
        run.action_confirm()
        return run

    def test_cost_per_unit_and_per_norm_hour(self):
        self.assertEqual(self.item_helpdesk.unit_cost, 15.0)
        march_2023 = self.env["gd.billing.run"].search([("date_start", "=", "2023-03-01"),
                                                        ("company_id", "=", self.company.id)])
        basis = {line.product_tmpl_id: line for line in march_2023.basis_line_ids}
        self.assertEqual((basis[self.item_cleaning].quantity, basis[self.item_cleaning].amount), (4.0, 80.0))
        self.assertEqual((basis[self.item_helpdesk].unit_cost, basis[self.item_helpdesk].amount), (15.0, 30.0))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.item_cleaning.write({"cost_basis": "hour", "norm_hours": 0.0})

    def test_efficiency_against_the_goal_and_last_year(self):
        Report = self.env["gd.billing.efficiency.report"]
        rows = {row.date: row for row in Report.search([("product_tmpl_id", "=", self.item_cleaning.id)])}
        self.assertEqual((rows["2023-03-01"].cost, rows["2023-03-01"].baseline_cost, rows["2023-03-01"].goal_cost),
                         (80.0, 80.0, 64.0))
        now = rows["2024-03-01"]
        self.assertEqual((now.quantity, now.cost, now.cost_per_unit, now.baseline_cost, now.goal_cost),
                         (4.0, 60.0, 15.0, 80.0, 64.0), "25% cheaper than the reference quarter: the goal is met")
        budget = self.env["gd.billing.budget.report"].read_group(
            [("date", "=", "2024-03-01"), ("backoffice_id", "=", self.bo_faz.id)],
            ["backoffice_id", "cost", "budget", "last_year_cost"], ["backoffice_id"])[0]
        self.assertEqual((budget["cost"], budget["budget"], budget["last_year_cost"]), (60.0, 100.0, 80.0))
        # The xlsx for GD management: the same figures.
        content, _kind = self.env["report.gd_billing.basis_xlsx"].sudo(self.finance).with_context(
            active_model="gd.billing.run").create_xlsx_report(self.march_2024.ids, {})
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        faz = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)
               if row[0].value == "2024-03" and row[1].value == self.bo_faz.display_name]
        self.assertEqual(len(faz), 1)
        self.assertEqual(faz[0][2:], [4.0, 60.0, 100.0, 80.0, 15.0, 80.0, 64.0, 0.75])
