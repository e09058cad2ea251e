from odoo.exceptions import AccessError, UserError

from .common import ServicedeskCase


class TestWorkOrderFlow(ServicedeskCase):

    def _request(self, items):
        ticket = self.new_ticket(self.portal_a.partner_id, "Aanvraag")
        orders = ticket.sudo(self.desk_agent)._do_intake(items)
        return ticket, orders.sudo()

    def _messages(self, ticket, subject_part):
        return ticket.message_ids.filtered(lambda m: m.subject and subject_part in m.subject)

    def test_progress_and_completion_notice_once(self):
        ticket, orders = self._request(self.item_room | self.item_workplace | self.item_pass)
        self.assertEqual(len(self._messages(ticket, "We received your request")), 1)
        room, workplace, badge = [orders.filtered(lambda o, i=i: o.product_tmpl_id == i)
                                  for i in (self.item_room, self.item_workplace, self.item_pass)]
        room.sudo(self.faz_member).action_start()
        room.sudo(self.faz_member).action_done()
        self.assertEqual(ticket.progress_label, "1/3")
        self.assertAlmostEqual(ticket.progress, 100.0 / 3, places=2)
        self.assertEqual(ticket.next_deadline, min((workplace | badge).mapped("deadline")))
        self.assertEqual(len(self._messages(ticket, "is done")), 1, "part-done notice for the room")
        self.assertFalse(ticket.closed)
        workplace.sudo(self.faz_member).action_done()
        badge.action_done()   # notify_part_done is off for the badge, and it is the last part anyway
        self.assertEqual(len(self._messages(ticket, "is done")), 2)
        self.assertEqual(ticket.stage_id.code, "done")
        self.assertTrue(ticket.closed_date)
        self.assertTrue(ticket.notice_completed_date)
        completed = self._messages(ticket, "is completed")
        self.assertEqual(len(completed), 1)
        self.assertIn("/servicedesk/satisfaction/%d/" % ticket.id, completed.body)
        self.assertIn(self.portal_a.partner_id, completed.partner_ids)
        # moving it to done again (by hand) does not send the completion notice twice
        progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
        ticket.write({"stage_id": progress.id})
        ticket.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id})
        self.assertEqual(len(self._messages(ticket, "is completed")), 1)
        with self.assertRaises(UserError):
            room.action_done()
        self.assertEqual(room.on_time_pct, 100.0)
        self.assertGreaterEqual(room.lead_time_days, 0.0)

    def test_cancelled_parts_do_not_block_completion(self):
        ticket, orders = self._request(self.item_room | self.item_workplace)
        orders[0].sudo(self.desk_agent).action_cancel()
        self.assertEqual(ticket.work_order_count, 1)
        orders[1].action_done()
        self.assertEqual(ticket.stage_id.code, "done")

    def test_hand_back_and_reroute(self):
        ticket, orders = self._request(self.item_login)
        order = orders.sudo(self.ict_member)
        with self.assertRaises(UserError):
            order._do_hand_back("  ")
        wizard = self.env["gd.servicedesk.work.order.hand.back"].sudo(self.ict_member).create({
            "work_order_id": order.id, "reason": "Geen ICT: dit is een facilitaire vraag"})
        wizard.action_confirm()
        self.assertEqual(order.state, "handed_back")
        self.assertEqual(order.handback_count, 1)
        self.assertTrue(ticket.has_handed_back)
        # back offices cannot route; the desk can
        with self.assertRaises(AccessError):
            order._do_reroute(self.bo_faz)
        with self.assertRaises(AccessError):
            order.write({"backoffice_id": self.bo_faz.id})
        self.env["gd.servicedesk.routing.rule"].create({"backoffice_id": self.bo_faz.id,
                                                        "user_id": self.faz_member.id})
        reroute = self.env["gd.servicedesk.work.order.reroute"].sudo(self.desk_agent).with_context(
            default_work_order_id=order.id).create({"product_tmpl_id": self.item_room.id})
        self.assertEqual(reroute.backoffice_id, self.bo_ict, "defaults to the current back office")
        reroute._onchange_product_tmpl_id()
        self.assertEqual(reroute.backoffice_id, self.bo_faz)
        reroute.action_confirm()
        order = order.sudo()
        self.assertEqual(order.state, "new")
        self.assertEqual(order.backoffice_id, self.bo_faz)
        self.assertEqual(order.product_tmpl_id, self.item_room)
        self.assertEqual(order.user_id, self.faz_member)
        self.assertTrue(order.deadline)
        self.assertFalse(ticket.has_handed_back)
        # the ICT member no longer sees it; the FAZ member does
        self.assertFalse(self.WorkOrder.sudo(self.ict_member).search([("id", "=", order.id)]))
        self.assertTrue(self.WorkOrder.sudo(self.faz_member).search([("id", "=", order.id)]))

    def test_ask_customer(self):
        ticket, orders = self._request(self.item_room)
        orders._do_hand_back("Welke datum?")
        action = orders.sudo(self.desk_agent).action_ask_customer()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertIn("Welke datum?", action["context"]["default_body"])
        self.assertEqual(orders.state, "waiting")
        self.assertEqual(ticket.stage_id.code, "waiting")

    def test_cron_marks_overdue_once(self):
        ticket, orders = self._request(self.item_workplace)
        orders.write({"start_date": "2020-01-01 08:00:00", "deadline": "2020-01-03 16:00:00",
                      "warn_date": "2020-01-02 16:00:00"})
        self.WorkOrder._cron_check_deadlines()
        self.assertTrue(orders.is_overdue)
        self.assertEqual(orders.deadline_state, "late")
        self.assertTrue(ticket.is_overdue)
        self.assertEqual(ticket.deadline_state, "late")
        self.assertEqual(orders.activity_ids.mapped("user_id"), self.faz_manager)
        self.assertEqual(ticket.activity_ids.mapped("user_id"), self.desk_agent)
        self.WorkOrder._cron_check_deadlines()
        self.assertEqual(len(orders.activity_ids), 1, "warned once")
        self.assertEqual(len(ticket.activity_ids), 1)

    def test_at_risk_in_ticket_list(self):
        ticket, orders = self._request(self.item_workplace)
        orders.write({"start_date": "2020-01-01 08:00:00", "deadline": "2099-01-03 16:00:00",
                      "warn_date": "2020-01-02 16:00:00"})
        self.WorkOrder._cron_check_deadlines()
        self.assertEqual(ticket.deadline_state, "at_risk")
        self.assertFalse(orders.is_overdue)

    def test_portal_progress_in_customer_words(self):
        ticket, orders = self._request(self.item_room | self.item_workplace)
        orders[0]._do_hand_back("Intern: verkeerd gerouteerd")
        parts = ticket.sudo(self.portal_a)._get_portal_progress()
        self.assertEqual(len(parts), 2)
        labels = {part["state_label"] for part in parts}
        self.assertEqual(labels, {"Received", "Being handled"})
        self.assertNotIn("verkeerd", repr(parts))

    def test_customer_reply_resumes_waiting_case(self):
        ticket, orders = self._request(self.item_room)
        waiting = self.env["helpdesk.ticket.stage"]._get_by_code("waiting")
        ticket.write({"stage_id": waiting.id})
        ticket.message_update({"body": "Hier is de informatie", "to": "", "cc": ""})
        self.assertEqual(ticket.stage_id.code, "progress")

    def test_satisfaction_one_click(self):
        ticket, orders = self._request(self.item_room)
        token = ticket.satisfaction_token
        self.assertFalse(self.Ticket._set_satisfaction_by_token(ticket.id, token, "5"), "not completed yet")
        orders.action_done()
        self.assertFalse(self.Ticket._set_satisfaction_by_token(ticket.id, "wrong", "5"))
        self.assertFalse(self.Ticket._set_satisfaction_by_token(ticket.id, token, "4"))
        self.assertEqual(self.Ticket._set_satisfaction_by_token(ticket.id, token, "3"), ticket)
        self.assertEqual(ticket.satisfaction_score, 3)
