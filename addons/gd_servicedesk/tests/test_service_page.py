from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.tests.common import at_install, post_install

from .common import PASSWORD_SUFFIX, ServicedeskFixtures


@at_install(False)
@post_install(True)
class TestServicePage(GdHttpCase):
    """The service page's open cases and the appointments on the case page, over HTTP."""

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        self.bo_faz.appointment_location = "Serviceplein, spreekkamer 4"
        self.case_open = self.Ticket.create({"name": "Werkplek Anna open", "partner_id": self.portal_a.partner_id.id})
        self.case_open._do_intake(self.item_workplace)
        done = self.env["helpdesk.ticket.stage"]._get_by_code("done")
        self.case_closed = self.Ticket.create(
            {"name": "Zaal Anna gesloten", "partner_id": self.portal_a.partner_id.id, "stage_id": done.id})
        self.case_colleague = self.Ticket.create(
            {"name": "Inlog Arie gesloten", "partner_id": self.portal_a2.partner_id.id, "stage_id": done.id})
        self.case_b = self.Ticket.create({"name": "Pas Bert open", "partner_id": self.portal_b.partner_id.id})
        self.appointment = self.case_open.sudo(self.desk_agent)._book_appointment(
            self.bo_faz, self.faz_member, "2030-03-04 09:00:00", 1.0)
        self.case_b.sudo(self.desk_agent)._book_appointment(
            self.bo_faz, self.faz_manager, "2030-03-04 09:00:00", 1.0, location="Kamer GEHEIM-B")

    def open(self, url):
        # the first request of a fresh database builds the web assets, which takes a while
        return self.url_open(url, timeout=60)

    def _url(self, path):
        # read when called: the test port is configured after this module is imported
        from odoo.tests.common import HOST, PORT
        return "http://%s:%s%s" % (HOST, PORT, path)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def test_service_page_lists_own_open_cases(self):
        self.login(self.portal_a)
        response = self.open("/service")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("My open cases", page)
        self.assertIn(self.case_open.number, page)
        self.assertIn("Werkplek Anna open", page)
        self.assertIn('href="/my/ticket/%d"' % self.case_open.id, page)
        self.assertIn("0/1", page, "progress: no part of one done")
        self.assertNotIn(self.case_closed.number, page)
        self.assertNotIn("Pas Bert open", page)
        self.assertNotIn("You have no open cases.", page)

    def test_service_page_without_open_cases(self):
        self.login(self.portal_a2)
        response = self.open("/service")
        self.assertEqual(response.status_code, 200)
        self.assertIn("You have no open cases.", response.text)
        self.assertNotIn(self.case_colleague.number, response.text)
        self.assertNotIn(self.case_open.number, response.text)

    def test_service_page_for_an_employee_without_helpdesk_rights(self):
        self.login(self.employee)
        response = self.open("/service")
        self.assertEqual(response.status_code, 200)
        self.assertIn("You have no open cases.", response.text)

    def test_case_page_shows_its_appointment(self):
        self.login(self.portal_a)
        page = self.open("/my/ticket/%d" % self.case_open.id).text
        self.assertIn("Appointments", page)
        self.assertIn("FAZ Member", page)
        self.assertIn("Serviceplein, spreekkamer 4", page)
        self.assertIn("03/04/2030", page)
        self.assertIn("10:00", page, "shown in the customer's time zone")
        self.assertNotIn("GEHEIM-B", page)

    def test_other_organisation_cannot_see_the_appointment(self):
        self.login(self.portal_b)
        self.assertEqual(self.open("/my/ticket/%d" % self.case_open.id).status_code, 404)
        own = self.open("/my/ticket/%d" % self.case_b.id)
        self.assertEqual(own.status_code, 200)
        self.assertIn("GEHEIM-B", own.text)
        self.assertNotIn("Serviceplein, spreekkamer 4", own.text)
        self.assertNotIn("FAZ Member", own.text)
        # nor over RPC: calendar's own rule lets portal users read only events they attend
        answer = self.opener.post(
            self._url("/web/dataset/call_kw"), timeout=60,
            json={"jsonrpc": "2.0", "method": "call", "params": {
                "model": "calendar.event", "method": "read", "args": [[self.appointment.id], ["location"]],
                "kwargs": {}}}).json()
        self.assertIn("error", answer)
        self.assertNotIn("spreekkamer 4", str(answer))

    def test_principal_sees_the_appointment_on_a_colleague_case(self):
        self.login(self.principal_a)
        page = self.open("/my/ticket/%d" % self.case_open.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Serviceplein, spreekkamer 4", page.text)
        self.assertNotIn("GEHEIM-B", page.text)
