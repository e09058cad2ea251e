
from odoo.exceptions import AccessError, UserError

from .common import ServicedeskCase, ServicedeskFixtures


class TestAppointment(ServicedeskCase):
    """The desk books a customer an appointment with a back-office expert from the ticket."""

    @classmethod
    def setUpClass(cls):
        super(TestAppointment, cls).setUpClass()
        cls.bo_faz.appointment_location = "Serviceplein, spreekkamer 2"
        cls.ticket = ServicedeskFixtures.new_ticket(cls, cls.portal_a.partner_id, "Advies over een nieuwe werkplek")
        cls.other_ticket = ServicedeskFixtures.new_ticket(cls, cls.portal_b.partner_id, "Advies over een zaal")

    def book(self, ticket, expert, start, duration=1.0, backoffice=None, location=None):
        return ticket.sudo(self.desk_agent)._book_appointment(
            backoffice or self.bo_faz, expert, start, duration, location)

    def test_booking_creates_event_with_attendees_and_ticket_link(self):
        event = self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00", 1.5)
        self.assertEqual(event.ticket_id, self.ticket)
        self.assertEqual(self.ticket.appointment_ids, event.sudo())
        self.assertEqual(self.ticket.appointment_count, 1)
        self.assertEqual(event.partner_ids, self.faz_member.partner_id | self.portal_a.partner_id)
        self.assertEqual(event.attendee_ids.mapped("partner_id"), event.partner_ids)
        self.assertEqual(event.start, "2030-03-04 09:00:00")
        self.assertEqual(event.stop, "2030-03-04 10:30:00")
        self.assertEqual(event.location, "Serviceplein, spreekkamer 2")
        self.assertEqual(event.expert_id, self.faz_member)
        self.assertEqual(event.backoffice_id, self.bo_faz)
        self.assertIn(self.ticket.number, event.name)
        # the note on the case, in the desk agent's time zone (Amsterdam, winter time)
        notes = self.ticket.message_ids.filtered(lambda message: "FAZ Member" in (message.body or ""))
        self.assertTrue(notes)
        self.assertIn("10:00", notes[0].body)

    def test_the_note_writes_the_day_in_the_desk_agents_language(self):
        # 23:30 UTC on 4 March 2030 is 00:30 on 5 March in Amsterdam (winter time, UTC+1); Dutch writes that
        # day 05-03-2030 (day-month-year with hyphens), American English 03/05/2030.
        self.env.ref("base.lang_nl").sudo().write({"active": True})
        self.desk_agent.lang = "nl_NL"
        self.book(self.ticket, self.faz_member, "2030-03-04 23:30:00", 1.0)
        note = self.ticket.message_ids.filtered(lambda message: "FAZ Member" in (message.body or ""))[:1]
        self.assertIn("05-03-2030", note.body)
        self.assertIn("00:30", note.body)
        self.desk_agent.lang = "en_US"
        self.book(self.other_ticket, self.faz_member, "2030-03-05 23:30:00", 1.0)
        note = self.other_ticket.message_ids.filtered(lambda message: "FAZ Member" in (message.body or ""))[:1]
        self.assertIn("03/06/2030", note.body)

    def test_customer_receives_the_invitation(self):
        event = self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00")
        mails = self.env["mail.mail"].sudo().search([
            ("recipient_ids", "in", self.portal_a.partner_id.ids), ("subject", "ilike", event.name)])
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.state, "outgoing")
        expert_mails = self.env["mail.mail"].sudo().search([
            ("recipient_ids", "in", self.faz_member.partner_id.ids), ("subject", "ilike", event.name)])
        self.assertEqual(len(expert_mails), 1)

    def test_location_given_by_the_desk_wins(self):
        event = self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00", location="Balie 3")
        self.assertEqual(event.location, "Balie 3")

    def test_double_booking_of_the_expert_is_refused(self):
        self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00", 1.0)
        with self.assertRaises(UserError) as caught:
            self.book(self.other_ticket, self.faz_member, "2030-03-04 09:30:00", 1.0)
        message = caught.exception.name
        self.assertIn("FAZ Member", message)
        self.assertIn("03/04/2030", message, "the day as the desk agent's language (American English) writes it")
        self.assertIn("10:00", message)
        self.assertIn("11:00", message)
        self.assertFalse(self.other_ticket.appointment_ids)
        # right after it, or with another expert, is fine
        self.assertTrue(self.book(self.other_ticket, self.faz_member, "2030-03-04 10:00:00", 1.0))
        self.assertTrue(self.book(self.other_ticket, self.faz_manager, "2030-03-04 09:30:00", 1.0))

    def test_other_events_of_the_expert_block_the_time(self):
        self.env["calendar.event"].create({
            "name": "Teamoverleg", "start": "2030-03-05 12:00:00", "stop": "2030-03-05 14:00:00",
            "partner_ids": [(6, 0, self.faz_member.partner_id.ids)], "privacy": "private"})
        with self.assertRaises(UserError):
            self.book(self.ticket, self.faz_member, "2030-03-05 13:00:00")

    def test_refusals(self):
        with self.assertRaises(UserError):
            self.book(self.ticket, self.ict_member, "2030-03-04 09:00:00")  # not of the chosen back office
        with self.assertRaises(UserError):
            self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00", 0.0)
        no_customer = self.Ticket.sudo(self.desk_agent).create({"name": "Zonder aanvrager"})
        with self.assertRaises(UserError):
            self.book(no_customer, self.faz_member, "2030-03-04 09:00:00")
        self.ticket.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("done").id})
        with self.assertRaises(UserError):
            self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00")

    def test_only_the_desk_books(self):
        self.ticket._do_intake(self.item_workplace)  # FAZ now reads the case, but does not change it
        with self.assertRaises(AccessError):
            self.ticket.sudo(self.faz_member)._book_appointment(
                self.bo_faz, self.faz_member, "2030-03-04 09:00:00", 1.0)
        with self.assertRaises(AccessError):
            self.ticket.sudo(self.portal_a)._book_appointment(
                self.bo_faz, self.faz_member, "2030-03-04 09:00:00", 1.0)
        self.assertFalse(self.ticket.appointment_ids)

    def test_wizard_books_through_the_ticket(self):
        Wizard = self.env["helpdesk.ticket.appointment"].sudo(self.desk_agent)
        draft = Wizard.new({"ticket_id": self.ticket.id, "backoffice_id": self.bo_ict.id,
                            "expert_id": self.faz_member.id, "start": "2030-03-06 08:00:00"})
        draft._onchange_backoffice_id()
        self.assertEqual(draft.expert_id, self.ict_member, "the only member of ICT is proposed")
        self.assertEqual(draft.expert_domain_ids, self.ict_member)
        draft.backoffice_id = self.bo_faz
        draft._onchange_backoffice_id()
        self.assertFalse(draft.expert_id, "two experts at FAZ: the desk chooses")
        self.assertEqual(draft.location, "Serviceplein, spreekkamer 2")
        wizard = Wizard.create({"ticket_id": self.ticket.id, "backoffice_id": self.bo_faz.id,
                                "expert_id": self.faz_manager.id, "start": "2030-03-06 08:00:00",
                                "duration": 0.5, "location": draft.location})
        wizard.action_book()
        event = self.ticket.appointment_ids
        self.assertEqual(event.expert_id, self.faz_manager)
        self.assertEqual(event.stop, "2030-03-06 08:30:00")
        self.assertEqual(event.location, "Serviceplein, spreekkamer 2")

    def test_ticket_action_opens_the_wizard(self):
        action = self.ticket.sudo(self.desk_agent).action_appointment()
        self.assertEqual(action["res_model"], "helpdesk.ticket.appointment")
        self.assertEqual(action["context"]["default_ticket_id"], self.ticket.id)

    def test_portal_values_only_of_this_ticket(self):
        self.book(self.ticket, self.faz_member, "2030-03-04 09:00:00")
        self.book(self.other_ticket, self.faz_manager, "2030-03-04 09:00:00")
        values = self.ticket.sudo(self.portal_a)._get_portal_appointments()
        self.assertEqual([value["expert"] for value in values], ["FAZ Member"])
        self.assertEqual(values[0]["location"], "Serviceplein, spreekkamer 2")
        with self.assertRaises(AccessError):
            self.ticket.sudo(self.portal_b)._get_portal_appointments()
