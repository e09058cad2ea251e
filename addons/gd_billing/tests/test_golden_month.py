"""The golden month: June 2024 of Directie Delta, built only through the flows, every figure worked out by hand.

Delta's DVA starts on 11 June (20 of the 30 days of June): 50 workstations at 95.00, 2 pocket computers at 45.00,
software priced per use at 60.00 and 1 set of business cards at 35.00 capped at the agreed quantity; an amendment
makes it 60 workstations from 21 June. In June
Delta asks, in the portal and at the desk: a beamer twice (no DVA line: pay-per-use at 25.00, once approved by
the desk in the portal, once accepted at the desk), a tender (a tactical plus item: an expert intake first,
pay-per-use at 400.00), a move (a plus pattern at 150.00 with two basis parts), 3 pocket computers, 2 software
installs, 2 sets of business cards, an extra helpdesk call (basis) and custom work: a quote of 2,000.00 +
500.00, accepted by its principal in the portal, whose second part is cancelled. Finance computes and
confirms June; afterwards a beamer and a pocket computer completed in June are registered, and July charges
them as late work of June.
"""
import io

import openpyxl

from odoo.addons.gd_catalog.tests.common import FixtureBuilder
from odoo.addons.gd_dva.tests.common import DvaFixtures
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from .common import BillingFixtures

JUNE, JULY = "2024-06-01", "2024-07-01"


