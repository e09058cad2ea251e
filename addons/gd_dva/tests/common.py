"""Fixtures of the DVA tests: own users, organisations, back offices, calendar, items and agreements.

``DvaFixtures.create_fixtures(holder, env)`` sets them as attributes on ``holder``: a SavepointCase calls it
once in setUpClass, an HttpCase in setUp on the registry's test cursor (the one its requests use).
Nothing here relies on demo data.
"""
from contextlib import contextmanager
from datetime import date
from functools import partial
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.addons.gd_catalog.tests.common import PASSWORD_SUFFIX, FixtureBuilder, GdHttpCase
from odoo.tests.common import SavepointCase



class DvaFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = FixtureBuilder.fixture_env(env, mail_create_nosubscribe=True)
        holder.env = env
        ref = env.ref
        company = ref("base.main_company")
        holder.company = company

        holder.calendar = FixtureBuilder.working_week(env, company, "DVA test week")

        user = partial(FixtureBuilder.user, env)

        holder.desk_agent = user("t_dva_desk", "Desk Agent", ["gd_servicedesk.group_user"])
        holder.account_manager = user("t_dva_am", "Account Manager", ["gd_servicedesk.group_account_manager"])
        holder.other_account_manager = user("t_dva_am2", "Other Account Manager",
                                            ["gd_servicedesk.group_account_manager"])
        holder.dva_manager = user("t_dva_manager", "DVA Manager", ["gd_dva.group_manager"])
        holder.dva_user = user("t_dva_user", "DVA Reader", ["gd_dva.group_user"])
        holder.backoffice_member = user("t_dva_bo", "ICT Member", ["gd_servicedesk.group_backoffice"])
        holder.employee = user("t_dva_employee", "Plain Employee", ["base.group_user"])

        Backoffice = env["gd.backoffice"]
        holder.bo_ict = Backoffice.create({"name": "DVA Test ICT", "code": "TDICT", "company_id": company.id,
                                           "resource_calendar_id": holder.calendar.id,
                                           "member_ids": [(6, 0, holder.backoffice_member.ids)]})
        holder.bo_faz = Backoffice.create({"name": "DVA Test Facilities", "code": "TDFAZ", "company_id": company.id,
                                           "resource_calendar_id": holder.calendar.id})

        Partner = env["res.partner"]
        holder.org_a = Partner.create({"name": "Directie Alfa", "is_company": True, "client_kind": "internal",
                                       "account_manager_id": holder.account_manager.id})
        holder.org_b = Partner.create({"name": "Directie Beta", "is_company": True, "client_kind": "internal",
                                       "account_manager_id": holder.other_account_manager.id})
        holder.org_j = Partner.create({"name": "Ministerie van Justitie (test)", "is_company": True,
                                       "client_kind": "third_party", "account_manager_id": holder.account_manager.id})
        holder.org_c = Partner.create({"name": "Directie Gamma", "is_company": True, "client_kind": "internal",
                                       "account_manager_id": holder.account_manager.id})

        portal_user = partial(FixtureBuilder.portal_user, env)

        holder.principal_a = portal_user("t_dva_principal_a", "Paula Alfa", holder.org_a, is_principal=True)
        holder.employee_a = portal_user("t_dva_employee_a", "Anna Alfa", holder.org_a, is_mandated=True)
        holder.principal_b = portal_user("t_dva_principal_b", "Piet Beta", holder.org_b, is_principal=True)
        holder.employee_b = portal_user("t_dva_employee_b", "Bert Beta", holder.org_b, is_mandated=True)
        holder.principal_j = portal_user("t_dva_principal_j", "Jet Justitie", holder.org_j, is_principal=True)
        holder.employee_j = portal_user("t_dva_employee_j", "Jan Justitie", holder.org_j, is_mandated=True)
        holder.principal_c = portal_user("t_dva_principal_c", "Gijs Gamma", holder.org_c, is_principal=True)
        holder.employee_c = portal_user("t_dva_employee_c", "Greet Gamma", holder.org_c, is_mandated=True)

        def item(name, backoffice, financing_class, lead_time, unit="days", price=0.0, **extra):
            values = {"name": name, "is_catalog_item": True, "type": "service", "backoffice_id": backoffice.id,
                      "financing_class": financing_class, "question_level": "operational",
                      "lead_time": lead_time, "lead_time_unit": unit, "list_price": price,
                      "is_published": True, "request_via_portal": True}
            values.update(extra)
            return env["product.template"].create(values)

        holder.item_room = item("DT Zaalreservering", holder.bo_faz, "basis", 1)
        holder.item_helpdesk = item("DT ICT-helpdesk", holder.bo_ict, "basis", 8, "hours")
        holder.item_pocket = item("DT Pocketcomputer", holder.bo_ict, "plus", 5, price=45.0)
        holder.item_software = item("DT Software", holder.bo_ict, "plus", 3, price=12.5)
        holder.item_cards = item("DT Visitekaartjes", holder.bo_faz, "plus", 5, price=35.0)
        holder.item_department = item("DT Nieuwe afdeling", holder.bo_faz, "custom", 20, price=0.0,
                                      question_level="strategic")
        holder.item_refit = item("DT Verbouwing op maat", holder.bo_faz, "custom", 30, price=0.0)
        holder.item_not_catalog = env["product.template"].create({"name": "DT Not in the catalogue",
                                                                 "type": "service", "list_price": 10.0})

        holder.framework = env["gd.dva.framework"].create({
            "name": "Mantelovereenkomst test", "date_start": "2000-01-01", "date_end": "2099-12-31",
            "client_signatory_id": Partner.create({"name": "PSG test"}).id,
            "gd_signatory_id": Partner.create({"name": "Directeur GD test"}).id,
            "company_id": company.id,
        })
        holder.framework.action_activate()

        today = fields.Date.from_string(fields.Date.context_today(env["gd.dva.agreement"]))
        holder.period_start = fields.Date.to_string(date(today.year, 1, 1) - relativedelta(years=1))
        holder.period_end = fields.Date.to_string(date(today.year + 1, 12, 31))

        holder.dva_a = DvaFixtures.make_agreement(holder, holder.org_a, holder.principal_a.partner_id, [
            {"product_tmpl_id": holder.item_pocket.id, "quantity": 40, "price_unit": 42.0, "lead_time": 2,
             "target_pct": 95.0},
            {"product_tmpl_id": holder.item_software.id, "quantity": 100, "target_pct": 90.0},
        ])
        holder.line_a_pocket, holder.line_a_software = holder.dva_a.line_ids
        holder.dva_j = DvaFixtures.make_agreement(holder, holder.org_j, holder.principal_j.partner_id, [
            {"product_tmpl_id": holder.item_room.id, "quantity": 0, "level": "Serviceplein", "lead_time": 4,
             "lead_time_unit": "hours"},
            {"product_tmpl_id": holder.item_pocket.id, "quantity": 5},
        ], kind="third_party")
        holder.line_j_room, holder.line_j_pocket = holder.dva_j.line_ids

        holder.channel_phone = env["helpdesk.ticket.channel"]._get_by_code("phone")
        holder.Ticket = env["helpdesk.ticket"]
        holder.WorkOrder = env["gd.servicedesk.work.order"]

    @staticmethod
    def make_agreement(holder, client, principal, lines, kind="plus", activate=True, date_start=None,
                       date_end=None, **extra):
        values = {
            "framework_id": holder.framework.id,
            "kind": kind,
            "client_id": client.id,
            "principal_id": principal.id if principal else False,
            "account_manager_id": client.account_manager_id.id,
            "date_start": date_start or holder.period_start,
            "date_end": date_end or holder.period_end,
            "company_id": holder.company.id,
            "line_ids": [(0, 0, line) for line in lines],
        }
        values.update(extra)
        agreement = holder.env["gd.dva.agreement"].create(values)
        if activate:
            agreement.action_activate()
        return agreement

    @staticmethod
    def new_ticket(holder, partner, name="Vraag", **extra):
        values = {"name": name, "partner_id": partner.id, "channel_id": holder.channel_phone.id,
                  "description": "<p>%s</p>" % name, "company_id": holder.company.id}
        values.update(extra)
        return holder.Ticket.sudo(holder.desk_agent).create(values).sudo()

    @staticmethod
    def done_at(orders, done_date):
        """Complete ``orders`` through the real transition, on a clock that reads ``done_date`` (UTC)."""
        with patch.object(fields.Datetime, "now", staticmethod(lambda *args: done_date)):
            orders._do_done()
        return orders


class DvaCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(DvaCase, cls).setUpClass()
        DvaFixtures.create_fixtures(cls, cls.env)

    @contextmanager
    def refused(self, exception):
        """assertRaises that also undoes what the refused operation wrote, as the request's rollback would."""
        with self.assertRaises(exception) as context:
            with self.env.cr.savepoint():
                yield context
        self.env["res.partner"].invalidate_cache()

    def make_agreement(self, client, principal, lines, **kw):
        return DvaFixtures.make_agreement(self, client, principal, lines, **kw)

    def new_ticket(self, partner, name="Vraag", **extra):
        return DvaFixtures.new_ticket(self, partner, name, **extra)


class DvaHttpCase(GdHttpCase):
    """HTTP tests of the principal's portal pages."""

    def setUpHttpData(self):
        DvaFixtures.create_fixtures(self, self.env)

    def make_agreement(self, client, principal, lines, **kw):
        return DvaFixtures.make_agreement(self, client, principal, lines, **kw)

    def new_ticket(self, partner, name="Vraag", **extra):
        return DvaFixtures.new_ticket(self, partner, name, **extra)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def get(self, url):
        response = self.url_open(url, timeout=60)
        return response
