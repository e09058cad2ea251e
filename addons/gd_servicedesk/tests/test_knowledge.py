from functools import partial

from odoo.exceptions import AccessError, UserError

from .common import FixtureBuilder, ServicedeskCase, ServicedeskFixtures


class TestKnowledge(ServicedeskCase):
    """Knowledge answers next to the ticket, and answering a question in one step."""

    @classmethod
    def setUpClass(cls):
        super(TestKnowledge, cls).setUpClass()
        answer = partial(FixtureBuilder.answer, cls.env)
        cls.answer_room = answer("Hoe reserveer ik een vergaderzaal?",
                                 "zaal, zalen, vergaderzaal, vergaderruimte, reserveren, boeken",
                                 "Reserveer een zaal via Zaalreservering op intranet.")
        cls.answer_pass = answer("Mijn bedrijfspas is kapot of kwijt. Wat moet ik doen?",
                                 "pas, pasje, bedrijfspas, toegangspas, kapot, kwijt, verloren",
                                 "Kom met een legitimatiebewijs naar het Serviceplein voor een tijdelijke pas.")
        cls.answer_pass_desk = answer("Procedure: bedrijfspas blokkeren", "pas blokkeren, kwijt, gestolen, meldkamer",
                                      "Blokkeer de pas in het toegangssysteem; intern nummer 1234.", audience="desk")
        cls.answer_laptop = answer("Hoe kan ik thuiswerken met mijn laptop?", "telewerken, thuiswerken, laptop, vpn",
                                   "Vraag het pakket Telewerken aan.")
        cls.ticket_pass = ServicedeskFixtures.new_ticket(
            cls, cls.portal_a.partner_id, "Pasje kwijt", description="<p>Ik ben mijn bedrijfspas verloren.</p>")
        cls.ticket_room = ServicedeskFixtures.new_ticket(
            cls, cls.portal_a.partner_id, "Vergaderzaal reserveren",
            description="<p>Hoe boek ik een zaal voor tien personen?</p>")

    def test_suggestions_rank_the_right_answer_first(self):
        suggestions = self.ticket_pass.sudo(self.desk_agent).knowledge_suggestion_ids
        self.assertEqual(suggestions[:1], self.answer_pass)
        self.assertIn(self.answer_pass_desk, suggestions, "desk agents see desk-only answers too")
        self.assertNotIn(self.answer_laptop, suggestions)
        self.assertEqual(self.ticket_room.sudo(self.desk_agent).knowledge_suggestion_ids[:1], self.answer_room)
        laptop = self.new_ticket(self.portal_b.partner_id, "Thuiswerken", description="<p>VPN op mijn laptop</p>")
        self.assertEqual(laptop.sudo(self.desk_agent).knowledge_suggestion_ids[:1], self.answer_laptop)

    def test_answer_action_proposes_the_best_customer_answer(self):
        action = self.ticket_pass.sudo(self.desk_agent).action_answer()
        self.assertEqual(action["res_model"], "helpdesk.ticket.answer")
        self.assertEqual(action["context"]["default_knowledge_id"], self.answer_pass.id)

    def test_first_contact_resolution_is_recorded(self):
        wizard = self.env["helpdesk.ticket.answer"].sudo(self.desk_agent).create({
            "ticket_id": self.ticket_pass.id, "knowledge_id": self.answer_pass.id})
        self.assertEqual(wizard.suggestion_ids[:1], self.answer_pass)
        self.assertNotIn(self.answer_pass_desk, wizard.suggestion_ids)
        wizard.action_send()
        ticket = self.ticket_pass
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.stage_id.code, "done")
        self.assertTrue(ticket.is_first_contact_resolution)
        self.assertEqual(ticket.answered_by_knowledge_id, self.answer_pass)
        self.assertEqual(ticket.handling, "answer")
        message = ticket.message_ids.filtered(lambda msg: "tijdelijke pas" in (msg.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(self.portal_a.partner_id, message.partner_ids)
        self.assertIn(self.portal_a.partner_id, ticket.message_partner_ids)
        # management information counts it
        groups = self.Ticket.read_group(
            [("id", "in", (self.ticket_pass | self.ticket_room).ids)],
            ["is_first_contact_resolution"], ["is_first_contact_resolution"])
        counts = {group["is_first_contact_resolution"]: group["is_first_contact_resolution_count"]
                  for group in groups}
        self.assertEqual(counts, {True: 1, False: 1})

    def test_refused_on_a_closed_ticket(self):
        self.ticket_room.sudo(self.desk_agent)._do_answer_with_knowledge(self.answer_room)
        with self.assertRaises(UserError):
            self.ticket_room.sudo(self.desk_agent)._do_answer_with_knowledge(self.answer_room)

    def test_desk_only_answer_never_sent_to_the_customer(self):
        with self.assertRaises(UserError):
            self.ticket_pass.sudo(self.desk_agent)._do_answer_with_knowledge(self.answer_pass_desk)
        self.assertFalse(self.ticket_pass.closed)
        self.assertFalse(self.ticket_pass.is_first_contact_resolution)
        self.assertFalse(self.ticket_pass.message_ids.filtered(lambda msg: "1234" in (msg.body or "")))

    def test_refused_with_open_parts_at_a_back_office(self):
        self.ticket_room._do_intake(self.item_room)
        with self.assertRaises(UserError):
            self.ticket_room.sudo(self.desk_agent)._do_answer_with_knowledge(self.answer_room)
        self.assertFalse(self.ticket_room.is_first_contact_resolution)

    def test_only_the_desk_answers_and_sees_suggestions(self):
        with self.assertRaises(AccessError):
            self.ticket_pass.sudo(self.portal_a)._do_answer_with_knowledge(self.answer_pass)
        self.assertFalse(self.ticket_pass.closed)
        with self.assertRaises(AccessError):
            self.ticket_pass.sudo(self.portal_a).read(["knowledge_suggestion_ids"])
