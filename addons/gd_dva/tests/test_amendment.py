import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import DvaCase, DvaFixtures


class TestAmendment(DvaCase):
    """An active DVA amended from a date: the old terms stay as history, the new ones apply from that day."""

    @classmethod
    def setUpClass(cls):
        super(TestAmendment, cls).setUpClass()
        cls.dva = DvaFixtures.make_agreement(cls, cls.org_c, cls.principal_c.partner_id, [
            {"product_tmpl_id": cls.item_pocket.id, "quantity": 40, "price_unit": 42.0},
        ], date_start="2024-01-01", date_end="2024-12-31")
        cls.line = cls.dva.line_ids

    def amend(self, user, date_from, changes, reason="10 extra werkplekken"):
        wizard = self.env["gd.dva.agreement.amend"].sudo(user).create({
            "agreement_id": self.dva.id, "date_from": date_from, "reason": reason,
            "line_ids": [(0, 0, change) for change in changes]})
        return wizard.action_confirm()

    def test_amendment_keeps_the_old_terms_as_history(self):
        self.amend(self.account_manager, "2024-06-12", [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0},
            {"product_tmpl_id": self.item_cards.id, "quantity": 5, "price_unit": 35.0}])
        old, new, cards = self.dva.line_ids.sorted("id")
        self.assertEqual((old.quantity, old.date_from, old.date_to, old.is_current), (40.0, False, "2024-06-11", False))
        self.assertEqual((new.quantity, new.date_from, new.date_to, new.previous_line_id), (50.0, "2024-06-12", False, old))
        self.assertEqual((new.lead_time, new.target_pct), (old.lead_time, old.target_pct), "the other terms stay")
        self.assertEqual((cards.date_from, cards.previous_line_id.id), ("2024-06-12", False))
        self.assertEqual(self.dva.amount_monthly, 50 * 42.0 + 5 * 35.0, "the terms in force since the amendment")
        self.assertIn(self.item_pocket.name, self.dva.message_ids[0].body)
        # The entitlement finds the line of the day.
        Line = self.env["gd.dva.line"]
        self.assertEqual(Line._find_line(self.org_c, self.item_pocket, "2024-06-11"), old)
        self.assertEqual(Line._find_line(self.org_c, self.item_pocket, "2024-06-12"), new)
        self.assertFalse(Line._find_line(self.org_c, self.item_cards, "2024-06-11"))
        self.assertEqual(Line._find_line(self.org_c, self.item_cards, "2024-12-31"), cards)
        # A renewal takes over the terms in force, not the history.
        renewal = self.dva.sudo(self.dva_manager)._do_renew()
        self.assertEqual(sorted((line.product_tmpl_id.name, line.quantity, line.date_from)
                                for line in renewal.line_ids),
                         [("DT Pocketcomputer", 50.0, False), ("DT Visitekaartjes", 5.0, False)])

    def test_amendment_note_reads_in_the_users_language(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.account_manager.sudo().write({"lang": "nl_NL"})
        self.amend(self.account_manager, "2024-06-12", [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 1250, "price_unit": 1042.5}])
        body = self.dva.message_ids[0].body
        self.assertIn("12-06-2024", body)
        self.assertIn("1.250 x \u20ac 1.042,50", body)
        self.assertNotIn("2024-06-12", body)

    def test_amendment_guards(self):
        with self.refused(UserError):   # from the first day: not an amendment
            self.amend(self.account_manager, "2024-01-01", [
                {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0}])
        with self.refused(UserError):   # after the DVA
            self.amend(self.account_manager, "2025-01-01", [
                {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0}])
        with self.refused(UserError):   # without a reason
            self.amend(self.account_manager, "2024-06-12", [
                {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0}], reason=" ")
        for user in (self.desk_agent, self.backoffice_member, self.other_account_manager, self.dva_user):
            with self.refused((AccessError, UserError)):
                self.amend(user, "2024-06-12", [
                    {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0}])
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id, [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 1}], activate=False)
        with self.refused(UserError):
            draft.sudo(self.dva_manager)._do_amend("2024-06-12", [
                {"product_tmpl_id": self.item_pocket.id, "quantity": 2, "price_unit": 1.0}], "meer")
        self.amend(self.dva_manager, "2024-06-12", [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 50, "price_unit": 42.0}])
        with self.refused(UserError):   # twice from the same day
            self.amend(self.dva_manager, "2024-06-12", [
                {"product_tmpl_id": self.item_pocket.id, "quantity": 60, "price_unit": 42.0}])
        # The dates of a line change only through an amendment, and the lines still not directly.
        old, new = self.dva.line_ids.sorted("id")
        with self.refused((AccessError, UserError)):
            old.sudo(self.dva_manager).write({"date_to": "2024-12-31"})
        with self.refused(AccessError):
            self.env["gd.dva.line"].sudo(self.dva_manager).create({
                "agreement_id": self.make_agreement(self.org_b, self.principal_b.partner_id, [
                    {"product_tmpl_id": self.item_cards.id, "quantity": 1}], activate=False).id,
                "product_tmpl_id": self.item_pocket.id, "date_from": "2024-06-01"})
        with self.refused(UserError):
            new.sudo(self.dva_manager).write({"quantity": 70})
        # The database refuses two lines of one item on the same day, whatever writes them.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute("UPDATE gd_dva_line SET date_to = '2024-06-20' WHERE id = %s", (old.id,))
        self.assertEqual(self.dva.line_ids.mapped("quantity"), [40.0, 50.0])
