"""The flow with agreements: a plus pattern charged by its own class, the portal queue of requests awaiting
the desk's pay-per-use decision, and a tactical intake that turns into a quote."""
from odoo.exceptions import AccessError, UserError

from odoo.addons.gd_catalog.tests.common import FixtureBuilder

from .common import DvaCase


class TestFlowDva(DvaCase):

    @classmethod
    def setUpClass(cls):
        super(TestFlowDva, cls).setUpClass()
        cls.moving = FixtureBuilder.item(cls.env, "DT Verhuizing", cls.bo_faz, "plus", 10, is_pattern=True,
                                         question_level="tactical", list_price=150.0)
        cls.meeting = FixtureBuilder.item(cls.env, "DT Bijeenkomst", cls.bo_faz, is_pattern=True)
        Component = cls.env["gd.catalog.pattern.component"]
        for block in (cls.item_room, cls.item_helpdesk):
            Component.create({"pattern_id": cls.moving.id, "product_tmpl_id": block.id})
        for block in (cls.item_room, cls.item_cards):
            Component.create({"pattern_id": cls.meeting.id, "product_tmpl_id": block.id})
        cls.item_advice = FixtureBuilder.item(cls.env, "DT Juridisch advies", cls.bo_ict, lead_time=5,
                                              question_level="tactical", is_published=False,
                                              request_via_portal=False)

    def _finish_intake(self, order, outcome, note=None):
        wizard = self.env["gd.servicedesk.work.order.outcome"].sudo(self.desk_agent).create(
            {"work_order_id": order.id, "outcome": outcome, "note": note})
        wizard.action_confirm()

    # ------------------------------------------------------------------ a pattern by its own class and level

    def test_plus_pattern_without_agreement_needs_pay_per_use(self):
        ticket = self.new_ticket(self.employee_b.partner_id, "Verhuizing")
        result = ticket._get_entitlement(self.moving)
        self.assertFalse(result["allowed"])
        self.assertTrue(result["desk_decision"])
        with self.assertRaises(UserError):
            ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"], pattern=self.moving)

    def test_plus_tactical_pattern_intake_then_charged_delivery(self):
        ticket = self.new_ticket(self.employee_b.partner_id, "Verhuizing")
        wizard = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create({
            "ticket_id": ticket.id, "mode": "pattern", "pattern_id": self.moving.id, "accept_pay_per_use": True})
        wizard.action_confirm()
        intake = ticket.work_order_ids
        self.assertEqual((intake.kind, intake.product_tmpl_id), ("intake", self.moving))
        self.assertFalse(intake.is_pay_per_use)
        self._finish_intake(intake, "deliver", "Verhuizing naar de 3e verdieping.")
        deliveries = ticket.work_order_ids - intake
        self.assertEqual(deliveries.mapped("product_tmpl_id"), self.moving | self.item_room | self.item_helpdesk)
        own = deliveries.filtered(lambda order: order.product_tmpl_id == self.moving)
        self.assertTrue(own.is_pay_per_use)
        self.assertEqual(own.pay_per_use_price, 150.0)
        self.assertFalse((deliveries - own).filtered("is_pay_per_use"), "basis parts are not charged")

    # ------------------------------------------------------------------ portal requests awaiting the desk

    def _portal_request(self, user, item, subject="Aanvraag"):
        return self.env["helpdesk.ticket"].sudo(user)._create_from_portal(subject, "Graag", product_tmpl=item)

    def test_portal_pattern_with_plus_parts_waits_for_the_desk(self):
        ticket = self._portal_request(self.employee_b, self.meeting, "Bijeenkomst").sudo()
        self.assertTrue(ticket.desk_decision_pending)
        self.assertIn("DT Visitekaartjes", ticket.desk_decision_reason)
        self.assertFalse(ticket.work_order_ids)
        self.assertEqual(ticket.pattern_id, self.meeting)
        self.assertEqual(ticket.stage_id.code, "new")
        self.assertIn(ticket.number, ticket.message_ids[0].body)
        self.assertIn(self.employee_b.partner_id, ticket.message_ids[0].partner_ids)
        action = self.env.ref("gd_servicedesk.helpdesk_ticket_action_desk_decision")
        self.assertIn(ticket, self.env["helpdesk.ticket"].search(
            [("desk_decision_pending", "=", True), ("closed", "=", False)]))
        self.assertIn("search_default_desk_decision", action.context)
        # the desk approves: delivered as requested, the plus part pay-per-use
        with self.assertRaises(AccessError):
            ticket.sudo(self.backoffice_member).action_approve_request()
        ticket.sudo(self.desk_agent).action_approve_request()
        self.assertFalse(ticket.desk_decision_pending)
        self.assertTrue(ticket.pay_per_use_accepted)
        self.assertEqual(ticket.work_order_ids.mapped("product_tmpl_id"), self.item_room | self.item_cards)
        cards = ticket.work_order_ids.filtered(lambda order: order.product_tmpl_id == self.item_cards)
        self.assertTrue(cards.is_pay_per_use)
        self.assertEqual(ticket.stage_id.code, "progress")

    def test_portal_plus_item_waits_and_the_desk_refuses(self):
        ticket = self._portal_request(self.employee_b, self.item_pocket).sudo()
        self.assertTrue(ticket.desk_decision_pending)
        wizard = self.env["helpdesk.ticket.refuse"].sudo(self.desk_agent).create(
            {"ticket_id": ticket.id, "reason": "Beta neemt eerst een DVA af."})
        wizard.action_confirm()
        self.assertEqual(ticket.stage_id.code, "cancel")
        self.assertFalse(ticket.desk_decision_pending)
        self.assertIn("eerst een DVA", ticket.message_ids[0].body)
        with self.assertRaises(UserError):
            ticket.sudo(self.desk_agent).action_approve_request()

    def test_portal_third_party_outside_its_dva_is_still_refused(self):
        before = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaises(UserError):
            self._portal_request(self.employee_j, self.item_cards)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)

    # ------------------------------------------------------------------ tactical intake turning into a quote

    def test_tactical_intake_turns_into_a_quote(self):
        ticket = self.new_ticket(self.employee_a.partner_id, "Advies huurcontract")
        intake = ticket.sudo(self.desk_agent)._do_intake(self.item_advice)
        self._finish_intake(intake, "quote", "Maatwerk: extern juridisch advies nodig.")
        self.assertTrue(ticket.sudo(self.account_manager).can_make_quote)
        quote = ticket.sudo(self.account_manager)._do_make_quote()
        self.assertEqual(quote.gd_ticket_id, ticket)
        # The desk's reason stays internal, on the case; the principal reads a note written for them.
        self.assertIn("extern juridisch advies", ticket.escalation_reason)
        self.assertNotIn("extern juridisch advies", quote.note)
        self.assertIn(ticket.number, quote.note)
