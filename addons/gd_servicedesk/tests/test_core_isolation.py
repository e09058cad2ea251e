"""Odoo 11 core holes closed in the service desk module: appointments, followers, chatter, satisfaction links."""
import re

from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.exceptions import AccessError
from odoo.tests import common as odoo_common
from odoo.tests.common import at_install, post_install

from .common import PASSWORD_SUFFIX, ServicedeskCase, ServicedeskFixtures


class TestAppointmentIsolation(ServicedeskCase):

    @classmethod
    def setUpClass(cls):
        super(TestAppointmentIsolation, cls).setUpClass()
        cls.ticket_a = ServicedeskFixtures.new_ticket(cls, cls.portal_a.partner_id, "Advies werkplek GEHEIM-A")
        cls.ticket_b = ServicedeskFixtures.new_ticket(cls, cls.portal_b.partner_id, "Advies zaal GEHEIM-B")
        book = lambda ticket, start: ticket.sudo(cls.desk_agent)._book_appointment(  # noqa: E731
            cls.bo_faz, cls.faz_member, start, 1.0)
        cls.event_a = book(cls.ticket_a, "2030-03-04 09:00:00")
        cls.event_b = book(cls.ticket_b, "2030-03-05 09:00:00")
        cls.other_event = cls.env["calendar.event"].create({
            "name": "Teamoverleg", "start": "2030-03-06 09:00:00", "stop": "2030-03-06 10:00:00",
            "partner_ids": [(6, 0, cls.ict_member.partner_id.ids)]})

    def test_portal_user_reads_and_answers_own_attendance_only(self):
        Attendee = self.env["calendar.attendee"].sudo(self.portal_b)
        found = Attendee.search([])
        self.assertEqual(found.mapped("partner_id"), self.portal_b.partner_id)
        foreign = self.event_a.attendee_ids
        with self.assertRaises(AccessError):
            foreign.sudo(self.portal_b).read(["state"])
        with self.assertRaises(AccessError):
            foreign.sudo(self.portal_b).write({"state": "declined"})
        own = self.event_b.attendee_ids.filtered(lambda attendee: attendee.partner_id == self.portal_b.partner_id)
        own.sudo(self.portal_b).write({"state": "accepted"})
        self.assertEqual(own.state, "accepted")

    def test_employees_read_appointments_they_take_part_in_only(self):
        Event = self.env["calendar.event"]
        self.assertEqual(Event.sudo(self.ict_member).search([("id", "in", (self.event_a | self.event_b).ids)]),
                         Event)
        with self.assertRaises(AccessError):
            self.event_a.sudo(self.employee).read(["name", "description"])
        self.assertNotIn("GEHEIM", repr(self.env["calendar.attendee"].sudo(self.employee).search_read([])))
        # the expert, the desk and everyone's ordinary meetings stay as they were
        self.assertEqual(Event.sudo(self.faz_member).search([("id", "in", (self.event_a | self.event_b).ids)]),
                         self.event_a | self.event_b)
        self.assertEqual(Event.sudo(self.desk_agent).search([("id", "in", (self.event_a | self.event_b).ids)]),
                         self.event_a | self.event_b)
        self.assertEqual(self.other_event.sudo(self.employee).name, "Teamoverleg")


class TestRestrictedTicketFields(ServicedeskCase):

    def test_satisfaction_token_not_reachable_through_read_group_or_search(self):
        ticket = ServicedeskFixtures.new_ticket(self, self.principal_a.partner_id, "Token test")
        Ticket = self.env["helpdesk.ticket"].sudo(self.principal_a)
        self.assertIn(ticket, Ticket.search([]))
        with self.assertRaises(AccessError):
            Ticket.read_group([], ["satisfaction_token"], ["satisfaction_token"])
        with self.assertRaises(AccessError):
            Ticket.search([("satisfaction_token", "=", ticket.satisfaction_token)])
        rows = Ticket.read_group([("id", "=", ticket.id)], [], ["stage_id"])
        self.assertNotIn(ticket.satisfaction_token, repr(rows))


class TestTicketFollowers(ServicedeskCase):

    def test_customer_cannot_follow_another_organisations_ticket(self):
        ticket_a = ServicedeskFixtures.new_ticket(self, self.portal_a.partner_id, "Vraag A")
        with self.assertRaises(AccessError):
            self.env["mail.followers"].sudo(self.portal_b).create({
                "res_model": "helpdesk.ticket", "res_id": ticket_a.id, "partner_id": self.portal_b.partner_id.id})
        self.assertNotIn(self.portal_b.partner_id, ticket_a.message_partner_ids)


