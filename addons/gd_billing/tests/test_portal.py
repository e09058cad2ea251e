from odoo import http
from odoo.tests.common import at_install, post_install

from .common import BillingHttpCase


@at_install(False)
@post_install(True)
class TestPortalStatements(BillingHttpCase):

    def statement_of(self, run, organisation):
        return run.statement_ids.filtered(lambda statement: statement.client_id == organisation)

    def test_principal_sees_and_downloads_own_statements(self):
        run = self.settled_run()
        own = self.statement_of(run, self.org_a)
        other = self.statement_of(run, self.org_b)
        self.login(self.principal_a)
        response = self.get("/my/statements")
        self.assertEqual(response.status_code, 200)
        self.assertIn(own._get_portal_url(), response.text)
        self.assertNotIn(other._get_portal_url(), response.text)
        self.assertNotIn(self.org_b.name, response.text)
        response = self.get("/my")
        self.assertIn("/my/statements", response.text)
        response = self.get(own._get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(response.headers["Content-Disposition"],
                         http.content_disposition("%s.pdf" % own.name.replace("/", "-")))
        # Odoo renders reports as HTML instead of PDF while tests run; either way it is this statement.
        self.assertTrue(response.content.startswith(b"%PDF")
                        or self.org_a.name in response.content.decode("utf-8", "ignore"))

    def test_other_organisations_statement_is_refused(self):
        run = self.settled_run()
        other = self.statement_of(run, self.org_b)
        self.login(self.principal_a)
        for url in (other._get_portal_url(), "/my/statements/999999999", "/my/statements/99999999999"):
            response = self.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("application/pdf", response.headers.get("Content-Type", ""), url)
            self.assertNotIn(self.org_b.name, response.text, url)

    def test_report_route_prints_own_statement_only(self):
        """Odoo's own report route: the principal's statement prints (the run it belongs to is read for it),
        another organisation's is refused."""
        run = self.settled_run()
        own, other = self.statement_of(run, self.org_a), self.statement_of(run, self.org_b)
        self.login(self.principal_a)
        response = self.get("/report/html/gd_billing.report_statement/%d" % own.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(run.name, response.text)
        self.assertIn(self.org_a.name, response.text)
        response = self.get("/report/html/gd_billing.report_statement/%d" % other.id)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn(self.org_b.name, response.text)

    def test_employee_without_principal_flag_sees_nothing(self):
        run = self.settled_run()
        own = self.statement_of(run, self.org_a)
        self.login(self.employee_a)
        response = self.get("/my/statements")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(own._get_portal_url(), response.text)
        response = self.get(own._get_portal_url())
        self.assertEqual(response.status_code, 404)

    def test_unconfirmed_statement_is_not_shown(self):
        run = self.env["gd.billing.run"].create({"date_start": "2024-03-01", "company_id": self.company.id})
        run.action_compute()
        self.cr.commit()
        own = self.statement_of(run, self.org_a)
        self.login(self.principal_a)
        response = self.get(own._get_portal_url())
        self.assertEqual(response.status_code, 404)
