"""Cross-module checks: the four gd modules are installed and depend on each other one way."""
from odoo.tests.common import SavepointCase

CHAIN = ["gd_catalog", "gd_servicedesk", "gd_dva", "gd_billing"]


class TestSuiteInstalled(SavepointCase):

    def test_all_modules_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", CHAIN)])
        self.assertEqual(sorted(modules.mapped("name")), sorted(CHAIN))
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_dependencies_run_one_way(self):
        Module = self.env["ir.module.module"]
        for lower, higher in zip(CHAIN, CHAIN[1:]):
            module = Module.search([("name", "=", higher)])
            self.assertIn(lower, module.dependencies_id.mapped("name"),
                          "%s must depend on %s" % (higher, lower))
        for index, name in enumerate(CHAIN):
            deps = Module.search([("name", "=", name)]).dependencies_id.mapped("name")
            for higher in CHAIN[index + 1:]:
                self.assertNotIn(higher, deps, "%s must not depend on %s" % (name, higher))
