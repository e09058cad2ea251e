from odoo.tests.common import at_install, post_install

from .common import DvaHttpCase


@at_install(False)
@post_install(True)
class TestPortalHome(DvaHttpCase):
    """/my answers staff without sales or invoicing rights (Odoo's counters read without checking)."""

    def test_desk_agent_without_sales_rights_opens_my_home(self):
        self.assertFalse(self.env["sale.order"].sudo(self.desk_agent).check_access_rights(
            "read", raise_exception=False), "the test needs a user without sales rights")
        self.login(self.desk_agent)
        response = self.get("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/service", response.text)

    def test_principal_still_sees_the_portal_home(self):
        self.login(self.principal_a)
        response = self.get("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/dva", response.text)
