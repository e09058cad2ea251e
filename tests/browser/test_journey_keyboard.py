"""Section 5: the request form is filled in and sent with the keyboard alone."""
from odoo.addons.gd_servicedesk.tests.common import ServicedeskFixtures

from .browser_case import BrowserCase


class TestKeyboardJourney(BrowserCase):

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        self.dutch(self.portal_a)

    def test_request_form_by_keyboard_alone(self):
        subject = "Nieuwe collega Daan Smit, met het toetsenbord"
        answers = self.opt_new | self.opt_same_dept
        self.journey(
            "keyboard_request", employee=self.credentials(self.portal_a), item=self.pattern.name,
            itemId=self.pattern.id, subject=subject, explanation="Daan Smit begint op 1 april.",
            answers=[{"name": "option_%d" % option.question_id.id, "value": option.id} for option in answers],
            parts=[self.item_staff.name])
        ticket = self.Ticket.search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual(ticket.name, subject)
        self.assertEqual(ticket.pattern_option_ids, answers)
