from odoo.tests.common import SavepointCase

from odoo.addons.gd_dva.hooks import localise_accounting

FOREIGN = ["l10n_us", "l10n_generic_coa", "account_check_printing"]


class TestLocalisation(SavepointCase):
    """The GD books in euros on the Dutch chart of accounts, never on the one Odoo's demo company would get."""

    def test_installed_suite_is_dutch_and_in_euros(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(company.country_id.code, "NL")
        self.assertEqual(company.chart_template_id, self.env.ref("l10n_nl.l10nnl_chart_template"))
        installed = self.env["ir.module.module"].search([("name", "in", FOREIGN), ("state", "=", "installed")])
        self.assertFalse(installed, "foreign accounting installed: %s" % installed.mapped("name"))
        pricelist = self.env["product.pricelist"].search([], limit=1)
        self.assertEqual(pricelist.currency_id, self.env.ref("base.EUR"))
        client = self.env["res.partner"].create({"name": "Test Directorate", "is_company": True})
        quote = self.env["sale.order"].create({"partner_id": client.id})
        self.assertEqual(quote.currency_id, self.env.ref("base.EUR"))

    def test_foreign_localisation_chosen_for_the_demo_company_is_replaced(self):
        """What account's post-install hook marks for Odoo's US demo company is unmarked before it loads."""
        company = self.env.ref("base.main_company")
        Module = self.env["ir.module.module"]
        foreign = Module.search([("name", "in", FOREIGN), ("state", "=", "uninstalled")])
        self.assertTrue(foreign)
        foreign.write({"state": "to install"})
        company.write({"chart_template_id": False})
        localise_accounting(self.env)
        self.assertEqual(set(foreign.mapped("state")), {"uninstalled"})
        self.assertEqual(Module.search([("name", "=", "l10n_nl")]).state, "installed")

    def test_a_chart_in_use_is_left_alone(self):
        Module = self.env["ir.module.module"]
        foreign = Module.search([("name", "=", "l10n_us"), ("state", "=", "uninstalled")])
        foreign.write({"state": "to install"})
        localise_accounting(self.env)
        self.assertEqual(foreign.state, "to install")
