"""Many portal users at once against the production server (Odoo's multi-process workers).

Starts Odoo with 2 workers (the [production] settings of odoo.conf, workers lowered to 2) on the benchmark
database, then lets 30 portal users (``ministry.py``) walk the service page, the catalogue, their case list and
one of their cases for 60 s, pausing 3-5 s between pages as people do. Targets: zero errors (HTTP >= 500, 403/404,
a page answered with the login form, refused or reset connections, time-outs) and a 95th percentile under 1 s for
every page. A second round without pauses shows the throughput when the server is CPU-bound (no target).

How a round starts: all 30 users log in at the same moment (the form, the POST with its password check, and the
portal's home page /my the log-in leads to), then, once every log-in has answered, the round starts and is
measured: with pauses the round starts as a moment of people at work does, each user somewhere in reading the
page /my, so their first page comes after what is left of a reading (0-5 s), not all thirty in one instant. The
log-ins of that herd are timed as a row of their own. The users are Python threads of this process
on the same 2 cores as the server's workers and PostgreSQL (each request costs the client some milliseconds of CPU
too, under one GIL). The walk and the figures are those of ``portal_walk.py``, shared with ``bench_scale_out.py``.
"""
import os
import sys

import odoo
from common import environment, open_registry, start_server, stop_server, verdict
from ministry import build
from portal_walk import PAGES, log_in_all, portal_logins, run_round, stats

DURATION = 60.0
WORKERS = 2
P95_TARGET = 1.0
LOG_IN = "log-in (form, POST, /my)"


def herd_and_round(port, users, pause, duration):
    """All users log in at once, then walk for ``duration``: (log-in seconds, [(page, seconds)], errors)."""
    sessions, log_ins, errors = log_in_all(users, [port])
    results, walk_errors = run_round(sessions, users, duration, pause)
    return log_ins, [(page, seconds) for _port, page, seconds in results], errors + walk_errors


def main():
    tiny = "--tiny" in sys.argv
    sys.argv = [arg for arg in sys.argv if arg != "--tiny"]
    registry = open_registry(__doc__)
    config, database = odoo.tools.config.rcfile, registry.db_name
    with environment(registry) as env:
        logins = portal_logins(env, build(env, "tiny" if tiny else "full")["portal_users"])
    port = int(os.environ.get("GD_BENCH_LOAD_PORT", "8469"))
    duration = 10.0 if tiny else DURATION
    load_before = os.getloadavg()
    server = start_server(config, database, port, workers=WORKERS, name="portal-load")
    try:
        rounds = []
        for label, pause in (("with pauses of 3-5 s", True), ("without pauses", False)):
            rounds.append((label, pause, herd_and_round(port, logins, pause, duration), os.getloadavg()))
    finally:
        stop_server(server)
    lines = ["## Many portal users at once (`bench/bench_portal_load.py`)", "",
             "%d portal users for %.0f s against Odoo's prefork server with %d workers (the [production] settings "
             "of odoo.conf), each walking %s. Each round starts once all users have logged in, all at the same "
             "moment (the log-ins of that herd are the round's first row, not counted in its requests); with pauses "
             "the round starts amid people reading: each user's first page comes after what is left of a reading of "
             "the page the log-in led to (0-5 s)." % (
                 len(logins), duration, WORKERS, ", ".join(PAGES)), "",
             "| round | requests | per second | errors | page | p50 | p95 | max | p95 target | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    all_ok = True
    for label, measured, (log_ins, results, errors), _load in rounds:
        p50, p95, top = stats(log_ins)
        lines.append("| %s | %d | - | %d | %s | %.3f s | %.3f s | %.3f s | - | - |" % (
            label, len(log_ins), sum(1 for error in errors if "log-in" in error), LOG_IN, p50, p95, top))
        for page in PAGES:
            timings = [seconds for name, seconds in results if name == page]
            p50, p95, top = stats(timings)
            ok = not errors and bool(timings) and p95 <= P95_TARGET
            all_ok = all_ok and (ok or not measured)
            lines.append("| %s | %d | %.1f | %d | %s | %.3f s | %.3f s | %.3f s | %s | %s |" % (
                label, len(results), len(results) / duration, len(errors), page, p50, p95, top,
                "< 1 s" if measured else "-", verdict(ok) if measured else "-"))
    lines += ["", "Load average (1 / 5 / 15 min) before the server started: %.2f / %.2f / %.2f; " % load_before
              + "; ".join("after the round %s: %.2f / %.2f / %.2f" % ((label,) + tuple(load))
                          for label, _pause, _figures, load in rounds) + "."]
    for label, _pause, (_log_ins, _results, errors), _load in rounds:
        if errors:
            lines += ["", "Errors (%s): %s" % (label, "; ".join(sorted(set(errors))[:10]))]
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
