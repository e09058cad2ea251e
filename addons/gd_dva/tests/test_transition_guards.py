"""A DVA's state and what the transitions set, and a work order's DVA link and price, are not written directly."""
from odoo.exceptions import AccessError, UserError

from .common import DvaCase


class TestDvaTransitionGuards(DvaCase):

    def test_active_dva_does_not_go_back_to_draft(self):
        manager = self.dva_a.sudo(self.dva_manager)
        for vals in ({"state": "draft"}, {"state": "negotiation"}, {"termination_date": "2020-01-01"},
                     {"previous_id": self.dva_j.id}):
            with self.refused(AccessError):
                manager.write(vals)
        self.assertEqual(self.dva_a.state, "active")
        with self.refused(UserError):
            self.line_a_pocket.sudo(self.dva_manager).write({"price_unit": 1.0})
        with self.refused(UserError):
            self.line_a_pocket.sudo(self.dva_manager).write({"state": "draft"})
        self.assertEqual(self.line_a_pocket.price_unit, 42.0)

    def test_pay_per_use_acceptance_is_the_desks_decision(self):
        ticket = self.new_ticket(self.employee_a.partner_id, "Pocketcomputer")
        for user in (self.desk_agent, self.backoffice_member, self.dva_manager, self.account_manager):
            with self.refused(AccessError):
                ticket.sudo(user).write({"pay_per_use_accepted": True})
        self.assertFalse(ticket.pay_per_use_accepted)

    def test_line_does_not_move_to_another_dva(self):
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id, [
            {"product_tmpl_id": self.item_cards.id, "quantity": 1}], activate=False,
            date_start="2090-01-01", date_end="2090-12-31")
        with self.refused(AccessError):
            draft.line_ids.sudo(self.dva_manager).write({"agreement_id": self.dva_a.id})
        self.assertEqual(draft.line_ids.agreement_id, draft)
        draft.line_ids.sudo(self.dva_manager).write({"quantity": 3})

    def test_transitions_answer_true(self):
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id, [
            {"product_tmpl_id": self.item_cards.id, "quantity": 1}], activate=False,
            date_start="2090-01-01", date_end="2090-12-31").sudo(self.dva_manager)
        self.assertIs(draft.action_negotiate(), True)
        self.assertIs(draft.action_draft(), True)
        self.assertIs(draft.action_activate(), True)
        draft.write({"termination_reason": "Reorganisatie"})
        self.assertIs(draft.action_terminate(), True)
        self.assertEqual(draft.state, "terminated")
        self.assertTrue(draft.termination_date)

    def test_work_order_dva_link_and_price(self):
        ticket = self.new_ticket(self.employee_a.partner_id, "Pocketcomputer")
        order = self.WorkOrder.browse(ticket.sudo(self.desk_agent)._do_intake(self.item_pocket).ids)
        self.assertEqual(order.dva_line_id, self.line_a_pocket)
        quote = self.env["sale.order"].create({"partner_id": self.principal_b.partner_id.id})
        for user in (self.desk_agent, self.backoffice_member, self.dva_manager, self.account_manager):
            for vals in ({"dva_line_id": self.line_j_pocket.id}, {"is_pay_per_use": True},
                         {"pay_per_use_price": 0.01}, {"sale_order_id": quote.id}):
                with self.refused(AccessError):
                    order.sudo(user).write(vals)
        self.assertEqual((order.dva_line_id, order.is_pay_per_use, order.pay_per_use_price, order.sale_order_id),
                         (self.line_a_pocket, False, 0.0, self.env["sale.order"]))
        # routing again is a transition: the DVA line follows the new item
        order.sudo(self.desk_agent)._do_reroute(self.bo_ict, product_tmpl=self.item_software)
        self.assertEqual(order.dva_line_id, self.line_a_software)
        # a work order made by hand gets its DVA line from the ticket and item
        manual = self.WorkOrder.sudo(self.desk_agent).create({
            "ticket_id": ticket.id, "product_tmpl_id": self.item_pocket.id})
        self.assertEqual(manual.dva_line_id, self.line_a_pocket)
        with self.refused(AccessError):
            self.WorkOrder.sudo(self.desk_agent).create({
                "ticket_id": ticket.id, "product_tmpl_id": self.item_cards.id, "is_pay_per_use": True,
                "pay_per_use_price": 0.01})
