import io
from unittest.mock import patch

import openpyxl
from odoo.tests.common import at_install, post_install

from .common import DvaFixtures, DvaHttpCase
from .test_compliance import ComplianceFixtures


@at_install(False)
@post_install(True)
class TestPortal(DvaHttpCase):
    """Client principals see their own organisation's DVAs, quotes and reports; nobody else's."""

    def setUp(self):
        super(TestPortal, self).setUp()
        ComplianceFixtures.create_month(self)
        ticket = DvaFixtures.new_ticket(self, self.employee_a.partner_id, "Nieuwe afdeling")
        ticket.sudo(self.desk_agent)._do_intake(self.item_refit)
        self.quote = self.env["sale.order"].browse(ticket.sudo(self.account_manager).action_make_quote()["res_id"])
        self.quote.order_line.write({"price_unit": 8000.0})
        self.quote.sudo(self.account_manager).action_gd_send()
        self.cr.commit()

    def post(self, url, data=None):
        return self.url_open(url, data=dict(data or {}, csrf_token=self.csrf_token()), timeout=60)

    def csrf_token(self):
        """A valid token of the current session, from a page every logged-in user gets (the login form)."""
        text = self.url_open("/web/login", timeout=60).text
        marker = 'name="csrf_token" value="'
        start = text.index(marker) + len(marker)
        return text[start:text.index('"', start)]

    def test_principal_lists_own_dvas_and_quotes(self):
        self.login(self.principal_a)
        response = self.get("/my/dva")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.dva_a.name, response.text)
        self.assertNotIn(self.dva_j.name, response.text)
        self.assertNotIn(self.dva_c.name, response.text)
        self.assertIn(self.quote.name, response.text)
        response = self.get("/my/dva/%d" % self.dva_a.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("DT Pocketcomputer", response.text)
        self.assertIn("2 working days", response.text)
        home = self.get("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/dva", home.text)
        self.assertIn("o_gd_dva_quotes_waiting", home.text)

    def test_counters_are_counted_for_the_home_only(self):
        """Every portal page asked each app for its counter (quotes, orders, invoices, cases, statements), though
        only /my shows them."""
        SaleOrder = type(self.env["sale.order"])
        original = SaleOrder.search_count
        counted = []

        def search_count(model, args):
            counted.append(args)
            return original(model, args)
        self.login(self.principal_a)
        with patch.object(SaleOrder, "search_count", search_count):
            self.assertEqual(self.get("/my/tickets").status_code, 200)
            self.assertEqual(counted, [])
            home = self.get("/my")
        self.assertTrue(counted)
        self.assertIn("o_gd_dva_quotes_waiting", home.text)

    def test_quote_page_shows_a_note_for_the_customer(self):
        self.login(self.principal_a)
        response = self.get("/my/dva/quote/%d" % self.quote.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gd_dva_quote_note", response.text)
        self.assertIn(self.quote.gd_ticket_id.number, response.text)
        reason = self.quote.gd_ticket_id.escalation_reason
        self.assertTrue(reason)
        self.assertNotIn(reason[:40], response.text.replace("&#39;", "'").replace("&quot;", '"'))

    def test_other_organisations_get_nothing(self):
        self.login(self.principal_b)
        for url in ("/my/dva/%d" % self.dva_a.id, "/my/dva/%d" % self.dva_j.id, "/my/dva/quote/%d" % self.quote.id,
                    "/my/dva/99999999999", "/my/dva/quote/99999999"):
            response = self.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("DT Pocketcomputer", response.text)
        response = self.get("/my/dva")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.dva_a.name, response.text)
        self.assertNotIn(self.quote.name, response.text)
        for url in ("/my/dva/quote/%d/accept" % self.quote.id, "/my/dva/quote/%d/decline" % self.quote.id):
            response = self.post(url)
            self.assertEqual(response.status_code, 404, url)
        self.assertEqual(self.quote.state, "sent")
        self.assertFalse(self.quote.gd_work_order_ids)

    def test_employees_who_are_no_principal_get_nothing(self):
        self.login(self.employee_a)
        for url in ("/my/dva", "/my/dva/%d" % self.dva_a.id, "/my/dva/quote/%d" % self.quote.id,
                    "/my/dva/report/pdf?year=2025&period=M3"):
            self.assertEqual(self.get(url).status_code, 404, url)
        response = self.post("/my/dva/quote/%d/accept" % self.quote.id)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.quote.state, "sent")

    def test_principal_accepts_the_quote_in_the_portal(self):
        self.login(self.principal_a)
        response = self.get("/my/dva/quote/%d" % self.quote.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Accept the quote", response.text)
        response = self.post("/my/dva/quote/%d/accept" % self.quote.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("the quote is accepted", response.text)
        self.assertEqual(self.quote.state, "sale")
        self.assertEqual(self.quote.gd_settlement_state, "delivery")
        self.assertEqual(len(self.quote.gd_work_order_ids), 1)
        # a second click is no error
        response = self.post("/my/dva/quote/%d/accept" % self.quote.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.quote.gd_work_order_ids), 1)

    def test_principal_declines_the_quote_in_the_portal(self):
        self.login(self.principal_a)
        response = self.post("/my/dva/quote/%d/decline" % self.quote.id, {"reason": "Geen budget"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.quote.state, "cancel")
        self.assertEqual(self.quote.gd_decline_reason, "Geen budget")

    def test_reports_for_own_organisation(self):
        self.login(self.principal_c)
        response = self.get("/my/dva/%d" % self.dva_c.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("75.0%", response.text)  # March: 3 of 4 pocket computers on time
        self.assertIn("o_gd_dva_measures", response.text)
        response = self.get("/my/dva/report/xlsx?year=2025&period=M3")
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(values[1][1], "Directie Gamma")
        pocket = [row for row in values if row[1] == "DT Pocketcomputer" and row[3] == "March 2025"][0]
        self.assertEqual(pocket[4:8], [4, 3, 1, 75])
        response = self.get("/my/dva/report/pdf?year=2025&period=M3")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Directie Gamma", response.text)  # the test cursor renders the report's HTML
        self.assertIn("75.0%", response.text)
        # a wrong period is a message, not an error page
        response = self.get("/my/dva/report/pdf?year=2025&period=M13")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_gd_dva_report_error", response.text)
        self.assertEqual(self.get("/my/dva/report/doc?year=2025&period=M3").status_code, 404)

    def test_reports_never_show_another_organisation(self):
        self.login(self.principal_a)
        response = self.get("/my/dva/report/xlsx?year=2025&period=M3&client_id=%d" % self.org_c.id)
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.cell(row=2, column=2).value, "Directie Alfa")
        self.assertNotIn("DT Visitekaartjes", [cell.value for cell in sheet["B"]])
