"""The BIO controls the suite ships (OCA add-ons, configured in the suite's data), each shown to work."""
import os

import odoo
from odoo.addons.gd_billing.tests.common import MONTH, BillingCase, BillingFixtures
from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.tests.common import at_install, post_install


class TestAuditTrail(BillingCase):
    """auditlog: changes to money, agreements and delivery records are logged with who made them."""

    def logs(self, record):
        return self.env["auditlog.log"].search([("model_id.model", "=", record._name), ("res_id", "=", record.id)])

    def test_rules_are_shipped_and_subscribed(self):
        models = self.env["auditlog.rule"].search([("state", "=", "subscribed")]).mapped("model_id.model")
        for model in ("gd.servicedesk.work.order", "gd.dva.framework", "gd.dva.agreement", "gd.dva.line",
                      "sale.order", "gd.billing.run", "gd.billing.statement", "gd.billing.line", "gd.billing.budget"):
            self.assertIn(model, models)

    def test_agreement_change_is_logged_with_the_user(self):
        manager = self.env["res.users"].create({
            "name": "Audit DVA Manager", "login": "t_audit_dva",
            "groups_id": [(6, 0, [self.env.ref("gd_dva.group_manager").id])]})
        agreement = self.env["gd.dva.agreement"].create({
            "framework_id": self.framework.id, "kind": "plus", "client_id": self.org_c.id,
            "principal_id": self.principal_c.partner_id.id, "date_start": "2025-01-01", "date_end": "2025-12-31",
            "company_id": self.company.id,
            "line_ids": [(0, 0, {"product_tmpl_id": self.item_pocket.id, "quantity": 5, "price_unit": 40.0})]})
        agreement.line_ids.sudo(manager).write({"quantity": 8, "price_unit": 41.5})
        log = self.logs(agreement.line_ids).filtered(lambda log: log.method == "write")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, manager)
        changes = {line.field_id.name: (line.old_value, line.new_value) for line in log.line_ids}
        self.assertEqual(changes["quantity"], ("5.0", "8.0"))
        self.assertEqual(changes["price_unit"], ("40.0", "41.5"))

    def test_settlement_and_delivery_are_logged_with_the_user(self):
        run = self.new_run()
        run.sudo(self.finance).action_compute()
        run.sudo(self.finance).action_confirm()
        writes = self.logs(run).filtered(lambda log: log.method == "write")
        self.assertIn(self.finance, writes.mapped("user_id"))
        self.assertIn("state", writes.mapped("line_ids.field_id.name"))
        # Statements and lines are written in sets by SQL (see gd_billing): the run's own transitions carry
        # the trail of who computed and confirmed them.
        self.assertTrue(run.statement_ids)
        order = self.pocket_orders[:1]
        self.assertTrue(self.logs(order).filtered(lambda log: log.method == "create"))

    def test_nobody_rewrites_the_trail(self):
        admin_like = self.env["res.users"].create({
            "name": "Audit Access Manager", "login": "t_audit_erp",
            "groups_id": [(6, 0, [self.env.ref("base.group_erp_manager").id])]})
        self.ref_run = self.computed_run()
        log = self.logs(self.ref_run)[:1]
        self.assertTrue(log.sudo(admin_like).read(["method"]))
        with self.refused(odoo.exceptions.AccessError):
            log.sudo(admin_like).write({"method": "read"})
        with self.refused(odoo.exceptions.AccessError):
            log.sudo(admin_like).unlink()
        for user in (self.finance, self.desk_agent):
            with self.refused(odoo.exceptions.AccessError):
                self.env["auditlog.log"].sudo(user).search([])


@at_install(False)
@post_install(True)
class TestSignInControls(GdHttpCase):
    """auth_brute_force and auth_session_timeout, as configured by the suite."""

    def setUpHttpData(self):
        BillingFixtures.create_fixtures(self, self.env)

    def sign_in(self, login, password):
        """Post the login form; True when the session is then logged in."""
        page = self.url_open("/web/login", timeout=60).text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        token = page[start:page.index('"', start)]
        self.url_open("/web/login", data={"login": login, "password": password, "csrf_token": token}, timeout=60)
        info = self.opener.post(self._url("/web/session/get_session_info"), timeout=60,
                                json={"jsonrpc": "2.0", "method": "call", "params": {}}).json()
        return bool(info.get("result", {}).get("uid"))

    def _url(self, path):
        from odoo.tests.common import HOST, PORT
        return "http://%s:%s%s" % (HOST, PORT, path)

    def test_configured_limits(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(get("auth_brute_force.max_by_ip_user"), "5")
        self.assertEqual(get("auth_brute_force.max_by_ip"), "50")
        self.assertEqual(get("inactive_session_time_out_delay"), "1800")

    def test_failed_login_burst_is_blocked(self):
        login = self.principal_a.login
        self.assertTrue(self.sign_in(login, login + "-pw"))
        self.opener.cookies.clear()
        for _attempt in range(5):
            self.assertFalse(self.sign_in(login, "wrong password"))
        # the right password no longer lets this address in as this login
        self.assertFalse(self.sign_in(login, login + "-pw"))
        attempts = self.env["res.authentication.attempt"].search([("login", "=", login)])
        self.assertIn("banned", attempts.mapped("result"))
        # another login from the same address is not affected
        other = self.principal_b.login
        self.assertTrue(self.sign_in(other, other + "-pw"))

    def test_idle_session_expires(self):
        self.authenticate(self.principal_a.login, self.principal_a.login + "-pw")
        self.assertEqual(self.url_open("/my", timeout=60).status_code, 200)
        # the session was last used 31 minutes ago (its file's modification time is the last use)
        path = odoo.http.root.session_store.get_session_filename(self.session_id)
        stamp = os.path.getmtime(path) - 31 * 60
        os.utime(path, (stamp, stamp))
        response = self.opener.get(self._url("/my"), timeout=60, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        response = self.opener.get(self._url("/my"), timeout=60, allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))
