import re

import odoo
from odoo.tests.common import at_install, post_install

from .common import ServiceHttpCase


@at_install(False)
@post_install(True)
class TestServicePortal(ServiceHttpCase):

    def test_service_page_for_a_portal_user(self):
        self.login(self.portal_user)
        status, html = self.get("/service")
        self.assertEqual(status, 200)
        # quick links from records, the draft one left out
        self.assertIn("Test link room booking", html)
        self.assertIn("https://intranet.example.nl/test-rooms", html)
        self.assertIn('href="/catalog/product/%d"' % self.item_phone.id, html)
        self.assertNotIn("Test link not published", html)
        # spotlights and news inside their windows only, newest news first
        self.assertIn("Test spotlight current", html)
        self.assertIn("Test spotlight text", html)
        self.assertIn("Test spotlight open-ended", html)
        for hidden in ("Test spotlight expired", "Test spotlight future", "Test news expired", "Test news future",
                       "Test news draft"):
            self.assertNotIn(hidden, html)
        self.assertLess(html.index("Test news newer"), html.index("Test news older"))
        self.assertIn("Newer news body", html)
        # a news item about an unpublished item shows no link to it (and no error)
        self.assertRegex(html, r'fa-arrow-right"\s*/?>(</i>)?\s*Test room booking')
        self.assertNotIn("Test unpublished secret item", html)
        self.assertNotIn("/catalog/product/%d" % self.item_hidden.id, html)
        # contact lines from records, the archived one left out
        self.assertIn("Test central desk", html)
        self.assertIn('href="tel:0701234599"', html)
        self.assertIn('href="mailto:test-desk@example.nl"', html)
        self.assertIn("ma-vr 07:30-18:00", html)
        self.assertIn("Test note on the hours", html)
        self.assertNotIn("070 000 00 00", html)
        # the catalogue entry, the knowledge search and the hook for the employee's own cases
        self.assertIn('action="/catalog"', html)
        self.assertIn("/catalog/topic/%d" % self.topic_work.id, html)
        self.assertIn("/catalog/event/%d" % self.event_move.id, html)
        self.assertIn('action="/service/knowledge"', html)
        self.assertIn('id="gd_service_my_cases"', html)
        self.assertNotIn("SECRET", html)

    def test_service_page_for_an_employee(self):
        self.login(self.employee)
        status, html = self.get("/service")
        self.assertEqual(status, 200)
        self.assertIn("Test link room booking", html)
        self.assertIn("Test news newer", html)
        self.assertIn("Test central desk", html)
        self.assertNotIn("Test link not published", html)

    def test_portal_home_links_the_service_page(self):
        self.login(self.portal_user)
        status, html = self.get("/my/home")
        self.assertEqual(status, 200)
        self.assertIn('href="/service"', html)

    def test_knowledge_results_for_customers_only(self):
        for user in (self.portal_user, self.desk_user):
            self.login(user)
            status, html = self.get("/service/knowledge?q=Mijn+pas+is+kapot")
            self.assertEqual(status, 200)
            self.assertIn("Mijn bedrijfspas is kapot of kwijt, wat nu?", html)
            self.assertNotIn("Procedure vervangende pas", html)
            self.assertNotIn("SECRET-DESK-ANSWER", html)
        self.login(self.portal_user)
        status, html = self.get("/service/knowledge?q=laptop+thuiswerken")
        self.assertEqual(status, 200)
        self.assertIn("Hoe kan ik thuiswerken met mijn laptop?", html)
        self.assertIn('href="/catalog/product/%d"' % self.item_phone.id, html)
        self.assertNotIn("Test unpublished secret item", html)
        status, html = self.get("/service/knowledge?q=qwertyzzz")
        self.assertEqual(status, 200)
        self.assertIn("o_gd_service_knowledge_empty", html)
        status, html = self.get("/service/knowledge?q=" + "zaal+" * 200)
        self.assertEqual(status, 200)
        status, html = self.get("/service/knowledge")
        self.assertEqual(status, 200)
        self.assertNotIn("o_gd_service_answer", html)

    def test_anonymous_visitors_are_sent_to_login(self):
        response = self.url_open("/service", timeout=60)
        self.assertIn("/web/login", response.url)


@at_install(False)
@post_install(True)
class TestServicePageCost(ServiceHttpCase):

    def statements(self, url):
        """The SQL statements of one GET of ``url`` (the requests run in this process)."""
        seen, execute = [], odoo.sql_db.Cursor.execute

        def counting(cursor, query, params=None, log_exceptions=None):
            seen.append(query if isinstance(query, str) else query.decode())
            return execute(cursor, query, params, log_exceptions)
        odoo.sql_db.Cursor.execute = counting
        try:
            status, _html = self.get(url)
        finally:
            odoo.sql_db.Cursor.execute = execute
        self.assertEqual(status, 200)
        return seen

    def test_pages_do_not_look_up_the_languages_each_time(self):
        """The languages on offer and the default language are known once, not searched on every page."""
        self.login(self.portal_user)
        # The first page of a new database makes the stylesheet bundles, and saving them clears every cache
        # (Odoo's assets); the pages after it fill the caches again.
        for url in ("/service", "/catalog", "/service"):
            self.get(url)
        for url in ("/service", "/catalog"):
            lookups = [query for query in self.statements(url)
                       if '"ir_default"' in query or re.search(r'SELECT "res_lang".id FROM', query)]
            self.assertEqual(lookups, [], url)

    def test_a_new_default_language_reaches_the_pages(self):
        Lang = self.env["res.lang"]
        Lang.load_lang("nl_NL")
        nl = Lang._lang_get("nl_NL")
        self.assertIn(nl.id, Lang._get_frontend_lang_ids()[0])
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        self.assertNotEqual(Lang._get_frontend_lang_ids()[1], nl.id)
        self.env["ir.default"].set("res.partner", "lang", "nl_NL")
        self.assertEqual(Lang._get_frontend_lang_ids()[1], nl.id)
        self.env["ir.default"].set("res.partner", "lang", "en_US")
        self.assertEqual(Lang._get_frontend_lang_ids()[1], Lang._lang_get("en_US").id)
