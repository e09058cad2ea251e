from odoo.exceptions import AccessError, ValidationError

from .common import ServiceCase


class TestServicePageContent(ServiceCase):

    def test_news_publication_window_newest_first(self):
        News = self.env["gd.catalog.news"]
        current = News.search(News._get_current_domain())
        self.assertIn(self.news_old, current)
        self.assertIn(self.news_new, current)  # expires today: still shown today
        for hidden in (self.news_expired, self.news_future, self.news_draft):
            self.assertNotIn(hidden, current)
        ids = current.ids
        self.assertLess(ids.index(self.news_new.id), ids.index(self.news_old.id), "newest first")
        self.assertTrue(self.news_new.is_current)
        self.assertFalse(self.news_expired.is_current)
        self.assertFalse(self.news_future.is_current)
        self.assertEqual(News.search([("id", "in", ids), ("is_current", "=", True)]), current)
        not_current = News.search([("is_current", "=", False), ("name", "like", "Test news")])
        self.assertEqual(set(not_current.ids),
                         {self.news_expired.id, self.news_future.id, self.news_draft.id})

    def test_spotlight_validity_window(self):
        Spotlight = self.env["gd.catalog.spotlight"]
        current = Spotlight.search(Spotlight._get_current_domain())
        self.assertIn(self.spot_current, current)
        self.assertIn(self.spot_open_ended, current)
        self.assertNotIn(self.spot_expired, current)
        self.assertNotIn(self.spot_future, current)
        self.assertEqual(Spotlight.search([("is_current", "=", False), ("name", "like", "Test spotlight")]),
                         self.spot_expired | self.spot_future)
        self.spot_future.date_start = self.today
        self.assertTrue(self.spot_future.is_current)
        self.assertEqual(self.spot_open_ended.target_url, "/catalog/product/%d" % self.item_room.id)

    def test_end_before_start_refused(self):
        with self.assertRaises(ValidationError):
            self.news_old.write({"date_expire": self.day(-6)})
        with self.assertRaises(ValidationError):
            self.env["gd.catalog.spotlight"].create({
                "name": "Test wrong dates", "date_start": self.day(2), "date_end": self.day(1)})

    def test_quick_link_needs_a_valid_target(self):
        QuickLink = self.env["gd.catalog.quick.link"]
        self.assertEqual(self.link_item.target_url, "/catalog/product/%d" % self.item_phone.id)
        self.assertEqual(self.link_rooms.target_url, "https://intranet.example.nl/test-rooms")
        with self.assertRaises(ValidationError):
            QuickLink.create({"name": "Test no target"})
        with self.assertRaises(ValidationError):
            QuickLink.create({"name": "Test script link", "url": "javascript:alert(1)"})
        with self.assertRaises(ValidationError):
            self.env["gd.catalog.spotlight"].create({"name": "Test bad spotlight link", "url": "ftp://x"})

    def test_contact_links(self):
        self.assertEqual(self.contact_desk._get_href(), "tel:0701234599")
        self.assertEqual(self.contact_mail._get_href(), "mailto:test-desk@example.nl")
        self.assertFalse(self.contact_hours._get_href())
        with self.assertRaises(ValidationError):
            self.contact_mail.value = "no address"


class TestKnowledgeSearch(ServiceCase):

    def search(self, text, audience="customer", user=None):
        Knowledge = self.env["gd.catalog.knowledge"]
        if user:
            Knowledge = Knowledge.sudo(user)
        return Knowledge._search_answers(text, audience, 5)

    def test_realistic_questions_rank_the_right_answer_first(self):
        cases = [
            ("Hoe reserveer ik een zaal?", self.answer_room),
            ("Mijn pas is kapot", self.answer_pass),
            ("laptop thuiswerken", self.answer_telework),
            ("Ik wil visitekaartjes bestellen", self.answer_cards),
            ("Kan ik vanuit huis telewerken?", self.answer_telework),
        ]
        for question, expected in cases:
            found = self.search(question)
            self.assertTrue(found, question)
            self.assertEqual(found[0], expected, "%s: got %s" % (question, found.mapped("name")))

    def test_partial_matches_count_but_rank_lower(self):
        # "zaal" is also in the answer about business cards, but only in its text: it ranks below
        found = self.search("Hoe reserveer ik een zaal?")
        self.assertIn(self.answer_cards, found)
        self.assertEqual(found[0], self.answer_room)

    def test_nothing_to_search(self):
        for text in ("", "   ", "hoe ik een", "qwertyzzz"):
            self.assertFalse(self.search(text), text)
        self.assertFalse(self.search("zaal fax") & self.answer_archived)

    def test_audience(self):
        customer = self.search("Mijn pas is kapot", "customer", self.desk_user)
        self.assertNotIn(self.answer_desk, customer)
        desk = self.search("Mijn pas is kapot", "desk", self.desk_user)
        self.assertEqual(desk, self.answer_desk)
        everything = self.search("Mijn pas is kapot", None, self.desk_user)
        self.assertEqual(set(everything.ids), {self.answer_pass.id, self.answer_desk.id})

    def test_desk_only_answers_never_reach_portal_users_or_plain_employees(self):
        for user in (self.portal_user, self.employee):
            found = self.search("Mijn pas is kapot", None, user)
            self.assertEqual(found, self.answer_pass, user.login)
            self.assertFalse(self.search("beveiliging vervangende pas", "desk", user), user.login)
            rows = self.env["gd.catalog.knowledge"].sudo(user).search_read([], ["name", "answer"])
            self.assertNotIn(self.answer_desk.id, [row["id"] for row in rows])
            self.assertNotIn("SECRET-DESK-ANSWER", str(rows))
            with self.assertRaises(AccessError):
                self.answer_desk.sudo(user).read(["answer"])
        rows = self.env["gd.catalog.knowledge"].sudo(self.desk_user).search_read([], ["name"])
        self.assertIn(self.answer_desk.id, [row["id"] for row in rows])

    def test_portal_users_read_published_content_and_write_nothing(self):
        portal = self.portal_user
        links = self.env["gd.catalog.quick.link"].sudo(portal).search_read([], ["name"])
        self.assertIn(self.link_rooms.id, [row["id"] for row in links])
        self.assertNotIn(self.link_draft.id, [row["id"] for row in links])
        news = self.env["gd.catalog.news"].sudo(portal).search([])
        self.assertNotIn(self.news_draft, news)
        self.assertIn(self.news_old, news)
        for record, values in ((self.link_rooms, {"name": "x"}), (self.news_old, {"name": "x"}),
                               (self.spot_current, {"name": "x"}), (self.contact_desk, {"value": "x"}),
                               (self.answer_room, {"name": "x"})):
            with self.assertRaises(AccessError):
                record.sudo(portal).write(values)
        with self.assertRaises(AccessError):
            self.env["gd.catalog.knowledge"].sudo(self.desk_user).create({"name": "x", "answer": "<p>x</p>"})
        answer = self.env["gd.catalog.knowledge"].sudo(self.manager).create({
            "name": "Test by the manager", "answer": "<p>ok</p>", "audience": "desk"})
        self.assertEqual(answer.audience, "desk")

    def test_related_items_shown_to_customers_are_published(self):
        self.assertEqual(self.answer_telework._get_published_items(), self.item_phone)
        self.assertEqual(self.news_new.sudo(self.portal_user)._get_published_item(), self.item_room)
        self.assertFalse(self.news_old.sudo(self.portal_user)._get_published_item())
