from odoo.exceptions import AccessError

from .common import BillingCase


class TestAccountManager(BillingCase):
    """Account managers read, and only read, the statements, charges and basis use of their own clients."""

    @classmethod
    def setUpClass(cls):
        super(TestAccountManager, cls).setUpClass()
        cls.other_manager = cls.env["res.users"].create({
            "name": "Other Account Manager", "login": "t_bill_am2", "email": "t_bill_am2@example.com",
            "groups_id": [(6, 0, [cls.env.ref("gd_servicedesk.group_account_manager").id])]})
        cls.org_c.account_manager_id = cls.other_manager
        run = cls.env["gd.billing.run"].create({"date_start": "2024-03-01", "company_id": cls.company.id})
        run.action_compute()
        run.action_confirm()
        cls.march = run

    def test_own_clients_only(self):
        for user, clients in ((self.account_manager, self.org_a | self.org_b), (self.other_manager, self.org_c)):
            Statement = self.env["gd.billing.statement"].sudo(user)
            statements = Statement.search([("run_id", "=", self.march.id)])
            self.assertEqual(statements.mapped("client_id"), clients, user.login)
            self.assertEqual(statements.mapped("amount_total"),
                             self.march.statement_ids.filtered(lambda s: s.client_id in clients).mapped("amount_total"))
            lines = self.env["gd.billing.line"].sudo(user).search([("run_id", "=", self.march.id)])
            self.assertEqual(lines.mapped("client_id"), clients, user.login)
            self.assertEqual(len(lines), len(self.march.line_ids.filtered(lambda line: line.client_id in clients)))
            basis = self.env["gd.billing.basis.line"].sudo(user).search([("run_id", "=", self.march.id)])
            self.assertEqual(set(basis.mapped("client_id")), set(self.march.basis_line_ids.filtered(
                lambda line: line.client_id in clients).mapped("client_id")))
            report = self.env["gd.billing.budget.report"].sudo(user).read_group(
                [("date", "=", "2024-03-01")], ["client_id", "cost"], ["client_id"])
            self.assertEqual(bool(report), bool(basis), user.login)
            self.assertTrue(all(row["client_id"][0] in clients.ids for row in report))
            # read only, and nothing of the run itself or of other clients
            foreign = self.march.statement_ids.filtered(lambda s: s.client_id not in clients)[:1]
            with self.assertRaises(AccessError):
                foreign.sudo(user).read(["amount_total"])
            own = statements[:1]
            with self.assertRaises(AccessError):
                own.sudo(user).write({"client_id": own.client_id.id})
            with self.assertRaises(AccessError):
                self.march.sudo(user).read(["name"])
            with self.assertRaises(AccessError):
                self.env["gd.billing.budget"].sudo(user).search([])

    def test_other_staff_still_see_no_money(self):
        with self.assertRaises(AccessError):
            self.env["gd.billing.statement"].sudo(self.desk_agent).search([])
        # finance reads every statement
        self.assertEqual(self.env["gd.billing.statement"].sudo(self.finance).search_count(
            [("run_id", "=", self.march.id)]), len(self.march.statement_ids))
        # a principal its own organisation's settled statement only
        self.assertEqual(self.env["gd.billing.statement"].sudo(self.principal_a).search(
            [("run_id", "=", self.march.id)]).mapped("client_id"), self.org_a)
