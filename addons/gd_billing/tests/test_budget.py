from odoo.exceptions import ValidationError

from .common import BillingCase


class TestBudget(BillingCase):

    def test_budget_against_actual_by_month(self):
        Budget = self.env["gd.billing.budget"]
        Budget.create({"year": 2024, "backoffice_id": self.bo_faz.id, "amount": 1200.0})
        Budget.create({"year": 2024, "backoffice_id": self.bo_ict.id, "product_tmpl_id": self.item_helpdesk.id,
                       "amount": 1000.0})
        self.computed_run()
        Report = self.env["gd.billing.budget.report"]
        march = [("date", "=", "2024-03-01")]
        faz = Report.read_group(march + [("backoffice_id", "=", self.bo_faz.id)],
                                ["backoffice_id", "cost", "budget", "quantity"], ["backoffice_id"])[0]
        self.assertEqual((faz["cost"], faz["budget"], faz["quantity"]), (100.0, 100.0, 5.0))
        ict = Report.read_group(march + [("backoffice_id", "=", self.bo_ict.id)], ["backoffice_id", "cost", "budget"],
                                ["backoffice_id"])[0]
        self.assertEqual(ict["cost"], 22.5)
        self.assertAlmostEqual(ict["budget"], 83.33, places=2)
        year = Report.read_group([("date", ">=", "2024-01-01"), ("date", "<=", "2024-12-31"),
                                  ("backoffice_id", "=", self.bo_ict.id)], ["backoffice_id", "budget"], ["backoffice_id"])[0]
        self.assertAlmostEqual(year["budget"], 1000.0, places=2)
        # Next year's March compares with this March.
        trend = Report.read_group([("date", "=", "2025-03-01"), ("backoffice_id", "=", self.bo_faz.id)],
                                  ["backoffice_id", "last_year_cost", "cost"], ["backoffice_id"])[0]
        self.assertEqual((trend["last_year_cost"], trend["cost"]), (100.0, 0.0))

    def test_budget_item_must_be_basis_of_the_backoffice(self):
        with self.refused(ValidationError):
            self.env["gd.billing.budget"].create({"year": 2024, "backoffice_id": self.bo_ict.id,
                                                  "product_tmpl_id": self.item_cleaning.id, "amount": 10.0})
        with self.refused(ValidationError):
            self.env["gd.billing.budget"].create({"year": 2024, "backoffice_id": self.bo_ict.id,
                                                  "product_tmpl_id": self.item_pocket.id, "amount": 10.0})
        self.env["gd.billing.budget"].create({"year": 2024, "backoffice_id": self.bo_faz.id, "amount": 10.0})
        with self.refused(ValidationError):
            self.env["gd.billing.budget"].create({"year": 2024, "backoffice_id": self.bo_faz.id, "amount": 20.0})
