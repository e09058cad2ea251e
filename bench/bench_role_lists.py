"""Every role's default list and form at a ministry's size.

On the data set of ``ministry.py`` (200,000 tickets, about 1,000,000 work orders), each role opens what its
menu opens: the list the web client asks for (the tree view's fields, 80 rows, the count) and one form, through
the ORM as that user, with the caches emptied before each try. Compared in the same run with the same rows
read by SQL. Targets: a list (rows + count) and a form each under 1 s server time; the pivot of work orders
by month and back office under 2 s.
"""
import statistics
import sys
import time

import odoo
from common import QueryCounter, environment, logged_in_client, measure, open_registry, verdict
from ministry import PASSWORD, SIZES, build, check

LIST_TARGET = 1.0
PIVOT_TARGET = 2.0
REPEAT = 3


def timed(env, function):
    timings, queries = [], 0
    for _ in range(REPEAT):
        env.cache.invalidate()
        with QueryCounter() as counter:
            started = time.perf_counter()
            function()
            timings.append(time.perf_counter() - started)
        queries = counter.count
    return statistics.median(timings), min(timings), max(timings), queries


def list_call(env, model, domain, order=None):
    Model = env[model]
    names = list(Model.fields_view_get(view_type="tree")["fields"])

    def run():
        Model.search_read(domain, names, limit=80, order=order)
        Model.search_count(domain)
    return run


def form_call(env, model, record_id):
    Model = env[model]
    names = list(Model.fields_view_get(view_type="form")["fields"])
    return lambda: Model.browse(record_id).read(names)


def pivot_call(env, model, groupby):
    names = [name.split(":")[0] for name in groupby]
    return lambda: env[model].read_group([], names, groupby, lazy=False)


def sql_call(cr, *statements):
    def run():
        for statement, params in statements:
            cr.execute(statement, params)
            cr.fetchall()
    return run


def role_cases(cr, env_as, ids, backoffice_id, bo_ticket):
    """[(label, kind, orm call, SQL floor call)]: what each role opens, and the same rows by SQL."""
    backoffice = env_as("desk")["gd.backoffice"].browse(backoffice_id)
    open_tickets = "SELECT t.id, t.number, t.name FROM helpdesk_ticket t JOIN helpdesk_ticket_stage s " \
                   "ON s.id = t.stage_id WHERE NOT s.closed"
    bo_exists = " AND EXISTS (SELECT 1 FROM gd_servicedesk_work_order w WHERE w.ticket_id = t.id " \
                "AND w.backoffice_id = %s)"
    return [
        ("desk agent: open tickets (list + count)", "list",
         list_call(env_as("desk"), "helpdesk.ticket", [("closed", "=", False)]),
         sql_call(cr, (open_tickets + " ORDER BY t.number DESC LIMIT 80", None),
                  ("SELECT count(*) FROM (%s) q" % open_tickets, None))),
        ("desk agent: all tickets (list + count)", "list",
         list_call(env_as("desk"), "helpdesk.ticket", []),
         sql_call(cr, ("SELECT id, number, name FROM helpdesk_ticket ORDER BY number DESC LIMIT 80", None),
                  ("SELECT count(*) FROM helpdesk_ticket", None))),
        ("desk agent: open work orders (list + count)", "list",
         list_call(env_as("desk"), "gd.servicedesk.work.order",
                   [("state", "in", ("new", "progress", "waiting", "handed_back"))]),
         sql_call(cr, ("SELECT id, number, name FROM gd_servicedesk_work_order WHERE state IN "
                       "('new', 'progress', 'waiting', 'handed_back') ORDER BY deadline, id LIMIT 80", None),
                  ("SELECT count(*) FROM gd_servicedesk_work_order WHERE state IN "
                   "('new', 'progress', 'waiting', 'handed_back')", None))),
        ("back-office member: open tickets (list + count)", "list",
         list_call(env_as("backoffice"), "helpdesk.ticket", [("closed", "=", False)]),
         sql_call(cr, (open_tickets + bo_exists + " ORDER BY t.number DESC LIMIT 80", (backoffice.id,)),
                  ("SELECT count(*) FROM (%s) q" % (open_tickets + bo_exists), (backoffice.id,)))),
        ("back-office member: all tickets (list + count)", "list",
         list_call(env_as("backoffice"), "helpdesk.ticket", []),
         sql_call(cr, ("SELECT t.id, t.number, t.name FROM helpdesk_ticket t WHERE true" + bo_exists
                       + " ORDER BY t.number DESC LIMIT 80", (backoffice.id,)))),
        ("back-office member: one ticket (form)", "list",
         form_call(env_as("backoffice"), "helpdesk.ticket", bo_ticket),
         sql_call(cr, ("SELECT * FROM helpdesk_ticket WHERE id = %s", (bo_ticket,)))),
        ("back-office member: open work orders (list + count)", "list",
         list_call(env_as("backoffice"), "gd.servicedesk.work.order",
                   [("state", "in", ("new", "progress", "waiting", "handed_back"))]),
         sql_call(cr, ("SELECT id, number FROM gd_servicedesk_work_order WHERE backoffice_id = %s AND state IN "
                       "('new', 'progress', 'waiting', 'handed_back') ORDER BY deadline, id LIMIT 80",
                       (backoffice.id,)))),
        ("account manager: my clients' tickets (list + count)", "list",
         list_call(env_as("account"), "helpdesk.ticket", [("account_manager_id", "=", ids["account"])]),
         sql_call(cr, ("SELECT id, number FROM helpdesk_ticket WHERE account_manager_id = %s "
                       "ORDER BY number DESC LIMIT 80", (ids["account"],)))),
        ("desk agent: work orders by month and back office (pivot)", "pivot",
         pivot_call(env_as("desk"), "gd.servicedesk.work.order", ["done_date:month", "backoffice_id"]),
         sql_call(cr, ("SELECT date_trunc('month', done_date), backoffice_id, count(*) FROM "
                       "gd_servicedesk_work_order GROUP BY 1, 2", None))),
    ]


