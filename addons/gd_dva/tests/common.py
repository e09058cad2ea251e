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
from odoo.addons.gd_servicedesk.tests.common import ServicedeskFixtures
from odoo.addons.queue_job.job import Job
from odoo.tests.common import SavepointCase



def perform_job(env, uuid):
    """Run a queued job as the job runner would (started, performed, done) and return it.

    The runner itself (an HTTP call to /queue_job/runjob in production) is not part of the tests."""
    job = Job.load(env, uuid)
    job.set_started()
    job.store()
    job.perform()
    job.set_done(result=job.result)
    job.store()
    return job


class DvaFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = FixtureBuilder.start(holder, env, "DVA test week", mail_create_nosubscribe=True)
        company = holder.company

        user = partial(FixtureBuilder.user, env)

        holder.desk_agent = user("t_dva_desk", "Desk Agent", ["gd_servicedesk.group_user"])
        holder.account_manager = user("t_dva_am", "Account Manager", ["gd_servicedesk.group_account_manager"])
        holder.other_account_manager = user("t_dva_am2", "Other Account Manager",
                                            ["gd_servicedesk.group_account_manager"])
        holder.dva_manager = user("t_dva_manager", "DVA Manager", ["gd_dva.group_manager"])
        holder.dva_user = user("t_dva_user", "DVA Reader", ["gd_dva.group_user"])
        holder.backoffice_member = user("t_dva_bo", "ICT Member", ["gd_servicedesk.group_backoffice"])
        holder.employee = user("t_dva_employee", "Plain Employee", ["base.group_user"])

        backoffice = partial(FixtureBuilder.backoffice, env, calendar=holder.calendar)
        holder.bo_ict = backoffice("TDICT", "DVA Test ICT", member_ids=[(6, 0, holder.backoffice_member.ids)])
        holder.bo_faz = backoffice("TDFAZ", "DVA Test Facilities")

        organisation = partial(FixtureBuilder.organisation, env, account_manager=holder.account_manager)
        holder.org_a = organisation("Directie Alfa")
        holder.org_b = organisation("Directie Beta", account_manager=holder.other_account_manager)
        holder.org_j = organisation("Ministerie van Justitie (test)", kind="third_party")
        holder.org_c = organisation("Directie Gamma")

        portal_user = partial(FixtureBuilder.portal_user, env)

        holder.principal_a = portal_user("t_dva_principal_a", "Paula Alfa", holder.org_a, is_principal=True)
        holder.employee_a = portal_user("t_dva_employee_a", "Anna Alfa", holder.org_a, is_mandated=True)
        holder.principal_b = portal_user("t_dva_principal_b", "Piet Beta", holder.org_b, is_principal=True)
        holder.employee_b = portal_user("t_dva_employee_b", "Bert Beta", holder.org_b, is_mandated=True)
        holder.principal_j = portal_user("t_dva_principal_j", "Jet Justitie", holder.org_j, is_principal=True)
        holder.employee_j = portal_user("t_dva_employee_j", "Jan Justitie", holder.org_j, is_mandated=True)
        holder.principal_c = portal_user("t_dva_principal_c", "Gijs Gamma", holder.org_c, is_principal=True)
        holder.employee_c = portal_user("t_dva_employee_c", "Greet Gamma", holder.org_c, is_mandated=True)

        item = partial(FixtureBuilder.item, env)

        holder.item_room = item("DT Zaalreservering", holder.bo_faz, "basis", 1)
        holder.item_helpdesk = item("DT ICT-helpdesk", holder.bo_ict, "basis", 8, "hours")
        holder.item_pocket = item("DT Pocketcomputer", holder.bo_ict, "plus", 5, list_price=45.0)
        holder.item_software = item("DT Software", holder.bo_ict, "plus", 3, list_price=12.5)
        holder.item_cards = item("DT Visitekaartjes", holder.bo_faz, "plus", 5, list_price=35.0)
        holder.item_department = item("DT Nieuwe afdeling", holder.bo_faz, "custom", 20,
                                      question_level="strategic")
        holder.item_refit = item("DT Verbouwing op maat", holder.bo_faz, "custom", 30)
        holder.item_not_catalog = env["product.template"].create({"name": "DT Not in the catalogue",
                                                                 "type": "service", "list_price": 10.0})

        holder.framework = DvaFixtures.make_framework(env, "Mantelovereenkomst test", company)

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

        ServicedeskFixtures.desk_models(holder, env)

    @staticmethod
    def make_framework(env, name, company):
        """An active framework agreement of ``company`` over this century, signed by two new contacts."""
        Partner = env["res.partner"]
        framework = env["gd.dva.framework"].create({
            "name": name, "date_start": "2000-01-01", "date_end": "2099-12-31",
            "client_signatory_id": Partner.create({"name": "PSG (%s)" % name}).id,
            "gd_signatory_id": Partner.create({"name": "Directeur GD (%s)" % name}).id,
            "company_id": company.id,
        })
        framework.action_activate()
        return framework

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

    new_ticket = staticmethod(ServicedeskFixtures.new_ticket)

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
