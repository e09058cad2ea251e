from odoo.exceptions import ValidationError

from .common import CatalogCase


class TestPatternResolution(CatalogCase):
    """The seed's two worked examples, built here, resolved for several sets of answers."""

    @classmethod
    def setUpClass(cls):
        super(TestPatternResolution, cls).setUpClass()
        item = lambda name, bo=cls.bo_fac: cls.create_item(cls.env, name, bo, "basis")
        # Voorbeeld 1: medewerker nieuw
        cls.registration = item("Personeelsbestand muteren")
        cls.salary = item("Salarisgegevens")
        cls.login_item = item("Inloggegevens", cls.bo_ict)
        cls.pass_item = item("Bedrijfspas")
        cls.temp_pass = item("Tijdelijke toegangspas")
        cls.name_plate = item("Naambordjes aanpassen")
        cls.introduction = item("Introductieprogramma")
        cls.hiring = item("Inhuur externe medewerker")
        cls.cards = item("Visitekaartjes")
        cls.furniture = item("Meubilair aanschaffen")
        cls.hardware = item("Hardware en software", cls.bo_ict)
        cls.workplace = cls.create_pattern(cls.env, "Werkplek", cls.bo_desk,
                                           blocks=[(cls.furniture, []), (cls.hardware, [])])
        cls.new_employee = cls.create_pattern(
            cls.env, "Nieuwe medewerker", cls.bo_desk,
            questions=[
                ("Nieuw of reeds in dienst?", True, ["Nieuw in dienst", "Reeds in dienst"]),
                ("Van een andere afdeling?", False, ["Andere afdeling", "Huidige afdeling"]),
                ("Duur", True, ["Onbepaalde tijd", "Tijdelijke dienst"]),
                ("Bijzondere functie", False, ["Trainee", "Uitzendkracht", "Stagiair", "Adviseur", "Management"]),
            ],
            blocks=[
                (cls.registration, []),
                (cls.salary, ["Nieuw in dienst"]),
                (cls.workplace, ["Nieuw in dienst"]),
                (cls.workplace, ["Andere afdeling"]),
                (cls.login_item, ["Nieuw in dienst"]),
                (cls.pass_item, ["Nieuw in dienst", "Onbepaalde tijd"]),
                (cls.temp_pass, ["Nieuw in dienst", "Tijdelijke dienst"]),
                (cls.name_plate, ["Andere afdeling"]),
                (cls.introduction, ["Trainee", "Stagiair"]),
                (cls.hiring, ["Uitzendkracht", "Adviseur"]),
                (cls.cards, ["Management"]),
            ])
        # Voorbeeld 2: bijeenkomst
        names = ["Zaalreservering", "Zaalreservering speciaal", "Koffie en thee", "Lunch", "Frisdranken",
                 "Uitnodigingen", "Bezoekers", "Routebeschrijving", "Beamer en computer", "Overhead", "Flipover",
                 "Katheder", "Geluidsinstallatie"]
        cls.meeting_items = {name: item(name) for name in names}
        special = ["Bijzonder/receptie"]
        cls.meeting = cls.create_pattern(
            cls.env, "Bijeenkomst", cls.bo_desk,
            questions=[("Intern of extern?", True, ["Intern", "Extern"]),
                       ("Soort", True, ["Standaard", "Bijzonder/receptie", "Kamer"])],
            blocks=[(cls.meeting_items["Zaalreservering"], ["Standaard"]),
                    (cls.meeting_items["Zaalreservering speciaal"], special),
                    (cls.meeting_items["Koffie en thee"], []),
                    (cls.meeting_items["Lunch"], special),
                    (cls.meeting_items["Frisdranken"], special),
                    (cls.meeting_items["Uitnodigingen"], special),
                    (cls.meeting_items["Bezoekers"], ["Extern"]),
                    (cls.meeting_items["Routebeschrijving"], ["Extern"] + special),
                    (cls.meeting_items["Beamer en computer"], []),
                    (cls.meeting_items["Overhead"], []),
                    (cls.meeting_items["Flipover"], []),
                    (cls.meeting_items["Katheder"], special),
                    (cls.meeting_items["Geluidsinstallatie"], special)])

    def resolve_names(self, pattern, *answers):
        return pattern._resolve_pattern(self.options(pattern, *answers)).mapped("name")

    def test_new_hire_permanent(self):
        self.assertEqual(
            self.resolve_names(self.new_employee, "Nieuw in dienst", "Onbepaalde tijd"),
            ["Personeelsbestand muteren", "Salarisgegevens", "Meubilair aanschaffen", "Hardware en software",
             "Inloggegevens", "Bedrijfspas"])

    def test_new_hire_temporary_trainee(self):
        names = self.resolve_names(self.new_employee, "Nieuw in dienst", "Tijdelijke dienst", "Trainee")
        self.assertIn("Tijdelijke toegangspas", names)
        self.assertIn("Introductieprogramma", names)
        self.assertNotIn("Bedrijfspas", names)
        self.assertNotIn("Inhuur externe medewerker", names)

    def test_internal_move_other_department(self):
        # the workplace pattern is listed twice (new hire, other department): it comes once
        self.assertEqual(
            self.resolve_names(self.new_employee, "Reeds in dienst", "Andere afdeling", "Onbepaalde tijd"),
            ["Personeelsbestand muteren", "Meubilair aanschaffen", "Hardware en software", "Naambordjes aanpassen"])

    def test_internal_same_department_management(self):
        self.assertEqual(
            self.resolve_names(self.new_employee, "Reeds in dienst", "Huidige afdeling", "Tijdelijke dienst",
                               "Management"),
            ["Personeelsbestand muteren", "Visitekaartjes"])

    def test_temp_worker_and_adviser_are_hired(self):
        for kind in ("Uitzendkracht", "Adviseur"):
            names = self.resolve_names(self.new_employee, "Nieuw in dienst", "Tijdelijke dienst", kind)
            self.assertIn("Inhuur externe medewerker", names)
            self.assertNotIn("Introductieprogramma", names)

    def test_meeting_internal_standard(self):
        self.assertEqual(
            self.resolve_names(self.meeting, "Intern", "Standaard"),
            ["Zaalreservering", "Koffie en thee", "Beamer en computer", "Overhead", "Flipover"])

    def test_meeting_external_special(self):
        self.assertEqual(
            self.resolve_names(self.meeting, "Extern", "Bijzonder/receptie"),
            ["Zaalreservering speciaal", "Koffie en thee", "Lunch", "Frisdranken", "Uitnodigingen", "Bezoekers",
             "Routebeschrijving", "Beamer en computer", "Overhead", "Flipover", "Katheder", "Geluidsinstallatie"])

    def test_meeting_external_own_room(self):
        self.assertEqual(
            self.resolve_names(self.meeting, "Extern", "Kamer"),
            ["Koffie en thee", "Bezoekers", "Beamer en computer", "Overhead", "Flipover"])

    def test_result_follows_sequence(self):
        self.meeting.pattern_component_ids.filtered(
            lambda c: c.product_tmpl_id.name == "Flipover").sequence = -1
        self.meeting.invalidate_cache()
        self.assertEqual(self.resolve_names(self.meeting, "Intern", "Kamer")[0], "Flipover")

    def test_non_pattern_returns_itself(self):
        self.assertEqual(self.item_room._resolve_pattern(self.env["gd.catalog.pattern.option"]), self.item_room)

    def test_nested_pattern_uses_same_answers(self):
        outer = self.create_pattern(self.env, "Nieuwe afdeling", self.bo_desk,
                                    questions=[("Omvang", True, ["Klein", "Groot"])],
                                    blocks=[(self.new_employee, ["Groot"]), (self.item_room, [])])
        answers = self.options(self.new_employee, "Nieuw in dienst", "Onbepaalde tijd") | self.option(outer, "Groot")
        blocks = outer._resolve_pattern(answers)
        self.assertIn(self.pass_item, blocks)
        self.assertEqual(blocks[-1], self.item_room)
        self.assertFalse(blocks.filtered("is_pattern"))
        # the nested pattern does not apply: its required questions need no answer
        small = outer._resolve_pattern(self.option(outer, "Klein"))
        self.assertEqual(small, self.item_room)