@at_install(False)
@post_install(True)
class TestCoreRoutes(GdHttpCase):
    """Core routes the portal reaches: no 500, nothing of another organisation."""

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        self.ticket_a = self.Ticket.create({"name": "Werkplek Anna", "partner_id": self.portal_a.partner_id.id})
        self.ticket_a.message_subscribe(partner_ids=self.portal_a.partner_id.ids)
        self.ticket_b = self.Ticket.create({"name": "Zaal Bert", "partner_id": self.portal_b.partner_id.id})
        self.ticket_b.message_subscribe(partner_ids=self.portal_b.partner_id.ids)

    def url(self, path):
        # the port is read at call time: the test run sets it after this module is imported
        return "http://%s:%s%s" % (odoo_common.HOST, odoo_common.PORT, path)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def json(self, path, params):
        response = self.opener.post(self.url(path), timeout=60,
                                    json={"jsonrpc": "2.0", "method": "call", "params": params})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def csrf(self):
        text = self.url_open("/web/login", timeout=60).text
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def post(self, data, referer="/my/ticket/1"):
        headers = {"Referer": self.url(referer)} if referer else {}
        return self.opener.post(self.url("/mail/chatter_post"), data=dict(data, csrf_token=self.csrf()),
                                headers=headers, allow_redirects=False, timeout=60)

    def test_read_followers_only_of_readable_documents(self):
        self.login(self.portal_b)
        foreign = self.ticket_a.message_follower_ids.ids
        # named as a model the caller may read, or as the ticket model: nothing of the other case comes back
        for model in ("res.partner", "helpdesk.ticket"):
            answer = self.json("/mail/read_followers", {"follower_ids": foreign, "res_model": model})
            self.assertNotIn("t_portal_a", repr(answer))
            self.assertNotIn("Anna A", repr(answer))
        own = self.json("/mail/read_followers", {"follower_ids": self.ticket_b.message_follower_ids.ids,
                                                 "res_model": "helpdesk.ticket"})
        self.assertIn("Bert B", repr(own))

    def test_chatter_post_refuses_without_500(self):
        self.login(self.portal_b)
        ticket = "helpdesk.ticket"
        cases = [
            ({"res_model": ticket, "res_id": self.ticket_a.id, "message": "hallo"}, (403,)),
            ({"res_model": ticket, "res_id": 2 ** 40, "message": "hallo"}, (404,)),
            ({"res_model": ticket, "res_id": "abc", "message": "hallo"}, (404,)),
            ({"res_model": ticket, "message": "hallo"}, (404,)),
            ({"res_model": "no.such.model", "res_id": 1, "message": "hallo"}, (404,)),
            ({"res_model": "res.partner", "res_id": self.portal_b.partner_id.id, "message": "hallo",
              "token": "abc"}, (403,)),
            ({"res_model": ticket, "res_id": self.ticket_a.id, "message": "hallo", "token": "abc"}, (403,)),
        ]
        for data, statuses in cases:
            response = self.post(data)
            self.assertIn(response.status_code, statuses, data)
        self.env.cache.invalidate()
        self.assertNotIn("hallo", "".join(self.ticket_a.message_ids.mapped("body")))

    def test_chatter_post_on_own_case_without_referer(self):
        self.login(self.portal_b)
        response = self.post({"res_model": "helpdesk.ticket", "res_id": self.ticket_b.id,
                              "message": "Mijn aanvulling"}, referer=None)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my#discussion"))
        self.env.cache.invalidate()
        self.assertIn("Mijn aanvulling", "".join(self.ticket_b.message_ids.mapped("body")))
        # a Referer of another site is not followed
        response = self.post({"res_model": "helpdesk.ticket", "res_id": self.ticket_b.id, "message": "Nog iets"},
                             referer=None)
        response = self.opener.post(
            self.url("/mail/chatter_post"), allow_redirects=False, timeout=60,
            headers={"Referer": "https://evil.example.com/phish?x=1"},
            data={"res_model": "helpdesk.ticket", "res_id": self.ticket_b.id, "message": "Derde",
                  "csrf_token": self.csrf()})
        self.assertNotIn("evil.example.com", response.headers["Location"])
