"""Many portal users at once against the production server (Odoo's multi-process workers).

Starts Odoo with 2 workers (the [production] settings of odoo.conf, workers lowered to 2) on the benchmark
database, then lets 30 portal users (``ministry.py``) each log in and walk the service page, the catalogue,
their case list and one of their cases for 60 s, pausing 3-5 s between pages as people do. Targets: zero
errors (HTTP >= 500, refused or reset connections, time-outs) and a 95th percentile under 1 s for every page.
A second round without pauses shows the throughput when the server is CPU-bound (no target).

What the figures include besides the pages: the 30 users are Python threads of this process on the same 2 cores
as the server's workers and PostgreSQL (each request costs the client some milliseconds of CPU too, under one GIL),
and every user logs in when its round starts, all 30 at once (a log-in is a GET of the form, a POST and the
redirected page), so the first pages of a round queue behind 30 log-ins. The log-ins are not timed themselves.
"""
import os
import random
import re
import statistics
import sys
import threading
import time

import requests

import odoo
from common import environment, open_registry, start_server, stop_server, verdict
from ministry import PASSWORD, build

DURATION = 60.0
PAUSE = (3.0, 5.0)
WORKERS = 2
P95_TARGET = 1.0
PAGES = ("/service", "/catalog", "/my/tickets", "/my/ticket/%(ticket)s")


def log_in(base, login):
    session = requests.Session()
    page = session.get(base + "/web/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(base + "/web/login", data={"login": login, "password": PASSWORD, "csrf_token": token}, timeout=30)
    return session


def walk(base, login, ticket_id, until, pauses, results, errors):
    try:
        session = log_in(base, login)
    except (requests.RequestException, AttributeError) as error:
        errors.append("%s: log-in failed (%s)" % (login, error))
        return
    rnd = random.Random(login)
    while time.time() < until:
        for page in PAGES:
            url = base + page % {"ticket": ticket_id}
            started = time.perf_counter()
            try:
                response = session.get(url, timeout=30)
                seconds = time.perf_counter() - started
                if response.status_code >= 500 or response.status_code in (403, 404):
                    errors.append("%s %s: HTTP %d" % (login, page, response.status_code))
                results.append((page, seconds))
            except requests.RequestException as error:
                errors.append("%s %s: %s" % (login, page, type(error).__name__))
            if pauses:
                time.sleep(rnd.uniform(*PAUSE))  # a person reading the page, not synchronisation
            if time.time() >= until:
                return


def run_round(base, users, pauses, duration):
    results, errors, threads = [], [], []
    until = time.time() + duration
    for login, ticket_id in users:
        thread = threading.Thread(target=walk, args=(base, login, ticket_id, until, pauses, results, errors))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return results, errors


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))] if values else 0.0


def main():
    tiny = "--tiny" in sys.argv
    sys.argv = [arg for arg in sys.argv if arg != "--tiny"]
    registry = open_registry(__doc__)
    config, database = odoo.tools.config.rcfile, registry.db_name
    with environment(registry) as env:
        users = build(env, "tiny" if tiny else "full")
        logins = []
        for user in users["portal_users"]:
            env.cr.execute("SELECT id FROM helpdesk_ticket WHERE partner_id = %s ORDER BY id DESC LIMIT 1",
                           (user.partner_id.id,))
            row = env.cr.fetchone()
            logins.append((user.login, row[0] if row else 0))
    port = int(os.environ.get("GD_BENCH_LOAD_PORT", "8469"))
    duration = 10.0 if tiny else DURATION
    server = start_server(config, database, port, workers=WORKERS, name="portal-load")
    try:
        base = "http://127.0.0.1:%d" % port
        rounds = [("with pauses of 3-5 s", run_round(base, logins, True, duration)),
                  ("without pauses", run_round(base, logins, False, duration))]
    finally:
        stop_server(server)
    lines = ["## Many portal users at once (`bench/bench_portal_load.py`)", "",
             "%d portal users for %.0f s against Odoo's prefork server with %d workers (the [production] settings "
             "of odoo.conf), each walking %s." % (len(logins), duration, WORKERS, ", ".join(PAGES)), "",
             "| round | requests | per second | errors | page | p50 | p95 | max | p95 target | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    all_ok = True
    for label, (results, errors) in rounds:
        for page in PAGES:
            timings = [seconds for name, seconds in results if name == page]
            ok = not errors and bool(timings) and percentile(timings, 0.95) <= P95_TARGET
            if label.startswith("with"):
                all_ok = all_ok and ok
            lines.append("| %s | %d | %.1f | %d | %s | %.3f s | %.3f s | %.3f s | %s | %s |" % (
                label, len(results), len(results) / duration, len(errors), page,
                statistics.median(timings) if timings else 0, percentile(timings, 0.95),
                max(timings) if timings else 0, "< 1 s" if label.startswith("with") else "-",
                verdict(ok) if label.startswith("with") else "-"))
        if errors:
            lines.append("")
            lines.append("Errors (%s): %s" % (label, "; ".join(sorted(set(errors))[:10])))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