class TestGoldenMonth(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestGoldenMonth, cls).setUpClass()
        BillingFixtures.create_fixtures(cls, cls.env)
        env = cls.env
        cls.org_d = FixtureBuilder.organisation(env, "Directie Delta (golden)", account_manager=cls.account_manager,
                                                lang="en_US")
        cls.principal_d = FixtureBuilder.portal_user(env, "t_gold_principal", "Dirk Delta", cls.org_d,
                                                     is_principal=True)
        cls.employee_d = FixtureBuilder.portal_user(env, "t_gold_employee", "Daan Delta", cls.org_d,
                                                    is_mandated=True)

        def item(name, backoffice, price, **extra):
            return FixtureBuilder.item(env, name, backoffice, "plus", 5, list_price=price, **extra)

        cls.item_workstation = item("GM Werkplek", cls.bo_ict, 95.0)
        cls.item_beamer = item("GM Beamer", cls.bo_faz, 25.0)
        cls.item_tender = item("GM Aanbesteding", cls.bo_faz, 400.0, question_level="tactical")
        cls.item_moving = item("GM Verhuizing", cls.bo_faz, 150.0, is_pattern=True)
        for block in (cls.item_cleaning, cls.item_helpdesk):
            env["gd.catalog.pattern.component"].create({"pattern_id": cls.item_moving.id,
                                                        "product_tmpl_id": block.id})

        cls.dva_d = DvaFixtures.make_agreement(cls, cls.org_d, cls.principal_d.partner_id, [
            {"product_tmpl_id": cls.item_workstation.id, "quantity": 50},
            {"product_tmpl_id": cls.item_pocket.id, "quantity": 2},
            {"product_tmpl_id": cls.item_software.id, "quantity": 0, "price_unit": 60.0},
            {"product_tmpl_id": cls.item_cards.id, "quantity": 1, "cap_quantity": True},
        ], date_start="2024-06-11", date_end="2024-12-31")
        (cls.line_workstation, cls.line_pocket, cls.line_software,
         cls.line_cards) = cls.dva_d.line_ids.sorted("id")
        # Delta takes 10 more workstations from 21 June: an amendment by its account manager.
        env["gd.dva.agreement.amend"].sudo(cls.account_manager).create({
            "agreement_id": cls.dva_d.id, "date_from": "2024-06-21", "reason": "Tien extra werkplekken",
            "line_ids": [(0, 0, {"product_tmpl_id": cls.item_workstation.id, "quantity": 60, "price_unit": 95.0})],
        }).action_confirm()
        cls.line_workstation_60 = cls.dva_d.line_ids - cls.line_workstation - cls.line_pocket - cls.line_software \
            - cls.line_cards
        cls.build_june()

    @classmethod
    def deliver(cls, orders, moment):
        """The back office completes ``orders`` at ``moment``."""
        return BillingFixtures.done_at(orders, moment, cls.bo_member)

    @classmethod
    def take_in(cls, moment, items=None, pattern=None, accept_pay_per_use=False):
        with BillingFixtures.clock(moment):
            return BillingFixtures.take_in(cls, cls.employee_d.partner_id, items, pattern, accept_pay_per_use)

    @classmethod
    def build_june(cls):
        env = cls.env
        # 5 June, before the DVA: a beamer asked in the portal; the desk approves it as pay-per-use.
        with BillingFixtures.clock("2024-06-05 08:00:00"):
            portal = env["helpdesk.ticket"].sudo(cls.employee_d)._create_from_portal(
                "Beamer", "Voor de heidag", product_tmpl=cls.item_beamer).sudo()
            assert portal.desk_decision_pending
            portal.sudo(cls.desk_agent).action_approve_request()
        cls.deliver(portal.work_order_ids, "2024-06-05 14:00:00")
        # 25 June: a second beamer, accepted as pay-per-use at the desk.
        cls.deliver(cls.take_in("2024-06-25 08:00:00", cls.item_beamer, accept_pay_per_use=True),
                    "2024-06-25 15:00:00")
        # A tender: tactical, so an expert of the back office takes it in first, then it is delivered.
        intake = cls.take_in("2024-06-12 08:00:00", cls.item_tender, accept_pay_per_use=True)
        assert intake.kind == "intake"
        with BillingFixtures.clock("2024-06-13 09:00:00"):
            env["gd.servicedesk.work.order.outcome"].sudo(cls.bo_member).create({
                "work_order_id": intake.id, "outcome": "deliver", "note": "Europese aanbesteding"}).action_confirm()
        cls.tender_order = intake.ticket_id.work_order_ids.filtered(lambda order: order.kind == "delivery")
        cls.deliver(cls.tender_order, "2024-06-19 10:00:00")
        # A move: the plus pattern charged on its own, its basis parts (cleaning, helpdesk) reported.
        moving = cls.take_in("2024-06-17 08:00:00", pattern=cls.item_moving, accept_pay_per_use=True)
        cls.deliver(moving, "2024-06-18 16:00:00")
        # Under the DVA: 3 pocket computers (1 beyond the 2 agreed), 2 software installs (per use), 2 sets of
        # business cards (capped at 1), and a helpdesk call (basis).
        for moment in ("2024-06-12 10:00:00", "2024-06-14 10:00:00", "2024-06-20 10:00:00"):
            cls.deliver(cls.take_in(moment, cls.item_pocket), moment)
        for moment in ("2024-06-21 10:00:00", "2024-06-24 10:00:00"):
            cls.deliver(cls.take_in(moment, cls.item_software), moment)
        for moment in ("2024-06-21 11:00:00", "2024-06-27 11:00:00"):
            cls.deliver(cls.take_in(moment, cls.item_cards), moment)
        cls.deliver(cls.take_in("2024-06-26 09:00:00", cls.item_helpdesk), "2024-06-26 10:00:00")
        # Custom work: 2,000.00 + 500.00 accepted in the portal on 14 June; the first part is delivered on
        # 26 June, the second cancelled by the desk on 28 June.
        cls.quote = BillingFixtures.accepted_quote(cls, cls.employee_d.partner_id, cls.item_refit,
                                                   [2000.0, 500.0], "2024-06-14 09:00:00")
        first, second = cls.quote.gd_work_order_ids.sorted("id")
        cls.deliver(first, "2024-06-26 12:00:00")
        with BillingFixtures.clock("2024-06-28 09:00:00"):
            second.sudo(cls.desk_agent).action_cancel()

    def statement(self, run, client):
        return run.statement_ids.filtered(lambda statement: statement.client_id == client)

    def figures(self, statement):
        return sorted((line.source, line.product_tmpl_id.name, line.quantity, line.price_unit, line.amount)
                      for line in statement.line_ids)

    def test_golden_month(self):
        Run = self.env["gd.billing.run"].sudo(self.finance)
        june = Run.create({"date_start": JUNE, "company_id": self.company.id})
        june.action_compute()
        june.action_confirm()
        self.assertEqual(june.state, "confirmed")

        delta = self.statement(june, self.org_d)
        self.assertEqual(self.figures(delta), sorted([
            # agreed quantities for 20 of the 30 days of June, rounded once on the amount; the workstations
            # 50 from 11 to 20 June, 60 from 21 June (the amendment)
            ("recurring", "GM Werkplek", 50.0, 95.0, 1583.33),          # 50 x 95.00 x 10 / 30
            ("recurring", "GM Werkplek", 60.0, 95.0, 1900.0),           # 60 x 95.00 x 10 / 30
            ("recurring", "BT Pocketcomputer", 2.0, 45.0, 60.0),        # 2 x 45.00 x 20 / 30
            ("recurring", "BT Visitekaartjes", 1.0, 35.0, 23.33),       # 1 x 35.00 x 20 / 30
            # beyond the agreed quantity (pocket computers: 3 delivered, 2 agreed) and per use (software)
            ("beyond_quantity", "BT Pocketcomputer", 1.0, 45.0, 45.0),
            ("beyond_quantity", "BT Software", 2.0, 60.0, 120.0),
            # pay-per-use: the beamers, the tactical tender, the plus pattern
            ("pay_per_use", "GM Beamer", 2.0, 25.0, 50.0),
            ("pay_per_use", "GM Aanbesteding", 1.0, 400.0, 400.0),
            ("pay_per_use", "GM Verhuizing", 1.0, 150.0, 150.0),
            # the quote in full as agreed, its last part cancelled
            ("custom", "BT Verbouwing op maat", 1.0, 2500.0, 2500.0),
        ]))
        self.assertEqual(delta.amount_total, 6831.66)
        recurring = delta.line_ids.filtered(lambda line: line.dva_line_id == self.line_workstation)
        self.assertEqual((recurring.days, recurring.proration), (10, 0.333333))
        recurring = delta.line_ids.filtered(lambda line: line.dva_line_id == self.line_workstation_60)
        self.assertEqual((recurring.days, recurring.quantity), (10, 60.0))
        self.assertEqual(self.quote.gd_settlement_state, "settled")
        # The other organisations of the month: Alfa's and Beta's agreed quantities for the whole month.
        self.assertEqual(self.statement(june, self.org_a).amount_total, 1376.0)   # 3 x 42.00 + 100 x 12.50
        self.assertEqual(self.statement(june, self.org_b).amount_total, 450.0)    # 10 x 45.00
        self.assertEqual(june.amount_total, 8657.66)
        # Basis: the move's parts and the helpdesk call, at cost, never charged.
        basis = sorted((line.product_tmpl_id.name, line.quantity, line.amount)
                       for line in june.basis_line_ids.filtered(lambda line: line.client_id == self.org_d))
        self.assertEqual(basis, [("BT ICT-helpdesk", 2.0, 15.0), ("BT Schoonmaak extra", 1.0, 20.0)])
        self.assertEqual(june.basis_cost, 35.0)

        self.assert_exports(june)
        # June is settled for Delta: an amendment can no longer reach back into it.
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.dva_d.sudo(self.account_manager)._do_amend("2024-06-25", [
                {"product_tmpl_id": self.item_workstation.id, "quantity": 70, "price_unit": 95.0}], "Nog meer")

        # Completed in June after June was confirmed: a beamer and a fourth pocket computer.
        late_beamer = self.take_in("2024-06-28 08:00:00", self.item_beamer, accept_pay_per_use=True)
        self.deliver(late_beamer, "2024-06-28 17:00:00")
        self.deliver(self.take_in("2024-06-29 08:00:00", self.item_pocket), "2024-06-29 10:00:00")
        july = Run.create({"date_start": JULY, "company_id": self.company.id})
        july.action_compute()
        july.action_confirm()
        delta = self.statement(july, self.org_d)
        self.assertEqual(self.figures(delta), sorted([
            ("recurring", "GM Werkplek", 60.0, 95.0, 5700.0),
            ("recurring", "BT Pocketcomputer", 2.0, 45.0, 90.0),
            ("recurring", "BT Visitekaartjes", 1.0, 35.0, 35.0),
            ("late", "GM Beamer", 1.0, 25.0, 25.0),
            ("late", "BT Pocketcomputer", 1.0, 45.0, 45.0),
        ]))
        late = delta.line_ids.filtered(lambda line: line.source == "late")
        self.assertEqual(set(late.mapped("period_date")), {JUNE})
        self.assertTrue(all("2024-06" in line.description for line in late))
        self.assertEqual(late.mapped("work_order_ids"), late_beamer)
        self.assertEqual(delta.amount_total, 5895.0)
        self.assertEqual(july.amount_total, 7721.0)
        # Nothing of June is charged twice: June's statement stands as confirmed.
        self.assertEqual(self.statement(june, self.org_d).amount_total, 6831.66)

    def assert_exports(self, run):
        """The xlsx read back equals the statements; the statement report shows the same totals."""
        content, _kind = self.env["report.gd_billing.run_xlsx"].sudo(self.finance).with_context(
            active_model="gd.billing.run").create_xlsx_report(run.ids, {})
        book = openpyxl.load_workbook(io.BytesIO(content))
        sheets = {sheet.cell(row=1, column=1).value: sheet for sheet in book.worksheets}
        summary = book.worksheets[0]
        summary_totals = {}
        for row in summary.iter_rows(min_row=4):
            if row[0].value:
                summary_totals[row[0].value] = row[-1].value
        for statement in run.statement_ids:
            name = statement.client_id.name
            self.assertAlmostEqual(summary_totals[name], statement.amount_total, places=2)
            sheet = sheets[name]
            rows = []
            for row in sheet.iter_rows(min_row=5):
                if row[0].value == "Total":
                    self.assertAlmostEqual(row[8].value, statement.amount_total, places=2)
                    break
                rows.append((row[4].value, row[5].value, row[6].value, row[8].value))
            self.assertEqual(rows, [(line.description, line.quantity, line.price_unit, line.amount)
                                    for line in statement.line_ids])
        delta = self.statement(run, self.org_d)
        html = self.env.ref("gd_billing.gd_billing_statement_report").sudo(self.finance).render_qweb_html(
            delta.ids)[0]
        html = html.decode("utf-8") if isinstance(html, bytes) else html
        self.assertIn("6,831.66", html)
        for amount in ("1,583.33", "1,900.00", "2,500.00", "23.33", "120.00"):
            self.assertIn(amount, html)
