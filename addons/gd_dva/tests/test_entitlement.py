from odoo.exceptions import UserError

from .common import DvaCase


class TestEntitlement(DvaCase):
    """The outcome of the intake check for each financing class and DVA situation."""

    def entitlement(self, partner, item, pay_per_use_accepted=False, **ticket_values):
        """The entitlement the desk sees at intake; ``pay_per_use_accepted``: it ticks the acceptance there."""
        ticket = self.new_ticket(partner, **ticket_values).sudo(self.desk_agent)
        if pay_per_use_accepted:
            ticket = ticket.with_context(gd_dva_accept_pay_per_use=True)
        return ticket._get_entitlement(item)

    def test_basis_for_every_internal_organisation(self):
        for partner in (self.employee_a.partner_id, self.employee_b.partner_id):
            result = self.entitlement(partner, self.item_helpdesk)
            self.assertTrue(result["allowed"])
            self.assertEqual(result["handling"], "route")
            self.assertFalse(result["pay_per_use"])
            self.assertFalse(result["dva_line_id"])

    def test_plus_with_active_dva_line(self):
        result = self.entitlement(self.employee_a.partner_id, self.item_pocket)
        self.assertTrue(result["allowed"])
        self.assertEqual(result["handling"], "route")
        self.assertFalse(result["pay_per_use"])
        self.assertEqual(result["dva_line_id"], self.line_a_pocket.id)
        self.assertIn(self.dva_a.name, result["reason"])

    def test_plus_without_dva_line_is_refused_unless_pay_per_use(self):
        result = self.entitlement(self.employee_b.partner_id, self.item_pocket)
        self.assertFalse(result["allowed"])
        self.assertFalse(result["pay_per_use"])
        self.assertIn("no DVA line for DT Pocketcomputer", result["reason"])
        self.assertIn("45.00", result["reason"])
        # in the reader's language, as Odoo writes amounts there
        ticket = self.new_ticket(self.employee_b.partner_id)
        dutch = ticket.sudo(self.desk_agent).with_context(lang="nl_NL")._get_entitlement(self.item_pocket)
        self.assertIn("45,00", dutch["reason"])
        # an organisation with a DVA but not for this item: the same
        result = self.entitlement(self.employee_a.partner_id, self.item_cards)
        self.assertFalse(result["allowed"])

    def test_plus_as_pay_per_use_when_the_desk_accepts(self):
        result = self.entitlement(self.employee_b.partner_id, self.item_pocket, pay_per_use_accepted=True)
        self.assertTrue(result["allowed"])
        self.assertTrue(result["pay_per_use"])
        self.assertFalse(result["dva_line_id"])
        self.assertIn("Pay-per-use at the catalogue price", result["reason"])
        # a DVA line wins over pay-per-use: nothing is charged per delivery
        result = self.entitlement(self.employee_a.partner_id, self.item_pocket, pay_per_use_accepted=True)
        self.assertFalse(result["pay_per_use"])
        self.assertEqual(result["dva_line_id"], self.line_a_pocket.id)

    def test_third_party_only_items_in_its_dva(self):
        partner = self.employee_j.partner_id
        room = self.entitlement(partner, self.item_room)
        self.assertTrue(room["allowed"])
        self.assertEqual(room["dva_line_id"], self.line_j_room.id)
        pocket = self.entitlement(partner, self.item_pocket)
        self.assertTrue(pocket["allowed"])
        self.assertFalse(pocket["pay_per_use"])
        self.assertEqual(pocket["dva_line_id"], self.line_j_pocket.id)
        # basis and plus outside the DVA are refused, even with pay-per-use accepted
        for item in (self.item_helpdesk, self.item_software):
            result = self.entitlement(partner, item, pay_per_use_accepted=True)
            self.assertFalse(result["allowed"], item.name)
            self.assertIn("third party", result["reason"])

    def test_custom_work_never_direct(self):
        for partner in (self.employee_a.partner_id, self.employee_b.partner_id, self.employee_j.partner_id):
            result = self.entitlement(partner, self.item_refit)
            self.assertTrue(result["allowed"])
            self.assertEqual(result["handling"], "escalate")
            self.assertFalse(result["pay_per_use"])
            self.assertIn("account management makes a quote", result["reason"])

    def test_inactive_or_expired_dva_gives_no_entitlement(self):
        self.dva_a.termination_reason = "Test"
        self.dva_a.action_terminate()
        result = self.entitlement(self.employee_a.partner_id, self.item_pocket)
        self.assertFalse(result["allowed"])
        self.assertFalse(result["dva_line_id"])
        old = self.make_agreement(self.org_b, self.principal_b.partner_id,
                                  [{"product_tmpl_id": self.item_pocket.id}],
                                  date_start="2001-01-01", date_end="2001-12-31")
        self.assertEqual(old.state, "active")
        result = self.entitlement(self.employee_b.partner_id, self.item_pocket)
        self.assertFalse(result["allowed"])

    def test_mandate_still_applies(self):
        self.item_pocket.needs_mandate = True
        unmandated = self.env["res.partner"].create({"name": "Zonder mandaat", "parent_id": self.org_a.id})
        result = self.entitlement(unmandated, self.item_pocket)
        self.assertFalse(result["allowed"])
        self.assertIn("not mandated", result["reason"])

    def test_intake_records_dva_line_and_pay_per_use_on_work_orders(self):
        ticket = self.new_ticket(self.employee_a.partner_id)
        orders = ticket.sudo(self.desk_agent)._do_intake(self.item_pocket | self.item_helpdesk)
        pocket = orders.filtered(lambda order: order.product_tmpl_id == self.item_pocket)
        helpdesk = orders.filtered(lambda order: order.product_tmpl_id == self.item_helpdesk)
        self.assertEqual(pocket.dva_line_id, self.line_a_pocket)
        self.assertFalse(pocket.is_pay_per_use)
        self.assertFalse(helpdesk.dva_line_id)
        self.assertFalse(helpdesk.is_pay_per_use)

        refused = self.new_ticket(self.employee_b.partner_id)
        with self.assertRaises(UserError) as error:
            refused.sudo(self.desk_agent)._do_intake(self.item_pocket)
        self.assertIn("pay-per-use", error.exception.name)
        self.assertFalse(refused.work_order_ids)

    def test_intake_form_accepts_pay_per_use(self):
        ticket = self.new_ticket(self.employee_b.partner_id)
        Intake = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent)
        intake = Intake.create({"ticket_id": ticket.id, "mode": "items",
                                "product_tmpl_ids": [(6, 0, self.item_pocket.ids)]})
        self.assertIn("no DVA line", intake.entitlement_summary)
        intake.accept_pay_per_use = True
        self.assertIn("Pay-per-use at the catalogue price", intake.entitlement_summary)
        intake.action_confirm()
        self.assertTrue(ticket.pay_per_use_accepted)
        order = ticket.work_order_ids
        self.assertEqual(len(order), 1)
        self.assertTrue(order.is_pay_per_use)
        self.assertEqual(order.pay_per_use_price, 45.0)
        self.assertFalse(order.dva_line_id)

    def test_portal_request_uses_the_dva_without_reading_rights(self):
        """A mandated employee (no rights on agreements) orders an agreed plus item from the portal."""
        Ticket = self.env["helpdesk.ticket"].sudo(self.employee_a)
        self.assertFalse(self.env["gd.dva.line"].sudo(self.employee_a).search([]))
        ticket = Ticket._create_from_portal("Pocketcomputer", "Graag een toestel", product_tmpl=self.item_pocket)
        order = ticket.sudo().work_order_ids
        self.assertEqual(order.dva_line_id, self.line_a_pocket)
        # without a DVA line the request is not dropped: it waits for the desk's pay-per-use decision
        pending = self.env["helpdesk.ticket"].sudo(self.employee_b)._create_from_portal(
            "Pocketcomputer", "", product_tmpl=self.item_pocket).sudo()
        self.assertTrue(pending.desk_decision_pending)
        self.assertFalse(pending.work_order_ids)

    def test_escalated_custom_work_goes_to_account_management(self):
        ticket = self.new_ticket(self.employee_a.partner_id)
        ticket.sudo(self.desk_agent)._do_intake(self.item_refit)
        self.assertTrue(ticket.escalated)
        self.assertEqual(ticket.handling, "escalate")
        self.assertFalse(ticket.work_order_ids)
