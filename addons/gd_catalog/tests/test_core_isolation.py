"""Odoo 11 core holes closed in the catalogue module (the lowest one on product, portal and mail)."""
import base64
import importlib.util
import os
import re

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from .common import CatalogCase, CatalogHttpCase


def _administrator(env):
    return env["res.users"].create({"name": "Test Administrator", "login": "t_cat_admin",
                                    "groups_id": [(6, 0, [env.ref("base.group_system").id])]})


class TestDeskInfoUnreachable(CatalogCase):
    """Desk-only content lives in gd.catalog.desk.info, which only the desk group reaches by any method."""

    def test_portal_user_cannot_search_group_or_sort_on_desk_fields(self):
        Product = self.env["product.template"].sudo(self.portal_user)
        for field in ("desk_phone", "desk_procedure"):
            with self.assertRaises(AccessError):
                Product.search([(field, "ilike", "SECRET")])
        with self.assertRaises(AccessError):
            Product.search_read([("desk_phone", "=", "SECRET-PHONE-1234")], ["name"])
        with self.assertRaises(AccessError):
            self.env["gd.backoffice"].sudo(self.portal_user).search([("internal_phone", "=", "SECRET-BO-4711")])

    def test_desk_content_is_no_column_of_items_or_back_offices(self):
        self.assertFalse(self.env["product.template"]._fields["desk_phone"].store)
        self.assertFalse(self.env["product.template"]._fields["desk_procedure"].store)
        self.assertFalse(self.env["gd.backoffice"]._fields["internal_phone"].store)
        # so read_group cannot group on it, whoever asks, and the table says nothing of it
        for user in (self.portal_user, self.employee):
            rows = self.env["product.template"].sudo(user).read_group(
                [("id", "=", self.item_room.id)], ["name"], ["name"])
            self.assertNotIn("SECRET", repr(rows))
        self.env.cr.execute("SELECT * FROM product_template WHERE id = %s", [self.item_room.id])
        self.assertNotIn("SECRET-PHONE", repr(self.env.cr.fetchall()))

    def test_only_the_desk_reaches_the_desk_model(self):
        Info = self.env["gd.catalog.desk.info"]
        for user in (self.portal_user, self.employee):
            with self.assertRaises(AccessError):
                Info.sudo(user).search([])
            with self.assertRaises(AccessError):
                Info.sudo(user).read_group([], ["desk_phone"], ["desk_phone"])
        found = Info.sudo(self.desk_user).search([("desk_phone", "=", "SECRET-PHONE-1234")])
        self.assertEqual(found.product_tmpl_id, self.item_room)
        with self.assertRaises(AccessError):
            found.sudo(self.desk_user).write({"desk_phone": "changed"})

    def test_desk_searches_items_by_desk_fields(self):
        Product = self.env["product.template"].sudo(self.desk_user)
        self.assertEqual(Product.search([("desk_phone", "=", "SECRET-PHONE-1234")]), self.item_room)
        self.assertEqual(Product.search([("desk_procedure", "ilike", "check-the-room")]), self.item_room)
        self.assertNotIn(self.item_room, Product.search([("desk_phone", "=", False)]))
        self.assertIn(self.item_phone, Product.search([("desk_phone", "=", False)]))
        self.assertEqual(self.env["gd.backoffice"].sudo(self.desk_user).search(
            [("internal_phone", "=", "SECRET-BO-4711")]), self.bo_fac)

    def test_manager_changes_and_clears_desk_content(self):
        item = self.item_phone.sudo(self.manager)
        item.write({"desk_phone": "5555"})
        self.assertEqual(item.desk_phone, "5555")
        item.write({"desk_phone": False})
        self.assertFalse(item.desk_phone)
        self.bo_fac.sudo(self.manager).write({"internal_phone": "4712"})
        self.assertEqual(self.bo_fac.sudo(self.desk_user).internal_phone, "4712")

    def test_migration_moves_the_old_columns(self):
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "11.0.1.1.0", "post-migrate.py")
        spec = importlib.util.spec_from_file_location("gd_catalog_migration_11_0_1_1_0", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cr = self.env.cr
        item = self.create_item(self.env, "Test migrated item", self.bo_fac, "basis")
        cr.execute("ALTER TABLE product_template ADD COLUMN desk_phone VARCHAR, ADD COLUMN desk_procedure TEXT")
        cr.execute("ALTER TABLE gd_backoffice ADD COLUMN internal_phone VARCHAR")
        cr.execute("UPDATE product_template SET desk_phone = 'OLD-1', desk_procedure = '<p>old</p>' WHERE id = %s",
                   [item.id])
        cr.execute("UPDATE gd_backoffice SET internal_phone = 'OLD-BO' WHERE id = %s", [self.bo_ict.id])
        migration.migrate(cr, "11.0.1.0.0")
        self.env.cache.invalidate()
        self.assertEqual(item.desk_phone, "OLD-1")
        self.assertEqual(item.desk_procedure, "<p>old</p>")
        self.assertEqual(self.bo_ict.internal_phone, "OLD-BO")
        self.assertEqual(self.item_room.desk_phone, "SECRET-PHONE-1234")  # existing desk content kept
        cr.execute("SELECT count(*) FROM information_schema.columns WHERE table_name = 'product_template' "
                   "AND column_name IN ('desk_phone', 'desk_procedure')")
        self.assertEqual(cr.fetchone()[0], 0)


class TestFieldGroupsHold(CatalogCase):
    """A field with groups= is refused in search, order and read_group too, on any model."""

    def test_restricted_core_field_is_refused_everywhere(self):
        # a core example: product.template.standard_price is for employees only
        field = self.env["product.template"]._fields["standard_price"]
        self.assertTrue(field.groups)
        Product = self.env["product.template"].sudo(self.portal_user)
        with self.assertRaises(AccessError):
            Product.search([("standard_price", ">", 0)])
        with self.assertRaises(AccessError):
            Product.search([], order="standard_price desc")
        with self.assertRaises(AccessError):
            Product.read_group([], ["standard_price"], ["standard_price"])
        self.assertNotIn("standard_price", Product.read_group([], [], ["type"])[0])
        # employees are in the field's group
        self.env["product.template"].sudo(self.employee).search([("standard_price", ">", 0)])


class TestAttachments(CatalogCase):

    def setUp(self):
        super(TestAttachments, self).setUp()
        self.secret = self.env["ir.attachment"].create({
            "name": "secret.txt", "datas_fname": "secret-report.txt",
            "datas": base64.b64encode(b"ZANZIBAR confidential content"),
            "res_model": "res.partner", "res_id": self.manager.partner_id.id})

    def test_read_group_applies_the_document_check(self):
        Attachment = self.env["ir.attachment"].sudo(self.portal_user)
        self.assertNotIn(self.secret, Attachment.search([]))
        rows = Attachment.read_group([], ["index_content"], ["index_content"])
        self.assertNotIn("ZANZIBAR", repr(rows))
        rows = Attachment.read_group([], ["datas_fname"], ["datas_fname"])
        self.assertNotIn("secret-report", repr(rows))
        self.assertEqual(sum(row["datas_fname_count"] for row in rows), len(Attachment.search([])))

    def test_customer_cannot_create_loose_or_public_files(self):
        Attachment = self.env["ir.attachment"].sudo(self.portal_user)
        with self.assertRaises(AccessError):
            Attachment.create({"name": "loose.txt", "datas": base64.b64encode(b"x")})
        with self.assertRaises(AccessError):
            Attachment.create({"name": "public.txt", "datas": base64.b64encode(b"x"), "public": True,
                               "res_model": "res.partner", "res_id": self.portal_user.partner_id.id})
        # employees keep making their own loose files (e.g. images in the editor)
        self.env["ir.attachment"].sudo(self.employee).create({"name": "mine.txt", "datas": base64.b64encode(b"x")})


class TestOutgoingMail(CatalogCase):

    def administrator(self):
        return _administrator(self.env)

    def setUp(self):
        super(TestOutgoingMail, self).setUp()
        self.mail = self.env["mail.mail"].create({
            "subject": "Secret outgoing", "body_html": "<p>secret</p>", "email_to": "someone@example.com"})

    def test_portal_users_neither_read_nor_write_nor_create_mail(self):
        Mail = self.env["mail.mail"].sudo(self.portal_user)
        with self.assertRaises(AccessError):
            Mail.search_read([], ["subject"])
        with self.assertRaises(AccessError):
            self.mail.sudo(self.portal_user).write({"email_cc": "attacker@example.com"})
        with self.assertRaises(AccessError):
            Mail.create({"subject": "spam", "email_to": "victim@example.com"})

    def test_employees_read_only_the_mail_they_queued(self):
        Mail = self.env["mail.mail"].sudo(self.employee)
        self.assertNotIn(self.mail, Mail.search([]))
        with self.assertRaises(AccessError):
            self.mail.sudo(self.employee).read(["subject"])
        own = Mail.create({"subject": "My own mail", "email_to": "colleague@example.com"})
        self.assertIn(own, Mail.search([]))
        self.assertIn(self.mail, self.env["mail.mail"].sudo(self.administrator()).search([]))


class TestFollowers(CatalogCase):

    def test_no_follower_on_a_document_one_may_not_change(self):
        other = self.env["res.partner"].create({"name": "Other organisation", "is_company": True})
        Followers = self.env["mail.followers"]
        for user in (self.portal_user, self.employee):
            with self.assertRaises(AccessError):
                Followers.sudo(user).create({"res_model": "res.partner", "res_id": other.id,
                                             "partner_id": user.partner_id.id})
        with self.assertRaises(AccessError):
            Followers.sudo(self.employee).create({"res_model": "gd.backoffice", "res_id": self.bo_fac.id,
                                                  "partner_id": self.employee.partner_id.id})

    def test_portal_users_read_their_own_follower_entries_only(self):
        self.item_room.message_subscribe(partner_ids=[self.manager.partner_id.id, self.portal_user.partner_id.id])
        found = self.env["mail.followers"].sudo(self.portal_user).search([])
        self.assertTrue(found)
        self.assertEqual(found.mapped("partner_id"), self.portal_user.partner_id)

    def test_follow_button_still_works_for_a_readable_document(self):
        self.item_room.sudo(self.employee).message_subscribe_users()
        self.assertIn(self.employee.partner_id, self.item_room.message_partner_ids)


class TestLoginLog(CatalogCase):

    def administrator(self):
        return _administrator(self.env)

    def test_users_read_their_own_logins_only(self):
        Log = self.env["res.users.log"]
        mine = Log.sudo(self.employee).create({})
        theirs = Log.sudo(self.manager).create({})
        self.assertEqual(Log.sudo(self.employee).search([("id", "in", (mine | theirs).ids)]), mine)
        self.assertEqual(Log.sudo(self.portal_user).search([("id", "in", (mine | theirs).ids)]), Log)
        self.assertEqual(Log.sudo(self.administrator()).search([("id", "in", (mine | theirs).ids)]), mine | theirs)


@at_install(False)
@post_install(True)
class TestAccountForm(CatalogHttpCase):

    def csrf(self):
        text = self.url_open("/my/account", timeout=60).text
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def post_account(self, **values):
        data = {"name": "Test Employee", "phone": "070 555 0000", "email": "t_cat_portal@example.com",
                "street": "Plein 1", "city": "Den Haag", "zipcode": "2511 AA", "csrf_token": self.csrf()}
        data.update(values)
        return self.url_open("/my/account", data=data, timeout=60)

    def test_invalid_country_shows_the_form_with_a_message(self):
        self.login(self.portal_user)
        for value in ("abc", "1.5", str(2 ** 40), "999999"):
            response = self.post_account(country_id=value)
            self.assertEqual(response.status_code, 200, value)
            self.assertIn("Please choose the country and state from the lists.", response.text)
        response = self.post_account(country_id=str(self.env.ref("base.nl").id), state_id="x")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please choose the country and state from the lists.", response.text)

    def test_valid_country_is_saved(self):
        self.login(self.portal_user)
        response = self.post_account(country_id=str(self.env.ref("base.nl").id))
        self.assertEqual(response.status_code, 200)
        self.env.cache.invalidate()
        self.assertEqual(self.portal_user.partner_id.country_id, self.env.ref("base.nl"))
