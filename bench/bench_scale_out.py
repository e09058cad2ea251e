"""Past one machine: two Odoo processes on one database, the portal's users and a heavy month's settlement at once.

Starts two of Odoo's prefork servers (2 workers each, the [production] settings of odoo.conf) on two ports against
the same database and the same ``data_dir`` (filestore and session store shared), as two machines behind a load
balancer would run. Only the first runs the queue_job runner (``[queue_job] channels = root:1``) and the crons
(``max_cron_threads = 1``); the second serves pages only (``root:0``, no crons).

Then, at once:

- finance computes the settlement of the heaviest month that has ended (the run's own Compute button,
  ``action_compute`` as a settlement manager): above ``gd_billing.background_threshold`` deliveries it is queued as
  a job, which the runner of the first process hands to one of its workers;
- 30 portal users (``ministry.py``) walk the service page, the catalogue, their case list and one of their cases
  for 60 s, pausing 3-5 s between pages. Each user logs in on one port and browses on the other, so every
  page proves that a session made by one process is read by the other.

Targets: zero errors (HTTP >= 500, 403/404, refused or reset connections, time-outs, a page answered with the login
form); the job done, the run computed with its statements and totals; every user's session served across
processes. Reported: requests per second, p50/p95/max per port and per page, the job's wait and run time, and the
load average (the users' threads run on the same 2 cores as both servers and PostgreSQL).

Crons that fall due during the measured minute are moved past it before the servers start: the first deadline
sweep over a freshly copied data set (thousands of late parts never warned) is a one-off that would measure the
cron, not the scale-out. ``--tiny`` runs 10 s on the tiny data set with the threshold lowered for the one click.
"""
import os
import sys
import time

import odoo
from bench_billing_run import fresh_run
from common import (environment, launch_server, open_registry, read_options, server_config, stop_server, verdict,
                    wait_for_server)
from ministry import _user, build
from portal_walk import PAGES, log_in_all, portal_logins, run_round, stats

DURATION = 60.0
WORKERS = 2
JOB_WAIT = 600.0
THRESHOLD_KEY = "gd_billing.background_threshold"


# ---------------------------------------------------------------------------------------------- the two processes


def process_options(runner):
    """(options, extra sections) of one process: the job runner and the crons run in one process only."""
    options = {"max_cron_threads": 1 if runner else 0, "server_wide_modules": "base,web,queue_job"}
    return options, {"queue_job": {"channels": "root:1" if runner else "root:0"}}


def write_configs(config, database, ports):
    """The configuration files of the two processes: the first with the runner and crons, the second without."""
    paths = []
    for index, port in enumerate(ports):
        options, sections = process_options(runner=index == 0)
        paths.append(server_config(config, database, port, WORKERS, "scale-out-%s" % "ab"[index], options, sections))
    return paths


# ---------------------------------------------------------------------------------------------- the settlement


def heavy_month(env):
    """The first day of the ended month of the main company with the most delivered work orders, among the
    months not settled for good (a confirmed run stays as it is)."""
    company = env.ref("base.main_company")
    env.cr.execute("""
        SELECT month, count FROM (
            SELECT date_trunc('month', done_date)::date AS month, count(*) AS count FROM gd_servicedesk_work_order
             WHERE company_id = %(company)s AND state = 'done' AND kind = 'delivery'
               AND date_trunc('month', done_date) < date_trunc('month', now() AT TIME ZONE 'UTC')
             GROUP BY 1) months
         WHERE NOT EXISTS (SELECT 1 FROM gd_billing_run run WHERE run.company_id = %(company)s
                              AND run.date_start = months.month AND run.state NOT IN ('draft', 'computed'))
         ORDER BY count DESC, month DESC LIMIT 1""", {"company": company.id})
    row = env.cr.fetchone()
    if not row:
        raise RuntimeError("no ended month with delivered work orders left to settle")
    return str(row[0])


def finance_user(env):
    return _user(env, "bench.finance", "Bench financiën", ["gd_billing.group_manager"])


def draft_run(env, month):
    """The month's run as a draft; jobs an earlier run of the benchmark left waiting are dropped with it."""
    env.cr.execute("DELETE FROM queue_job WHERE model_name = 'gd.billing.run' AND state != 'done'")
    return fresh_run(env, env.ref("base.main_company"), month)


