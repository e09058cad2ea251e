from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError

from .common import NEXT_MONTH, BillingCase, BillingFixtures


class TestMoneyRules(BillingCase):
    """Nothing delivered goes uncharged, nothing is charged early or twice."""

    @classmethod
    def setUpClass(cls):
        super(TestMoneyRules, cls).setUpClass()
        env = cls.env
        cls.item_workstation = env["product.template"].create({
            "name": "BT Werkplek", "is_catalog_item": True, "type": "service", "backoffice_id": cls.bo_ict.id,
            "financing_class": "plus", "question_level": "operational", "lead_time": 5, "lead_time_unit": "days",
            "list_price": 95.0})
        # Gamma takes a DVA from 22 March: 10 of the 31 days. 150 workstations at 95.00; software priced per
        # use (quantity 0) at 60.00; business cards capped at the 2 agreed.
        cls.dva_c = env["gd.dva.agreement"].create({
            "framework_id": cls.framework.id, "kind": "plus", "client_id": cls.org_c.id,
            "principal_id": cls.principal_c.partner_id.id, "account_manager_id": cls.account_manager.id,
            "date_start": "2024-03-22", "date_end": "2024-12-31", "company_id": cls.company.id,
            "line_ids": [(0, 0, {"product_tmpl_id": cls.item_workstation.id, "quantity": 150}),
                         (0, 0, {"product_tmpl_id": cls.item_software.id, "quantity": 0, "price_unit": 60.0}),
                         (0, 0, {"product_tmpl_id": cls.item_cards.id, "quantity": 2, "price_unit": 35.0,
                                 "cap_quantity": True})],
        })
        cls.dva_c.action_activate()
        cls.line_c_workstation, cls.line_c_software, cls.line_c_cards = cls.dva_c.line_ids.sorted("id")

    def deliver(self, ticket, item, dates, dva_line=None, price=None):
        orders = self.WorkOrder.browse()
        for done_date in dates:
            orders |= BillingFixtures.done_order(self, ticket, item, done_date, dva_line=dva_line, price=price)
        return orders

    def line(self, run, source, client, dva_line=None):
        return run.line_ids.filtered(lambda line: line.source == source and line.client_id == client
                                     and (dva_line is None or line.dva_line_id == dva_line))

    def test_proration_rounded_once_on_the_amount(self):
        run = self.computed_run()
        line = self.line(run, "recurring", self.org_c, self.line_c_workstation)
        self.assertEqual((line.days, line.quantity, line.price_unit), (10, 150.0, 95.0))
        self.assertEqual(line.amount, 4596.77, "150 x 95.00 x 10 / 31, rounded once")
        # The ORM computes the same amount when the line is recomputed.
        line._compute_amount()
        self.assertEqual(line.amount, 4596.77)

    def test_per_use_line_charged_per_delivery(self):
        self.deliver(self.ticket_c, self.item_software, ["2024-03-23 10:00:00", "2024-03-25 10:00:00",
                                                         "2024-03-26 10:00:00"], dva_line=self.line_c_software)
        run = self.computed_run()
        line = self.line(run, "beyond_quantity", self.org_c, self.line_c_software)
        self.assertEqual((line.quantity, line.price_unit, line.amount), (3.0, 60.0, 180.0))
        self.assertTrue(line.description.startswith(self.dva_c.name + ": 3 "))
        self.assertFalse(self.line(run, "recurring", self.org_c, self.line_c_software))

    def test_beyond_quantity_charged_unless_capped(self):
        # Beta agreed 10 pocket computers without a cap: the 12 delivered cost 2 x 45.00 more.
        self.deliver(self.ticket_b, self.item_pocket, ["2024-03-%02d 10:00:00" % (day + 12) for day in range(12)],
                     dva_line=self.line_b_pocket)
        # Gamma's business cards are capped at the 2 agreed: the third is not charged.
        self.deliver(self.ticket_c, self.item_cards, ["2024-03-25 10:00:00"] * 3, dva_line=self.line_c_cards)
        run = self.computed_run()
        beyond = self.line(run, "beyond_quantity", self.org_b, self.line_b_pocket)
        self.assertEqual((beyond.quantity, beyond.amount), (2.0, 90.0))
        self.assertFalse(self.line(run, "beyond_quantity", self.org_c, self.line_c_cards))

    def test_only_ended_months_settle(self):
        today = fields.Date.from_string(fields.Date.context_today(self.env["gd.billing.run"]))
        this_month = fields.Date.to_string(today.replace(day=1))
        for month in (this_month, "2100-12-01"):
            run = self.new_run(month)
            with self.refused(UserError) as refused:
                run.action_compute()
            self.assertIn(month[:7], refused.exception.name)
            self.assertEqual(run.state, "draft")
            self.assertFalse(run.line_ids)
        for month in ("9999-12-01", "0001-01-01", "1999-12-31"):
            with self.refused(UserError) as refused:
                self.new_run(month)
            self.assertIn("2000", refused.exception.name)
            self.assertIn("2100", refused.exception.name)

    def test_late_work_charged_once_in_the_next_run_as_its_own_month(self):
        march = self.computed_run()
        march.action_confirm()
        # Completed in March after March was confirmed: a pay-per-use order, 3 more pocket computers for Alfa
        # (8 of 3 agreed: 5 beyond, 2 of them charged in March) and 4 for Beta (within its 10).
        late_ppu = self.deliver(self.ticket_a, self.item_cards, ["2024-03-25 09:00:00"], price=35.0)
        self.deliver(self.ticket_a, self.item_pocket, ["2024-03-29 10:00:00"] * 3, dva_line=self.line_a_pocket)
        self.deliver(self.ticket_b, self.item_pocket, ["2024-03-29 10:00:00"] * 4, dva_line=self.line_b_pocket)
        april = self.computed_run(NEXT_MONTH)
        late = april.line_ids.filtered(lambda line: line.source == "late")
        ppu = late.filtered(lambda line: line.work_order_ids)
        self.assertEqual((ppu.period_date, ppu.client_id, ppu.quantity, ppu.amount), ("2024-03-01", self.org_a, 1.0, 35.0))
        self.assertEqual(ppu.work_order_ids, late_ppu)
        self.assertIn("2024-03", ppu.description)
        pocket = late.filtered(lambda line: line.dva_line_id == self.line_a_pocket)
        self.assertEqual((pocket.period_date, pocket.quantity, pocket.amount), ("2024-03-01", 3.0, 126.0))
        self.assertEqual(len(late), 2, "Beta's late deliveries lie within its agreed quantity")
        # Computing again changes nothing; once April is confirmed, May charges none of it again.
        april.action_compute()
        self.assertEqual(sorted(april.line_ids.filtered(lambda line: line.source == "late").mapped("amount")),
                         [35.0, 126.0])
        april.action_confirm()
        may = self.computed_run("2024-05-01")
        self.assertFalse(may.line_ids.filtered(lambda line: line.source == "late"))

    def test_quote_with_its_last_part_cancelled_settles_in_full(self):
        # March 2024: the quote is made, accepted, one part delivered and the other cancelled.
        with patch.object(fields.Date, "context_today", staticmethod(lambda *args, **kwargs: "2024-03-15")), \
                patch.object(fields.Datetime, "now", staticmethod(lambda *args: "2024-03-20 10:00:00")):
            ticket = BillingFixtures.new_ticket(self, self.employee_a.partner_id, "Nieuwe afdeling")
            ticket.sudo(self.desk_agent)._do_intake(self.item_refit)
            action = ticket.sudo(self.account_manager).action_make_quote()
            quote = self.env["sale.order"].browse(action["res_id"])
            quote.sudo(self.account_manager).write({"order_line": [
                (1, quote.order_line.id, {"price_unit": 2000.0}),
                (0, 0, {"product_id": self.item_refit.product_variant_id.id, "name": "Tweede deel",
                        "product_uom_qty": 1, "price_unit": 500.0})]})
            quote.sudo(self.account_manager).action_gd_send()
            quote.sudo(self.principal_a)._gd_do_accept()
            first, second = quote.gd_work_order_ids.sorted("id")
            first._do_done()
            self.assertEqual(quote.gd_settlement_state, "delivery")
            second.sudo(self.desk_agent).action_cancel()
        self.assertEqual(quote.gd_settlement_state, "to_settle")
        run = self.computed_run()
        line = run.line_ids.filtered(lambda record: record.sale_order_id == quote)
        self.assertEqual((line.source, line.amount, line.period_date), ("custom", 2500.0, "2024-03-01"))
        self.assertEqual(quote.gd_settlement_state, "to_settle", "charged once the run is confirmed")
        run.action_confirm()
        self.assertEqual(quote.gd_settlement_state, "settled")
        self.assertEqual(self.quote_a.gd_settlement_state, "settled")
        self.assertEqual(self.quote_a_feb.gd_settlement_state, "to_settle", "February is not settled yet")

    def test_line_texts_in_the_organisation_language(self):
        # Gamma reads Dutch, Alfa English; finance computes in English: each statement in its reader's language.
        self.env["res.lang"].load_lang("nl_NL")
        self.org_c.lang = "nl_NL"
        self.org_a.lang = "en_US"
        self.deliver(self.ticket_c, self.item_software, ["2024-03-23 10:00:00"], dva_line=self.line_c_software)
        run = self.new_run()
        run.sudo(self.finance).with_context(lang="en_US").action_compute()
        recurring = self.line(run, "recurring", self.org_c, self.line_c_workstation)
        self.assertEqual(recurring.description, "%s: afgesproken aantal per maand" % self.dva_c.name)
        ppu = self.line(run, "pay_per_use", self.org_c)
        self.assertNotIn("Pay-per-use", ppu.description)
        alfa = self.line(run, "recurring", self.org_a, self.line_a_pocket)
        self.assertEqual(alfa.description, "%s: agreed quantity per month" % self.dva_a.name)
