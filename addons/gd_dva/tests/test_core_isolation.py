"""Quotes for custom work are for the organisation's client principals only; core routes answer 403/404."""
from odoo.exceptions import AccessError
from odoo.tests import common as odoo_common
from odoo.tests.common import at_install, post_install

from .common import DvaCase, DvaFixtures, DvaHttpCase


def _sent_quote(holder, partner, price=8000.0):
    ticket = DvaFixtures.new_ticket(holder, partner, "Nieuwe afdeling")
    ticket.sudo(holder.desk_agent)._do_intake(holder.item_refit)
    quote = holder.env["sale.order"].browse(ticket.sudo(holder.account_manager).action_make_quote()["res_id"])
    quote.order_line.write({"price_unit": price})
    quote.sudo(holder.account_manager).action_gd_send()
    return quote


class TestQuoteReaders(DvaCase):

    @classmethod
    def setUpClass(cls):
        super(TestQuoteReaders, cls).setUpClass()
        cls.quote = _sent_quote(cls, cls.employee_a.partner_id)

    def test_employee_does_not_read_the_organisations_quote_even_as_follower(self):
        self.quote.message_subscribe(partner_ids=(self.employee_a | self.principal_a).mapped("partner_id").ids)
        Quote = self.env["sale.order"]
        self.assertEqual(Quote.sudo(self.principal_a).search([("id", "=", self.quote.id)]), self.quote)
        self.assertEqual(Quote.sudo(self.employee_a).search([("id", "=", self.quote.id)]), Quote)
        with self.assertRaises(AccessError):
            self.quote.sudo(self.employee_a).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.quote.order_line.sudo(self.employee_a).read(["price_unit"])
        self.assertEqual(Quote.sudo(self.principal_b).search([("id", "=", self.quote.id)]), Quote)

    def test_following_a_foreign_quote_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["mail.followers"].sudo(self.principal_b).create({
                "res_model": "sale.order", "res_id": self.quote.id, "partner_id": self.principal_b.partner_id.id})


@at_install(False)
@post_install(True)
class TestCoreRoutes(DvaHttpCase):

    def setUpHttpData(self):
        super(TestCoreRoutes, self).setUpHttpData()
        self.quote = _sent_quote(self, self.employee_a.partner_id)

    def status(self, url):
        full = "http://%s:%s%s" % (odoo_common.HOST, odoo_common.PORT, url)
        return self.opener.get(full, timeout=60, allow_redirects=False).status_code

    def test_employee_reaches_no_quote_page(self):
        self.login(self.employee_a)
        self.assertNotIn(self.quote.name, self.get("/my/quotes").text)
        self.assertNotEqual(self.status("/my/orders/%d" % self.quote.id), 200)
        self.assertNotEqual(self.status("/my/orders/pdf/%d" % self.quote.id), 200)
        self.login(self.principal_a)
        self.assertIn(self.quote.name, self.get("/my/quotes").text)
        self.assertEqual(self.status("/my/orders/%d" % self.quote.id), 200)

    def test_order_pages_for_missing_orders_answer_404(self):
        self.login(self.principal_a)
        for url in ("/my/orders/%d" % 2 ** 40, "/my/orders/%d" % (self.quote.id + 100000),
                    "/my/orders/pdf/%d" % 2 ** 40):
            self.assertEqual(self.status(url), 404, url)

    def test_report_routes_answer_403_or_404(self):
        self.login(self.principal_b)
        quote_report = "sale.report_saleorder"
        service_report = "gd_dva.report_service_delivery"
        for converter in ("pdf", "html"):
            self.assertEqual(self.status("/report/%s/%s/%d" % (converter, quote_report, self.quote.id)), 403)
            self.assertEqual(self.status("/report/%s/%s/%d" % (converter, service_report, self.org_a.id)), 403)
            self.assertEqual(self.status("/report/%s/%s/%d" % (converter, quote_report, 2 ** 40)), 404)
            self.assertEqual(self.status("/report/%s/%s/abc" % (converter, quote_report)), 404)
            self.assertEqual(self.status("/report/%s/no_such.report/1" % converter), 404)
        self.assertEqual(self.status("/report/xlsx/gd_dva.report_service_delivery_xlsx/%d" % self.org_a.id), 403)
        self.assertEqual(self.status("/report/csv/%s/%d" % (quote_report, self.quote.id)), 404)
