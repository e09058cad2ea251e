from odoo.exceptions import UserError, ValidationError

from .common import ServicedeskCase


class TestIntake(ServicedeskCase):

    def _intake_pattern(self, options):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe collega")
        orders = ticket.sudo(self.desk_agent)._do_intake(
            self.env["product.template"], pattern=self.pattern, options=options)
        return ticket, orders

    def test_pattern_new_hire_other_department(self):
        ticket, orders = self._intake_pattern(self.opt_new | self.opt_other_dept)
        self.assertEqual(len(orders), 5)
        self.assertEqual(orders.mapped("product_tmpl_id"),
                         self.item_staff | self.item_salary | self.item_workplace | self.item_login | self.item_pass)
        self.assertEqual(orders.mapped("backoffice_id"),
                         self.bo_po | self.bo_fb | self.bo_faz | self.bo_ict | self.bo_ci)
        self.assertEqual(set(orders.mapped("kind")), {"delivery"})
        self.assertEqual(ticket.handling, "route")
        self.assertEqual(ticket.stage_id.code, "progress")
        self.assertEqual(ticket.work_order_count, 5)
        self.assertEqual(ticket.pattern_id, self.pattern)
        self.assertEqual(ticket.client_id, self.org_a)
        self.assertEqual(ticket.deadline, max(orders.mapped("deadline")))
        self.assertEqual(ticket.next_deadline, min(orders.mapped("deadline")))
        self.assertTrue(ticket.notice_received_date)

    def test_pattern_internal_move_same_department(self):
        ticket, orders = self._intake_pattern(self.opt_existing | self.opt_same_dept)
        self.assertEqual(orders.mapped("product_tmpl_id"), self.item_staff)
        self.assertEqual(orders.mapped("backoffice_id"), self.bo_po)
        self.assertEqual(ticket.progress_label, "0/1")

    def test_pattern_incomplete_answers_refused(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        with self.assertRaises(ValidationError):
            ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"], pattern=self.pattern,
                                                   options=self.opt_new)
        self.assertFalse(ticket.work_order_ids)

    def test_mandate_needed(self):
        ticket = self.new_ticket(self.portal_a2.partner_id)
        entitlement = ticket._get_entitlement(self.item_pocket)
        self.assertFalse(entitlement["allowed"])
        self.assertIn("Arie A", entitlement["reason"])
        self.assertEqual(set(entitlement) & {"allowed", "reason", "handling", "pay_per_use"},
                         {"allowed", "reason", "handling", "pay_per_use"})
        with self.assertRaises(UserError):
            ticket.sudo(self.desk_agent)._do_intake(self.item_pocket)
        self.assertFalse(ticket.work_order_ids)
        mandated = self.new_ticket(self.portal_a.partner_id)
        self.assertTrue(mandated._get_entitlement(self.item_pocket)["allowed"])
        self.assertEqual(len(mandated.sudo(self.desk_agent)._do_intake(self.item_pocket)), 1)

    def test_tactical_gets_expert_intake(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Inkoopadvies schoonmaak")
        orders = ticket.sudo(self.desk_agent)._do_intake(self.item_tender)
        self.assertEqual(orders.kind, "intake")
        self.assertEqual(orders.backoffice_id, self.bo_fb)
        self.assertEqual(ticket.handling, "intake")

    def test_strategic_custom_is_escalated(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe afdeling")
        ticket.sudo(self.desk_agent)._do_intake(self.item_department | self.item_room)
        self.assertTrue(ticket.escalated)
        self.assertEqual(ticket.handling, "escalate")
        self.assertEqual(ticket.stage_id.code, "escalated")
        self.assertEqual(ticket.team_id.role, "account_management")
        self.assertEqual(ticket.user_id, self.account_manager)
        self.assertIn("T Nieuwe afdeling", ticket.escalation_reason)
        self.assertFalse(ticket.work_order_ids)
        self.assertTrue(ticket.notice_escalated_date)
        self.assertFalse(ticket.notice_received_date)

    def test_not_in_catalogue_is_escalated_with_reason(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Iets nieuws")
        ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"],
                                               escalation_reason="Geen proces voor deze vraag")
        self.assertTrue(ticket.escalated)
        self.assertIn("Geen proces", ticket.escalation_reason)

    def test_requester_needed(self):
        ticket = self.Ticket.create({"name": "Zonder aanvrager"})
        with self.assertRaises(UserError):
            ticket._do_intake(self.item_room)

    def test_routing_rules(self):
        Rule = self.env["gd.servicedesk.routing.rule"]
        Rule.create({"backoffice_id": self.bo_faz.id, "user_id": self.faz_manager.id})
        Rule.create({"backoffice_id": self.bo_faz.id, "product_tmpl_id": self.item_room.id,
                     "user_id": self.faz_member.id})
        ticket = self.new_ticket(self.portal_a.partner_id)
        orders = ticket._do_intake(self.item_room | self.item_workplace | self.item_salary)
        by_item = {order.product_tmpl_id: order for order in orders}
        self.assertEqual(by_item[self.item_room].user_id, self.faz_member)
        self.assertEqual(by_item[self.item_workplace].user_id, self.faz_manager)
        self.assertFalse(by_item[self.item_salary].user_id, "no rule: the back office's queue")
        with self.assertRaises(ValidationError):
            Rule.create({"backoffice_id": self.bo_faz.id, "user_id": self.ict_member.id})
        with self.assertRaises(ValidationError):
            Rule.create({"backoffice_id": self.bo_faz.id, "product_tmpl_id": self.item_login.id,
                         "user_id": self.faz_member.id})

    def test_intake_wizard(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        Intake = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent)
        wizard = Intake.create({"ticket_id": ticket.id, "mode": "pattern", "pattern_id": self.pattern.id,
                                "option_ids": [(6, 0, (self.opt_existing | self.opt_other_dept).ids)]})
        self.assertIn("T Werkplek inrichten", wizard.entitlement_summary)
        wizard.action_confirm()
        self.assertEqual(ticket.work_order_ids.mapped("product_tmpl_id"), self.item_staff | self.item_workplace)

    def test_account_manager_turns_escalation_into_work_orders(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe afdeling")
        ticket._do_intake(self.item_department)
        wizard = self.env["helpdesk.ticket.intake"].sudo(self.account_manager).create({
            "ticket_id": ticket.id, "force_route": True, "mode": "items",
            "product_tmpl_ids": [(6, 0, (self.item_department | self.item_room).ids)]})
        wizard.action_confirm()
        self.assertEqual(len(ticket.work_order_ids), 2)
        self.assertEqual(ticket.stage_id.code, "progress")
        self.assertTrue(ticket.escalated, "stays counted as an escalation")

    def test_resolve_needs_resolution(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Strategische vraag")
        ticket._do_intake(self.item_department)
        as_am = ticket.sudo(self.account_manager)
        with self.assertRaises(UserError):
            as_am.action_resolve()
        as_am.write({"resolution": "Besproken in het accountgesprek."})
        as_am.action_resolve()
        self.assertEqual(ticket.stage_id.code, "done")
        self.assertTrue(ticket.notice_completed_date)
