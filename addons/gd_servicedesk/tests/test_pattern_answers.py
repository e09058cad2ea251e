"""Text and date answers and conditional questions of a pattern, from the portal and the desk's wizard."""
import re
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import at_install, post_install

from .common import PASSWORD_SUFFIX, ServicedeskCase, ServicedeskFixtures


def add_questions(holder):
    """The test pattern asks the new colleague's name and start date first, the department only of an
    internal move and a note that may stay empty."""
    Question = holder.env["gd.catalog.pattern.question"]
    q_hire, q_dept = holder.pattern.pattern_question_ids
    q_hire.sequence, q_dept.sequence = 10, 20
    q_dept.depends_on_option_id = holder.opt_existing
    holder.q_hire, holder.q_dept = q_hire, q_dept
    holder.q_name = Question.create({"pattern_id": holder.pattern.id, "name": "Naam nieuwe collega",
                                     "answer_type": "text", "sequence": 1})
    holder.q_start = Question.create({"pattern_id": holder.pattern.id, "name": "Startdatum",
                                      "answer_type": "date", "sequence": 2})
    holder.q_note = Question.create({"pattern_id": holder.pattern.id, "name": "Opmerking",
                                     "answer_type": "text", "sequence": 30, "is_required": False})
    holder.start = fields.Date.to_string(
        fields.Date.from_string(fields.Date.context_today(Question)) + timedelta(days=14))
    holder.start_nl = fields.Date.from_string(holder.start).strftime("%d-%m-%Y")


