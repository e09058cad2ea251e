"""Every level of question reaches delivery: expert intake outcomes, patterns by their own class and level,
escalation on hold, refused empty intakes and re-routing to a pattern."""
from odoo.exceptions import AccessError, UserError

from .common import FixtureBuilder, ServicedeskCase


class TestFlowLevels(ServicedeskCase):

    @classmethod
    def setUpClass(cls):
        super(TestFlowLevels, cls).setUpClass()
        cls.item_interior = FixtureBuilder.item(cls.env, "T Bijzondere inrichting", cls.bo_faz, lead_time=5,
                                                question_level="tactical", is_published=False,
                                                request_via_portal=False)
        cls.moving = FixtureBuilder.item(cls.env, "T Verhuizing", cls.bo_desk, lead_time=10, is_pattern=True,
                                         question_level="tactical")
        Component = cls.env["gd.catalog.pattern.component"]
        for block in (cls.item_staff, cls.item_workplace):
            Component.create({"pattern_id": cls.moving.id, "product_tmpl_id": block.id})

    def _tactical_case(self, items=None):
        ticket = self.new_ticket(self.portal_a.partner_id, "Inrichting directiekamer")
        orders = ticket.sudo(self.desk_agent)._do_intake(items or self.item_interior)
        intake = orders.filtered(lambda order: order.kind == "intake")
        self.assertEqual(intake.product_tmpl_id, self.item_interior)
        return ticket, intake

    def _finish(self, intake, outcome, note=None, items=None, user=None):
        wizard = self.env["gd.servicedesk.work.order.outcome"].sudo(user or self.faz_member).create({
            "work_order_id": intake.id, "outcome": outcome, "note": note,
            "product_tmpl_ids": [(6, 0, items.ids if items else [])]})
        return wizard.action_confirm()

    # ------------------------------------------------------------------ tactical

    def test_finishing_an_intake_asks_for_its_outcome(self):
        ticket, intake = self._tactical_case()
        action = intake.sudo(self.faz_member).action_done()
        self.assertEqual(action["res_model"], "gd.servicedesk.work.order.outcome")
        with self.assertRaises(UserError):
            intake.sudo(self.faz_member)._do_done()
        self.assertEqual(intake.state, "new")
        self.assertEqual(ticket.stage_id.code, "progress")
        self.assertFalse(ticket.notice_completed_date)

    def test_intake_leads_to_delivery_with_the_norm_starting_then(self):
        ticket, intake = self._tactical_case()
        self._finish(intake, "deliver", "Twee bureaus en een kast.")
        self.assertEqual((intake.state, intake.intake_outcome), ("done", "deliver"))
        delivery = ticket.work_order_ids - intake
        self.assertEqual(delivery.product_tmpl_id, self.item_interior)
        self.assertEqual((delivery.kind, delivery.state), ("delivery", "new"))
        self.assertGreaterEqual(delivery.start_date, intake.done_date)
        self.assertTrue(delivery.deadline)
        self.assertEqual(ticket.stage_id.code, "progress")
        self.assertFalse(ticket.notice_completed_date)
        delivery.sudo(self.faz_member).action_done()
        self.assertEqual(ticket.stage_id.code, "done")
        self.assertTrue(ticket.notice_completed_date)

    def test_intake_delivers_the_items_the_expert_agreed(self):
        ticket, intake = self._tactical_case()
        self._finish(intake, "deliver", items=self.item_workplace | self.item_room)
        self.assertEqual((ticket.work_order_ids - intake).mapped("product_tmpl_id"),
                         self.item_workplace | self.item_room)
        with self.assertRaises(UserError):
            intake.sudo(self.faz_member)._do_record_outcome("deliver", "", self.moving)

    def test_intake_turning_custom_goes_to_account_management_for_a_quote(self):
        ticket, intake = self._tactical_case()
        with self.assertRaises(UserError):
            self._finish(intake, "quote", "")
        self._finish(intake, "quote", "Maatwerk: eigen ontwerp van de architect.")
        self.assertEqual(intake.state, "done")
        self.assertTrue(ticket.escalated)
        self.assertTrue(ticket.is_on_hold)
        self.assertEqual(ticket.stage_id.code, "escalated")
        self.assertEqual(ticket.team_id.role, "account_management")
        self.assertIn("eigen ontwerp", ticket.escalation_reason)
        self.assertFalse(ticket.work_order_ids.filtered(lambda order: order.kind == "delivery"))

    def test_intake_refused_with_reason(self):
        ticket, intake = self._tactical_case(self.item_interior | self.item_room)
        self._finish(intake, "refuse", "Valt buiten het beleid voor kantoorinrichting.")
        room = ticket.work_order_ids.filtered(lambda order: order.product_tmpl_id == self.item_room)
        self.assertEqual(intake.state, "done")
        self.assertEqual(room.state, "cancel")
        self.assertEqual(ticket.stage_id.code, "cancel")
        self.assertIn("buiten het beleid", ticket.resolution)
        self.assertIn("buiten het beleid", ticket.message_ids[0].body)
        self.assertFalse(ticket.notice_completed_date)

    # ------------------------------------------------------------------ patterns by their own class and level

    def test_tactical_pattern_gets_its_own_intake(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Verhuizing afdeling")
        orders = ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"], pattern=self.moving)
        self.assertEqual(orders.mapped("product_tmpl_id"), self.moving, "no parts before the expert intake")
        self.assertEqual((orders.kind, orders.backoffice_id), ("intake", self.bo_desk))
        self.assertEqual(ticket.handling, "intake")
        self._finish(orders, "deliver", "Verhuizing naar de 5e verdieping.", user=self.desk_agent)
        deliveries = ticket.work_order_ids.filtered(lambda order: order.kind == "delivery")
        self.assertEqual(deliveries.mapped("product_tmpl_id"), self.item_staff | self.item_workplace,
                         "the parts by their own class and level; a basis pattern is not delivered on its own")
        self.assertEqual(ticket.stage_id.code, "progress")

    def test_basis_pattern_is_its_parts_only(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe collega")
        orders = ticket._do_intake(self.env["product.template"], pattern=self.pattern,
                                   options=self.opt_existing | self.opt_same_dept)
        self.assertEqual(orders.mapped("product_tmpl_id"), self.item_staff)

    # ------------------------------------------------------------------ escalation on hold

    def _held_case(self):
        ticket, intake = self._tactical_case(self.item_interior | self.item_room)
        room = ticket.work_order_ids.filtered(lambda order: order.product_tmpl_id == self.item_room)
        self._finish(intake, "quote", "Maatwerk nodig.")
        return ticket, room

    def test_escalated_case_stops_its_work_orders(self):
        ticket, room = self._held_case()
        self.assertTrue(room.is_on_hold)
        as_faz = room.sudo(self.faz_member)
        for action in (as_faz.action_done, as_faz.action_start, lambda: as_faz._do_hand_back("Hoe verder?")):
            with self.assertRaises(UserError):
                action()
        self.assertEqual(room.state, "new")
        self.assertEqual(ticket.stage_id.code, "escalated")
        self.assertFalse(ticket.notice_completed_date)
        self.assertIn(self.env.ref("mail.mt_note"), room.message_ids.mapped("subtype_id"), "the back office is told")

    def test_account_management_resumes(self):
        ticket, room = self._held_case()
        with self.assertRaises(AccessError):
            ticket.sudo(self.desk_agent).action_resume()
        ticket.sudo(self.account_manager).action_resume()
        self.assertEqual(ticket.stage_id.code, "progress")
        self.assertFalse(room.is_on_hold)
        room.sudo(self.faz_member).action_done()
        self.assertEqual(ticket.stage_id.code, "done")
        with self.assertRaises(UserError):
            ticket.sudo(self.account_manager).action_resume()

    def test_held_part_is_not_reported_late_until_resumed(self):
        ticket, room = self._held_case()
        room.sudo(self.desk_agent).write({"deadline": "2020-01-06 16:00:00", "warn_date": "2020-01-06 12:00:00"})
        self.WorkOrder._cron_check_deadlines()
        self.assertFalse(room.is_overdue, "no deadline warning while the case is with account management")
        ticket.sudo(self.account_manager).action_resume()
        self.assertEqual(room.deadline, "2020-01-06 16:00:00", "late before the hold began: stays late")
        self.WorkOrder._cron_check_deadlines()
        self.assertTrue(room.is_overdue)

    def test_account_management_cancels(self):
        ticket, room = self._held_case()
        with self.assertRaises(AccessError):
            ticket.sudo(self.desk_agent)._do_refuse("Nee")
        wizard = self.env["helpdesk.ticket.refuse"].sudo(self.account_manager).create(
            {"ticket_id": ticket.id, "reason": "De directie ziet af van de inrichting."})
        wizard.action_confirm()
        self.assertEqual(ticket.stage_id.code, "cancel")
        self.assertEqual(room.state, "cancel")

    def test_resume_needs_open_work_orders(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe afdeling")
        ticket._do_intake(self.item_department)
        with self.assertRaises(UserError):
            ticket.sudo(self.account_manager)._do_resume()

    def test_outcome_and_desk_decision_only_through_their_actions(self):
        ticket, intake = self._tactical_case()
        with self.assertRaises(AccessError):
            intake.sudo(self.faz_member).write({"intake_outcome": "deliver"})
        with self.assertRaises(AccessError):
            ticket.sudo(self.desk_agent).write({"desk_decision_pending": True})
        with self.assertRaises(AccessError):
            ticket.sudo(self.desk_agent).write({"origin_ticket_id": self.new_ticket(self.portal_a.partner_id).id})
        self.assertFalse(intake.intake_outcome)

    # ------------------------------------------------------------------ refused input

    def test_empty_intake_is_refused(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Leeg")
        with self.assertRaises(UserError):
            ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"])
        wizard = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create(
            {"ticket_id": ticket.id, "mode": "items"})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(ticket.escalated)
        self.assertFalse(ticket.notice_escalated_date)
        self.assertEqual(ticket.stage_id.code, "new")

    def test_reroute_to_a_pattern_is_refused(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        order = ticket._do_intake(self.item_room)
        order.sudo(self.faz_member)._do_hand_back("Niet van ons")
        with self.assertRaises(UserError):
            order.sudo(self.desk_agent)._do_reroute(self.bo_desk, self.pattern)
        self.assertEqual(order.product_tmpl_id, self.item_room)
        order.sudo(self.desk_agent)._do_reroute(self.bo_faz, self.item_workplace)
        self.assertEqual(order.product_tmpl_id, self.item_workplace)
