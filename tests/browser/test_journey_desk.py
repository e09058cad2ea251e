"""Journey 2: the desk takes a walk-in request in onto a pattern; a back office hands a part back;
the desk routes it again; the parts are done; the employee sees the progress and the completion."""
from datetime import timedelta

from odoo import fields
from odoo.addons.gd_servicedesk.tests.common import ServicedeskFixtures

from .browser_case import BrowserCase

PROCEDURE = "Vraag naar de startdatum en het kamernummer van de nieuwe collega."


class TestDeskJourney(BrowserCase):

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        self.dutch(self.desk_agent, self.ict_member, self.portal_a)
        self.pattern.desk_procedure = "<p>%s</p>" % PROCEDURE
        # the new colleague's name and start date, asked first
        Question = self.env["gd.catalog.pattern.question"]
        for question in self.pattern.pattern_question_ids:
            question.sequence += 10
        self.q_name = Question.create({"pattern_id": self.pattern.id, "name": "Naam nieuwe collega",
                                       "answer_type": "text", "sequence": 1})
        self.q_start = Question.create({"pattern_id": self.pattern.id, "name": "Startdatum",
                                        "answer_type": "date", "sequence": 2})
        self.start = fields.Date.from_string(fields.Date.context_today(Question)) + timedelta(days=30)

    def test_walk_in_pattern_hand_back_reroute_completion(self):
        subject = "Nieuwe collega Sanne de Wit"
        self.journey(
            "desk_intake", desk=self.credentials(self.desk_agent), requester=self.portal_a.name,
            subject=subject, pattern=self.pattern.name, questions=["Dienstverband", "Afdeling"],
            offeredAnswers=["Nieuw in dienst", "Reeds in dienst", "Andere afdeling", "Huidige afdeling"],
            answers=["Nieuw in dienst", "Andere afdeling"], procedure=PROCEDURE,
            typedAnswers=[{"question": "Naam nieuwe collega", "field": "value_text", "value": "Sanne de Wit"},
                          {"question": "Startdatum", "field": "value_date",
                           "value": self.start.strftime("%d-%m-%Y")}],
            missingAnswerWarning="Beantwoord de vraag Afdeling van %s." % self.pattern.name,
            parts=[self.item_staff.name, self.item_salary.name, self.item_workplace.name,
                   self.item_login.name, self.item_pass.name])
        ticket = self.Ticket.search([("name", "=", subject)])
        self.assertEqual(ticket.channel_id.code, "desk")
        self.assertEqual(ticket.pattern_id, self.pattern)
        self.assertEqual(len(ticket.work_order_ids), 5)
        self.assertEqual(ticket.pattern_answer_ids.mapped("answer")[:2],
                         ["Sanne de Wit", self.start.strftime("%d-%m-%Y")])
        self.assertIn("Sanne de Wit", ticket.work_order_ids[0].description)

        # every other part is delivered by its back office
        others = ticket.work_order_ids.filtered(lambda order: order.product_tmpl_id != self.item_login)
        others._do_done()

        self.journey(
            "hand_back_and_complete", desk=self.credentials(self.desk_agent), ict=self.credentials(self.ict_member),
            employee=self.credentials(self.portal_a), subject=subject, number=ticket.number,
            part=self.item_login.name, reason="Startdatum ontbreekt: welke dag begint de collega?",
            note="Startdatum is 1 maart, aldus de aanvrager.", partsTotal=5)
        login_part = ticket.work_order_ids.filtered(lambda order: order.product_tmpl_id == self.item_login)
        self.assertEqual(login_part.state, "done")
        self.assertEqual(login_part.handback_count, 1)
        self.assertTrue(ticket.closed)
