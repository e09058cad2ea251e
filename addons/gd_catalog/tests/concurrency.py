"""Two users at once, for real: each in its own thread, database cursor and transaction.

A test's ordinary cursor never commits, so nothing it makes is seen by another transaction. A concurrency
test therefore makes its records in committed transactions (``committed()``), lets two threads act on them
at the same moment (``at_once()``) and removes what it committed afterwards (``cleanup``, run in tearDown).
"""
import threading

import odoo
from odoo import api
from odoo.tests.common import BaseCase

# How long a thread waits for the other one at a meeting point before the test fails (never reached when
# the code under test is right: the loser is refused at once, NOWAIT).
MEETING_TIMEOUT = 60


class ConcurrencyCase(BaseCase):
    """Base of the tests that run two transactions at once against the test database."""

    def setUp(self):
        super(ConcurrencyCase, self).setUp()
        self.dbname = odoo.tests.common.get_db_name()
        self.registry = odoo.registry(self.dbname)
        self._committed_cleanups = []
        self.addCleanup(self._remove_committed)

    def committed(self, function):
        """Run ``function(env)`` as the superuser in a transaction of its own and commit it.

        Returns what ``function`` returns; return ids (plain values), not records: their cursor is closed.
        """
        with api.Environment.manage():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True,
                                                              "no_reset_password": True,
                                                              "mail_create_nosubscribe": True})
                result = function(env)
                cr.commit()
                return result

    def cleanup(self, function):
        """Register ``function(env)`` to remove committed records after the test (last registered runs first)."""
        self._committed_cleanups.append(function)

    def _remove_committed(self):
        for function in reversed(self._committed_cleanups):
            self.committed(function)

    def at_once(self, *actions, **kwargs):
        """Run each ``action(env)`` in its own thread and transaction, all starting at the same moment.

        Every thread does its work, then waits until all did theirs before committing, so the transactions
        really overlap. Returns, per action, ("ok", result) or ("error", exception); a refused action's
        transaction is rolled back. ``uid`` (keyword) runs the actions as that user.
        """
        uid = kwargs.get("uid", odoo.SUPERUSER_ID)
        start = threading.Barrier(len(actions), timeout=MEETING_TIMEOUT)
        commit = threading.Barrier(len(actions), timeout=MEETING_TIMEOUT)
        outcomes = [None] * len(actions)

        def run(index, action):
            threading.current_thread().dbname = self.dbname
            with api.Environment.manage():
                cr = self.registry.cursor()
                try:
                    env = api.Environment(cr, uid, {"lang": "en_US"})
                    start.wait()
                    try:
                        outcomes[index] = ("ok", action(env))
                    except Exception as error:  # the loser's refusal, kept for the test's assertions
                        outcomes[index] = ("error", error)
                        cr.rollback()
                    commit.wait()
                    if outcomes[index][0] == "ok":
                        cr.commit()
                finally:
                    cr.close()

        threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(MEETING_TIMEOUT * 3)
        self.assertFalse([thread for thread in threads if thread.is_alive()], "a transaction did not finish")
        self.assertTrue(all(outcomes), "a thread did not report: %s" % (outcomes,))
        return outcomes

    def assertOneWins(self, outcomes, error_class):
        """Exactly one action succeeded; the others were refused with ``error_class``."""
        wins = [value for kind, value in outcomes if kind == "ok"]
        errors = [value for kind, value in outcomes if kind == "error"]
        self.assertEqual(len(wins), 1, "outcomes: %s" % (outcomes,))
        for error in errors:
            self.assertIsInstance(error, error_class, "outcomes: %s" % (outcomes,))
        return wins[0], errors
