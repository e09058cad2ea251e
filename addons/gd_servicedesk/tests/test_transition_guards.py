"""State and measured fields of work orders and tickets change through their transitions only."""
from odoo.exceptions import AccessError, UserError

from .common import ServicedeskCase

NOW = "2020-01-01 10:00:00"


class TestTransitionGuards(ServicedeskCase):

    def request(self, items, name="Aanvraag"):
        ticket = self.new_ticket(self.portal_a.partner_id, name)
        orders = ticket.sudo(self.desk_agent)._do_intake(items)
        # The records as a client reads them afterwards, outside the intake's transition.
        return ticket, self.WorkOrder.browse(orders.ids)

    def stage(self, code):
        return self.env["helpdesk.ticket.stage"]._get_by_code(code)

    def test_back_office_cannot_write_state_or_measures(self):
        _ticket, order = self.request(self.item_room)
        member = order.sudo(self.faz_member)
        for vals in ({"state": "done"}, {"done_date": NOW}, {"on_time_pct": 100.0}, {"handback_count": -1},
                     {"lead_time_days": 0.1}, {"norm_used_pct": 1.0}, {"is_overdue": True},
                     {"deadline_state": "on_time"}, {"notice_done_date": NOW}, {"handback_date": NOW}):
            with self.assertRaises(AccessError, msg=str(vals)):
                member.write(vals)
        # the desk agent neither: cancelled -> done is no move of anyone's
        order.sudo(self.desk_agent).action_cancel()
        with self.assertRaises(AccessError):
            order.sudo(self.desk_agent).write({"state": "done"})
        self.assertEqual(order.state, "cancel")
        self.assertFalse(order.done_date)

    def test_transitions_set_state_and_measures(self):
        ticket, order = self.request(self.item_room)
        member = order.sudo(self.faz_member)
        self.assertIs(member.action_start(), True)
        self.assertIs(member.action_wait(), True)
        self.assertIs(member.action_done(), True)
        self.assertEqual(order.state, "done")
        self.assertTrue(order.done_date)
        self.assertEqual(order.on_time_pct, 100.0)
        self.assertEqual(ticket.stage_id.code, "done")
        # free fields stay free: the back office notes its work
        member.write({"description": "Geleverd op de 3e verdieping"})

    def test_create_in_a_state_refused(self):
        ticket, _order = self.request(self.item_room)
        WorkOrder = self.WorkOrder.sudo(self.desk_agent)
        with self.assertRaises(AccessError):
            WorkOrder.create({"ticket_id": ticket.id, "product_tmpl_id": self.item_workplace.id, "state": "done"})
        with self.assertRaises(AccessError):
            WorkOrder.create({"ticket_id": ticket.id, "product_tmpl_id": self.item_workplace.id,
                              "handback_count": 3})
        # the default state may be named
        order = WorkOrder.create({"ticket_id": ticket.id, "product_tmpl_id": self.item_workplace.id,
                                  "state": "new"})
        self.assertEqual(order.state, "new")

    def test_ticket_flow_fields_refused(self):
        ticket, _order = self.request(self.item_room)
        desk = ticket.sudo(self.desk_agent)
        for vals in ({"handling": "answer"}, {"escalated": True}, {"intake_date": NOW},
                     {"escalation_date": NOW}, {"notice_completed_date": NOW}, {"satisfaction": "5"},
                     {"is_first_contact_resolution": True}, {"request_product_ids": [(5,)]}):
            with self.assertRaises(AccessError, msg=str(vals)):
                desk.write(vals)
        with self.assertRaises(AccessError):
            self.Ticket.sudo(self.desk_agent).create({"name": "Klaar", "partner_id": self.portal_a.partner_id.id,
                                                      "escalated": True})
        with self.assertRaises(UserError):
            self.Ticket.sudo(self.desk_agent).create({"name": "Klaar", "partner_id": self.portal_a.partner_id.id,
                                                      "stage_id": self.stage("done").id})
        desk.write({"resolution": "Notitie", "ticket_type": "question"})

    def test_stage_moves_by_hand(self):
        ticket, order = self.request(self.item_room)
        desk = ticket.sudo(self.desk_agent)
        for code in ("done", "escalated", "cancel"):
            with self.assertRaises(UserError, msg=code):
                desk.write({"stage_id": self.stage(code).id})
        desk.write({"stage_id": self.stage("waiting").id})
        desk.write({"stage_id": self.stage("progress").id})
        order.sudo(self.faz_member).action_done()
        self.assertEqual(ticket.stage_id.code, "done")
        with self.assertRaises(UserError):
            desk.write({"stage_id": self.stage("progress").id})
        # a question without open parts may be cancelled by hand
        question = self.new_ticket(self.portal_a.partner_id, "Vraag")
        question.sudo(self.desk_agent).write({"stage_id": self.stage("cancel").id})
        self.assertEqual(question.stage_id.code, "cancel")

    def test_intake_twice_is_refused_add_items_is_not(self):
        ticket, orders = self.request(self.item_room)
        desk = ticket.sudo(self.desk_agent)
        with self.assertRaises(UserError):
            desk._do_intake(self.item_room)
        with self.assertRaises(UserError):
            desk._do_intake(self.env["product.template"], pattern=self.pattern, options=self.opt_new)
        self.assertEqual(len(ticket.work_order_ids), 1)
        added = desk._do_intake(self.item_workplace)
        self.assertEqual(added.product_tmpl_id, self.item_workplace)
        self.assertEqual(len(ticket.work_order_ids), 2)
        # a cancelled part may be asked again
        orders.sudo(self.desk_agent).action_cancel()
        desk._do_intake(self.item_room)
        self.assertEqual(len(ticket.work_order_ids.filtered(lambda o: o.state != "cancel")), 2)

    def test_escalated_intake_not_taken_in_again(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe afdeling")
        desk = ticket.sudo(self.desk_agent)
        desk._do_intake(self.item_department)
        self.assertEqual(ticket.handling, "escalate")
        with self.assertRaises(UserError):
            desk._do_intake(self.item_room)
        # account management turns it into work orders
        ticket.sudo(self.account_manager)._do_intake(self.item_room, force_route=True)
        self.assertEqual(ticket.handling, "route")

    def test_escalated_case_not_closed_by_its_work_order(self):
        ticket, order = self.request(self.item_room)
        ticket.sudo(self.desk_agent)._do_escalate("Blijkt maatwerk")
        try:
            order.sudo(self.faz_member).action_done()
        except UserError:
            pass  # the work of an escalated case may be on hold: either way the case stays escalated
        self.assertEqual(ticket.stage_id.code, "escalated")
        self.assertFalse(ticket.notice_completed_date)
        # and a closed case cannot be escalated
        done_ticket, done_order = self.request(self.item_workplace, "Werkplek")
        done_order.sudo(self.faz_member).action_done()
        with self.assertRaises(UserError):
            done_ticket.sudo(self.desk_agent)._do_escalate("Te laat")
        self.assertFalse(done_ticket.escalated)

    def test_buttons_return_a_value(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe afdeling")
        ticket.sudo(self.desk_agent)._do_intake(self.item_department)
        as_am = ticket.sudo(self.account_manager)
        as_am.write({"resolution": "Besproken."})
        self.assertIs(as_am.action_resolve(), True)
        _ticket, order = self.request(self.item_room)
        self.assertIs(order.sudo(self.desk_agent).action_cancel(), True)


class TestTextInput(ServicedeskCase):
    """Control characters never reach a ticket's subject or description; subjects have a length."""

    def test_control_characters_stripped(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Printer\x00 kapot\x07\x1b[31m")
        self.assertEqual(ticket.name, "Printer kapot[31m")
        ticket.sudo(self.desk_agent).write({"name": "Twee\nregels\x0b", "description": "<p>a\x00b\nc</p>"})
        self.assertEqual(ticket.name, "Twee regels")
        self.assertNotIn("\x00", ticket.description)
        self.assertIn("ab", ticket.description)

    def test_long_subject_refused(self):
        with self.assertRaises(UserError):
            self.new_ticket(self.portal_a.partner_id, "x" * (1024 * 1024))

    def test_appointment_out_of_range(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Advies")
        desk = ticket.sudo(self.desk_agent)
        for start, duration in (("9999-12-31 23:00:00", 2.0), ("0001-01-01 08:00:00", 1.0),
                                ("2030-03-04 09:00:00", 1e9), ("2030-03-04 09:00:00", -1.0),
                                ("geen datum", 1.0)):
            with self.assertRaises(UserError, msg="%s %s" % (start, duration)):
                desk._book_appointment(self.bo_faz, self.faz_member, start, duration)
