"""Fixtures of the catalogue tests: own users, organisations, back offices, topics, events and items.

``CatalogFixtures.create_fixtures(holder, env)`` sets them as attributes on ``holder``. A SavepointCase
calls it once in ``setUpClass``; ``CatalogHttpCase`` calls it in ``setUp`` on the registry's test cursor,
the one cursor the in-process HTTP server uses for its requests.
"""
from datetime import timedelta
from functools import partial

import odoo
from odoo import api, fields
from odoo.tests.common import HttpCase, SavepointCase

PASSWORD_SUFFIX = "-pw"


class FixtureBuilder(object):
    """What every module's fixtures are made of: users with their groups, client organisations and their portal
    users, a working week, back offices and catalogue items. The ``<Module>Fixtures`` of gd_catalog,
    gd_servicedesk, gd_dva and gd_billing build their own records from these
    (``user = partial(FixtureBuilder.user, env)``)."""

    @staticmethod
    def fixture_env(env, **context):
        """``env`` as fixtures are made in: no tracking messages, no password mails (plus ``context``)."""
        return env(context=dict(env.context, tracking_disable=True, mail_notrack=True, no_reset_password=True,
                                **context))

    @staticmethod
    def start(holder, env, calendar_name, hours=((8, 12), (13, 17)), **context):
        """Set ``holder.env`` (the fixture environment), ``holder.company`` (the main company) and
        ``holder.calendar`` (a working week of ``hours`` called ``calendar_name``); return the environment."""
        env = FixtureBuilder.fixture_env(env, **context)
        holder.env = env
        holder.company = env.ref("base.main_company")
        holder.calendar = FixtureBuilder.working_week(env, holder.company, calendar_name, hours=hours)
        return env

    @staticmethod
    def organisation(env, name, kind="internal", account_manager=None, **extra):
        """A client organisation (``kind``: internal or third_party) with its account manager, if any."""
        values = {"name": name, "is_company": True, "client_kind": kind}
        if account_manager:
            values["account_manager_id"] = account_manager.id
        values.update(extra)
        return env["res.partner"].create(values)

    @staticmethod
    def backoffice(env, code, name, calendar=None, **extra):
        """A back office; with ``calendar``, of that calendar's company and planned on it."""
        values = {"code": code, "name": name}
        if calendar:
            values.update(company_id=calendar.company_id.id, resource_calendar_id=calendar.id)
        values.update(extra)
        return env["gd.backoffice"].create(values)

    @staticmethod
    def answer(env, name, keywords, text, **extra):
        """A knowledge answer ``name`` found by ``keywords``, answering ``text`` (one paragraph)."""
        values = {"name": name, "keywords": keywords, "answer": "<p>%s</p>" % text}
        values.update(extra)
        return env["gd.catalog.knowledge"].create(values)

    @staticmethod
    def item(env, name, backoffice, financing_class="basis", lead_time=0.0, unit="days", **extra):
        """A published catalogue item of ``backoffice``: an operational question, requested in the portal."""
        values = {"name": name, "is_catalog_item": True, "type": "service", "backoffice_id": backoffice.id,
                  "financing_class": financing_class, "question_level": "operational", "lead_time": lead_time,
                  "lead_time_unit": unit, "is_published": True, "request_via_portal": True}
        values.update(extra)
        return env["product.template"].create(values)

    @staticmethod
    def user(env, login, name, groups, **extra):
        """A user with ``groups`` (xml ids), working in Amsterdam; its password is its login + PASSWORD_SUFFIX."""
        values = {"name": name, "login": login, "password": login + PASSWORD_SUFFIX,
                  "email": login + "@example.com", "tz": "Europe/Amsterdam",
                  "groups_id": [(6, 0, [env.ref(group).id for group in groups])]}
        values.update(extra)
        return env["res.users"].with_context(no_reset_password=True).create(values)

    @staticmethod
    def portal_user(env, login, name, organisation, **flags):
        """A portal user who is a contact of ``organisation`` (``flags``: is_mandated, is_principal...)."""
        partner = env["res.partner"].create(dict({
            "name": name, "parent_id": organisation.id, "email": login + "@example.com", "lang": "en_US"}, **flags))
        return FixtureBuilder.user(env, login, name, ["base.group_portal"], partner_id=partner.id)

    @staticmethod
    def working_week(env, company, name, hours=((8, 12), (13, 17))):
        """A calendar of Monday to Friday with the working ``hours`` (from, to) of each day."""
        return env["resource.calendar"].create({
            "name": name, "company_id": company.id,
            "attendance_ids": [(0, 0, {"name": "Day %s %s-%s" % (day, start, end), "dayofweek": str(day),
                                       "hour_from": start, "hour_to": end})
                               for day in range(5) for start, end in hours],
        })


class CatalogFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = FixtureBuilder.fixture_env(env)
        holder.env = env
        user = partial(FixtureBuilder.user, env)

        holder.client = FixtureBuilder.organisation(env, "Test Directorate")
        holder.client_contact = env["res.partner"].create({
            "name": "Test Employee", "parent_id": holder.client.id, "is_mandated": True})
        holder.manager = user("t_cat_manager", "Catalogue Manager", ["base.group_user", "gd_catalog.group_manager"])
        holder.desk_user = user("t_cat_desk", "Desk Agent", ["base.group_user", "gd_catalog.group_desk"])
        holder.employee = user("t_cat_employee", "Plain Employee", ["base.group_user"])
        holder.portal_user = user("t_cat_portal", "Test Employee", ["base.group_portal"],
                                  partner_id=holder.client_contact.id)

        backoffice = partial(FixtureBuilder.backoffice, env)
        holder.bo_desk = backoffice("TSD", "Test Desk", is_service_desk=True)
        holder.bo_fac = backoffice(
            "TFAZ", "Test Facilities", phone="070 555 0100", email="fac@example.com",
            internal_phone="SECRET-BO-4711", manager_id=holder.manager.id, member_ids=[(6, 0, [holder.manager.id])])
        holder.bo_ict = backoffice("TICT", "Test ICT")

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
    def create_service_fixtures(holder, env):
        """The content of the service page: links, spotlights, news, contact lines and knowledge answers."""
        today = fields.Date.from_string(fields.Date.context_today(env["gd.catalog.news"]))

        def day(offset):
            return fields.Date.to_string(today + timedelta(days=offset))

        holder.today = fields.Date.to_string(today)
        QuickLink = env["gd.catalog.quick.link"]
        holder.link_rooms = QuickLink.create({
            "name": "Test link room booking", "url": "https://intranet.example.nl/test-rooms", "sequence": 1})
        holder.link_item = QuickLink.create({
            "name": "Test link to the pocket computer", "product_tmpl_id": holder.item_phone.id, "sequence": 2})
        holder.link_draft = QuickLink.create({
            "name": "Test link not published", "url": "/draft-link", "is_published": False})

        Spotlight = env["gd.catalog.spotlight"]
        holder.spot_current = Spotlight.create({
            "name": "Test spotlight current", "summary": "Test spotlight text", "url": "/catalog",
            "date_start": day(-3), "date_end": day(3)})
        holder.spot_open_ended = Spotlight.create({
            "name": "Test spotlight open-ended", "product_tmpl_id": holder.item_room.id, "date_start": day(0)})
        holder.spot_expired = Spotlight.create({
            "name": "Test spotlight expired", "date_start": day(-10), "date_end": day(-1)})
        holder.spot_future = Spotlight.create({"name": "Test spotlight future", "date_start": day(1)})

        News = env["gd.catalog.news"]
        holder.news_old = News.create({
            "name": "Test news older", "body": "<p>Older news body</p>", "date_publish": day(-5),
            "product_tmpl_id": holder.item_hidden.id})
        holder.news_new = News.create({
            "name": "Test news newer", "body": "<p>Newer news body</p>", "date_publish": day(-1),
            "date_expire": day(0), "product_tmpl_id": holder.item_room.id})
        holder.news_expired = News.create({
            "name": "Test news expired", "date_publish": day(-20), "date_expire": day(-1)})
        holder.news_future = News.create({"name": "Test news future", "date_publish": day(1)})
        holder.news_draft = News.create({
            "name": "Test news draft", "date_publish": day(-1), "is_published": False})

        Contact = env["gd.catalog.contact"]
        holder.contact_desk = Contact.create({
            "name": "Test central desk", "contact_type": "phone", "value": "070 123 45 99", "is_central": True,
            "sequence": 1})
        holder.contact_mail = Contact.create({
            "name": "Test desk e-mail", "contact_type": "email", "value": "test-desk@example.nl", "sequence": 2})
        holder.contact_hours = Contact.create({
            "name": "Test opening hours", "contact_type": "hours", "value": "ma-vr 07:30-18:00",
            "note": "Test note on the hours", "sequence": 3})
        holder.contact_archived = Contact.create({
            "name": "Test old number", "contact_type": "phone", "value": "070 000 00 00", "active": False})

        answer = partial(FixtureBuilder.answer, env)
        holder.answer_room = answer(
            "Hoe reserveer ik een vergaderzaal?",
            "zaal, zalen, vergaderzaal, vergaderruimte, reserveren, reserveer, boeken",
            "Reserveer een zaal via de zaalreservering op intranet, uiterlijk een werkdag vooraf.",
            product_tmpl_ids=[(6, 0, [holder.item_room.id])])
        holder.answer_pass = answer(
            "Mijn bedrijfspas is kapot of kwijt, wat nu?",
            "pas, pasje, bedrijfspas, toegangspas, kapot, defect, kwijt, verloren",
            "Kom met een legitimatiebewijs naar de servicedesk op het Serviceplein voor een tijdelijke pas.")
        holder.answer_telework = answer(
            "Hoe kan ik thuiswerken met mijn laptop?",
            "telewerken, thuiswerken, thuis, laptop, vpn, telewerkaansluiting",
            "Vraag een telewerkaansluiting aan in de catalogus; de ICT-helpdesk helpt bij het instellen.",
            product_tmpl_ids=[(6, 0, [holder.item_phone.id, holder.item_hidden.id])])
        holder.answer_cards = answer(
            "Hoe bestel ik visitekaartjes?", "visitekaartjes, kaartjes, drukwerk",
            "Bestel visitekaartjes via de repro; levering binnen vijf werkdagen. Een zaal is niet nodig.")
        holder.answer_desk = answer(
            "Procedure vervangende pas bij een kapotte pas", "pas, kapot, defect, vervangende pas, beveiliging",
            "SECRET-DESK-ANSWER: bel de beveiliging intern en blokkeer de oude pas.", audience="desk")
        holder.answer_archived = answer(
            "Oude zaalreservering per fax", "zaal, reserveren, fax", "Vervallen.", active=False)

    def day(self, offset):
        """The date ``offset`` days from the tests' today, as an Odoo date string."""
        return fields.Date.to_string(fields.Date.from_string(self.today) + timedelta(days=offset))

    @staticmethod
    def create_item(env, name, backoffice, financing_class, values=None):
        """A catalogue item that only the catalogue shows (not requested with the portal form by default)."""
        return FixtureBuilder.item(env, name, backoffice, financing_class,
                                   **dict({"request_via_portal": False}, **(values or {})))

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


