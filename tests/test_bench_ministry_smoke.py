"""The ministry-sized benchmarks at a tiny size, so that they keep working (bench/ministry.py and its users).

The data set is built in the test's transaction (rolled back), then every role's list, form and pivot of
``bench_role_lists`` and the yearly report figures of ``bench_compliance`` run on it, each checked against
the hand-written SQL of the benchmark.
"""
import configparser
import importlib.util
import os
import sys

import odoo
from odoo.tests.common import SavepointCase

from odoo.addons.queue_job.job import Job

BENCH_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench")


def load(name):
    if BENCH_DIR not in sys.path:
        sys.path.insert(0, BENCH_DIR)
    spec = importlib.util.spec_from_file_location("gd_bench_%s" % name, os.path.join(BENCH_DIR, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestBenchSmoke(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestBenchSmoke, cls).setUpClass()
        cls.ministry = load("ministry")
        cls.users = cls.ministry.build(cls.env, "tiny")

    def env_as(self, role):
        return odoo.api.Environment(self.env.cr, self.users[role].id, {"lang": "nl_NL", "tz": "Europe/Amsterdam"})

    def test_data_set_has_the_ministry_shape(self):
        self.assertTrue(self.ministry.check(self.env))
        cr = self.env.cr
        cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE number LIKE 'BM%%'")
        self.assertEqual(cr.fetchone()[0], self.ministry.SIZES["tiny"]["tickets"])
        cr.execute("SELECT count(*), count(dva_line_id), count(DISTINCT backoffice_id) "
                   "FROM gd_servicedesk_work_order WHERE number LIKE 'BW%%'")
        orders, under_dva, backoffices = cr.fetchone()
        self.assertEqual(orders, 5 * self.ministry.SIZES["tiny"]["tickets"])
        self.assertGreater(under_dva, orders // 3, "two parts of every case fall under the DVA")
        self.assertEqual(backoffices, 5)
        self.assertEqual(len(self.users["portal_users"]), self.ministry.SIZES["tiny"]["portal_users"])

    def test_every_role_list_runs_and_sees_its_own(self):
        roles = load("bench_role_lists")
        backoffice = self.users["backoffices"][3]
        cr = self.env.cr
        cr.execute("SELECT ticket_id FROM gd_servicedesk_work_order WHERE backoffice_id = %s ORDER BY id DESC "
                   "LIMIT 1", (backoffice.id,))
        bo_ticket = cr.fetchone()[0]
        ids = {role: self.users[role].id for role in ("desk", "account", "backoffice")}
        cases = roles.role_cases(cr, self.env_as, ids, backoffice.id, bo_ticket)
        self.assertEqual(len(cases), 9)
        for label, _kind, orm, floor in cases:
            orm()
            floor()
        # The back-office member's list holds only cases with work of the unit, all of them.
        Ticket = self.env_as("backoffice")["helpdesk.ticket"]
        seen = Ticket.search([])
        cr.execute("SELECT DISTINCT ticket_id FROM gd_servicedesk_work_order WHERE backoffice_id = %s",
                   (backoffice.id,))
        expected = {row[0] for row in cr.fetchall()}
        self.assertEqual(set(seen.ids), expected)

    def test_yearly_report_figures_equal_the_floor(self):
        Compliance = self.env["gd.dva.compliance"]
        cr = self.env.cr
        cr.execute("SELECT extract(year FROM now())::int")
        year = cr.fetchone()[0]
        organisations = self.users["organisations"]
        delivered = sum(total["delivered"] for client in organisations
                        for total in Compliance._get_report_data(client, year, "Y")["totals"])
        cr.execute("""SELECT count(*) FROM gd_servicedesk_work_order
                       WHERE state = 'done' AND kind = 'delivery' AND dva_line_id IS NOT NULL AND client_id IN %s
                         AND extract(year FROM (done_date AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam') = %s""",
                   (tuple(organisations.ids), year))
        self.assertEqual(delivered, cr.fetchone()[0])
        self.assertTrue(delivered)

    def test_intake_costs_a_handful_of_statements_per_part(self):
        """The intake benchmark runs, and each part of a pattern beyond the first costs little.

        Before, every part was created and then written three times (assignee, deadline, timeliness), each
        write tracked, audited field by field and recomputing the case; a part cost some 340 statements.
        """
        intake = load("bench_intake")
        results = intake.measure_suite(self.env, repeat=1)
        self.assertEqual(len(results["pattern"][4]), 5)
        self.assertEqual(len(results["single"][4]), 1)
        self.assertEqual(results["question"][4].ticket_type, "question")
        per_part = (results["pattern"][3] - results["single"][3]) / 4.0
        self.assertLess(per_part, 150, "statements per part of a 5-part pattern beyond the first")
        orders = results["pattern"][4]
        self.assertTrue(all(orders.mapped("deadline")), "every part has its deadline")
        self.assertEqual(orders.mapped("ticket_id").work_order_count, 5, "the case's progress counts every part")

    def test_portal_load_benches_share_one_walk(self):
        """Both load benchmarks walk the same pages with the same users, each user on a case of their own."""
        portal_load, scale = load("bench_portal_load"), load("bench_scale_out")
        walk = sys.modules["portal_walk"]
        self.assertIs(portal_load.log_in_all, walk.log_in_all)
        self.assertIs(scale.run_round, walk.run_round)
        logins = walk.portal_logins(self.env, self.users["portal_users"])
        self.assertEqual([login for login, _ticket in logins], self.users["portal_users"].mapped("login"))
        Ticket = self.env["helpdesk.ticket"]
        for login, ticket_id in logins:
            self.assertEqual(Ticket.browse(ticket_id).partner_id.user_ids.login, login)
        self.assertEqual(walk.stats([0.3, 0.1, 0.2]), (0.2, 0.3, 0.3))

    def test_scale_out_settles_in_the_background_and_runs_jobs_in_one_process(self):
        """The two processes of ``bench_scale_out`` share database and data_dir; one runs jobs and crons. Finance's
        click queues the month's settlement, which the runner's worker performs: the run is computed with totals."""
        scale = load("bench_scale_out")
        config = odoo.tools.config.rcfile
        first, second = [dict(scale.read_options(path)) for path in scale.write_configs(config, "gd_scale_db",
                                                                                          [18479, 18489])]
        self.assertEqual((first["db_name"], first["data_dir"]), (second["db_name"], second["data_dir"]))
        self.assertEqual(first["data_dir"], odoo.tools.config["data_dir"], "sessions and filestore are shared")
        self.assertEqual((first["http_port"], second["http_port"]), ("18479", "18489"))
        self.assertEqual((first["max_cron_threads"], second["max_cron_threads"]), ("1", "0"))
        self.assertIn("queue_job", first["server_wide_modules"].split(","))
        self.assertIn("queue_job", second["server_wide_modules"].split(","))
        channels = []
        for path in scale.write_configs(config, "gd_scale_db", [18479, 18489]):
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(path)
            channels.append(parser["queue_job"]["channels"])
        self.assertEqual(channels, ["root:1", "root:0"], "one job runner")

        finance = scale.finance_user(self.env)
        run = scale.draft_run(self.env, scale.heavy_month(self.env))
        threshold = self.env["ir.config_parameter"].get_param("gd_billing.background_threshold")
        uuid = scale.enqueue_settlement(run, finance, threshold=10)
        self.assertEqual(run.state, "draft", "nothing is computed in finance's request")
        job = Job.load(self.env, uuid)
        self.assertEqual((job.model_name, job.method_name, job.user_id), ("gd.billing.run", "_job_run_step",
                                                                          finance.id))
        self.assertEqual(self.env["ir.config_parameter"].get_param("gd_billing.background_threshold"), threshold,
                         "the lowered threshold was for the one click")
        job.set_started()
        job.store()
        job.perform()
        job.set_done(result=job.result)
        job.store()
        outcome = scale.settlement_outcome(self.env, run.id, uuid)
        self.assertEqual((outcome["job"], outcome["run"], outcome["job_state"]), ("done", "computed", "done"))
        self.assertGreater(outcome["statements"], 0)
        self.assertGreater(outcome["amount"], 0)
