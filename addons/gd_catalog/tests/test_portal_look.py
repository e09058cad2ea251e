from odoo.tests.common import at_install, post_install

from .common import CatalogHttpCase


@at_install(False)
@post_install(True)
class TestPortalLook(CatalogHttpCase):
    """The GD's login page, password help, landing page and not-found page."""

    def test_login_page_is_the_gds(self):
        self.authenticate(None, None)
        status, html = self.get("/web/login")
        self.assertEqual(status, 200)
        self.assertNotIn("Powered by", html)
        self.assertNotIn("www.odoo.com", html)
        self.assertIn('<label for="login" class="control-label">Username</label>', html)
        self.assertIn("Log in</button>", html)
        self.assertIn('href="/web/reset_password"', html)

    def test_password_help_where_reset_is_off(self):
        self.env["ir.config_parameter"].set_param("auth_signup.reset_password", "False")
        self.cr.commit()
        self.authenticate(None, None)
        status, html = self.get("/web/reset_password")
        self.assertEqual(status, 200)
        self.assertIn("Forgot your password?", html)
        self.assertIn("o_gd_company_contact", html)
        company = self.env.ref("base.main_company")
        self.assertIn(company.email, html)
        self.assertIn(company.phone, html)

    def test_my_home_is_a_landing_page(self):
        self.login(self.portal_user)
        status, html = self.get("/my")
        self.assertEqual(status, 200)
        self.assertIn("o_gd_home_service", html)
        self.assertIn('href="/service"', html)
        self.assertIn('action="/catalog"', html)
        self.assertIn('id="gd_home_my_cases"', html)

    def test_unknown_page_is_a_page_with_a_way_back(self):
        self.login(self.portal_user)
        for url in ("/catalog/product/%d" % (2 ** 31 - 1), "/catalog/product/%d" % self.item_hidden.id):
            status, html = self.get(url)
            self.assertEqual(status, 404, url)
            self.assertIn("o_gd_not_found", html, url)
            self.assertIn('href="/my"', html, url)
            self.assertNotIn("SECRET", html)

    def test_service_page_shows_the_one_desk_contact(self):
        company = self.env.ref("base.main_company")
        self.login(self.portal_user)
        status, html = self.get("/service")
        self.assertEqual(status, 200)
        self.assertIn('href="mailto:%s"' % company.email, html)
        self.assertIn(company.phone, html)
        self.assertIn(company.street, html)
