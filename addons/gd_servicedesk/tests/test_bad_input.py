"""Bad input at the portal and over XML-RPC gets a clear answer, never an HTTP 500 or a broken read."""
import re
from xmlrpc import client as xmlrpclib

import odoo
from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.tests.common import at_install, post_install

from .common import PASSWORD_SUFFIX, ServicedeskFixtures


@at_install(False)
@post_install(True)
class TestBadInput(GdHttpCase):

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)

    def open(self, url, data=None):
        return self.url_open(url, data=data, timeout=60)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def post_question(self, subject, description="Beschrijving"):
        page = self.open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.open("/submitted/ticket", data={"csrf_token": token, "subject": subject,
                                                    "description": description})

    def tickets_of(self, user):
        self.env.cache.invalidate()
        return self.env["helpdesk.ticket"].search([("partner_id", "=", user.partner_id.id)])

    def test_nul_bytes_in_portal_subject_and_description(self):
        self.login(self.portal_a)
        response = self.post_question("Printer\x00 kapot\x07", "Hij\x00 doet\x1b het niet")
        self.assertEqual(response.status_code, 200)
        ticket = self.tickets_of(self.portal_a)
        self.assertEqual(ticket.name, "Printer kapot")
        self.assertNotIn("\x00", ticket.description)

    def test_a_megabyte_subject_is_refused(self):
        self.login(self.portal_a)
        response = self.post_question("x" * (1024 * 1024))
        self.assertEqual(response.status_code, 200)
        self.assertIn("too long", response.text)
        self.assertFalse(self.tickets_of(self.portal_a))

    def test_nul_bytes_in_searches(self):
        self.login(self.portal_a)
        for url in ("/catalog?search=zaal%00x", "/catalog?search=%00%01%02", "/service/knowledge?q=zaal%00",
                    "/service/knowledge?q=%00"):
            self.assertEqual(self.open(url).status_code, 200, url)

    def test_control_characters_do_not_break_xmlrpc_reads(self):
        # The web client (JSON) and the mail gateway carry control characters that XML cannot.
        ticket = self.env["helpdesk.ticket"].sudo(self.desk_agent).create({
            "name": "Kapot\x01\x02\x1f scherm", "partner_id": self.portal_a.partner_id.id,
            "description": "<p>Regel\x0c een</p>"})
        self.cr.commit()
        url = "http://127.0.0.1:%d/xmlrpc/2/" % odoo.tools.config["http_port"]
        common = xmlrpclib.ServerProxy(url + "common")
        models = xmlrpclib.ServerProxy(url + "object")
        password = self.desk_agent.login + PASSWORD_SUFFIX
        uid = common.login(self.cr.dbname, self.desk_agent.login, password)
        [read] = models.execute_kw(self.cr.dbname, uid, password, "helpdesk.ticket", "read",
                                   [[ticket.id], ["name", "description"]])
        self.assertEqual(read["name"], "Kapot scherm")
        self.assertIn("Regel een", read["description"])
