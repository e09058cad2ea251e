"""A settlement run's state and month, its statements and computed lines change through the run only."""
from odoo.exceptions import AccessError, UserError

from .common import NEXT_MONTH, BillingCase


class TestBillingTransitionGuards(BillingCase):

    def test_computed_run_keeps_its_month(self):
        draft = self.new_run(NEXT_MONTH).sudo(self.finance)
        draft.write({"date_start": "2024-05-17"})
        self.assertEqual(draft.date_start, "2024-05-01")
        run = self.computed_run().sudo(self.finance)
        with self.refused(UserError):
            run.write({"date_start": "2024-06-01"})
        for vals in ({"state": "confirmed"}, {"state": "draft"}, {"compute_date": "2024-04-01 00:00:00"},
                     {"confirm_user_id": self.finance.id}):
            with self.refused(AccessError):
                run.write(vals)
        self.assertEqual((run.date_start, run.state), ("2024-03-01", "computed"))
        self.assertTrue(all(line.period_date == "2024-03-01" for line in run.line_ids
                            if line.source == "recurring"))

    def test_month_out_of_range(self):
        for month in ("9999-12-01", "0001-01-01", "1999-12-01"):
            with self.refused(UserError):
                self.new_run(month)

    def test_no_statement_on_a_confirmed_run(self):
        run = self.computed_run()
        run.sudo(self.finance).action_confirm()
        with self.refused(UserError):
            self.env["gd.billing.statement"].sudo(self.finance).create({"run_id": run.id, "client_id": self.org_b.id})

    def test_computed_lines_are_fixed_corrections_are_not(self):
        run = self.computed_run()
        line = run.line_ids.filtered(lambda record: record.source == "recurring")[0]
        finance_line = line.sudo(self.finance)
        with self.refused(UserError):
            finance_line.write({"price_unit": 0.01})
        for vals in ({"source": "correction"}, {"dva_line_id": False}, {"proration": 0.5},
                     {"statement_id": run.statement_ids[-1].id}, {"period_date": "2024-01-01"}):
            with self.refused(AccessError):
                finance_line.write(vals)
        statement = line.statement_id.sudo(self.finance)
        with self.refused(AccessError):
            statement.write({"client_id": self.org_c.id})
        Line = self.env["gd.billing.line"].sudo(self.finance)
        for vals in ({"source": "pay_per_use"}, {"source": "recurring", "dva_line_id": line.dva_line_id.id},
                     {"dva_line_id": line.dva_line_id.id}, {"proration": 0.5},
                     {"work_order_ids": [(6, 0, self.ppu_a.ids)]}):
            with self.refused(UserError):
                Line.create(dict(vals, statement_id=line.statement_id.id, description="Met de hand",
                                 quantity=1, price_unit=99.0))
        self.assertFalse(run.line_ids.filtered(lambda record: record.description == "Met de hand"))
        correction = Line.create({
            "statement_id": line.statement_id.id, "description": "Korting", "quantity": 1, "price_unit": -5.0})
        correction.write({"price_unit": -7.5, "description": "Korting afgesproken"})
        self.assertEqual(correction.amount, -7.5)
