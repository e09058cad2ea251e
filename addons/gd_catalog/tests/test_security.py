from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import CatalogCase


class TestGroups(CatalogCase):

    def test_manager_implies_user_and_desk(self):
        manager = self.env.ref("gd_catalog.group_manager")
        self.assertIn(self.env.ref("gd_catalog.group_user"), manager.trans_implied_ids)
        self.assertIn(self.env.ref("gd_catalog.group_desk"), manager.trans_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), self.env.ref("gd_catalog.group_user").trans_implied_ids)

    def test_desk_group_is_for_employees_only(self):
        # implying base.group_user keeps portal users out of it
        self.assertIn(self.env.ref("base.group_user"), self.env.ref("gd_catalog.group_desk").trans_implied_ids)


class TestDeskOnlyFields(CatalogCase):

    def test_portal_user_cannot_read_desk_fields(self):
        item = self.item_room.sudo(self.portal_user)
        self.assertEqual(item.name, "Test room booking")
        for field in ("desk_procedure", "desk_phone"):
            with self.assertRaises(AccessError):
                item.read([field])
        self.assertNotIn("desk_procedure", item.fields_get())
        self.assertNotIn("desk_phone", item.fields_get())
        self.assertIn("zanzibar", item.read(["name", "product_sheet"])[0]["product_sheet"])
        backoffice = self.bo_fac.sudo(self.portal_user)
        self.assertEqual(backoffice.name, "Test Facilities")
        with self.assertRaises(AccessError):
            backoffice.read(["internal_phone"])

    def test_employee_without_desk_group_cannot_read_desk_fields(self):
        with self.assertRaises(AccessError):
            self.item_room.sudo(self.employee).read(["desk_phone"])
        self.assertNotIn("desk_phone", self.item_room.sudo(self.employee).fields_get())

    def test_desk_user_reads_desk_fields(self):
        item = self.item_room.sudo(self.desk_user)
        self.assertEqual(item.desk_phone, "SECRET-PHONE-1234")
        self.assertIn("SECRET-PROCEDURE", item.desk_procedure)
        self.assertEqual(self.bo_fac.sudo(self.desk_user).internal_phone, "SECRET-BO-4711")


class TestCatalogAccess(CatalogCase):

    def test_portal_user_sees_published_items_only(self):
        Product = self.env["product.template"].sudo(self.portal_user)
        found = Product.search([("is_catalog_item", "=", True), ("backoffice_id", "in", self.bo_ict.ids)])
        self.assertEqual(found, self.item_phone)
        with self.assertRaises(AccessError):
            self.item_hidden.sudo(self.portal_user).read(["name"])

    def test_internal_user_sees_unpublished_items(self):
        self.assertEqual(self.item_hidden.sudo(self.employee).name, "Test unpublished secret item")

    def test_portal_user_cannot_change_the_catalogue(self):
        with self.assertRaises(AccessError):
            self.item_room.sudo(self.portal_user).write({"name": "Hacked"})
        with self.assertRaises(AccessError):
            self.env["gd.catalog.topic"].sudo(self.portal_user).create({"name": "Hacked"})
        with self.assertRaises(AccessError):
            self.bo_fac.sudo(self.portal_user).write({"phone": "0"})

    def test_employee_cannot_change_the_catalogue(self):
        with self.assertRaises(AccessError):
            self.item_room.sudo(self.employee).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["gd.backoffice"].sudo(self.employee).create({"name": "New", "code": "NEW"})

    def test_manager_maintains_the_catalogue(self):
        Product = self.env["product.template"].sudo(self.manager)
        item = Product.create({"name": "Manager item", "is_catalog_item": True, "backoffice_id": self.bo_fac.id,
                               "desk_phone": "1234"})
        self.assertEqual(item.type, "service")
        item.write({"is_published": True})
        self.env["gd.catalog.topic"].sudo(self.manager).create({"name": "Manager topic"})
        item.unlink()

    def test_portal_user_reads_questions_of_published_patterns_only(self):
        published = self.create_pattern(self.env, "Visible pattern", self.bo_desk,
                                        questions=[("Visible?", True, ["Yes"])], blocks=[(self.item_room, [])])
        hidden = self.create_pattern(self.env, "Hidden pattern", self.bo_desk,
                                     questions=[("Hidden?", True, ["Yes"])], blocks=[(self.item_room, [])])
        hidden.is_published = False
        Question = self.env["gd.catalog.pattern.question"].sudo(self.portal_user)
        found = Question.search([("pattern_id", "in", (published | hidden).ids)])
        self.assertEqual(found.mapped("name"), ["Visible?"])
        Component = self.env["gd.catalog.pattern.component"].sudo(self.portal_user)
        self.assertEqual(Component.search([("pattern_id", "in", (published | hidden).ids)]).mapped("pattern_id"),
                         published)

    def test_backoffice_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["gd.backoffice"].create({"name": "Duplicate", "code": "TFAZ"})
        other_company = self.env["res.company"].create({"name": "Other GD"})
        copy = self.env["gd.backoffice"].create({"name": "Same code elsewhere", "code": "TFAZ",
                                                  "company_id": other_company.id})
        self.assertEqual(copy.code, "TFAZ")

    def test_backoffice_multi_company_rule(self):
        other_company = self.env["res.company"].create({"name": "Other GD 2"})
        foreign = self.env["gd.backoffice"].create({"name": "Foreign", "code": "FOR", "company_id": other_company.id})
        visible = self.env["gd.backoffice"].sudo(self.employee).search([("code", "in", ["FOR", "TFAZ"])])
        self.assertEqual(visible, self.bo_fac)
        self.assertTrue(foreign.exists())
