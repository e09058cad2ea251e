"""Journey 1: an employee requests a package through a life event in the portal catalogue."""
from datetime import datetime, timedelta

import pytz
from odoo import fields
from odoo.addons.gd_servicedesk.tests.common import ServicedeskFixtures

from .browser_case import BrowserCase


class TestCatalogueJourney(BrowserCase):

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        self.dutch(self.portal_a)
        self.event = self.env["gd.catalog.event"].create({
            "name": "T Nieuwe collega", "item_ids": [(6, 0, self.pattern.ids)]})
        # the new colleague's name and start date first; the department only for an internal move
        Question = self.env["gd.catalog.pattern.question"]
        hire, department = self.pattern.pattern_question_ids
        hire.sequence, department.sequence = 10, 20
        department.depends_on_option_id = self.opt_existing
        self.q_name = Question.create({"pattern_id": self.pattern.id, "name": "Naam nieuwe collega",
                                       "answer_type": "text", "sequence": 1})
        self.q_start = Question.create({"pattern_id": self.pattern.id, "name": "Startdatum",
                                        "answer_type": "date", "sequence": 2})
        self.start = fields.Date.from_string(fields.Date.context_today(Question)) + timedelta(days=30)

    def test_life_event_request_one_case_with_parts(self):
        parts = [self.item_staff, self.item_salary, self.item_login, self.item_pass]
        seen = self.journey(
            "catalogue_request", employee=self.credentials(self.portal_a), event=self.event.name,
            item=self.pattern.name, answers=["Nieuw in dienst"], hiddenQuestion="Afdeling",
            showsQuestionFor={"answer": "Reeds in dienst", "question": "Afdeling"},
            texts=[{"label": "Naam nieuwe collega", "value": "Sanne de Wit"}],
            dates=[{"label": "Startdatum", "value": self.start.isoformat(),
                    "shown": self.start.strftime("%d-%m-%Y")}],
            subject="Nieuwe collega Sanne de Wit",
            explanation="Sanne de Wit begint bij onze directie.", parts=[p.name for p in parts])
        ticket = self.Ticket.search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(set(ticket.work_order_ids.mapped("product_tmpl_id").ids), {p.id for p in parts})
        self.assertEqual(ticket.pattern_answer_ids.mapped("answer"),
                         ["Sanne de Wit", self.start.strftime("%d-%m-%Y"), "Nieuw in dienst"])
        # the expected completion as the employee reads it: the latest deadline, in Amsterdam time
        lang = self.env["res.lang"].search([("code", "=", "nl_NL")])
        shown = datetime.strptime(seen["expected"], "%s %s" % (lang.date_format, lang.time_format))
        deadline = pytz.utc.localize(fields.Datetime.from_string(ticket.deadline))
        self.assertEqual(shown, deadline.astimezone(pytz.timezone("Europe/Amsterdam")).replace(tzinfo=None))
        self.assertIn(ticket.number, seen["listed"])
