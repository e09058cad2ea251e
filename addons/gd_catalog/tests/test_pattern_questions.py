from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import CatalogCase


class TestPatternQuestionTypes(CatalogCase):
    """Free-text and date questions, questions asked only after a given answer, optional answers cleared."""

    @classmethod
    def setUpClass(cls):
        super(TestPatternQuestionTypes, cls).setUpClass()
        item = lambda name: cls.create_item(cls.env, name, cls.bo_fac, "basis")
        cls.salary = item("Salarisgegevens")
        cls.plates = item("Naambordjes aanpassen")
        cls.pattern = cls.create_pattern(
            cls.env, "Nieuwe medewerker", cls.bo_desk,
            questions=[("Dienstverband", True, ["Nieuw in dienst", "Reeds in dienst"]),
                       ("Andere afdeling?", True, ["Andere afdeling", "Huidige afdeling"]),
                       ("Duur", True, ["Onbepaalde tijd", "Tijdelijke dienst"])],
            blocks=[(cls.salary, ["Nieuw in dienst"]), (cls.plates, ["Andere afdeling"])])
        Question = cls.env["gd.catalog.pattern.question"]
        questions = cls.pattern.pattern_question_ids
        cls.q_hire, cls.q_dept, cls.q_duration = questions
        cls.opt_new, cls.opt_existing = cls.q_hire.option_ids
        cls.opt_other, cls.opt_same = cls.q_dept.option_ids
        cls.opt_permanent, cls.opt_temporary = cls.q_duration.option_ids
        cls.q_dept.depends_on_option_id = cls.opt_existing
        cls.q_duration.depends_on_option_id = cls.opt_new
        cls.q_name = Question.create({"pattern_id": cls.pattern.id, "name": "Naam", "answer_type": "text",
                                      "sequence": -2})
        cls.q_start = Question.create({"pattern_id": cls.pattern.id, "name": "Startdatum", "answer_type": "date",
                                       "sequence": -1})
        cls.q_note = Question.create({"pattern_id": cls.pattern.id, "name": "Opmerking", "answer_type": "text",
                                      "is_required": False, "sequence": 50})
        cls.q_end = Question.create({"pattern_id": cls.pattern.id, "name": "Einddatum", "answer_type": "date",
                                     "sequence": 60, "depends_on_option_id": cls.opt_temporary.id})
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.q_start))

    def date(self, offset):
        return fields.Date.to_string(self.today + timedelta(days=offset))

    def answer(self, options, values, pattern=None):
        return (pattern or self.pattern)._get_pattern_answer_vals(options, values)

    def base_values(self, **extra):
        values = {self.q_name.id: "  Pieter Jansen ", self.q_start.id: self.date(14)}
        values.update({getattr(self, key).id: value for key, value in extra.items()})
        return values

    # ------------------------------------------------------------------ the answers, checked and stored

    def test_new_hire_answers_in_the_order_asked(self):
        answers = self.answer(self.opt_new | self.opt_permanent, self.base_values())
        self.assertEqual([a["question_id"] for a in answers],
                         [self.q_name.id, self.q_start.id, self.q_hire.id, self.q_duration.id])
        self.assertEqual(answers[0]["value_text"], "Pieter Jansen")
        self.assertEqual(answers[1]["value_date"], self.date(14))
        self.assertEqual(answers[2]["option_id"], self.opt_new.id)

    def test_dutch_date_is_accepted(self):
        typed = (self.today + timedelta(days=3)).strftime("%d-%m-%Y")
        answers = self.answer(self.opt_new | self.opt_permanent, self.base_values(q_start=typed))
        self.assertEqual(answers[1]["value_date"], self.date(3))

    def test_required_text_and_date(self):
        with self.assertRaisesRegex(ValidationError, "Naam"):
            self.answer(self.opt_new | self.opt_permanent, self.base_values(q_name="   "))
        with self.assertRaisesRegex(ValidationError, "Startdatum"):
            self.answer(self.opt_new | self.opt_permanent, {self.q_name.id: "Pieter"})

    def test_malformed_date(self):
        for bad in ("31-02-2027", "morgen", "2027-13-01", "1-1"):
            with self.assertRaisesRegex(ValidationError, "not a date"):
                self.answer(self.opt_new | self.opt_permanent, self.base_values(q_start=bad))

    def test_date_outside_the_sensible_range(self):
        for offset in (-400, 3 * 366):
            with self.assertRaisesRegex(ValidationError, "outside"):
                self.answer(self.opt_new | self.opt_permanent, self.base_values(q_start=self.date(offset)))

    def test_text_too_long(self):
        with self.assertRaisesRegex(ValidationError, "too long"):
            self.answer(self.opt_new | self.opt_permanent, self.base_values(q_name="x" * 501))

    def test_optional_answer_cleared(self):
        answers = self.answer(self.opt_new | self.opt_permanent, self.base_values(q_note=""))
        self.assertNotIn(self.q_note.id, [a["question_id"] for a in answers])
        answers = self.answer(self.opt_new | self.opt_permanent, self.base_values(q_note="Start op maandag"))
        self.assertIn(self.q_note.id, [a["question_id"] for a in answers])

    def test_text_for_a_choice_question(self):
        with self.assertRaisesRegex(ValidationError, "choosing one of its options"):
            self.answer(self.opt_new | self.opt_permanent, self.base_values(q_hire="Nieuw"))

    def test_question_of_another_pattern(self):
        other = self.create_pattern(self.env, "Ander patroon", self.bo_desk, questions=[("Vraag", False, ["Ja"])])
        with self.assertRaises(ValidationError):
            values = self.base_values()
            values[other.pattern_question_ids.id] = "x"
            self.answer(self.opt_new | self.opt_permanent, values)

    # ------------------------------------------------------------------ questions that depend on an answer

    def test_conditional_question_required_only_when_it_applies(self):
        # an internal move: no duration asked, the department is
        answers = self.answer(self.opt_existing | self.opt_same, self.base_values())
        self.assertNotIn(self.q_duration.id, [a["question_id"] for a in answers])
        with self.assertRaisesRegex(ValidationError, "Andere afdeling"):
            self.answer(self.opt_existing, self.base_values())
        # a new hire: the duration is asked, the department is not
        with self.assertRaisesRegex(ValidationError, "Duur"):
            self.answer(self.opt_new, self.base_values())

    def test_answer_to_a_question_that_does_not_apply(self):
        with self.assertRaisesRegex(ValidationError, "not asked"):
            self.answer(self.opt_new | self.opt_permanent | self.opt_other, self.base_values())
        with self.assertRaisesRegex(ValidationError, "not asked"):
            self.pattern._resolve_pattern(self.opt_new | self.opt_permanent | self.opt_other)
        with self.assertRaisesRegex(ValidationError, "Einddatum"):
            self.answer(self.opt_new | self.opt_permanent, self.base_values(q_end=self.date(100)))

    def test_chain_of_conditions(self):
        # the end date follows "temporary", which follows "new hire"
        with self.assertRaisesRegex(ValidationError, "Einddatum"):
            self.answer(self.opt_new | self.opt_temporary, self.base_values())
        answers = self.answer(self.opt_new | self.opt_temporary, self.base_values(q_end=self.date(200)))
        self.assertIn(self.q_end.id, [a["question_id"] for a in answers])

    def test_resolution_follows_the_conditional_answers(self):
        self.assertEqual(self.pattern._resolve_pattern(self.opt_new | self.opt_permanent), self.salary)
        self.assertEqual(self.pattern._resolve_pattern(self.opt_existing | self.opt_other), self.plates)

    # ------------------------------------------------------------------ the questions themselves

    def test_text_question_takes_no_options(self):
        with self.assertRaises(ValidationError):
            self.env["gd.catalog.pattern.option"].create({"question_id": self.q_name.id, "name": "Jan"})
        with self.assertRaises(ValidationError):
            self.q_hire.answer_type = "date"

    def test_depends_on_an_earlier_question_of_the_same_pattern(self):
        with self.assertRaises(ValidationError):
            self.q_hire.depends_on_option_id = self.opt_temporary  # a later question
        with self.assertRaises(ValidationError):
            self.q_duration.depends_on_option_id = self.opt_permanent  # itself
        other = self.create_pattern(self.env, "Ander patroon", self.bo_desk, questions=[("Vraag", False, ["Ja"])])
        with self.assertRaises(ValidationError):
            self.q_note.depends_on_option_id = other.pattern_question_ids.option_ids

    def test_only_catalogue_managers_change_questions(self):
        for user in (self.desk_user, self.employee, self.portal_user):
            with self.assertRaises(AccessError):
                self.q_name.sudo(user).write({"answer_type": "date"})
            with self.assertRaises(AccessError):
                self.env["gd.catalog.pattern.question"].sudo(user).create(
                    {"pattern_id": self.pattern.id, "name": "Extra", "answer_type": "text"})
        self.q_note.sudo(self.manager).write({"depends_on_option_id": self.opt_new.id})
        self.assertEqual(self.q_note.depends_on_option_id, self.opt_new)

    def test_portal_user_checks_answers_with_own_rights(self):
        pattern = self.pattern.sudo(self.portal_user)
        answers = pattern._get_pattern_answer_vals(self.opt_new | self.opt_permanent, self.base_values())
        self.assertEqual(len(answers), 4)
        with self.assertRaises(ValidationError):
            pattern._get_pattern_answer_vals(self.opt_new | self.opt_permanent, self.base_values(q_start="x"))

    def test_date_error_in_dutch(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.env["ir.translation"].load_module_terms(["gd_catalog"], ["nl_NL"])
        pattern = self.pattern.with_context(lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "geen datum"):
            pattern._get_pattern_answer_vals(self.opt_new | self.opt_permanent, self.base_values(q_start="morgen"))
        with self.assertRaisesRegex(ValidationError, "niet gesteld"):
            pattern._get_pattern_answer_vals(self.opt_new | self.opt_permanent | self.opt_other, self.base_values())
