"""Journey 3: custom work from the employee's question to the principal's acceptance of the quote."""
from odoo.addons.gd_dva.tests.common import DvaFixtures

from .browser_case import BrowserCase


class TestQuoteJourney(BrowserCase):

    def setUpHttpData(self):
        DvaFixtures.create_fixtures(self, self.env)
        self.dutch(self.employee_a, self.desk_agent, self.account_manager, self.principal_a, self.principal_b)

    def test_custom_work_quoted_and_accepted_seen_by_its_own_principal_only(self):
        subject = "Verbouwing kantoortuin vierde etage"
        seen = self.journey(
            "quote", employee=self.credentials(self.employee_a), desk=self.credentials(self.desk_agent),
            accountManager=self.credentials(self.account_manager), principal=self.credentials(self.principal_a),
            otherPrincipal=self.credentials(self.principal_b), subject=subject,
            question="Wij willen de kantoortuin op de vierde etage opdelen in stilteplekken.",
            item=self.item_refit.name, escalation="is maatwerk", price=8000, priceShown="8.000,00")
        ticket = self.Ticket.search([("name", "=", subject)])
        self.assertEqual(ticket.partner_id, self.employee_a.partner_id)
        self.assertTrue(ticket.escalated)
        quote = ticket.quote_ids
        self.assertEqual(len(quote), 1)
        self.assertEqual(seen["number"], quote.name)
        self.assertEqual(seen["address"], quote._gd_get_portal_url())
        self.assertEqual(quote.state, "sale")
        self.assertEqual(quote.amount_untaxed, 8000.0)
        self.assertEqual(quote.gd_decided_by_id, self.principal_a.partner_id)
        self.assertEqual(quote.gd_work_order_ids.mapped("product_tmpl_id"), self.item_refit)
