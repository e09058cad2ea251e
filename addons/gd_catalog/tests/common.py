"""Fixtures of the catalogue tests: own users, organisations, back offices, topics, events and items.

``CatalogFixtures.create_fixtures(holder, env)`` sets them as attributes on ``holder``. A SavepointCase
calls it once in ``setUpClass``; ``CatalogHttpCase`` calls it in ``setUp`` on the registry's test cursor,
the one cursor the in-process HTTP server uses for its requests.
"""
import odoo
from odoo import api
from odoo.tests.common import HttpCase, SavepointCase

PASSWORD_SUFFIX = "-pw"


class CatalogFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True, no_reset_password=True))
        holder.env = env
        ref = env.ref

        def user(login, name, groups, **extra):
            values = {"name": name, "login": login, "password": login + PASSWORD_SUFFIX,
                      "email": login + "@example.com", "groups_id": [(6, 0, [ref(g).id for g in groups])]}
            values.update(extra)
            return env["res.users"].create(values)

        holder.client = env["res.partner"].create({
            "name": "Test Directorate", "is_company": True, "client_kind": "internal"})
        holder.client_contact = env["res.partner"].create({
            "name": "Test Employee", "parent_id": holder.client.id, "is_mandated": True})
        holder.manager = user("t_cat_manager", "Catalogue Manager", ["base.group_user", "gd_catalog.group_manager"])
        holder.desk_user = user("t_cat_desk", "Desk Agent", ["base.group_user", "gd_catalog.group_desk"])
        holder.employee = user("t_cat_employee", "Plain Employee", ["base.group_user"])
        holder.portal_user = user("t_cat_portal", "Test Employee", ["base.group_portal"],
                                  partner_id=holder.client_contact.id)

        Backoffice = env["gd.backoffice"]
        holder.bo_desk = Backoffice.create({"name": "Test Desk", "code": "TSD", "is_service_desk": True})
        holder.bo_fac = Backoffice.create({
            "name": "Test Facilities", "code": "TFAZ", "phone": "070 555 0100", "email": "fac@example.com",
            "internal_phone": "SECRET-BO-4711", "manager_id": holder.manager.id,
            "member_ids": [(6, 0, [holder.manager.id])]})
        holder.bo_ict = Backoffice.create({"name": "Test ICT", "code": "TICT"})

        holder.topic_travel = env["gd.catalog.topic"].create({"name": "Test travel topic"})
        holder.topic_work = env["gd.catalog.topic"].create({"name": "Test workplace topic"})
        holder.event_move = env["gd.catalog.event"].create({"name": "Test moving event"})
        holder.event_calamity = env["gd.catalog.event"].create({"name": "Test calamity event"})

        holder.item_room = holder.create_item(env, "Test room booking", holder.bo_fac, "basis", {
            "product_sheet": "<p>Book a meeting room with the zanzibar booking tool.</p>",
            "lead_time": 1, "lead_time_unit": "days",
            "condition_content": "A room for up to 40 people.",
            "condition_process": "Booked within one working day.",
            "request_url": "https://intranet.example.com/rooms",
            "request_email": "rooms@example.com", "request_phone": "070 555 0101",
            "request_at_desk": True,
            "topic_ids": [(6, 0, [holder.topic_work.id])],
            "event_ids": [(6, 0, [holder.event_move.id])],
            "desk_procedure": "<p>SECRET-PROCEDURE-check-the-room-book</p>",
            "desk_phone": "SECRET-PHONE-1234",
        })
        holder.item_phone = holder.create_item(env, "Test pocket computer", holder.bo_ict, "plus", {
            "list_price": 45.5, "needs_mandate": True,
            "condition_financial": "Charged per month.",
            "topic_ids": [(6, 0, [holder.topic_travel.id])],
            "event_ids": [(6, 0, [holder.event_calamity.id])],
        })
        holder.item_hidden = holder.create_item(env, "Test unpublished secret item", holder.bo_ict, "custom", {
            "is_published": False, "topic_ids": [(6, 0, [holder.topic_travel.id])],
            "event_ids": [(6, 0, [holder.event_move.id])],
            "product_sheet": "<p>zanzibar unpublished</p>"})

    @staticmethod
    def create_item(env, name, backoffice, financing_class, values=None):
        vals = {"name": name, "is_catalog_item": True, "backoffice_id": backoffice.id,
                "financing_class": financing_class, "question_level": "operational", "is_published": True}
        vals.update(values or {})
        return env["product.template"].create(vals)

    @staticmethod
    def create_pattern(env, name, backoffice, questions=(), blocks=()):
        """A published pattern. ``questions``: [(name, is_required, [option names])];
        ``blocks``: [(item, [option names that must be chosen])] in sequence order.
        """
        pattern = env["product.template"].create({
            "name": name, "is_pattern": True, "backoffice_id": backoffice.id, "financing_class": "basis",
            "question_level": "operational", "is_published": True,
            "pattern_question_ids": [
                (0, 0, {"name": q_name, "is_required": required, "sequence": index,
                        "option_ids": [(0, 0, {"name": o_name, "sequence": o_index})
                                       for o_index, o_name in enumerate(option_names)]})
                for index, (q_name, required, option_names) in enumerate(questions)],
        })
        options = pattern.pattern_question_ids.mapped("option_ids")
        for index, (item, option_names) in enumerate(blocks):
            env["gd.catalog.pattern.component"].create({
                "pattern_id": pattern.id, "product_tmpl_id": item.id, "sequence": index,
                "option_ids": [(6, 0, options.filtered(lambda o: o.name in option_names).ids)]})
        return pattern


class CatalogCase(SavepointCase, CatalogFixtures):

    @classmethod
    def setUpClass(cls):
        super(CatalogCase, cls).setUpClass()
        cls.create_fixtures(cls, cls.env)

    def option(self, pattern, name):
        """The answer option called ``name`` of ``pattern``."""
        option = pattern.pattern_question_ids.mapped("option_ids").filtered(lambda o: o.name == name)
        self.assertEqual(len(option), 1, "option %s" % name)
        return option

    def options(self, pattern, *names):
        result = self.env["gd.catalog.pattern.option"]
        for name in names:
            result |= self.option(pattern, name)
        return result


class CatalogHttpCase(HttpCase, CatalogFixtures):
    """HTTP tests: data is created on the test cursor that serves the requests."""

    def setUp(self):
        super(CatalogHttpCase, self).setUp()
        # The requests of the in-process server run on the registry's test cursor, so the data must be
        # made there; it is discarded when the test leaves test mode (the cursor is never really committed).
        own_cr, own_env = self.cr, self.env

        @self.addCleanup
        def restore_cursor():
            # runs before leaving test mode closes the test cursor; the base class then rolls back its own
            self.cr, self.env = own_cr, own_env

        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, odoo.SUPERUSER_ID, {})
        self.create_fixtures(self, self.env)
        self.cr.commit()  # TestCursor.commit only moves its savepoint, so the requests keep this data

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def get(self, url):
        response = self.url_open(url, timeout=60)
        return response.status_code, response.text
