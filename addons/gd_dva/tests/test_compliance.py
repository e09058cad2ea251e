from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError

from .common import DvaCase, DvaFixtures


class ComplianceFixtures(object):
    """A hand-built March 2025 for Directie Gamma, plus deliveries around it that must not count in March.

    Expected per line and month (Amsterdam time):
    - pocket computer, February: 1 delivered, 0 on time (0%), target 95: missed
    - pocket computer, March: 4 delivered, 3 on time (75%), target 95: missed
    - software, March: 3 delivered, 3 on time (100%; one without a deadline), target 90: met
    - business cards, April: 1 delivered on time (done 31 March 23:30 UTC = 1 April in Amsterdam), target 80: met
    """

    @staticmethod
    def create_month(holder):
        holder.dva_c = DvaFixtures.make_agreement(holder, holder.org_c, holder.principal_c.partner_id, [
            {"product_tmpl_id": holder.item_pocket.id, "quantity": 10, "lead_time": 2, "target_pct": 95.0},
            {"product_tmpl_id": holder.item_software.id, "quantity": 20, "target_pct": 90.0},
            {"product_tmpl_id": holder.item_cards.id, "quantity": 0, "level": "Op aanvraag", "target_pct": 80.0},
        ], date_start="2025-01-01", date_end="2025-12-31")
        holder.line_c_pocket, holder.line_c_software, holder.line_c_cards = holder.dva_c.line_ids
        ticket_c = DvaFixtures.new_ticket(holder, holder.employee_c.partner_id, "Leveringen maart")
        ticket_b = DvaFixtures.new_ticket(holder, holder.employee_b.partner_id, "Zonder DVA")

        def delivered(line, deadline, done, state="done", kind="delivery", ticket=ticket_c, item=None):
            """A work order routed on 2 January 2025, then taken to ``state`` by its transitions."""
            item = item or line.product_tmpl_id
            order = holder.WorkOrder.create({
                "ticket_id": ticket.id, "product_tmpl_id": item.id, "name": item.name, "kind": kind,
                "dva_line_id": line.id if line else False, "start_date": "2025-01-02 08:00:00",
                "deadline": deadline,
            })
            if state == "done" and kind == "intake":
                # An expert intake ends with its outcome (here a refusal, on a case of its own).
                with patch.object(fields.Datetime, "now", staticmethod(lambda *args: done)):
                    order._do_record_outcome("refuse", "Geen levering nodig")
            elif state == "done":
                DvaFixtures.done_at(order, done)
            elif state == "progress":
                order.action_start()
            elif state == "cancel":
                order.action_cancel()
            return order

        pocket, software, cards = holder.line_c_pocket, holder.line_c_software, holder.line_c_cards
        delivered(pocket, "2025-02-25 16:00:00", "2025-02-28 10:00:00")             # February, late
        delivered(pocket, "2025-03-06 16:00:00", "2025-03-05 10:00:00")             # on time
        delivered(pocket, "2025-03-11 16:00:00", "2025-03-11 15:59:00")             # on time
        delivered(pocket, "2025-03-21 16:00:00", "2025-03-20 09:00:00")             # on time
        delivered(pocket, "2025-03-24 16:00:00", "2025-03-25 15:00:00")             # late
        delivered(software, "2025-03-04 16:00:00", "2025-03-03 12:00:00")           # on time
        delivered(software, "2025-03-14 16:00:00", "2025-03-14 16:00:00")           # on time, to the minute
        delivered(software, False, "2025-03-18 11:00:00")                          # no deadline: on time
        delivered(cards, "2025-04-02 16:00:00", "2025-03-31 23:30:00")              # April in Amsterdam
        # not counted: cancelled, still open, an expert intake, a delivery without DVA line
        delivered(pocket, "2025-03-10 16:00:00", "2025-03-12 10:00:00", state="cancel")
        delivered(pocket, "2025-03-10 16:00:00", False, state="progress")
        ticket_intake = DvaFixtures.new_ticket(holder, holder.employee_c.partner_id, "Intake maart")
        delivered(pocket, "2025-03-10 16:00:00", "2025-03-12 10:00:00", kind="intake", ticket=ticket_intake)
        delivered(False, "2025-03-10 16:00:00", "2025-03-12 10:00:00", ticket=ticket_b, item=holder.item_pocket)


