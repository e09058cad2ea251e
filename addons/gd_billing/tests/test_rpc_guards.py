"""Over XML-RPC, as each staff role: no state or derived field of the suite's records can be written directly.

Tickets, work orders, DVAs and their lines, settlement runs, statements and lines: every field that a
transition sets is refused (an XML-RPC Fault carrying the access or user error) and the data stays as it was.
The buttons answer a value, so a client gets no Fault after the change was made.
"""
from xmlrpc import client as xmlrpclib

import odoo
from odoo.addons.gd_dva.tests.common import PASSWORD_SUFFIX, DvaFixtures, DvaHttpCase

# The fault codes of Odoo's XML-RPC for a UserError and an AccessError (anything else is a traceback).
REFUSED_FAULT_CODES = (2, 4)
DATETIME = "2020-01-01 10:00:00"
DATE = "2020-01-01"
MONTH = "2004-01-01"
CONFIRMED_MONTH = "2004-02-01"


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestRpcGuards(DvaHttpCase):

    def setUpHttpData(self):
        super(TestRpcGuards, self).setUpHttpData()
        env = self.env
        self.finance = env["res.users"].create({
            "name": "Fenna Finance", "login": "t_rpc_finance", "password": "t_rpc_finance" + PASSWORD_SUFFIX,
            "groups_id": [(6, 0, [env.ref("gd_billing.group_manager").id])]})
        # A DVA of its own period for the settlement, so that no other run shares its months.
        self.dva_c = DvaFixtures.make_agreement(self, self.org_c, self.principal_c.partner_id, [
            {"product_tmpl_id": self.item_pocket.id, "quantity": 2, "price_unit": 45.0},
        ], date_start="2004-01-01", date_end="2004-12-31")
        Run = env["gd.billing.run"]
        self.run = Run.create({"date_start": MONTH, "company_id": self.company.id})
        self.run.action_compute()
        self.confirmed_run = Run.create({"date_start": CONFIRMED_MONTH, "company_id": self.company.id})
        self.confirmed_run.action_compute()
        self.confirmed_run.action_confirm()
        self.statement = self.run.statement_ids
        self.line = self.statement.line_ids
        self.assertEqual(len(self.line), 1)

        self.ticket = self.new_ticket(self.employee_a.partner_id, "Pocketcomputer nodig")
        self.order = self.ticket._do_intake(self.item_pocket)
        self.order = env["gd.servicedesk.work.order"].browse(self.order.id)
        self.assertEqual(self.order.backoffice_id, self.bo_ict)
        stages = env["helpdesk.ticket.stage"]
        self.done_stage = stages._get_by_code("done")
        self.escalated_stage = stages._get_by_code("escalated")

    def setUp(self):
        super(TestRpcGuards, self).setUp()
        url = "http://127.0.0.1:%d/xmlrpc/2/" % odoo.tools.config["http_port"]
        self.rpc_common = xmlrpclib.ServerProxy(url + "common", allow_none=True)
        self.rpc_object = xmlrpclib.ServerProxy(url + "object", allow_none=True)
        self.uids = {}
        self.roles = {
            "back-office member": self.backoffice_member,
            "desk agent": self.desk_agent,
            "DVA manager": self.dva_manager,
            "finance": self.finance,
            "account manager": self.account_manager,
        }

    def call(self, user, model, method, *args):
        password = user.login + PASSWORD_SUFFIX
        if user.id not in self.uids:
            self.uids[user.id] = self.rpc_common.login(self.cr.dbname, user.login, password)
            self.assertEqual(self.uids[user.id], user.id, user.login)
        uid = self.uids[user.id]
        return self.rpc_object.execute_kw(self.cr.dbname, uid, password, model, method, list(args))

    def attempts(self):
        """(record, {field: value}) for every state and derived field of the suite's records."""
        other_client = self.org_b.id
        return [
            (self.order, {
                "state": "done", "done_date": DATETIME, "lead_time_days": 1.0, "norm_used_pct": 10.0,
                "on_time_pct": 100.0, "handback_reason": "x", "handback_date": DATETIME, "handback_count": -1,
                "notice_done_date": DATETIME, "deadline_state": "late", "is_overdue": True,
                "dva_line_id": self.line_j_pocket.id, "is_pay_per_use": True, "pay_per_use_price": 1.0,
                "sale_order_id": False}),
            (self.ticket, {
                "handling": "answer", "intake_date": DATETIME, "escalated": True, "escalation_reason": "x",
                "escalation_date": DATETIME, "request_product_ids": [(6, 0, [self.item_room.id])],
                "pattern_id": False, "pattern_option_ids": [(5,)], "notice_received_date": DATETIME,
                "notice_escalated_date": DATETIME, "notice_completed_date": DATETIME,
                "answered_by_knowledge_id": False, "is_first_contact_resolution": True, "satisfaction": "5",
                "satisfaction_date": DATETIME, "stage_id": self.done_stage.id}),
            (self.ticket, {"stage_id": self.escalated_stage.id}),
            (self.dva_a, {"state": "draft", "termination_date": DATE, "previous_id": self.dva_j.id}),
            (self.line_a_pocket, {"price_unit": 1.0, "quantity": 1000, "agreement_id": self.dva_j.id,
                                  "state": "draft"}),
            (self.run, {"state": "confirmed", "compute_date": DATETIME, "confirm_date": DATETIME,
                        "confirm_user_id": self.finance.id, "export_date": DATETIME,
                        "export_user_id": self.finance.id, "date_start": "2004-03-01"}),
            (self.run, {"state": "draft"}),
            (self.statement, {"run_id": self.confirmed_run.id, "client_id": other_client,
                              "company_id": self.company.id}),
            (self.line, {"statement_id": self.confirmed_run.statement_ids[:1].id, "source": "correction",
                         "period_date": DATE, "dva_line_id": self.line_a_pocket.id, "sale_order_id": False,
                         "days": 3, "proration": 0.5, "analytic_line_id": False, "quantity": 99,
                         "price_unit": 0.01, "description": "x", "product_tmpl_id": self.item_room.id,
                         "work_order_ids": [(6, 0, [self.order.id])]}),
        ]

    def snapshot(self):
        self.env.cache.invalidate()
        result = {}
        for record, values in self.attempts():
            result[(record._name, record.id, tuple(sorted(values)))] = record.read(sorted(values))
        return result

    def test_every_role_is_refused_every_field(self):
        before = self.snapshot()
        accepted = []
        attempts = 0
        for role, user in self.roles.items():
            for record, values in self.attempts():
                for name, value in values.items():
                    attempts += 1
                    try:
                        self.call(user, record._name, "write", record.ids, {name: value})
                    except xmlrpclib.Fault as fault:
                        self.assertIn(fault.faultCode, REFUSED_FAULT_CODES, fault.faultString)
                    else:
                        accepted.append((role, record._name, name))
        self.assertEqual(accepted, [], "written directly over XML-RPC")
        self.assertGreater(attempts, 250)
        self.assertEqual(self.snapshot(), before)

    def test_no_role_creates_records_in_a_state(self):
        refused = [
            (self.desk_agent, "gd.servicedesk.work.order", {
                "ticket_id": self.ticket.id, "product_tmpl_id": self.item_software.id, "state": "done",
                "done_date": DATETIME}),
            (self.desk_agent, "gd.servicedesk.work.order", {
                "ticket_id": self.ticket.id, "product_tmpl_id": self.item_cards.id, "is_pay_per_use": True,
                "pay_per_use_price": 0.01}),
            (self.desk_agent, "helpdesk.ticket", {
                "name": "Al klaar", "partner_id": self.employee_a.partner_id.id, "escalated": True,
                "handling": "route"}),
            (self.dva_manager, "gd.dva.agreement", {
                "framework_id": self.framework.id, "client_id": self.org_c.id, "date_start": "2005-01-01",
                "date_end": "2005-12-31", "state": "active"}),
            (self.finance, "gd.billing.run", {"date_start": "2006-01-01", "state": "confirmed"}),
            (self.finance, "gd.billing.statement", {"run_id": self.confirmed_run.id, "client_id": self.org_b.id}),
        ]
        for user, model, values in refused:
            with self.assertRaises(xmlrpclib.Fault, msg="%s %s" % (user.login, model)) as caught:
                self.call(user, model, "create", values)
            self.assertIn(caught.exception.faultCode, REFUSED_FAULT_CODES, caught.exception.faultString)

    def test_settlement_month_out_of_range(self):
        with self.assertRaises(xmlrpclib.Fault) as caught:
            self.call(self.finance, "gd.billing.run", "create", {"date_start": "9999-12-01"})
        self.assertIn("not a month a settlement can cover", caught.exception.faultString)

    def test_buttons_answer_a_value(self):
        order_ids = self.order.ids
        self.assertIs(self.call(self.backoffice_member, "gd.servicedesk.work.order", "action_start", order_ids),
                      True)
        self.assertIs(self.call(self.backoffice_member, "gd.servicedesk.work.order", "action_wait", order_ids),
                      True)
        self.assertIs(self.call(self.backoffice_member, "gd.servicedesk.work.order", "action_done", order_ids),
                      True)
        draft = DvaFixtures.make_agreement(self, self.org_b, self.principal_b.partner_id, [
            {"product_tmpl_id": self.item_cards.id, "quantity": 1}], activate=False,
            date_start="2007-01-01", date_end="2007-12-31")
        self.cr.commit()
        for method in ("action_negotiate", "action_draft", "action_negotiate", "action_activate", "action_end"):
            self.assertIs(self.call(self.dva_manager, "gd.dva.agreement", method, draft.ids), True, method)
        self.env.cache.invalidate()
        self.assertEqual(self.order.state, "done")
        self.assertTrue(self.order.done_date)
        self.assertEqual(draft.state, "ended")
