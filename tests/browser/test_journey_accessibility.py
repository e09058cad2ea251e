"""Journey 6: axe-core over every portal and public page, anonymous, as an employee and as a principal.

WCAG 2.1 AA: every serious and critical violation fails. ALLOWED would name one the suite truly cannot fix,
with the elements concerned and a one-line reason; there is none. The full report, every impact, is in
.local/browser/accessibility.json.
"""
import os

from odoo import fields
from odoo.addons.gd_billing.tests.common import MONTH, BillingFixtures

from .browser_case import ARTIFACTS, BrowserCase

# Serious or critical violations the sweep lets pass, each with the elements concerned and why: none.
ALLOWED = []


class TestAccessibilityJourney(BrowserCase):

    def setUpHttpData(self):
        BillingFixtures.create_fixtures(self, self.env)
        BillingFixtures.build_month(self)
        self.dutch(self.employee_a, self.principal_a)
        # The case page's chatter shows the desk's answer, so the sweep checks the markup of its messages.
        self.ticket_a.sudo(self.desk_agent).message_post(
            body="Wij nemen uw vraag in behandeling.", message_type="comment", subtype="mail.mt_comment")
        run = self.env["gd.billing.run"].create({"date_start": MONTH, "company_id": self.company.id})
        run.action_compute()
        run.action_confirm()
        self.statement = run.statement_ids.filtered(lambda statement: statement.client_id == self.org_a)
        year = fields.Date.today()[:4]  # a DVA running now, for a quote awaiting the principal's decision
        self.dva_now = self.env["gd.dva.agreement"].create({
            "framework_id": self.framework.id, "kind": "plus", "client_id": self.org_a.id,
            "principal_id": self.principal_a.partner_id.id, "account_manager_id": self.account_manager.id,
            "date_start": "%s-01-01" % year, "date_end": "%s-12-31" % year, "company_id": self.company.id,
            "line_ids": [(0, 0, {"product_tmpl_id": self.item_refit.id, "quantity": 0})]})
        self.dva_now.action_activate()
        ticket = BillingFixtures.new_ticket(self, self.employee_a.partner_id, "Verbouwing kantoortuin")
        ticket._do_intake(self.item_refit)  # custom work: escalated to account management
        self.quote = self.env["sale.order"].browse(ticket.sudo(self.account_manager).action_make_quote()["res_id"])
        self.quote.order_line.write({"price_unit": 8000.0})
        self.quote.sudo(self.account_manager).action_gd_send()
        self.event = self.env["gd.catalog.event"].create({
            "name": "BT Nieuwe collega", "item_ids": [(6, 0, (self.item_cards | self.item_pocket).ids)]})

    def test_portal_and_public_pages(self):
        employee_pages = [
            "/my", "/my/tickets", "/my/ticket/%d" % self.ticket_a.id, "/new/ticket", "/service",
            "/service/knowledge?search=pas", "/catalog", "/catalog/event/%d" % self.event.id,
            "/catalog/product/%d" % self.item_cards.id, "/servicedesk/request/%d" % self.item_cards.id,
            "/my/account",
        ]
        principal_pages = [
            "/my", "/my/dva", "/my/dva/%d" % self.dva_now.id, "/my/dva/quote/%d" % self.quote.id, "/my/statements",
        ]
        self.journey("accessibility", report=os.path.join(ARTIFACTS, "accessibility.json"), allowed=ALLOWED,
                     visitors=[
                         {"name": "anonymous", "pages": ["/web/login"]},
                         dict(self.credentials(self.employee_a), name="employee", pages=employee_pages),
                         dict(self.credentials(self.principal_a), name="principal", pages=principal_pages),
                     ])