def main():
    size = "tiny" if "--tiny" in sys.argv else "full"
    sys.argv = [arg for arg in sys.argv if arg != "--tiny"]
    registry = open_registry(__doc__)
    started = time.perf_counter()
    with environment(registry) as env:
        users = build(env, size)
        ids = {role: users[role].id for role in ("desk", "account", "backoffice", "employee", "principal")}
        backoffice = users["backoffices"][3]
        assert check(env), "the copied records do not read through the ORM"
    built = time.perf_counter() - started
    rows = []
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        def env_as(role):
            return odoo.api.Environment(cr, ids[role], {"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        cr.execute("SELECT count(*) FROM helpdesk_ticket")
        n_tickets = cr.fetchone()[0]
        cr.execute("SELECT count(*), count(*) FILTER (WHERE state IN ('new', 'progress', 'waiting', 'handed_back')) "
                   "FROM gd_servicedesk_work_order")
        n_orders, n_open = cr.fetchone()
        cr.execute("SELECT ticket_id FROM gd_servicedesk_work_order WHERE backoffice_id = %s ORDER BY id DESC "
                   "LIMIT 1", (backoffice.id,))
        bo_ticket = cr.fetchone()[0]
        cases = role_cases(cr, env_as, ids, backoffice.id, bo_ticket)
        for label, kind, orm, floor in cases:
            env = env_as("desk")
            median, low, high, queries = timed(env, orm)
            floor_median = timed(env, floor)[0]
            target = PIVOT_TARGET if kind == "pivot" else LIST_TARGET
            rows.append((label, median, low, high, queries, floor_median, target, median <= target))
        cr.rollback()
    # The portal's pages over HTTP: the employee walks the four pages of the load test, the principal
    # opens the organisation's case list.
    with registry.cursor() as cr:
        cr.execute("SELECT t.id FROM helpdesk_ticket t JOIN res_users u ON u.partner_id = t.partner_id "
                   "WHERE u.id = %s ORDER BY t.id DESC LIMIT 1", (ids["employee"],))
        employee_ticket = cr.fetchone()[0]
    portal_pages = (("employee", "bench.employee", "/service"), ("employee", "bench.employee", "/catalog"),
                    ("employee", "bench.employee", "/my/tickets"),
                    ("employee", "bench.employee", "/my/ticket/%d" % employee_ticket),
                    ("principal", "bench.principal", "/my/tickets"))
    with odoo.api.Environment.manage():
        clients = {}
        for role, login, url in portal_pages:
            client = clients.get(login) or clients.setdefault(login, logged_in_client(login, PASSWORD))
            seconds, queries, status = measure(client, url, repeat=REPEAT)
            ok = status == 200 and seconds <= LIST_TARGET
            page = "/my/ticket/<id>" if url.startswith("/my/ticket/") else url
            rows.append(("portal %s: %s (HTTP %s)" % (role, page, status), seconds, seconds, seconds, queries,
                         None, LIST_TARGET, ok))

    lines = ["## Every role's lists at scale (`bench/bench_role_lists.py`)", "",
             "Data set `%s`: %d tickets, %d work orders (%d open), %d organisations, %d catalogue items "
             "(built or found in %.0f s). Server time through the ORM as each role, caches emptied, median of %d "
             "(range); the SQL floor reads the same rows in the same run."
             % (size, n_tickets, n_orders, n_open, SIZES[size]["organisations"], SIZES[size]["items"], built,
                REPEAT), "",
             "| what | median | range | SQL statements | SQL floor | target | verdict |",
             "|---|---|---|---|---|---|---|"]
    all_ok = True
    for label, median, low, high, queries, floor, target, ok in rows:
        all_ok = all_ok and ok
        lines.append("| %s | %.3f s | %.3f-%.3f s | %d | %s | < %.0f s | %s |" % (
            label, median, low, high, queries, "%.4f s" % floor if floor is not None else "-", target, verdict(ok)))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