class TestPatternAnswers(ServicedeskCase):

    @classmethod
    def setUpClass(cls):
        super(TestPatternAnswers, cls).setUpClass()
        add_questions(cls)

    def values(self, **extra):
        values = {self.q_name.id: "Jan de Vries", self.q_start.id: self.start}
        values.update({getattr(self, key).id: value for key, value in extra.items()})
        return values

    def request(self, user, options, values, subject="Nieuwe collega"):
        return self.Ticket.sudo(user)._create_from_portal(subject, "Graag", product_tmpl=self.pattern,
                                                          options=options, values=values)

    def assertNothingWritten(self, subject="Nieuwe collega"):
        self.assertFalse(self.Ticket.search([("name", "=", subject)]))

    # ------------------------------------------------------------------ the portal request

    def test_portal_request_stores_the_answers_and_tells_the_back_offices(self):
        ticket = self.request(self.portal_a, self.opt_new, self.values()).sudo()
        self.assertEqual([(a.question_id, a.answer) for a in ticket.pattern_answer_ids],
                         [(self.q_name, "Jan de Vries"), (self.q_start, self.start_nl), (self.q_hire, "Nieuw in dienst")])
        self.assertEqual(ticket.pattern_option_ids, self.opt_new)
        self.assertEqual(len(ticket.work_order_ids), 4)
        for order in ticket.work_order_ids:
            self.assertIn("Naam nieuwe collega: Jan de Vries", order.description)
            self.assertIn("Startdatum: %s" % self.start_nl, order.description)
        # the back office reads them on its own work order
        login = ticket.work_order_ids.filtered(lambda order: order.backoffice_id == self.bo_ict)
        self.assertIn("Jan de Vries", login.sudo(self.ict_member).description)

    def test_portal_request_internal_move_does_not_ask_the_duration(self):
        ticket = self.request(self.portal_a, self.opt_existing | self.opt_other_dept, self.values()).sudo()
        self.assertIn(self.opt_other_dept, ticket.pattern_answer_ids.mapped("option_id"))

    def test_missing_required_applicable_answer_writes_nothing(self):
        with self.assertRaisesRegex(ValidationError, "Startdatum"):
            self.request(self.portal_a, self.opt_new, {self.q_name.id: "Jan"})
        with self.assertRaisesRegex(ValidationError, "Afdeling"):
            self.request(self.portal_a, self.opt_existing, self.values())
        self.assertNothingWritten()

    def test_intake_refused_after_the_case_was_made_leaves_no_case(self):
        """The portal form catches the refusal and shows the form again: the request is not rolled back."""
        Ticket = type(self.env["helpdesk.ticket"])

        def refuse(*args, **kwargs):
            raise UserError("Geen backoffice levert dit.")
        with patch.object(Ticket, "_do_intake", refuse), self.assertRaises(UserError):
            self.request(self.portal_a, self.opt_new, self.values())
        self.assertNothingWritten()

    def test_malformed_date_writes_nothing(self):
        with self.assertRaisesRegex(ValidationError, "not a date"):
            self.request(self.portal_a, self.opt_new, self.values(q_start="32-01-2027"))
        self.assertNothingWritten()

    def test_answer_to_a_question_that_does_not_apply_writes_nothing(self):
        with self.assertRaisesRegex(ValidationError, "not asked"):
            self.request(self.portal_a, self.opt_new | self.opt_other_dept, self.values())
        self.assertNothingWritten()

    def test_optional_answer_cleared(self):
        ticket = self.request(self.portal_a, self.opt_new, self.values(q_note="  ")).sudo()
        self.assertNotIn(self.q_note, ticket.pattern_answer_ids.mapped("question_id"))

    # ------------------------------------------------------------------ who reads and writes the answers

    def test_answers_read_by_whoever_reads_the_case(self):
        ticket = self.request(self.portal_a, self.opt_new, self.values()).sudo()
        Answer = self.env["gd.servicedesk.pattern.answer"]
        domain = [("ticket_id", "=", ticket.id)]
        # the new hire's parts go to HR, finance, ICT and communication: not to facilities
        for user in (self.portal_a, self.principal_a, self.desk_agent, self.ict_member, self.account_manager):
            self.assertEqual(len(Answer.sudo(user).search(domain)), 3, user.login)
            self.assertEqual(ticket.sudo(user).pattern_answer_ids.mapped("answer")[0], "Jan de Vries")
        for user in (self.portal_a2, self.portal_b, self.faz_member, self.other_account_manager):
            self.assertFalse(Answer.sudo(user).search(domain), user.login)
        with self.assertRaises(AccessError):
            Answer.sudo(self.employee).search(domain)

    def test_nobody_writes_answers_directly(self):
        ticket = self.request(self.portal_a, self.opt_new, self.values()).sudo()
        answer = ticket.pattern_answer_ids[0]
        Answer = self.env["gd.servicedesk.pattern.answer"]
        for user in (self.portal_a, self.desk_agent, self.faz_member, self.account_manager):
            with self.assertRaises(AccessError):
                answer.sudo(user).write({"value_text": "Iemand anders"})
            with self.assertRaises(AccessError):
                Answer.sudo(user).create({"ticket_id": ticket.id, "question_id": self.q_note.id,
                                          "value_text": "Extra"})
            with self.assertRaises(AccessError):
                answer.sudo(user).unlink()
        for user in (self.desk_agent, self.account_manager):
            with self.assertRaises((AccessError, UserError)):
                ticket.sudo(user).write({"pattern_answer_ids": [(0, 0, {"question_id": self.q_note.id,
                                                                         "value_text": "Extra"})]})
        self.assertEqual(answer.value_text, "Jan de Vries")

    # ------------------------------------------------------------------ the desk's intake wizard

    def wizard(self, ticket, options=None, answers=None):
        """The wizard as the web client fills it: the pattern chosen, the options picked, the lines typed."""
        wizard = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).new(
            {"ticket_id": ticket.id, "mode": "pattern", "pattern_id": self.pattern.id})
        wizard._onchange_pattern_id()
        wizard.option_ids = options or self.env["gd.catalog.pattern.option"]
        wizard._onchange_option_ids()
        for line in wizard.answer_ids:
            if answers and line.question_id.id in answers:
                setattr(line, "value_date" if line.question_id.answer_type == "date" else "value_text",
                        answers[line.question_id.id])
        return wizard

    def save(self, wizard):
        """What the web client sends when the desk confirms (readonly fields left out, the question forced)."""
        return self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create({
            "ticket_id": wizard.ticket_id.id, "mode": wizard.mode, "pattern_id": wizard.pattern_id.id,
            "option_ids": [(6, 0, wizard.option_ids.ids)],
            "answer_ids": [(0, 0, {"question_id": line.question_id.id, "applies": line.applies,
                                   "value_text": line.value_text, "value_date": line.value_date})
                           for line in wizard.answer_ids]})

    def test_desk_wizard_lands_the_same_answers_as_the_portal(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        wizard = self.wizard(ticket, self.opt_new, self.values())
        self.assertEqual(wizard.answer_ids.mapped("question_id"), self.q_name | self.q_start | self.q_note)
        self.assertTrue(all(wizard.answer_ids.mapped("applies")))
        self.save(wizard).action_confirm()
        portal = self.request(self.portal_a, self.opt_new, self.values()).sudo()
        shape = lambda t: [(a.question_id, a.option_id, a.value_text, a.value_date, a.sequence)
                           for a in t.pattern_answer_ids]
        self.assertEqual(shape(ticket), shape(portal))
        self.assertEqual(len(ticket.work_order_ids), 4)
        self.assertIn("Jan de Vries", ticket.work_order_ids[0].description)

    def test_desk_wizard_offers_only_questions_that_apply(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        wizard = self.wizard(ticket, self.opt_new)
        self.assertEqual(wizard.available_option_ids, self.opt_new | self.opt_existing)
        wizard.option_ids = self.opt_existing
        self.assertEqual(wizard.available_option_ids,
                         self.opt_new | self.opt_existing | self.opt_other_dept | self.opt_same_dept)
        # changing the first answer drops the answer to the question that no longer applies
        wizard.option_ids = self.opt_new | self.opt_other_dept
        wizard._onchange_option_ids()
        self.assertEqual(wizard.option_ids, self.opt_new)

    def test_desk_wizard_refuses_a_bad_date_and_writes_nothing(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        Intake = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent)
        vals = {"ticket_id": ticket.id, "mode": "pattern", "pattern_id": self.pattern.id,
                "option_ids": [(6, 0, self.opt_new.ids)]}
        # over RPC a malformed date is told as such, not as a server error
        with self.assertRaisesRegex(ValidationError, "not a date"):
            Intake.create(dict(vals, answer_ids=[
                (0, 0, {"question_id": self.q_name.id, "value_text": "Jan"}),
                (0, 0, {"question_id": self.q_start.id, "value_date": "2027-02-30"})]))
        # a real date outside the range: the check says so, confirming refuses it
        far = fields.Date.to_string(fields.Date.from_string(self.start) + timedelta(days=3 * 366))
        wizard = Intake.create(dict(vals, answer_ids=[
            (0, 0, {"question_id": self.q_name.id, "value_text": "Jan"}),
            (0, 0, {"question_id": self.q_start.id, "value_date": far})]))
        self.assertIn("outside", wizard.entitlement_summary)
        with self.assertRaisesRegex(ValidationError, "outside"):
            wizard.action_confirm()
        self.assertFalse(ticket.pattern_answer_ids or ticket.work_order_ids or ticket.pattern_id)

    def test_desk_wizard_over_rpc_refuses_a_missing_answer(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        wizard = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).create({
            "ticket_id": ticket.id, "mode": "pattern", "pattern_id": self.pattern.id,
            "option_ids": [(6, 0, self.opt_new.ids)],
            "answer_ids": [(0, 0, {"question_id": self.q_name.id, "value_text": "Jan"})]})
        with self.assertRaisesRegex(ValidationError, "Startdatum"):
            wizard.action_confirm()
        self.assertFalse(ticket.pattern_answer_ids or ticket.work_order_ids)

    def test_answers_read_back_as_values(self):
        """What a later intake of the case (the desk's approval) checks again."""
        ticket = self.new_ticket(self.portal_a.partner_id)
        ticket.sudo(self.desk_agent)._do_intake(self.env["product.template"], pattern=self.pattern,
                                                options=self.opt_new, values=self.values())
        self.assertEqual(ticket._get_pattern_values(), {self.q_name.id: "Jan de Vries", self.q_start.id: self.start})

    def test_error_in_dutch(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.env["ir.translation"].load_module_terms(["gd_catalog"], ["nl_NL"])
        with self.assertRaisesRegex(ValidationError, "geen datum"):
            self.Ticket.sudo(self.portal_a).with_context(lang="nl_NL")._create_from_portal(
                "Nieuwe collega", "", product_tmpl=self.pattern, options=self.opt_new,
                values=self.values(q_start="morgen"))


@at_install(False)
@post_install(True)
class TestPatternAnswersPortal(GdHttpCase):
    """The request form over HTTP: conditional questions, text and date answers, errors, the case page."""

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        add_questions(self)
        self.url = "/servicedesk/request/%d" % self.pattern.id

    def open(self, url, data=None):
        return self.url_open(url, data=data, timeout=60)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def form(self):
        response = self.open(self.url)
        self.assertEqual(response.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        return response.text, token

    def test_form_asks_text_date_and_hides_the_conditional_question(self):
        self.login(self.portal_a)
        html, _token = self.form()
        self.assertRegex(html, r'<label[^>]*for="answer_%d"' % self.q_name.id)
        self.assertRegex(html, r'<input type="date"[^>]*id="answer_%d"' % self.q_start.id)
        group = re.search(r'<fieldset[^>]*id="question_%d"[^>]*>' % self.q_dept.id, html).group(0)
        self.assertIn('data-gd-depends-on="%d"' % self.opt_existing.id, group)
        self.assertIn("hidden", group)
        # an optional answer may stay empty: the browser does not require it
        self.assertNotRegex(html, r'<input[^>]*id="answer_%d"[^>]*required' % self.q_note.id)
        self.assertRegex(html, r'<input[^>]*id="answer_%d"[^>]*required' % self.q_name.id)

    def test_request_with_answers_shows_them_on_the_case(self):
        self.login(self.portal_a)
        _html, token = self.form()
        response = self.open(self.url, data={
            "csrf_token": token, "subject": "Nieuwe collega Jan", "description": "",
            "answer_%d" % self.q_name.id: "Jan de Vries", "answer_%d" % self.q_start.id: self.start,
            "option_%d" % self.q_hire.id: self.opt_new.id, "answer_%d" % self.q_note.id: ""})
        self.assertEqual(response.status_code, 200)
        ticket = self.Ticket.search([("name", "=", "Nieuwe collega Jan")])
        self.assertEqual(len(ticket), 1)
        self.assertIn("Jan de Vries", response.text)
        self.assertIn(self.start_nl, response.text)
        self.assertEqual(len(ticket.work_order_ids), 4)

    def test_bad_date_shows_the_form_again_and_writes_nothing(self):
        self.login(self.portal_a)
        _html, token = self.form()
        response = self.open(self.url, data={
            "csrf_token": token, "subject": "Nieuwe collega Jan",
            "answer_%d" % self.q_name.id: "Jan de Vries", "answer_%d" % self.q_start.id: "2027-02-30",
            "option_%d" % self.q_hire.id: self.opt_new.id})
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a date", response.text)
        self.assertIn('value="Jan de Vries"', response.text)
        self.assertFalse(self.Ticket.search([("name", "=", "Nieuwe collega Jan")]))

    def test_answer_to_a_hidden_question_is_refused(self):
        self.login(self.portal_a)
        _html, token = self.form()
        response = self.open(self.url, data={
            "csrf_token": token, "subject": "Nieuwe collega Jan",
            "answer_%d" % self.q_name.id: "Jan de Vries", "answer_%d" % self.q_start.id: self.start,
            "option_%d" % self.q_hire.id: self.opt_new.id, "option_%d" % self.q_dept.id: self.opt_other_dept.id})
        self.assertIn("not asked", response.text)
        self.assertFalse(self.Ticket.search([("name", "=", "Nieuwe collega Jan")]))
