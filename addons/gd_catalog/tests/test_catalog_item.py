from odoo.exceptions import ValidationError

from .common import CatalogCase


class TestCatalogItem(CatalogCase):

    def test_catalog_items_and_patterns_are_services(self):
        self.assertEqual(self.item_room.type, "service")
        pattern = self.env["product.template"].create({"name": "Pattern", "is_pattern": True})
        self.assertTrue(pattern.is_catalog_item)
        self.assertEqual(pattern.type, "service")
        with self.assertRaises(ValidationError):
            self.env["product.template"].create({"name": "Goods", "is_catalog_item": True, "type": "consu"})
        goods = self.env["product.template"].create({"name": "Goods", "type": "consu"})
        self.assertFalse(goods.is_catalog_item)

    def test_onchange_makes_a_pattern_a_catalogue_service(self):
        item = self.env["product.template"].new({"name": "New", "type": "consu", "is_pattern": True})
        item._onchange_is_catalog_item()
        self.assertTrue(item.is_catalog_item)
        self.assertEqual(item.type, "service")

    def test_lead_time_cannot_be_negative(self):
        with self.assertRaises(ValidationError):
            self.item_room.lead_time = -1

    def test_request_url_must_be_a_web_link(self):
        with self.assertRaises(ValidationError):
            self.item_room.request_url = "javascript:alert(1)"
        self.item_room.request_url = "/intranet/rooms"
        self.assertEqual(self.item_room.request_url, "/intranet/rooms")

    def test_portal_request_url_is_left_to_the_service_desk(self):
        self.assertIs(self.item_room._get_portal_request_url(), False)

    def test_changes_are_tracked(self):
        item = self.item_phone.with_context(tracking_disable=False, mail_notrack=False)
        before = len(item.message_ids)
        item.write({"financing_class": "custom", "is_published": False})
        self.assertGreater(len(item.message_ids), before)
        self.assertTrue(item.message_ids[0].tracking_value_ids)

    def test_backoffice_defaults_and_counts(self):
        company = self.env.user.company_id
        self.assertEqual(self.bo_fac.company_id, company)
        self.assertEqual(self.bo_fac.resource_calendar_id, company.resource_calendar_id)
        self.assertEqual(self.bo_ict.item_count, 2)
        self.assertEqual(self.bo_fac.display_name, "Test Facilities (TFAZ)")
        self.assertEqual(self.topic_travel.item_count, 2)
        self.assertEqual(self.event_move.item_count, 2)

    def test_count_per_relation_applies_domain_and_rules(self):
        Product = self.env["product.template"]
        counts = Product._count_per_relation([("is_published", "=", True)], "topic_ids")
        self.assertEqual(counts.get(self.topic_travel.id), 1)
        self.assertEqual(counts.get(self.topic_work.id), 1)
        portal_counts = Product.sudo(self.portal_user)._count_per_relation([], "event_ids")
        self.assertEqual(portal_counts.get(self.event_move.id), 1)

    def test_group_by_topic_and_event(self):
        Product = self.env["product.template"]
        domain = [("backoffice_id", "in", (self.bo_fac | self.bo_ict).ids)]
        groups = Product.read_group(domain, ["topic_ids"], ["topic_ids"])
        counts = {group["topic_ids"] and group["topic_ids"][0]: group["topic_ids_count"] for group in groups}
        self.assertEqual(counts, {self.topic_travel.id: 2, self.topic_work.id: 1})
        travel = [group for group in groups if group["topic_ids"][0] == self.topic_travel.id][0]
        self.assertEqual(Product.search(travel["__domain"]), self.item_phone | self.item_hidden)
        # non-lazy (pivot): combined with another group-by
        rows = Product.read_group(domain, ["event_ids", "financing_class"], ["financing_class", "event_ids"],
                                  lazy=False)
        cells = {(row["event_ids"] and row["event_ids"][0], row["financing_class"]): row["__count"] for row in rows}
        self.assertEqual(cells, {(self.event_move.id, "basis"): 1, (self.event_move.id, "custom"): 1,
                                 (self.event_calamity.id, "plus"): 1})
        # items without a topic form their own group; other group-bys are left to Odoo
        self.item_room.topic_ids = False
        groups = Product.read_group(domain, ["topic_ids"], ["topic_ids"])
        self.assertIn(False, [group["topic_ids"] for group in groups])
        by_owner = Product.read_group(domain, ["backoffice_id"], ["backoffice_id"])
        self.assertEqual(len(by_owner), 2)

    def test_portal_catalog_domain(self):
        Product = self.env["product.template"]
        scope = [("backoffice_id", "in", (self.bo_fac | self.bo_ict).ids)]

        def find(**kwargs):
            return Product.search(Product._get_portal_catalog_domain(**kwargs) + scope)

        self.assertEqual(find(), self.item_room | self.item_phone)
        self.assertEqual(find(search="zanzibar"), self.item_room)  # product sheet text, not the unpublished one
        self.assertEqual(find(search="travel topic"), self.item_phone)  # topic name
        self.assertEqual(find(search="pocket"), self.item_phone)
        self.assertEqual(find(financing_class="plus"), self.item_phone)
        self.assertEqual(find(financing_class="no-such-class"), self.item_room | self.item_phone)
        self.assertEqual(find(topic=self.topic_work), self.item_room)
        self.assertEqual(find(event=self.event_calamity), self.item_phone)

    def test_contact_flags(self):
        self.assertTrue(self.client_contact.is_mandated)
        self.assertEqual(self.client.client_kind, "internal")
        labels = dict(self.env["res.partner"]._selection_client_kind())
        self.assertEqual(set(labels), {"internal", "third_party"})