def enqueue_settlement(run, finance, threshold=None):
    """Finance presses Compute on ``run``; returns the uuid of the job it queued.

    ``threshold`` lowers the number of deliveries above which a month is heavy for this one click (a tiny data set).
    """
    icp = run.env["ir.config_parameter"].sudo()
    before = icp.get_param(THRESHOLD_KEY)
    if threshold is not None:
        icp.set_param(THRESHOLD_KEY, str(threshold))
    try:
        run.sudo(finance).action_compute()
    finally:
        if threshold is not None:
            icp.set_param(THRESHOLD_KEY, before or False)
    run.invalidate_cache()
    if not run.job_uuid:
        raise RuntimeError("the settlement of %s ran at once instead of in the background" % run.name)
    return run.job_uuid


def settlement_outcome(env, run_id, uuid):
    """The job's state and times, and the run's state, statements and totals, as stored."""
    env.cr.execute("""SELECT state, date_created, date_started, date_done, exc_info FROM queue_job WHERE uuid = %s""",
                   (uuid,))
    state, created, started, done, exc_info = env.cr.fetchone()
    created, started, done = [odoo.fields.Datetime.from_string(value) for value in (created, started, done)]
    run = env["gd.billing.run"].browse(run_id)
    run.invalidate_cache()
    return {"job": state, "created": created, "started": started, "done": done, "error": exc_info,
            "run": run.state, "job_state": run.job_state, "statements": run.statement_count,
            "lines": len(run.line_ids), "amount": run.amount_total, "basis": run.basis_cost,
            "deliveries": run._count_month_deliveries(), "name": run.name}


def wait_for_job(registry, run_id, uuid, seconds):
    """Poll the job (a fresh transaction each time) until it is done or failed, or ``seconds`` passed."""
    deadline = time.time() + seconds
    while True:
        with environment(registry) as env:
            outcome = settlement_outcome(env, run_id, uuid)
        if outcome["job"] in ("done", "failed") or time.time() > deadline:
            return outcome
        time.sleep(1.0)  # waiting on another process's job, not synchronisation within this one


# ---------------------------------------------------------------------------------------------- the run


def log_tail(path, offset):
    if not os.path.exists(path):
        return ""
    with open(path, errors="replace") as fh:
        fh.seek(offset)
        return fh.read()


def postpone_crons(env, seconds):
    """Crons due before the end of the measurement wait until after it (see the module's note)."""
    env.cr.execute("""UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') + %s * interval '1 second'
                       WHERE active AND nextcall < (now() AT TIME ZONE 'UTC') + %s * interval '1 second'
                       RETURNING cron_name""", (seconds, seconds))
    return [row[0] for row in env.cr.fetchall()]


