from odoo.exceptions import AccessError, ValidationError

from .common import DvaCase


class TestGroups(DvaCase):

    def test_manager_implies_user(self):
        manager = self.env.ref("gd_dva.group_manager")
        user = self.env.ref("gd_dva.group_user")
        self.assertIn(user, manager.trans_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), user.trans_implied_ids)

    def test_account_managers_and_dva_managers_make_quotes(self):
        salesman = self.env.ref("sales_team.group_sale_salesman")
        self.assertIn(salesman, self.env.ref("gd_servicedesk.group_account_manager").trans_implied_ids)
        self.assertIn(salesman, self.env.ref("gd_dva.group_manager").trans_implied_ids)
        self.assertNotIn(salesman, self.env.ref("gd_dva.group_user").trans_implied_ids)


class TestAgreementAccess(DvaCase):

    def test_account_manager_sees_and_edits_own_clients_only(self):
        Agreement = self.env["gd.dva.agreement"]
        own = Agreement.sudo(self.account_manager).search([("id", "in", (self.dva_a | self.dva_j).ids)])
        self.assertEqual(own, self.dva_a | self.dva_j)
        self.assertFalse(Agreement.sudo(self.other_account_manager).search([("id", "in", self.dva_a.ids)]))
        with self.assertRaises(AccessError):
            self.dva_a.sudo(self.other_account_manager).read(["name"])
        # the account manager prepares a new DVA for a client of theirs
        draft = Agreement.sudo(self.account_manager).create({
            "framework_id": self.framework.id, "kind": "plus", "client_id": self.org_c.id,
            "principal_id": self.principal_c.partner_id.id, "date_start": "2001-01-01", "date_end": "2001-12-31",
            "line_ids": [(0, 0, {"product_tmpl_id": self.item_pocket.id, "quantity": 3})]})
        draft.action_activate()
        self.assertEqual(draft.state, "active")
        # another account manager cannot make one for that client (refused by the rules, possibly while the
        # constraints read the new record)
        with self.refused((AccessError, ValidationError)):
            Agreement.sudo(self.other_account_manager).create({
                "framework_id": self.framework.id, "kind": "plus", "client_id": self.org_c.id,
                "account_manager_id": self.account_manager.id, "date_start": "2002-01-01",
                "date_end": "2002-12-31"})
        self.assertFalse(Agreement.search([("client_id", "=", self.org_c.id), ("date_start", "=", "2002-01-01")]))
        with self.assertRaises(AccessError):
            self.framework.sudo(self.account_manager).write({"name": "Changed"})

    def test_desk_and_back_offices_read_everything_but_change_nothing(self):
        for user in (self.desk_agent, self.backoffice_member, self.dva_user):
            self.assertEqual(self.line_a_pocket.sudo(user).lead_time, 2.0)
            self.assertEqual(self.dva_a.sudo(user).client_id, self.org_a)
            with self.assertRaises(AccessError):
                self.dva_a.sudo(user).write({"note": "<p>Nope</p>"})

    def test_employee_without_group_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.dva_a.sudo(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            self.line_a_pocket.sudo(self.employee).read(["lead_time"])

    def test_portal_principal_reads_own_organisation_only(self):
        Agreement = self.env["gd.dva.agreement"]
        self.assertEqual(Agreement.sudo(self.principal_a).search([]), self.dva_a)
        self.assertEqual(self.env["gd.dva.line"].sudo(self.principal_a).search([]), self.dva_a.line_ids)
        with self.assertRaises(AccessError):
            self.dva_j.sudo(self.principal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.dva_a.sudo(self.principal_a).write({"note": "<p>Nope</p>"})
        # employees who are no principal see no agreements; drafts stay internal
        self.assertFalse(Agreement.sudo(self.employee_a).search([]))
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id,
                                    [{"product_tmpl_id": self.item_pocket.id}], activate=False)
        self.assertFalse(Agreement.sudo(self.principal_b).search([("id", "=", draft.id)]))
        draft.action_negotiate()
        self.assertEqual(Agreement.sudo(self.principal_b).search([]), draft)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Andere GD"})
        self.desk_agent.write({"company_ids": [(4, other_company.id)]})
        self.desk_agent.write({"company_id": other_company.id})
        self.assertFalse(self.env["gd.dva.agreement"].sudo(self.desk_agent).search([("id", "=", self.dva_a.id)]))
        self.assertFalse(self.env["gd.dva.line"].sudo(self.desk_agent).search([("id", "in", self.dva_a.line_ids.ids)]))
