"""Fixtures of the settlement tests: own users, organisations, back offices, items, agreements, work orders.

``BillingFixtures.create_fixtures(holder, env)`` sets them on ``holder``: a SavepointCase calls it once in
setUpClass, an HttpCase in setUp on the registry's test cursor (the one its requests use). The month settled
is March 2024 (31 days). Nothing here relies on demo data.
"""
from contextlib import contextmanager
from functools import partial
from unittest.mock import patch

from odoo import fields
from odoo.addons.gd_catalog.tests.common import PASSWORD_SUFFIX, FixtureBuilder, GdHttpCase
from odoo.addons.gd_dva.tests.common import DvaFixtures
from odoo.addons.gd_servicedesk.tests.common import ServicedeskFixtures
from odoo.tests.common import SavepointCase

MONTH = "2024-03-01"
NEXT_MONTH = "2024-04-01"


class BillingFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = FixtureBuilder.start(holder, env, "Billing test week", hours=((8, 17),),
                                   mail_create_nosubscribe=True)
        # The contacts below read in English, whatever languages the database was set up with.
        env.ref("base.lang_en").sudo().write({"active": True})
        company = holder.company

        user = partial(FixtureBuilder.user, env)

        holder.finance = user("t_bill_finance", "Fenna Finance", ["gd_billing.group_manager"])
        holder.reader = user("t_bill_reader", "Rik Reader", ["gd_billing.group_user"])
        holder.desk_agent = user("t_bill_desk", "Desk Agent", ["gd_servicedesk.group_user"])
        holder.account_manager = user("t_bill_am", "Account Manager", ["gd_servicedesk.group_account_manager"])
        holder.bo_member = user("t_bill_bo", "Back Office Member", ["gd_servicedesk.group_backoffice"])

        backoffice = partial(FixtureBuilder.backoffice, env, calendar=holder.calendar)
        holder.bo_ict = backoffice("TBICT", "Bill Test ICT")
        holder.bo_faz = backoffice("TBFAZ", "Bill Test Facilities")
        (holder.bo_ict | holder.bo_faz).write({"member_ids": [(4, holder.bo_member.id)]})

        organisation = partial(FixtureBuilder.organisation, env, account_manager=holder.account_manager)
        holder.org_a = organisation("Directie Alfa (bill)")
        holder.org_b = organisation("Directie Beta (bill)")
        holder.org_c = organisation("Directie Gamma (bill)")

        portal_user = partial(FixtureBuilder.portal_user, env)

        holder.principal_a = portal_user("t_bill_principal_a", "Paula Alfa", holder.org_a, is_principal=True)
        holder.employee_a = portal_user("t_bill_employee_a", "Anna Alfa", holder.org_a, is_mandated=True)
        holder.principal_b = portal_user("t_bill_principal_b", "Piet Beta", holder.org_b, is_principal=True)
        holder.principal_c = portal_user("t_bill_principal_c", "Gijs Gamma", holder.org_c, is_principal=True)

        def item(name, backoffice, financing_class, price=0.0, cost=0.0):
            return FixtureBuilder.item(env, name, backoffice, financing_class, lead_time=5, list_price=price,
                                       standard_price=cost)

        holder.item_cleaning = item("BT Schoonmaak extra", holder.bo_faz, "basis", cost=20.0)
        holder.item_helpdesk = item("BT ICT-helpdesk", holder.bo_ict, "basis", cost=7.5)
        holder.item_pocket = item("BT Pocketcomputer", holder.bo_ict, "plus", price=45.0)
        holder.item_software = item("BT Software", holder.bo_ict, "plus", price=12.5)
        holder.item_cards = item("BT Visitekaartjes", holder.bo_faz, "plus", price=35.0)
        holder.item_refit = item("BT Verbouwing op maat", holder.bo_faz, "custom")

        holder.framework = DvaFixtures.make_framework(env, "Mantel (bill test)", company)

        def agreement(client, principal, start, end, lines):
            return DvaFixtures.make_agreement(holder, client, principal.partner_id, lines, date_start=start,
                                              date_end=end)

        # Alfa: the whole year. 3 pocket computers at 42.00 (deliveries beyond charged), 100 software at 12.50.
        holder.dva_a = agreement(holder.org_a, holder.principal_a, "2024-01-01", "2024-12-31", [
            {"product_tmpl_id": holder.item_pocket.id, "quantity": 3, "price_unit": 42.0,
             "cap_quantity": False},
            {"product_tmpl_id": holder.item_software.id, "quantity": 100},
            {"product_tmpl_id": holder.item_refit.id, "quantity": 0},
        ])
        holder.line_a_pocket, holder.line_a_software, _refit = holder.dva_a.line_ids
        # Beta: starts on 11 March, so 21 of the 31 days of March: 10 pocket computers at 45.00.
        holder.dva_b = agreement(holder.org_b, holder.principal_b, "2024-03-11", "2024-12-31", [
            {"product_tmpl_id": holder.item_pocket.id, "quantity": 10},
        ])
        holder.line_b_pocket = holder.dva_b.line_ids

        ServicedeskFixtures.desk_models(holder, env)

    new_ticket = staticmethod(ServicedeskFixtures.new_ticket)

    @staticmethod
    @contextmanager
    def clock(moment):
        """The flows' clock reads ``moment`` (UTC, 'YYYY-MM-DD HH:MM:SS'): now, and today for agreements."""
        with patch.object(fields.Datetime, "now", staticmethod(lambda *args: moment)), \
                patch.object(fields.Date, "context_today", staticmethod(lambda *args, **kwargs: moment[:10])):
            yield

    @staticmethod
    def take_in(holder, requester, items=None, pattern=None, accept_pay_per_use=False, name="Vraag"):
        """A request by phone, taken in by the desk (the intake form): the work orders it makes."""
        ticket = BillingFixtures.new_ticket(holder, requester, name)
        values = {"ticket_id": ticket.id, "accept_pay_per_use": accept_pay_per_use}
        if pattern:
            values.update(mode="pattern", pattern_id=pattern.id)
        else:
            values.update(mode="items", product_tmpl_ids=[(6, 0, items.ids)])
        holder.env["helpdesk.ticket.intake"].sudo(holder.desk_agent).create(values).action_confirm()
        return ticket.work_order_ids

    @staticmethod
    def done_order(holder, ticket, item, done_date, dva_line=None, price=None):
        """A delivery of ``item`` to the requester of ``ticket``, completed on ``done_date`` (UTC).

        Through the flows on that day's clock: a new request taken in by the desk (accepting pay-per-use when
        ``price`` is given), the entitlement finds the DVA line itself, the back office completes the work.
        ``dva_line`` and ``price`` are what the test expects the intake to decide; it checks them.
        """
        with BillingFixtures.clock(done_date):
            order = BillingFixtures.take_in(holder, ticket.partner_id, item, accept_pay_per_use=price is not None,
                                            name=ticket.name)
        assert order.dva_line_id == (dva_line or order.dva_line_id.browse()), \
            "%s: DVA line %s, not %s" % (item.name, order.dva_line_id, dva_line)
        assert order.is_pay_per_use == (price is not None) and (price is None or order.pay_per_use_price == price), \
            "%s: pay-per-use %s at %s" % (item.name, order.is_pay_per_use, order.pay_per_use_price)
        BillingFixtures.done_at(order, done_date, holder.bo_member)
        return order

    @staticmethod
    def done_at(orders, done_date, user=None):
        """Complete ``orders`` through the real transition (as ``user``), on a clock that reads ``done_date``."""
        with BillingFixtures.clock(done_date):
            if user:
                for order in orders:
                    order.sudo(user).action_done()
            else:
                orders._do_done()
        return orders

    @staticmethod
    def accepted_quote(holder, requester, item, prices, moment):
        """Custom work asked by ``requester`` on ``moment``: escalated at intake, a quote with one part per
        price made and sent by the account manager, accepted by the organisation's principal in the portal."""
        with BillingFixtures.clock(moment):
            ticket = BillingFixtures.new_ticket(holder, requester, "Maatwerk")
            ticket.sudo(holder.desk_agent)._do_intake(item)
            action = ticket.sudo(holder.account_manager).action_make_quote()
            quote = holder.env["sale.order"].browse(action["res_id"])
            lines = [(1, quote.order_line.id, {"price_unit": prices[0]})]
            lines += [(0, 0, {"product_id": item.product_variant_id.id, "name": "%s (%d)" % (item.name, index),
                              "product_uom_qty": 1, "price_unit": price})
                      for index, price in enumerate(prices[1:], start=2)]
            quote.sudo(holder.account_manager).write({"order_line": lines})
            quote.sudo(holder.account_manager).action_gd_send()
            quote.sudo(quote.partner_id.user_ids[:1])._gd_do_accept()
        return quote

    @staticmethod
    def delivered_quote(holder, ticket, agreement, item, price, delivered_date):
        """A quote of ``price`` for custom work, accepted and delivered by the back office on ``delivered_date``."""
        quote = BillingFixtures.accepted_quote(holder, ticket.partner_id, item, [price], delivered_date)
        assert quote.gd_agreement_id == agreement, "the quote falls under %s" % agreement.name
        BillingFixtures.done_at(quote.gd_work_order_ids, delivered_date, holder.bo_member)
        assert quote.gd_settlement_state == "to_settle"
        return quote

    @staticmethod
    def build_month(holder):
        """The hand-built month of March 2024 (see test_run for the expected figures)."""
        holder.ticket_a = BillingFixtures.new_ticket(holder, holder.employee_a.partner_id, "Vraag Alfa")
        holder.ticket_b = BillingFixtures.new_ticket(holder, holder.principal_b.partner_id, "Vraag Beta")
        holder.ticket_c = BillingFixtures.new_ticket(holder, holder.principal_c.partner_id, "Vraag Gamma")
        done = BillingFixtures.done_order
        # Alfa: 5 pocket computers delivered under the DVA (2 beyond the 3 agreed), in March.
        holder.pocket_orders = holder.WorkOrder.browse()
        for day in range(5):
            holder.pocket_orders |= done(holder, holder.ticket_a, holder.item_pocket,
                                         "2024-03-%02d 10:00:00" % (day % 28 + 1), dva_line=holder.line_a_pocket)
        # Alfa: 3 pay-per-use business-card orders at 35.00 in March, one on 31 March late evening in
        # Amsterdam (still March), one in April (not this month).
        holder.ppu_a = holder.WorkOrder.browse()
        for done_date in ("2024-03-05 09:00:00", "2024-03-20 09:00:00", "2024-03-31 21:30:00"):
            holder.ppu_a |= done(holder, holder.ticket_a, holder.item_cards, done_date, price=35.0)
        holder.ppu_a_april = done(holder, holder.ticket_a, holder.item_cards, "2024-03-31 22:30:00", price=35.0)
        # Gamma has no DVA: 2 pay-per-use pocket computers at 45.00.
        holder.ppu_c = done(holder, holder.ticket_c, holder.item_pocket, "2024-03-07 12:00:00", price=45.0) \
            | done(holder, holder.ticket_c, holder.item_pocket, "2024-03-08 12:00:00", price=45.0)
        # Basis services: never charged, reported: 5 cleanings for Alfa, 3 helpdesk calls for Beta.
        holder.basis_orders = holder.WorkOrder.browse()
        for index in range(5):
            holder.basis_orders |= done(holder, holder.ticket_a, holder.item_cleaning, "2024-03-1%d 08:00:00" % index)
        for index in range(3):
            holder.basis_orders |= done(holder, holder.ticket_b, holder.item_helpdesk, "2024-03-2%d 08:00:00" % index)
        # Alfa: a custom quote of 1,234.56 delivered in March; another one delivered in February.
        holder.quote_a = BillingFixtures.delivered_quote(holder, holder.ticket_a, holder.dva_a, holder.item_refit,
                                                         1234.56, "2024-03-22 14:00:00")
        holder.quote_a_feb = BillingFixtures.delivered_quote(holder, holder.ticket_a, holder.dva_a,
                                                             holder.item_refit, 999.0, "2024-02-22 14:00:00")


class BillingCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(BillingCase, cls).setUpClass()
        BillingFixtures.create_fixtures(cls, cls.env)
        BillingFixtures.build_month(cls)

    @contextmanager
    def refused(self, exception):
        """assertRaises that also undoes what the refused operation wrote, as the request's rollback would."""
        with self.assertRaises(exception) as context:
            with self.env.cr.savepoint():
                yield context
        self.env.cache.invalidate()

    def new_run(self, month=MONTH):
        return self.env["gd.billing.run"].create({"date_start": month, "company_id": self.company.id})

    def computed_run(self, month=MONTH):
        run = self.new_run(month)
        run.action_compute()
        return run


class BillingHttpCase(GdHttpCase):
    """HTTP tests of the statements in the portal."""

    def setUpHttpData(self):
        BillingFixtures.create_fixtures(self, self.env)
        BillingFixtures.build_month(self)

    def login(self, user):
        self.authenticate(user.login, user.login + PASSWORD_SUFFIX)

    def get(self, url):
        response = self.url_open(url, timeout=60)
        return response

    def settled_run(self):
        run = self.env["gd.billing.run"].create({"date_start": MONTH, "company_id": self.company.id})
        run.action_compute()
        run.action_confirm()
        self.cr.commit()
        return run
