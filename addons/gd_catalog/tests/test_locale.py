from odoo.tools.misc import format_date

from .common import CatalogCase


class TestLocale(CatalogCase):
    """The GD is a Dutch organisation: its company, figures, dates and time zone."""

    @classmethod
    def setUpClass(cls):
        super(TestLocale, cls).setUpClass()
        cls.env["res.lang"].load_lang("nl_NL")
        cls.company = cls.env.ref("base.main_company")
        cls.eur = cls.env.ref("base.EUR")

    def test_company_is_the_gd_in_the_netherlands_in_euros(self):
        self.assertEqual(self.company.country_id, self.env.ref("base.nl"))
        self.assertEqual(self.company.currency_id, self.eur)
        self.assertEqual(self.company.city, "Den Haag")
        self.assertTrue(self.company.street and self.company.zip and self.company.phone and self.company.email)
        self.assertTrue(self.company.logo, "the company has the GD's logo")
        self.assertNotIn("Slough", self.company.street)

    def test_dutch_figures(self):
        nl = self.env["res.lang"]._lang_get("nl_NL")
        self.assertEqual(nl.format("%.2f", 28250.0, grouping=True, monetary=True), "28.250,00")
        self.assertEqual(nl.format("%.1f", 97.5, grouping=True), "97,5")
        monetary = self.env["ir.qweb.field.monetary"].with_context(lang="nl_NL")
        html = monetary.value_to_html(28250.0, {"display_currency": self.eur})
        self.assertEqual(html.replace("\N{NO-BREAK SPACE}", " ").replace("&nbsp;", " "),
                         '€ <span class="oe_currency_value">28.250,00</span>')

    def test_dutch_months(self):
        self.assertEqual(format_date(self.env, "2026-11-01", lang_code="nl_NL", date_format="MMMM y"),
                         "november 2026")
        self.assertEqual(format_date(self.env, "2026-11-05", lang_code="nl_NL"), "05-11-2026")

    def test_new_users_work_in_amsterdam_time(self):
        staff = self.env["res.users"].create({"name": "New colleague", "login": "t_tz_staff"})
        self.assertEqual(staff.tz, "Europe/Amsterdam")
        portal_user = self.env["res.users"].create({
            "name": "New portal user", "login": "t_tz_portal",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.assertEqual(portal_user.tz, "Europe/Amsterdam")
        chosen = self.env["res.users"].create({"name": "Abroad", "login": "t_tz_abroad", "tz": "Asia/Tokyo"})
        self.assertEqual(chosen.tz, "Asia/Tokyo")

    def test_portal_invitation_makes_amsterdam_users(self):
        partner = self.env["res.partner"].create({
            "name": "Invited Employee", "email": "invited@example.com", "parent_id": self.client.id})
        wizard = self.env["portal.wizard"].create({"user_ids": [(0, 0, {
            "partner_id": partner.id, "email": partner.email, "in_portal": True})]})
        wizard.with_context(no_reset_password=True).action_apply()
        user = self.env["res.users"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(user), 1)
        self.assertEqual(user.tz, "Europe/Amsterdam")
