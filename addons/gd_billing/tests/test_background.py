"""A heavy month is computed and confirmed in the background (queue_job), the light ones at once.

The jobs are run here synchronously by loading and performing them, as queue_job's own tests do; the
job runner (an HTTP call to /queue_job/runjob in production) is not part of the test.
"""
from odoo.exceptions import UserError

from odoo.addons.gd_dva.tests.common import perform_job

from .common import BillingCase


class TestSettlementInTheBackground(BillingCase):

    def setUp(self):
        super(TestSettlementInTheBackground, self).setUp()
        # The hand-built month has some sixty deliveries: heavy above ten.
        self.env["ir.config_parameter"].sudo().set_param("gd_billing.background_threshold", "10")

    def perform(self, run):
        """Run the run's queued job as the runner would."""
        job = perform_job(self.env, run.job_uuid)
        run.invalidate_cache()
        return job

    def test_heavy_month_is_computed_in_the_background_and_the_user_told(self):
        run = self.new_run().sudo(self.finance)
        run.action_compute()
        self.assertEqual(run.state, "draft", "nothing is computed in the request itself")
        self.assertEqual((run.job_step, run.job_state), ("compute", "queued"))
        self.assertFalse(run.statement_ids)
        stored = self.env["queue.job"].search([("uuid", "=", run.job_uuid)])
        self.assertEqual((stored.model_name, stored.method_name, stored.user_id), (
            "gd.billing.run", "_job_run_step", self.finance))
        self.assertIn("background", run.message_ids[0].body)
        with self.assertRaises(UserError):
            run.action_compute()  # one job per run at a time

        job = self.perform(run)
        self.assertEqual(run.state, "computed")
        self.assertEqual(run.job_state, "done")
        self.assertTrue(run.statement_ids)
        told = run.message_ids[0]
        self.assertIn(self.finance.partner_id, told.partner_ids)
        self.assertIn("%d statements" % run.statement_count, told.body)
        self.assertIn("is done", job.result)

        run.action_confirm()
        self.assertEqual((run.state, run.job_step, run.job_state), ("computed", "confirm", "queued"))
        self.perform(run)
        self.assertEqual(run.state, "confirmed")
        self.assertEqual(run.confirm_user_id, self.finance)

    def test_the_user_is_told_the_total_in_their_language(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.finance.sudo().write({"lang": "nl_NL"})
        run = self.new_run().sudo(self.finance)
        run.action_compute()
        self.perform(run)
        self.assertGreater(run.amount_total, 1000, "the fixture's month charges thousands")
        # 1234.5 -> "1.234,50": written out here, not by the formatting the message uses
        dutch = "{:,.2f}".format(run.amount_total).replace(",", " ").replace(".", ",").replace(" ", ".")
        self.assertIn("\u20ac %s" % dutch, run.message_ids[0].body)
        self.assertIn("is klaar", run.message_ids[0].body)

    def test_light_month_runs_at_once(self):
        self.env["ir.config_parameter"].sudo().set_param("gd_billing.background_threshold", "100000")
        run = self.new_run().sudo(self.finance)
        run.action_compute()
        self.assertEqual(run.state, "computed")
        self.assertFalse(run.job_uuid)

    def test_refusals_come_before_queueing(self):
        run = self.new_run()
        with self.assertRaises(UserError):
            run.sudo(self.reader).action_compute()  # finance's work
        with self.assertRaises(UserError):
            run.sudo(self.finance).action_confirm()  # not computed yet
        self.assertFalse(run.job_uuid)
        self.assertFalse(self.env["queue.job"].search([("model_name", "=", "gd.billing.run")]))

    def test_a_job_refused_when_it_runs_tells_the_user(self):
        run = self.new_run().sudo(self.finance)
        run.action_compute()
        # Meanwhile the month was computed and confirmed at once by someone else.
        self.env["ir.config_parameter"].sudo().set_param("gd_billing.background_threshold", "100000")
        other = run.sudo(self.finance)
        other._do_compute()
        other._do_confirm()
        job = self.perform(run)
        self.assertEqual(run.state, "confirmed")
        self.assertIn("refused", job.result)
        self.assertIn(self.finance.partner_id, run.message_ids[0].partner_ids)
