import psycopg2

from odoo import api
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import NEXT_MONTH, BillingCase, BillingFixtures


class TestSettlementRun(BillingCase):

    def lines_of(self, run, client):
        return run.line_ids.filtered(lambda line: line.client_id == client)

    def test_hand_built_month_line_by_line(self):
        run = self.computed_run()
        self.assertEqual(run.state, "computed")
        self.assertEqual(run.date_end, "2024-03-31")

        alfa = self.lines_of(run, self.org_a)
        by_source = {}
        for line in alfa:
            by_source.setdefault(line.source, self.env["gd.billing.line"])
            by_source[line.source] |= line
        recurring = by_source["recurring"]
        self.assertEqual(recurring.mapped("dva_line_id"), self.line_a_pocket | self.line_a_software)
        pocket = recurring.filtered(lambda line: line.dva_line_id == self.line_a_pocket)
        self.assertEqual((pocket.quantity, pocket.price_unit, pocket.proration, pocket.amount),
                         (3.0, 42.0, 1.0, 126.0))
        software = recurring - pocket
        self.assertEqual((software.quantity, software.price_unit, software.amount), (100.0, 12.5, 1250.0))
        beyond = by_source["beyond_quantity"]
        self.assertEqual((beyond.dva_line_id, beyond.quantity, beyond.amount), (self.line_a_pocket, 2.0, 84.0))
        ppu = by_source["pay_per_use"]
        self.assertEqual((ppu.product_tmpl_id, ppu.quantity, ppu.price_unit, ppu.amount),
                         (self.item_cards, 3.0, 35.0, 105.0))
        self.assertEqual(ppu.work_order_ids, self.ppu_a, "the April delivery belongs to April")
        custom = by_source["custom"]
        self.assertEqual((custom.sale_order_id, custom.amount, custom.financing_class),
                         (self.quote_a, 1234.56, "custom"))
        self.assertEqual(set(by_source), {"recurring", "beyond_quantity", "pay_per_use", "custom"})
        statement_a = run.statement_ids.filtered(lambda statement: statement.client_id == self.org_a)
        self.assertAlmostEqual(statement_a.amount_total, 2799.56, places=2)

        beta = self.lines_of(run, self.org_b)
        self.assertEqual(len(beta), 1, "Beta's basis helpdesk calls are not charged")
        self.assertEqual((beta.days, beta.proration, beta.amount), (21, 0.677419, 304.84))

        gamma = self.lines_of(run, self.org_c)
        self.assertEqual((gamma.source, gamma.quantity, gamma.amount), ("pay_per_use", 2.0, 90.0))
        self.assertEqual(gamma.work_order_ids, self.ppu_c)

        self.assertFalse(run.line_ids.filtered(lambda line: line.product_tmpl_id.financing_class == "basis"))
        self.assertAlmostEqual(run.amount_total, 2799.56 + 304.84 + 90.0, places=2)

    def test_basis_reported_not_charged(self):
        run = self.computed_run()
        basis = {(line.product_tmpl_id, line.client_id): line for line in run.basis_line_ids}
        cleaning = basis[(self.item_cleaning, self.org_a)]
        self.assertEqual((cleaning.backoffice_id, cleaning.quantity, cleaning.unit_cost, cleaning.amount),
                         (self.bo_faz, 5.0, 20.0, 100.0))
        helpdesk = basis[(self.item_helpdesk, self.org_b)]
        self.assertEqual((helpdesk.quantity, helpdesk.amount), (3.0, 22.5))
        self.assertEqual(run.basis_cost, 122.5)

    def test_recompute_is_idempotent(self):
        run = self.computed_run()
        before = sorted((line.client_id.id, line.source, line.description, line.amount) for line in run.line_ids)
        statements = run.statement_count
        run.action_compute()
        after = sorted((line.client_id.id, line.source, line.description, line.amount) for line in run.line_ids)
        self.assertEqual(before, after)
        self.assertEqual(run.statement_count, statements)
        self.assertEqual(len(run.basis_line_ids), 2)

    def test_recompute_keeps_corrections_and_picks_up_new_work(self):
        run = self.computed_run()
        statement_c = run.statement_ids.filtered(lambda statement: statement.client_id == self.org_c)
        self.env["gd.billing.line"].create({"statement_id": statement_c.id, "description": "Credit",
                                            "quantity": 1, "price_unit": -10.0})
        BillingFixtures.done_order(self, self.ticket_c, self.item_pocket, "2024-03-09 12:00:00", price=45.0)
        run.action_compute()
        gamma = self.lines_of(run, self.org_c)
        self.assertEqual(sorted(gamma.mapped("amount")), [-10.0, 135.0])

    def test_no_double_charge_across_runs(self):
        march = self.computed_run()
        march.action_confirm()
        april = self.computed_run(NEXT_MONTH)
        charged = april.line_ids.mapped("work_order_ids")
        self.assertEqual(charged, self.ppu_a_april)
        self.assertFalse(april.line_ids.filtered(lambda line: line.sale_order_id))
        # Recurring lines are again due in April, for April.
        self.assertEqual(len(april.line_ids.filtered(lambda line: line.source == "recurring")), 3)

    def test_database_refuses_a_second_charge(self):
        march = self.computed_run()
        march.action_confirm()
        april = self.new_run(NEXT_MONTH)
        statement = self.env["gd.billing.statement"].create({"run_id": april.id, "client_id": self.org_a.id})
        line = self.env["gd.billing.line"].create({"statement_id": statement.id, "source": "pay_per_use",
                                                   "description": "again", "quantity": 1, "price_unit": 35.0})
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute("INSERT INTO gd_billing_line_work_order_rel (line_id, work_order_id) "
                                    "VALUES (%s, %s)", (line.id, self.ppu_a[0].id))
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["gd.billing.line"].create({
                    "statement_id": statement.id, "source": "custom", "description": "again",
                    "sale_order_id": self.quote_a.id, "price_unit": 1.0})
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env["gd.billing.line"].create({
                    "statement_id": statement.id, "source": "recurring", "description": "again",
                    "dva_line_id": self.line_a_pocket.id, "period_date": "2024-03-01", "price_unit": 1.0})

    def test_confirmed_run_is_immutable(self):
        run = self.computed_run()
        run.sudo(self.finance).action_confirm()
        self.assertEqual(run.state, "confirmed")
        line = run.line_ids[0]
        price = line.price_unit
        statement = run.statement_ids[0]
        with self.refused(UserError):
            line.sudo(self.finance).write({"price_unit": 1.0})
        with self.refused(UserError):
            line.sudo(self.finance).unlink()
        with self.refused(UserError):
            statement.sudo(self.finance).unlink()
        with self.refused(UserError):
            run.sudo(self.finance).write({"date_start": "2024-05-01"})
        with self.refused(UserError):
            run.sudo(self.finance).write({"state": "draft"})
        with self.refused(UserError):
            run.sudo(self.finance).unlink()
        with self.refused(UserError):
            self.env["gd.billing.line"].sudo(self.finance).create({
                "statement_id": statement.id, "description": "late", "price_unit": 5.0})
        with self.refused(UserError):
            run.sudo(self.finance).action_compute()
        self.assertEqual(line.price_unit, price)
        self.assertTrue(line.exists())
        self.assertEqual(run.state, "confirmed")

    def test_second_confirm_changes_nothing(self):
        run = self.computed_run()
        run.action_confirm()
        analytic = run.line_ids.mapped("analytic_line_id")
        confirm_date = run.confirm_date
        run.action_confirm()
        self.assertEqual(run.line_ids.mapped("analytic_line_id"), analytic)
        self.assertEqual(self.env["account.analytic.line"].search_count([("ref", "=", run.name),
                                                                         ("id", "in", analytic.ids)]),
                         len(run.line_ids))
        self.assertEqual(run.confirm_date, confirm_date)

    def test_correction_line_in_a_later_run(self):
        march = self.computed_run()
        march.action_confirm()
        wrong = march.line_ids.filtered(lambda line: line.source == "pay_per_use" and line.client_id == self.org_c)
        april = self.computed_run(NEXT_MONTH)
        statement = self.env["gd.billing.statement"].create({"run_id": april.id, "client_id": self.org_c.id})
        correction = self.env["gd.billing.line"].create({
            "statement_id": statement.id, "description": "Eén pocketcomputer te veel", "corrected_line_id": wrong.id,
            "quantity": -1, "price_unit": 45.0})
        self.assertEqual((correction.source, correction.financing_class, correction.amount),
                         ("correction", "correction", -45.0))
        self.assertEqual(statement.amount_total, -45.0)

    def test_only_finance_computes_and_confirms(self):
        run = self.new_run()
        with self.refused(UserError):
            run.sudo(self.reader).action_compute()
        run.sudo(self.finance).action_compute()
        with self.refused(UserError):
            run.sudo(self.reader).action_confirm()
        self.assertEqual(run.state, "computed")

    def test_run_month_is_unique(self):
        self.new_run()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.new_run("2024-03-15")

    def test_concurrent_compute_refused(self):
        run = self.new_run()
        cr2 = self.registry.cursor()
        try:
            env2 = api.Environment(cr2, self.env.uid, {})
            env2["gd.billing.run"]._lock_month(self.company.id, run.date_start)
            with self.refused(UserError) as refused:
                run.action_compute()
            self.assertIn("2024-03", str(refused.exception.name))
        finally:
            cr2.rollback()
            cr2.close()
        self.assertEqual(run.state, "draft")
        run.action_compute()
        self.assertEqual(run.state, "computed")

    def test_cron_creates_and_computes_last_month(self):
        Run = self.env["gd.billing.run"]
        Run._cron_create_previous_month()
        run = Run.search([("date_start", "=", Run._default_date_start()), ("company_id", "=", self.company.id)])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "computed")
        Run._cron_create_previous_month()
        self.assertEqual(Run.search_count([("date_start", "=", run.date_start)]), 1)

    def test_audit_trail_of_a_run_leaves_its_lines_out(self):
        # A run holds thousands of lines: its audit entries keep the run's own fields, the lines log their own.
        Rule = self.env["auditlog.rule"]
        run_fields = Rule.get_auditlog_fields(self.env["gd.billing.run"])
        self.assertIn("state", run_fields)
        self.assertFalse({"line_ids", "basis_line_ids", "statement_ids"} & set(run_fields))
        self.assertNotIn("line_ids", Rule.get_auditlog_fields(self.env["gd.billing.statement"]))