def main():
    tiny = "--tiny" in sys.argv
    sys.argv = [arg for arg in sys.argv if arg != "--tiny"]
    registry = open_registry(__doc__)
    config, database = odoo.tools.config.rcfile, registry.db_name
    duration = 10.0 if tiny else DURATION
    ports = [int(os.environ.get("GD_BENCH_SCALE_PORT", "8479"))]
    ports.append(ports[0] + 10)
    with environment(registry) as env:
        logins = portal_logins(env, build(env, "tiny" if tiny else "full")["portal_users"])
        finance = finance_user(env)
        month = heavy_month(env)
        run = draft_run(env, month)
        run_id = run.id
        postponed = postpone_crons(env, 600 + duration)
    paths = write_configs(config, database, ports)
    logs = [dict(read_options(path))["logfile"] for path in paths]
    offsets = [os.path.getsize(log) if os.path.exists(log) else 0 for log in logs]
    load_before = os.getloadavg()
    servers = []
    try:
        started = time.time()
        for path in paths:
            servers.append(launch_server(path))
        for server, port, log in zip(servers, ports, logs):
            wait_for_server(server, port, log)
        start_seconds = time.time() - started
        sessions, log_ins, session_errors = log_in_all(logins, ports)
        with environment(registry) as env:
            run = env["gd.billing.run"].browse(run_id)
            uuid = enqueue_settlement(run, finance, threshold=10 if tiny else None)
        round_started = time.time()
        results, errors = run_round(sessions, logins, duration)
        round_seconds = time.time() - round_started
        load = os.getloadavg()
        outcome = wait_for_job(registry, run_id, uuid, JOB_WAIT)
    finally:
        for server in servers:
            stop_server(server)
    runner_log = [log_tail(log, offset) for log, offset in zip(logs, offsets)]
    runner_on = ["starting jobrunner thread" in text for text in runner_log]
    runner_off = ["jobrunner thread (in prefork server) NOT started" in text for text in runner_log]
    asked = runner_log[0].count("asking Odoo to run job %s" % uuid)
    errors = session_errors + errors

    lines = ["## Two Odoo processes on one database (`bench/bench_scale_out.py`)", "",
             "Two prefork servers (%d workers each, the [production] settings of odoo.conf) on ports %d and %d, one "
             "database (%s), one `data_dir` (filestore and sessions); the job runner and the crons in the first only. "
             "At once: the settlement of %s (%d delivered work orders) computed by finance as a background job, and "
             "%d portal users for %.0f s pausing 3-5 s between %s, each logged in on one port and browsing on the "
             "other. Both servers answered %.0f s after starting." % (
                 WORKERS, ports[0], ports[1], database, outcome["name"], outcome["deliveries"], len(logins),
                 duration, ", ".join(PAGES), start_seconds), "",
             "| port | role | users | requests | per second | errors | p50 | p95 | max |",
             "|---|---|---|---|---|---|---|---|---|"]
    for index, port in enumerate(ports):
        timings = [seconds for where, _page, seconds in results if where == port]
        p50, p95, top = stats(timings)
        lines.append("| %d | %s | %d | %d | %.1f | %d | %.3f s | %.3f s | %.3f s |" % (
            port, "pages, job runner, crons" if index == 0 else "pages only",
            sum(1 for _s, used in sessions.values() if used == port), len(timings), len(timings) / round_seconds,
            sum(1 for error in errors if " on %d" % port in error), p50, p95, top))
    p50, p95, top = stats([seconds for _port, _page, seconds in results])
    lines.append("| both | | %d | %d | %.1f | %d | %.3f s | %.3f s | %.3f s |" % (
        len(sessions), len(results), len(results) / round_seconds, len(errors), p50, p95, top))
    lines += ["", "| page | requests | p50 | p95 | max |", "|---|---|---|---|---|"]
    for page in PAGES:
        timings = [seconds for _port, name, seconds in results if name == page]
        p50, p95, top = stats(timings)
        lines.append("| %s | %d | %.3f s | %.3f s | %.3f s |" % (page, len(timings), p50, p95, top))
    p50, p95, top = stats(log_ins)
    lines.append("| log-in before the round (form and POST on one port, /my on the other; all at once) | %d | %.3f s "
                 "| %.3f s | %.3f s |" % (len(log_ins), p50, p95, top))
    waited = (outcome["started"] - outcome["created"]).total_seconds() if outcome["started"] else None
    ran = (outcome["done"] - outcome["started"]).total_seconds() if outcome["done"] and outcome["started"] else None
    lines += ["", "Settlement job: %s; waited %s (the runner asked port %d %d times to run it), ran %s; the run %s "
              "with %d statements, %d lines, %.2f charged, basis cost %.2f. Load average (1 / 5 / 15 min) before the "
              "servers started: %.2f / %.2f / %.2f; at the end of the round: %.2f / %.2f / %.2f." % ((
                  outcome["job"], "%.1f s" % waited if waited is not None else "-", ports[0], asked,
                  "%.1f s" % ran if ran is not None else "-", outcome["run"], outcome["statements"],
                  outcome["lines"], outcome["amount"], outcome["basis"]) + tuple(load_before) + tuple(load))]
    if postponed:
        lines += ["", "Crons moved past the measurement: %s." % ", ".join(sorted(set(postponed)))]
    if errors:
        lines += ["", "Errors: %s" % "; ".join(sorted(set(errors))[:10])]
    if outcome["error"]:
        lines += ["", "Job failed: %s" % outcome["error"].strip().splitlines()[-1]]
    checks = [
        ("zero errors over both ports", "%d errors in %d requests" % (len(errors), len(results)), not errors),
        ("sessions made on one process work on the other", "%d of %d users" % (len(sessions), len(logins)),
         len(sessions) == len(logins)),
        ("the settlement job is done, the run computed with totals",
         "job %s, run %s, %d statements, %.2f charged" % (
             outcome["job"], outcome["run"], outcome["statements"], outcome["amount"]),
         outcome["job"] == "done" and outcome["run"] == "computed" and outcome["statements"] > 0
         and outcome["amount"] > 0),
        ("the job runner runs in one process only",
         "started on %d, not started on %d" % (ports[0], ports[1]) if runner_on == [True, False] and runner_off[1]
         else "runner started: %s" % runner_on, runner_on == [True, False] and runner_off[1]),
        ("the job ran while the users walked", "started %s s into the %.0f s round" % (
            "%.1f" % waited if waited is not None else "-", round_seconds),
         waited is not None and waited <= round_seconds),
    ]
    lines += ["", "| target | measured | result |", "|---|---|---|"]
    lines += ["| %s | %s | %s |" % (label, measured, verdict(ok)) for label, measured, ok in checks]
    print("\n".join(lines) + "\n")
    return 0 if all(ok for _label, _measured, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