class ServiceCase(CatalogCase):

    @classmethod
    def setUpClass(cls):
        super(ServiceCase, cls).setUpClass()
        # knowledge search ranks all answers: leave only these tests' own ones active
        cls.env["gd.catalog.knowledge"].search([]).write({"active": False})
        cls.create_service_fixtures(cls, cls.env)


class GdHttpCase(HttpCase):
    """HTTP tests whose data the requests of the in-process server can see.

    In Odoo 11 those requests run on the registry's test cursor, not on ``self.cr``: a test's records
    are made there, in ``setUpHttpData()``, and are discarded when the test leaves test mode (the test
    cursor is never really committed). The modules above gd_catalog use this base as well.
    """

    def setUp(self):
        super(GdHttpCase, self).setUp()
        own_cr, own_env = self.cr, self.env

        @self.addCleanup
        def restore_cursor():
            # runs before leaving test mode closes the test cursor; the base class then rolls back its own
            self.cr, self.env = own_cr, own_env

        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, odoo.SUPERUSER_ID, {})
        self.setUpHttpData()
        self.cr.commit()  # TestCursor.commit only moves its savepoint, so the requests keep this data

    def setUpHttpData(self):
        """Make the records the test's requests need, on ``self.env``."""


class CatalogHttpCase(GdHttpCase, CatalogFixtures):
    """HTTP tests of the catalogue."""

    def setUpHttpData(self):
        self.create_fixtures(self, self.env)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def get(self, url):
        response = self.url_open(url, timeout=60)
        return response.status_code, response.text


class ServiceHttpCase(CatalogHttpCase):
    """HTTP tests of the service page, with its content made on the test cursor."""

    def setUpHttpData(self):
        super(ServiceHttpCase, self).setUpHttpData()
        self.create_service_fixtures(self, self.env)
