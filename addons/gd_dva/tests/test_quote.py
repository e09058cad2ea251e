import importlib.util
import os

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import DvaCase, DvaFixtures


class TestQuote(DvaCase):
    """Custom work: quote from an escalated ticket, decided by the principal of that very organisation."""

    @classmethod
    def setUpClass(cls):
        super(TestQuote, cls).setUpClass()
        cls.ticket = DvaFixtures.new_ticket(cls, cls.employee_a.partner_id, "Nieuwe afdeling inrichten")
        cls.ticket.sudo(cls.desk_agent)._do_intake(cls.item_refit)

    def make_quote(self, ticket=None):
        ticket = ticket or self.ticket
        action = ticket.sudo(self.account_manager).action_make_quote()
        return self.env["sale.order"].browse(action["res_id"])

    def sent_quote(self):
        quote = self.make_quote()
        quote.sudo(self.account_manager).write({"order_line": [(1, quote.order_line.id, {"price_unit": 12500.0})]})
        quote.sudo(self.account_manager).action_gd_send()
        return quote

    def test_quote_made_from_the_escalated_ticket(self):
        self.assertTrue(self.ticket.escalated)
        quote = self.make_quote()
        self.assertEqual(quote.state, "draft")
        self.assertEqual(quote.gd_ticket_id, self.ticket)
        self.assertEqual(quote.gd_agreement_id, self.dva_a)
        self.assertEqual(quote.partner_id, self.principal_a.partner_id)
        self.assertEqual(quote.gd_client_id, self.org_a)
        self.assertEqual(quote.user_id, self.account_manager)
        self.assertEqual(quote.order_line.product_id.product_tmpl_id, self.item_refit)
        self.assertTrue(quote.is_gd_quote)
        self.assertEqual(quote.gd_settlement_state, "none")
        self.assertEqual(self.ticket.quote_count, 1)

    def test_quote_note_is_for_the_customer_not_the_escalation_reason(self):
        """The principal reads the quote's note in the portal: the desk's internal reason stays on the ticket."""
        reason = self.ticket.escalation_reason
        self.assertTrue(reason)
        quote = self.make_quote()
        self.assertNotIn(reason, quote.note or "")
        self.assertIn(self.ticket.number, quote.note)
        self.assertIn(self.ticket.name, quote.note)

    def test_upgrade_gives_every_quote_the_customer_note(self):
        """Undecided or accepted: the principal reads the note in the portal and on the order's PDF."""
        quote = self.sent_quote()
        quote.sudo(self.principal_a)._gd_do_accept()
        self.assertEqual(quote.state, "sale")
        reason = self.ticket.escalation_reason
        # The note as a release before this one wrote it.
        self.env.cr.execute("UPDATE sale_order SET note = %s WHERE id = %s", (reason, quote.id))
        quote.invalidate_cache()
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "11.0.1.2.0",
                            "post-migrate.py")
        spec = importlib.util.spec_from_file_location("gd_dva_migration_11_0_1_2_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "11.0.1.1.0")
        quote.invalidate_cache()
        self.assertNotIn(reason, quote.note)
        self.assertIn(self.ticket.number, quote.note)

    def test_quote_needs_an_escalated_ticket_an_account_manager_and_a_dva(self):
        routed = self.new_ticket(self.employee_a.partner_id)
        routed.sudo(self.desk_agent)._do_intake(self.item_helpdesk)
        with self.assertRaises(UserError):
            routed.sudo(self.account_manager).action_make_quote()
        with self.assertRaises(AccessError):
            self.ticket.sudo(self.desk_agent)._do_make_quote()
        no_dva = self.new_ticket(self.employee_c.partner_id)
        no_dva.sudo(self.desk_agent)._do_intake(self.item_refit)
        with self.assertRaises(UserError) as error:
            no_dva.sudo(self.account_manager).action_make_quote()
        self.assertIn("has no active DVA", error.exception.name)

    def test_quote_lines_must_become_work_orders(self):
        quote = self.make_quote()
        quote.write({"order_line": [(0, 0, {"product_id": self.item_not_catalog.product_variant_id.id,
                                            "product_uom_qty": 1, "price_unit": 10})]})
        with self.assertRaises(UserError) as error:
            quote.sudo(self.account_manager).action_gd_send()
        self.assertIn("catalogue item that a back office delivers", error.exception.name)

    def test_quote_links_must_match_the_organisation(self):
        quote = self.make_quote()
        with self.assertRaises(ValidationError):
            quote.write({"gd_agreement_id": self.dva_j.id})

    def test_account_manager_cannot_confirm_for_the_principal(self):
        quote = self.sent_quote()
        with self.assertRaises(UserError) as error:
            quote.sudo(self.account_manager).action_confirm()
        self.assertIn("client principal", error.exception.name)
        self.assertEqual(quote.state, "sent")

    def test_principal_of_the_organisation_accepts(self):
        quote = self.sent_quote()
        self.assertEqual(quote.state, "sent")
        self.assertIn(self.principal_a.partner_id, quote.message_partner_ids)
        quote.sudo(self.principal_a)._gd_do_accept()
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.gd_decided_by_id, self.principal_a.partner_id)
        self.assertEqual(quote.gd_settlement_state, "delivery")
        orders = quote.gd_work_order_ids
        self.assertEqual(len(orders), 1)
        self.assertEqual(orders.ticket_id, self.ticket)
        self.assertEqual(orders.backoffice_id, self.bo_faz)
        self.assertEqual(orders.product_tmpl_id, self.item_refit)
        self.assertFalse(orders.is_pay_per_use)
        self.assertEqual(self.ticket.handling, "route")
        self.assertEqual(self.ticket.stage_id.code, "progress")
        with self.assertRaises(UserError):
            quote.sudo(self.principal_a)._gd_do_accept()  # decided already
        # delivered: marked for settlement once every work order is done
        orders._do_done()
        self.assertEqual(quote.gd_settlement_state, "to_settle")
        self.assertEqual(quote.gd_delivered_date, orders.done_date)

    def test_principal_declines(self):
        quote = self.sent_quote()
        quote.sudo(self.principal_a)._gd_do_decline("Te duur")
        self.assertEqual(quote.state, "cancel")
        self.assertEqual(quote.gd_decline_reason, "Te duur")
        self.assertEqual(quote.gd_settlement_state, "none")
        self.assertFalse(quote.gd_work_order_ids)

    def test_nobody_else_decides(self):
        quote = self.sent_quote()
        for user in (self.principal_b, self.employee_a, self.principal_j):
            with self.assertRaises(AccessError, msg=user.login):
                quote.sudo(user)._gd_do_accept()
            with self.assertRaises(AccessError, msg=user.login):
                quote.sudo(user)._gd_do_decline()
        # another organisation's principal cannot even read it
        with self.assertRaises(AccessError):
            quote.sudo(self.principal_b).read(["name"])
        self.assertEqual(quote.state, "sent")
        self.assertFalse(quote.gd_work_order_ids)

    def test_back_office_finishing_the_work_marks_the_quote(self):
        quote = self.sent_quote()
        quote.sudo(self.principal_a)._gd_do_accept()
        order = quote.gd_work_order_ids
        faz_member = self.env["res.users"].create({
            "name": "FAZ lid", "login": "t_dva_faz", "groups_id": [(6, 0, [
                self.env.ref("gd_servicedesk.group_backoffice").id])]})
        self.bo_faz.member_ids = [(4, faz_member.id)]
        order.sudo(faz_member).action_done()
        self.assertEqual(order.state, "done")
        self.assertEqual(quote.gd_settlement_state, "to_settle")
