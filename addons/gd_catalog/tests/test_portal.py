from odoo.tests.common import at_install, post_install

from .common import CatalogHttpCase

SECRETS = ("SECRET-PROCEDURE", "SECRET-PHONE", "SECRET-BO-4711")


@at_install(False)
@post_install(True)
class TestPortalCatalog(CatalogHttpCase):

    def assertNoSecrets(self, html):
        for secret in SECRETS:
            self.assertNotIn(secret, html)
        self.assertNotIn("Test unpublished secret item", html)

    def test_overview_lists_published_items_topics_and_events(self):
        self.login(self.portal_user)
        status, html = self.get("/catalog?search=Test")
        self.assertEqual(status, 200)
        self.assertIn("Test room booking", html)
        self.assertIn("Test pocket computer", html)
        self.assertIn("/catalog/topic/%d" % self.topic_travel.id, html)
        self.assertIn("/catalog/event/%d" % self.event_move.id, html)
        self.assertNoSecrets(html)

    def test_search_by_sheet_text_topic_and_financing(self):
        self.login(self.portal_user)
        status, html = self.get("/catalog?search=zanzibar")
        self.assertEqual(status, 200)
        self.assertIn("Test room booking", html)
        self.assertNotIn("Test pocket computer", html)
        self.assertNoSecrets(html)
        status, html = self.get("/catalog?search=Test+travel+topic")
        self.assertIn("Test pocket computer", html)
        self.assertNotIn("Test room booking", html)
        status, html = self.get("/catalog?search=Test&financing=plus")
        self.assertIn("Test pocket computer", html)
        self.assertNotIn("Test room booking", html)
        # an edited URL is no error: an unknown financing class is ignored
        status, html = self.get("/catalog?search=Test&financing=%27;drop")
        self.assertEqual(status, 200)
        self.assertIn("Test room booking", html)
        status, html = self.get("/catalog?search=nothing-matches-this-xyz")
        self.assertEqual(status, 200)
        self.assertIn("o_gd_catalog_empty", html)

    def test_topic_and_event_pages(self):
        self.login(self.portal_user)
        status, html = self.get("/catalog/topic/%d" % self.topic_travel.id)
        self.assertEqual(status, 200)
        self.assertIn("Test pocket computer", html)
        self.assertNotIn("Test room booking", html)
        self.assertNoSecrets(html)
        status, html = self.get("/catalog/event/%d" % self.event_move.id)
        self.assertEqual(status, 200)
        self.assertIn("Test room booking", html)
        self.assertNotIn("Test pocket computer", html)
        self.assertNoSecrets(html)
        for url in ("/catalog/topic/999999999", "/catalog/event/999999999", "/catalog/topic/99999999999",
                    "/catalog/topic/abc"):
            self.assertEqual(self.get(url)[0], 404, url)

    def test_product_page(self):
        self.login(self.portal_user)
        status, html = self.get("/catalog/product/%d" % self.item_room.id)
        self.assertEqual(status, 200)
        self.assertIn("zanzibar booking tool", html)
        self.assertIn("A room for up to 40 people.", html)
        self.assertIn("Test Facilities", html)
        self.assertIn("https://intranet.example.com/rooms", html)
        self.assertIn("mailto:rooms@example.com", html)
        self.assertIn("070 555 0101", html)
        self.assertNotIn("o_gd_catalog_request_button", html)  # no request form here: the service desk adds one
        self.assertNotIn("o_gd_catalog_price", html)  # basis: no price
        self.assertNoSecrets(html)
        status, html = self.get("/catalog/product/%d" % self.item_phone.id)
        self.assertIn("o_gd_catalog_price", html)
        self.assertRegex(html, "45[.,]50")

    def test_pattern_page_lists_published_blocks(self):
        pattern = self.create_pattern(self.env, "Test moving pattern", self.bo_desk,
                                      questions=[("Where?", True, ["Here", "There"])],
                                      blocks=[(self.item_room, []), (self.item_hidden, ["There"])])
        self.cr.commit()  # TestCursor: moves its savepoint only
        self.login(self.portal_user)
        status, html = self.get("/catalog/product/%d" % pattern.id)
        self.assertEqual(status, 200)
        self.assertIn("o_gd_catalog_blocks", html)
        self.assertIn("Test room booking", html)
        self.assertNoSecrets(html)

    def test_unpublished_and_unknown_items_are_not_found(self):
        self.login(self.portal_user)
        for url in ("/catalog/product/%d" % self.item_hidden.id, "/catalog/product/999999999",
                    "/catalog/product/99999999999"):
            status, html = self.get(url)
            self.assertEqual(status, 404, url)
            self.assertNotIn("Traceback", html)
        # also not for employees: the portal shows what customers see
        self.login(self.desk_user)
        self.assertEqual(self.get("/catalog/product/%d" % self.item_hidden.id)[0], 404)

    def test_desk_user_sees_no_desk_text_on_the_portal(self):
        self.login(self.desk_user)
        status, html = self.get("/catalog/product/%d" % self.item_room.id)
        self.assertEqual(status, 200)
        self.assertIn("zanzibar booking tool", html)
        self.assertNoSecrets(html)

    def test_anonymous_visitor_must_log_in(self):
        response = self.url_open("/catalog", timeout=60)
        self.assertIn("/web/login", response.url)

    def test_portal_home_links_to_catalog(self):
        self.login(self.portal_user)
        status, html = self.get("/my/home")
        self.assertEqual(status, 200)
        self.assertIn('href="/catalog"', html)

    def test_employee_browses_the_portal_catalog(self):
        self.login(self.employee)
        status, html = self.get("/catalog?search=Test")
        self.assertEqual(status, 200)
        self.assertIn("Test room booking", html)
        self.assertNoSecrets(html)

    def test_paging_and_query_count_do_not_grow_with_items(self):
        topic = self.env["gd.catalog.topic"].create({"name": "Test bulk topic"})
        other_topic = self.env["gd.catalog.topic"].create({"name": "Test bulk topic 2"})

        def make(count, prefix):
            for index in range(count):
                self.create_item(self.env, "%s %03d" % (prefix, index),
                                 self.bo_fac if index % 2 else self.bo_ict, "plus",
                                 {"topic_ids": [(6, 0, [topic.id if prefix == "Bulk" else other_topic.id])],
                                  "list_price": index})
            self.cr.commit()  # TestCursor: moves its savepoint only

        make(3, "Small")
        make(30, "Bulk")
        self.login(self.portal_user)

        small_url, bulk_url = "/catalog/topic/%d" % other_topic.id, "/catalog/topic/%d" % topic.id
        for url in (small_url, bulk_url, small_url):
            self.get(url)  # warm the caches (views, translations, rules) first

        def queries(url):
            before = self.cr.sql_log_count
            status, html = self.get(url)
            self.assertEqual(status, 200)
            return self.cr.sql_log_count - before, html

        small, html = queries(small_url)
        self.assertIn("Small 002", html)
        bulk, html = queries(bulk_url)
        self.assertIn("Bulk 000", html)
        self.assertNotIn("Bulk 029", html)  # 24 per page
        self.assertEqual(bulk, small)
        status, html = self.get("/catalog/topic/%d/page/2" % topic.id)
        self.assertIn("Bulk 029", html)
        self.assertNotIn("Bulk 000", html)