class ComplianceCase(DvaCase):
    """The DVA fixtures with the hand-built March of ``ComplianceFixtures``, the compliance model and the report
    actions (PDF and workbook)."""

    @classmethod
    def setUpClass(cls):
        super(ComplianceCase, cls).setUpClass()
        ComplianceFixtures.create_month(cls)
        cls.Compliance = cls.env["gd.dva.compliance"]
        cls.pdf_report = cls.env.ref("gd_dva.gd_dva_compliance_report_pdf")
        cls.xlsx_report = cls.env.ref("gd_dva.gd_dva_compliance_report_xlsx")


class TestCompliance(ComplianceCase):

    def measures(self):
        return {(measure.dva_line_id, measure.month): measure
                for measure in self.Compliance.search([("client_id", "=", self.org_c.id)])}

    def test_view_counts_per_line_and_month(self):
        measures = self.measures()
        self.assertEqual(set(measures), {
            (self.line_c_pocket, "2025-02-01"), (self.line_c_pocket, "2025-03-01"),
            (self.line_c_software, "2025-03-01"), (self.line_c_cards, "2025-04-01")})
        expected = {
            (self.line_c_pocket, "2025-02-01"): (1, 0, 1, 0.0, False),
            (self.line_c_pocket, "2025-03-01"): (4, 3, 1, 75.0, False),
            (self.line_c_software, "2025-03-01"): (3, 3, 0, 100.0, True),
            (self.line_c_cards, "2025-04-01"): (1, 1, 0, 100.0, True),
        }
        for key, figures in expected.items():
            measure = measures[key]
            self.assertEqual((measure.delivered_count, measure.on_time_count, measure.late_count,
                              measure.on_time_pct, measure.target_met), figures, key)
            self.assertEqual(measure.agreement_id, self.dva_c)
            self.assertEqual(measure.target_pct, key[0].target_pct)
        pocket = measures[(self.line_c_pocket, "2025-03-01")]
        self.assertEqual((pocket.lead_time, pocket.lead_time_unit), (2.0, "days"))
        self.assertEqual(pocket.backoffice_id, self.bo_ict)
        self.assertEqual(pocket.product_tmpl_id, self.item_pocket)

    def test_report_rows_for_march_line_by_line(self):
        date_from, date_to, label = self.Compliance._get_period(2025, "M3")
        self.assertEqual((date_from, date_to), ("2025-03-01", "2025-03-31"))
        self.assertEqual(label, "March 2025")
        rows = self.Compliance._get_report_rows(self.org_c, date_from, date_to)
        self.assertEqual([(row["item"], row["month"], row["delivered"], row["on_time"], row["late"],
                           row["on_time_pct"], row["target_pct"], row["target_met"]) for row in rows], [
            ("DT Pocketcomputer", "2025-03-01", 4, 3, 1, 75.0, 95.0, False),
            ("DT Software", "2025-03-01", 3, 3, 0, 100.0, 90.0, True),
            ("DT Visitekaartjes", "2025-03-01", 0, 0, 0, None, 80.0, None),
        ])
        self.assertEqual(rows[0]["norm"], "2 working days")
        self.assertEqual(rows[0]["agreement"], self.dva_c.name)
        self.assertEqual(rows[0]["month_label"], "March 2025")
        Dutch = self.Compliance.with_context(lang="nl_NL")
        self.assertEqual([Dutch._month_name(month) for month in (1, 3, 12)], ["januari", "maart", "december"])
        self.assertEqual(Dutch._get_period(2025, "M3")[2], "maart 2025")

    def test_report_rows_and_totals_for_the_first_quarter(self):
        data = self.Compliance._get_report_data(self.org_c, 2025, "Q1")
        self.assertEqual((data["date_from"], data["date_to"]), ("2025-01-01", "2025-03-31"))
        self.assertEqual(data["agreements"], self.dva_c)
        self.assertEqual(len(data["rows"]), 9)  # three lines, three months
        pocket = [(row["month"], row["delivered"], row["on_time"]) for row in data["rows"]
                  if row["line_id"] == self.line_c_pocket.id]
        self.assertEqual(pocket, [("2025-01-01", 0, 0), ("2025-02-01", 1, 0), ("2025-03-01", 4, 3)])
        totals = {row["item"]: (row["delivered"], row["on_time"], row["on_time_pct"], row["target_met"])
                  for row in data["totals"]}
        self.assertEqual(totals, {
            "DT Pocketcomputer": (5, 3, 60.0, False),
            "DT Software": (3, 3, 100.0, True),
            "DT Visitekaartjes": (0, 0, None, None),
        })

    def test_whole_year(self):
        data = self.Compliance._get_report_data(self.org_c, 2025, "Y")
        self.assertEqual((data["date_from"], data["date_to"], data["period_label"]),
                         ("2025-01-01", "2025-12-31", "2025"))
        self.assertEqual(len(data["rows"]), 36)  # three lines, twelve months
        totals = {row["item"]: (row["delivered"], row["on_time"]) for row in data["totals"]}
        self.assertEqual(totals, {"DT Pocketcomputer": (5, 3), "DT Software": (3, 3), "DT Visitekaartjes": (1, 1)})

    def test_measures_are_read_in_a_fixed_number_of_statements_with_the_callers_rules(self):
        lines = self.dva_c.line_ids
        Compliance = self.Compliance.sudo(self.account_manager)
        Compliance._read_measures(lines, "2025-01-01", "2025-12-31")  # warm the access caches
        counts = []
        for some_lines, date_to in ((lines[:1], "2025-01-31"), (lines, "2025-12-31")):
            before = self.env.cr.sql_log_count
            measures = Compliance._read_measures(some_lines, "2025-01-01", date_to)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "one line and one month cost what three lines and a year cost")
        self.assertLessEqual(counts[1], 5)
        self.assertEqual(measures, {
            (self.line_c_pocket.id, "2025-02-01"): (1, 0), (self.line_c_pocket.id, "2025-03-01"): (4, 3),
            (self.line_c_software.id, "2025-03-01"): (3, 3), (self.line_c_cards.id, "2025-04-01"): (1, 1)})
        self.assertEqual(self.Compliance.sudo(self.other_account_manager)._read_measures(
            lines, "2025-01-01", "2025-12-31"), {})

    def test_months_outside_the_agreement_are_not_reported(self):
        data = self.Compliance._get_report_data(self.org_c, 2024, "Q4")
        self.assertEqual(data["rows"], [])
        self.assertFalse(data["agreements"])

    def test_period_must_exist(self):
        for year, period in ((2025, "M13"), (2025, "Q5"), ("x", "M1"), (2025, "W1"), (2025, ""), (2025, "Y2")):
            with self.assertRaises(UserError):
                self.Compliance._get_period(year, period)

    def test_monthly_filter_reaches_the_work_orders_on_the_shared_index(self):
        """The month filter on the view is applied where the work orders are read, on the stored month of
        delivery that the partial index (shared with the settlement) leads with. Which scan the planner then
        takes depends on the volumes: bench/bench_compliance.py measures that on a ministry's data."""
        cr = self.env.cr
        cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'gd_servicedesk_work_order_delivery_month_index'")
        indexdef = cr.fetchone()[0]
        self.assertIn("(delivery_month, dva_line_id)", indexdef)
        self.assertIn("WHERE (((state)::text = 'done'::text) AND ((kind)::text = 'delivery'::text))", indexdef)
        cr.execute("EXPLAIN (FORMAT JSON) SELECT * FROM gd_dva_compliance WHERE client_id = %s "
                   "AND month >= %s AND month <= %s", (self.org_c.id, "2025-03-01", "2025-03-31"))
        plan = cr.fetchone()[0]

        def scans(node):
            found = [node] if node.get("Relation Name") == "gd_servicedesk_work_order" else []
            for child in node.get("Plans", []):
                found += scans(child)
            return found
        work_order_scans = scans(plan[0]["Plan"])
        self.assertEqual(len(work_order_scans), 1)
        conditions = " ".join(work_order_scans[0].get(key, "") for key in ("Filter", "Index Cond", "Recheck Cond"))
        self.assertIn("delivery_month >= '2025-03-01'::date", conditions)
        self.assertIn("delivery_month <= '2025-03-31'::date", conditions)

    def test_account_manager_sees_own_clients_only(self):
        own = self.Compliance.sudo(self.account_manager).search([])
        self.assertTrue(own)
        self.assertEqual(set(own.mapped("client_id").ids), {self.org_c.id})
        self.assertFalse(self.Compliance.sudo(self.other_account_manager).search([]))
        self.assertEqual(len(self.Compliance.sudo(self.dva_user).search([("client_id", "=", self.org_c.id)])), 4)

    def test_portal_principal_sees_own_organisation_only(self):
        self.assertEqual(len(self.Compliance.sudo(self.principal_c).search([])), 4)
        self.assertFalse(self.Compliance.sudo(self.principal_a).search([("client_id", "=", self.org_c.id)]))
        self.assertFalse(self.Compliance.sudo(self.employee_c).search([]))