class TestPatternValidation(CatalogCase):

    @classmethod
    def setUpClass(cls):
        super(TestPatternValidation, cls).setUpClass()
        cls.pattern = cls.create_pattern(
            cls.env, "Test pattern", cls.bo_desk,
            questions=[("Required?", True, ["Yes A", "Yes B"]), ("Optional?", False, ["Opt A", "Opt B"])],
            blocks=[(cls.item_room, []), (cls.item_phone, ["Opt A"])])
        cls.other = cls.create_pattern(cls.env, "Other pattern", cls.bo_desk,
                                       questions=[("Other?", True, ["Other A"])])

    def test_optional_question_may_stay_open(self):
        self.assertEqual(self.pattern._resolve_pattern(self.option(self.pattern, "Yes A")), self.item_room)
        self.assertEqual(self.pattern._resolve_pattern(self.options(self.pattern, "Yes A", "Opt A")),
                         self.item_room | self.item_phone)

    def test_missing_required_answer(self):
        with self.assertRaisesRegex(ValidationError, "Required\\?"):
            self.pattern._resolve_pattern(self.option(self.pattern, "Opt A"))
        with self.assertRaises(ValidationError):
            self.pattern._resolve_pattern(self.env["gd.catalog.pattern.option"])

    def test_option_of_another_pattern(self):
        with self.assertRaisesRegex(ValidationError, "Other A"):
            self.pattern._resolve_pattern(self.option(self.pattern, "Yes A") | self.option(self.other, "Other A"))

    def test_two_answers_to_one_question(self):
        with self.assertRaisesRegex(ValidationError, "Yes A, Yes B"):
            self.pattern._resolve_pattern(self.options(self.pattern, "Yes A", "Yes B"))

    def test_component_option_must_belong_to_pattern(self):
        with self.assertRaises(ValidationError):
            self.env["gd.catalog.pattern.component"].create({
                "pattern_id": self.pattern.id, "product_tmpl_id": self.item_phone.id,
                "option_ids": [(6, 0, self.option(self.other, "Other A").ids)]})

    def test_pattern_cannot_contain_itself(self):
        with self.assertRaisesRegex(ValidationError, "Test pattern"):
            self.env["gd.catalog.pattern.component"].create({
                "pattern_id": self.pattern.id, "product_tmpl_id": self.pattern.id})

    def test_pattern_cannot_contain_itself_indirectly(self):
        middle = self.create_pattern(self.env, "Middle", self.bo_desk, blocks=[(self.pattern, [])])
        top = self.create_pattern(self.env, "Top", self.bo_desk, blocks=[(middle, [])])
        with self.assertRaises(ValidationError):
            self.env["gd.catalog.pattern.component"].create({
                "pattern_id": self.pattern.id, "product_tmpl_id": top.id})
        component = self.pattern.pattern_component_ids[0]
        with self.assertRaises(ValidationError):
            component.product_tmpl_id = top

    def test_error_messages_are_translated(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.env["ir.translation"].load_module_terms(["gd_catalog"], ["nl_NL"])
        pattern = self.pattern.with_context(lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "Beantwoord"):
            pattern._resolve_pattern(self.option(self.pattern, "Opt A"))
