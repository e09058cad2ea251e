"""Two finance users confirm one settlement run at the same moment: it is confirmed once."""
from odoo.addons.gd_catalog.tests.concurrency import ConcurrencyCase
from odoo.exceptions import UserError

# A month no other test or demo record uses, and one that has ended (only ended months settle).
RACE_MONTH = "2002-02-01"


class TestRunConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestRunConcurrency, self).setUp()

        def make(env):
            run = env["gd.billing.run"].create({"date_start": RACE_MONTH})
            run.action_compute()
            return run.id

        self.run_id = self.committed(make)

        def remove(env):
            # A confirmed run is never deleted by the application; the test removes its own.
            env.cr.execute("DELETE FROM gd_billing_run WHERE id = %s", (self.run_id,))

        self.cleanup(remove)

    def test_confirm_at_once(self):
        def confirm(env):
            run = env["gd.billing.run"].browse(self.run_id)
            run.action_confirm()
            return run.confirm_date

        outcomes = self.at_once(confirm, confirm)
        win, errors = self.assertOneWins(outcomes, UserError)
        confirmed = self.committed(lambda env: env["gd.billing.run"].browse(self.run_id).read(
            ["state", "confirm_date"])[0])
        self.assertEqual((confirmed["state"], confirmed["confirm_date"]), ("confirmed", win))
