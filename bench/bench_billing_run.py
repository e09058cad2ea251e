"""The monthly settlement in sets: a ministry's month against a hand-written SQL floor.

60 client organisations, each with a plus-DVA of 30 lines (24 with an agreed quantity, some capped, 6 priced per
use), 5 back offices with basis services, pay-per-use items without a DVA line and quotes for custom work. Two
months of delivered work orders, written by SQL with every column the ORM fills: a month of 80,000 and a heavy
month of 800,000. For each month: a hand-written SQL GROUP BY giving the totals per organisation and the basis
cost (the floor), then the settlement run computed (the median of several computations, each replacing the
lines of the one before), confirmed (analytic lines) and exported (xlsx), the totals checked against the floor's
to the cent and a few records opened through the ORM.

Targets: the 80k month within 5x the floor in the same run; the heavy month within 60 s; confirm and the xlsx of
the heavy month each within 30 s; 80k -> 800k grows at most 12x; peak memory of the process under 1 GB.

``measure_month`` is what the test suite runs at a tiny size (gd_billing/tests/test_bench_smoke.py).
"""
import resource
import statistics
import sys
import time

from common import QueryCounter, ensure, environment, open_registry, verdict

ORGANISATIONS = 60
BACKOFFICES = 5
PLUS_ITEMS, PER_USE_ITEMS, PAY_PER_USE_ITEMS, BASIS_PER_BACKOFFICE = 40, 10, 10, 6
AGREED_LINES, PER_USE_LINES = 24, 6
SMALL = ("2023-05-01", 80000)
HEAVY = ("2023-06-01", 800000)
REPEAT_SMALL, REPEAT_HEAVY = 5, 2
FLOOR_FACTOR = 5.0
HEAVY_SECONDS = 60.0
STEP_SECONDS = 30.0
GROWTH = 12.0
MEMORY_MB = 1024.0
PREFIX = "Bench billing"
DATA_VERSION = 2  # raise when the shape of the generated work orders changes: a reused database rebuilds them


# ---------------------------------------------------------------------------------------------- data


def set_up(env, organisations=ORGANISATIONS, prefix=PREFIX, code="BBR"):
    """Catalogue, organisations, DVAs and one ticket per organisation, through the ORM (found again on reuse)."""
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True, mail_create_nosubscribe=True))
    company = env.ref("base.main_company")
    calendar = ensure(env["resource.calendar"], {"name": "%s week" % prefix, "company_id": company.id})
    backoffices = [ensure(env["gd.backoffice"], {"name": "%s back office %d" % (prefix, index),
                                                 "code": "%s%d" % (code, index),
                                                 "resource_calendar_id": calendar.id}, key="name")
                   for index in range(BACKOFFICES)]
    Product = env["product.template"]

    def item(name, financing_class, price, index, cost=0.0):
        return ensure(Product, {"name": "%s %s" % (prefix, name), "type": "service", "is_catalog_item": True,
                                "backoffice_id": backoffices[index % BACKOFFICES].id,
                                "financing_class": financing_class, "question_level": "operational",
                                "lead_time": 5, "lead_time_unit": "days", "list_price": price,
                                "standard_price": cost})

    plus = [item("plus item %02d" % index, "plus", 10.0 + 7.25 * index, index) for index in range(PLUS_ITEMS)]
    per_use = [item("per-use item %02d" % index, "plus", 55.5 + 3.0 * index, index) for index in range(PER_USE_ITEMS)]
    pay_per_use = [item("pay-per-use item %02d" % index, "plus", 35.0 + 1.15 * index, index)
                   for index in range(PAY_PER_USE_ITEMS)]
    basis = [item("basis item %02d" % index, "basis", 0.0, index, cost=4.5 + 1.35 * index)
             for index in range(BASIS_PER_BACKOFFICE * BACKOFFICES)]
    custom = item("custom work", "custom", 0.0, 0)
    Partner = env["res.partner"]
    framework = ensure(env["gd.dva.framework"], {
        "name": "%s framework" % prefix, "date_start": "2020-01-01", "date_end": "2030-12-31",
        "client_signatory_id": ensure(Partner, {"name": "%s PSG" % prefix}).id,
        "gd_signatory_id": ensure(Partner, {"name": "%s GD director" % prefix}).id})
    if framework.state != "active":
        framework.action_activate()
    channel = env["helpdesk.ticket.channel"]._get_by_code("phone")
    orgs = []
    for index in range(organisations):
        org = ensure(Partner, {"name": "%s directorate %02d" % (prefix, index), "is_company": True,
                               "client_kind": "internal"})
        principal = ensure(Partner, {"name": "%s principal %02d" % (prefix, index), "parent_id": org.id,
                                     "is_principal": True})
        agreement = env["gd.dva.agreement"].search([("client_id", "=", org.id)], limit=1)
        if not agreement:
            lines = [(0, 0, {"product_tmpl_id": plus[(index + k) % PLUS_ITEMS].id,
                             "quantity": 10 + (index * 7 + k * 3) % 40,
                             "cap_quantity": k == 0 and index % 2 == 0}) for k in range(AGREED_LINES)]
            lines += [(0, 0, {"product_tmpl_id": per_use[(index + k) % PER_USE_ITEMS].id, "quantity": 0})
                      for k in range(PER_USE_LINES)]
            # Every sixth organisation's DVA starts on the 11th of the first month: 21 of its 31 days.
            agreement = env["gd.dva.agreement"].create({
                "framework_id": framework.id, "kind": "plus", "client_id": org.id, "principal_id": principal.id,
                "date_start": "2023-05-11" if index % 6 == 0 else "2023-01-01", "date_end": "2023-12-31",
                "line_ids": lines})
            agreement.action_activate()
        ticket = env["helpdesk.ticket"].search([("partner_id", "=", principal.id)], limit=1) or \
            env["helpdesk.ticket"].create({"name": "%s orders %02d" % (prefix, index), "partner_id": principal.id,
                                           "channel_id": channel.id, "description": "<p>Bench</p>"})
        dva_lines = agreement.line_ids.sorted("id")
        orgs.append({"org": org, "principal": principal, "agreement": agreement, "ticket": ticket,
                     "lines": dva_lines.ids, "line_items": dva_lines.mapped("product_tmpl_id").ids})
    return {"company": company, "orgs": orgs, "pay_per_use": pay_per_use, "basis": basis, "custom": custom,
            "prefix": prefix}


def grow_month(env, data, month, count):
    """``count`` delivery work orders done in ``month``, one INSERT (the set-up, not the subject).

    Of every 100: 45 basis services, 40 deliveries under the organisation's DVA lines, 15 pay-per-use. Every
    column the ORM fills on a done work order is written: number, deadlines and timeliness, done figures.
    """
    cr = env.cr
    tag = "%s %s v%d" % (data["prefix"], month[:7], DATA_VERSION)
    cr.execute("SELECT count(*) FROM gd_servicedesk_work_order WHERE name LIKE %s", (tag + " %",))
    if cr.fetchone()[0] >= count:
        return
    # A reused database may hold the month from an earlier version of this data: start it afresh.
    cr.execute("DELETE FROM gd_servicedesk_work_order WHERE number LIKE %s",
               ("BB%s%s-%%" % (month[2:4], month[5:7]),))
    orgs = data["orgs"]
    basis, ppu = data["basis"], data["pay_per_use"]
    cr.execute("""
        WITH n AS (SELECT n, (n::bigint * 7919) %% 100 AS kind, 1 + n %% %(orgs)s AS org,
                          %(month)s::timestamp + ((n * 37) %% %(days)s) * interval '1 day'
                              + (8 + n %% 9) * interval '1 hour' AS done
                     FROM generate_series(1, %(count)s) AS n),
        c AS (SELECT n.*,
                     CASE WHEN kind < 45 THEN (%(basis)s::int[])[1 + (n / %(orgs)s) %% %(n_basis)s]
                          WHEN kind < 85 THEN (%(line_items)s::int[])[org][1 + (n / %(orgs)s) %% %(n_lines)s]
                          ELSE (%(ppu)s::int[])[1 + (n / %(orgs)s) %% %(n_ppu)s] END AS item,
                     CASE WHEN kind >= 45 AND kind < 85
                          THEN (%(lines)s::int[])[org][1 + (n / %(orgs)s) %% %(n_lines)s] END AS dva_line
                FROM n)
        INSERT INTO gd_servicedesk_work_order
            (number, name, ticket_id, product_tmpl_id, backoffice_id, kind, user_id, client_id, company_id,
             description, state, start_date, deadline, warn_date, done_date, delivery_month, deadline_state, is_overdue,
             handback_count, lead_time_days, norm_used_pct, on_time_pct, message_last_post,
             dva_line_id, is_pay_per_use, pay_per_use_price,
             create_uid, create_date, write_uid, write_date)
        SELECT 'BB' || to_char(%(month)s::date, 'YYMM') || '-' || c.n, %(tag)s || ' ' || c.n,
               (%(tickets)s::int[])[c.org], c.item, pt.backoffice_id, 'delivery', NULL, (%(clients)s::int[])[c.org],
               %(company)s, NULL, 'done', c.done - interval '2 days', c.done + interval '3 days',
               c.done + interval '1 day 18 hours', c.done,
               (date_trunc('month', (c.done AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s))::date, 'on_time', FALSE,
               0, 2.0, 40.0, 100.0, c.done,
               c.dva_line, c.kind >= 85, CASE WHEN c.kind >= 85 THEN pt.list_price END,
               1, c.done - interval '2 days', 1, c.done
          FROM c JOIN product_template pt ON pt.id = c.item
    """, {"month": month, "days": 28, "count": count, "orgs": len(orgs), "tag": tag,
          "basis": [item.id for item in basis], "n_basis": len(basis),
          "ppu": [item.id for item in ppu], "n_ppu": len(ppu),
          "lines": [org["lines"] for org in orgs], "line_items": [org["line_items"] for org in orgs],
          "n_lines": len(orgs[0]["lines"]), "tickets": [org["ticket"].id for org in orgs],
          "clients": [org["org"].id for org in orgs], "company": data["company"].id,
          "tz": data["company"].gd_tz})
    add_quotes(env, data, month)
    cr.execute("ANALYZE gd_servicedesk_work_order")
    env.cache.invalidate()


def add_quotes(env, data, month):
    """A quote for custom work delivered in ``month`` for every other organisation (accepted, to settle)."""
    delivered = "%s-15 10:00:00" % month[:7]
    if env["sale.order"].search_count([("gd_delivered_date", "=", delivered),
                                       ("partner_id", "in", [org["principal"].id for org in data["orgs"]])]):
        return
    for index, org in enumerate(data["orgs"]):
        if index % 2:
            continue
        order = env["sale.order"].create({
            "partner_id": org["principal"].id, "gd_ticket_id": org["ticket"].id,
            "gd_agreement_id": org["agreement"].id,
            "order_line": [(0, 0, {"product_id": data["custom"].product_variant_id.id, "name": "Maatwerk",
                                   "product_uom_qty": 1, "price_unit": 1000.0 + 12.34 * index})]})
        order.write({"state": "sale", "gd_settlement_state": "to_settle",
                     "gd_delivered_date": delivered})


# ---------------------------------------------------------------------------------------------- the floor


FLOOR_CHARGES = """
    WITH m AS (SELECT %(start)s::date AS first_day, (%(start)s::date + interval '1 month - 1 day')::date AS last_day,
                      extract(day FROM %(start)s::date + interval '1 month - 1 day') AS days,
                      (%(start)s::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC' AS t0,
                      ((%(start)s::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
                          AT TIME ZONE 'UTC' AS t1),
    done AS (SELECT wo.* FROM gd_servicedesk_work_order wo, m
              WHERE wo.company_id = %(company)s AND wo.state = 'done' AND wo.kind = 'delivery'
                AND wo.done_date >= m.t0 AND wo.done_date < m.t1),
    charge AS (
        SELECT a.client_id, round(l.quantity * l.price_unit
                   * (LEAST(a.date_end, COALESCE(a.termination_date, a.date_end), m.last_day)
                      - GREATEST(a.date_start, m.first_day) + 1) / m.days, 2) AS amount
          FROM gd_dva_line l JOIN gd_dva_agreement a ON a.id = l.agreement_id, m
         WHERE a.company_id = %(company)s AND a.state IN ('active', 'ended', 'terminated')
           AND a.date_start <= m.last_day AND LEAST(a.date_end, COALESCE(a.termination_date, a.date_end)) >= m.first_day
           AND l.quantity > 0 AND l.price_unit > 0
        UNION ALL
        SELECT d.client_id, round(count(*) * d.pay_per_use_price, 2)
          FROM done d JOIN product_template pt ON pt.id = d.product_tmpl_id
         WHERE d.is_pay_per_use AND d.client_id IS NOT NULL AND pt.financing_class != 'basis'
         GROUP BY d.client_id, d.product_tmpl_id, d.pay_per_use_price
        UNION ALL
        SELECT a.client_id, round((count(*) - l.quantity) * l.price_unit, 2)
          FROM done d JOIN gd_dva_line l ON l.id = d.dva_line_id JOIN gd_dva_agreement a ON a.id = l.agreement_id
         WHERE NOT COALESCE(l.cap_quantity, FALSE) AND l.price_unit > 0
         GROUP BY l.id, a.client_id HAVING count(*) > l.quantity
        UNION ALL
        SELECT so.gd_client_id, round(so.amount_untaxed, 2)
          FROM sale_order so, m
         WHERE so.company_id = %(company)s AND so.is_gd_quote AND so.gd_settlement_state IN ('to_settle', 'settled')
           AND so.gd_delivered_date >= m.t0 AND so.gd_delivered_date < m.t1)
    SELECT client_id, sum(amount) FROM charge GROUP BY client_id
"""

FLOOR_BASIS = """
    SELECT COALESCE(sum(round(b.quantity * c.cost, 2)), 0)
      FROM (SELECT wo.product_tmpl_id, wo.backoffice_id, wo.client_id, count(*) AS quantity
              FROM gd_servicedesk_work_order wo JOIN product_template pt ON pt.id = wo.product_tmpl_id
             WHERE wo.company_id = %(company)s AND wo.state = 'done' AND wo.kind = 'delivery'
               AND wo.dva_line_id IS NULL AND pt.financing_class = 'basis'
               AND wo.done_date >= (%(start)s::timestamp AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC'
               AND wo.done_date < ((%(start)s::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
                                  AT TIME ZONE 'UTC'
             GROUP BY wo.product_tmpl_id, wo.backoffice_id, wo.client_id) b
      JOIN (SELECT unnest(%(items)s::int[]) AS item, unnest(%(costs)s::numeric[]) AS cost) c ON c.item = b.product_tmpl_id
"""


def floor(env, company, month, costs):
    """The hand-written SQL: totals per organisation and the basis cost of the month, in 2 statements."""
    cr = env.cr
    params = {"company": company.id, "start": month, "items": list(costs), "costs": list(costs.values())}
    cr.execute(FLOOR_CHARGES, params)
    totals = {client: round(float(amount), 2) for client, amount in cr.fetchall()}
    cr.execute(FLOOR_BASIS, params)
    return totals, round(float(cr.fetchone()[0]), 2)


def basis_costs(env):
    """The cost price of every basis item (read once through the ORM for the floor)."""
    items = env["product.template"].search([("financing_class", "=", "basis")])
    return {item.id: item.standard_price for item in items}


# ---------------------------------------------------------------------------------------------- measuring


def timed(function, *args):
    with QueryCounter() as queries:
        started = time.perf_counter()
        result = function(*args)
        return time.perf_counter() - started, queries.count, result


def fresh_run(env, company, month):
    """The month's run as a draft: an earlier bench run of the month (confirmed or not) is removed first."""
    cr = env.cr
    cr.execute("SELECT id FROM gd_billing_run WHERE company_id = %s AND date_start = %s", (company.id, month))
    row = cr.fetchone()
    if row:
        cr.execute("SELECT array_agg(analytic_line_id) FROM gd_billing_line WHERE run_id = %s", row)
        analytic = [line_id for line_id in (cr.fetchone()[0] or []) if line_id]
        cr.execute("UPDATE sale_order SET gd_settlement_state = 'to_settle' WHERE id IN (SELECT sale_order_id "
                   "FROM gd_billing_line WHERE run_id = %s AND source = 'custom')", row)
        cr.execute("DELETE FROM gd_billing_run WHERE id = %s", row)
        cr.execute("DELETE FROM account_analytic_line WHERE id = ANY(%s)", (analytic,))
        env.cache.invalidate()
    return env["gd.billing.run"].create({"date_start": month, "company_id": company.id})


def check_totals(env, run, floor_totals, floor_basis):
    """The organisations whose statement differs from the floor by a cent or more, and the basis difference."""
    env.cr.execute("SELECT client_id, amount_total FROM gd_billing_statement WHERE run_id = %s", (run.id,))
    statements = {client: round(float(total), 2) for client, total in env.cr.fetchall()}
    wrong = sorted(client for client in set(statements) | set(floor_totals)
                   if abs(statements.get(client, 0.0) - floor_totals.get(client, 0.0)) >= 0.005)
    return wrong, round(run.basis_cost - floor_basis, 2)


def open_records(env, run):
    """A few records opened through the ORM as a user would: they read back whole."""
    run.invalidate_cache()
    statement = run.statement_ids[:1]
    lines = statement.line_ids
    assert statement.name and statement.client_id and statement.company_id == run.company_id
    assert abs(sum(lines.mapped("amount")) - statement.amount_total) < 0.005
    for line in lines[:5]:
        assert line.run_id == run and line.client_id == statement.client_id and line.financing_class
        line.read(["description", "quantity", "price_unit", "amount", "work_order_ids", "backoffice_id"])
    for basis in run.basis_line_ids[:3]:
        basis.read(["backoffice_id", "product_tmpl_id", "quantity", "unit_cost", "amount", "date_start"])
    order = env["gd.servicedesk.work.order"].search([("client_id", "=", statement.client_id.id),
                                                     ("done_date", ">=", run.date_start)], limit=1)
    order.read(["number", "ticket_id", "product_tmpl_id", "deadline", "done_date", "deadline_state", "on_time_pct"])
    return True


def measure_month(env, data, month, count, repeat):
    """Build the month (when missing), then measure the floor, compute, confirm and xlsx. Returns the figures."""
    company = data["company"]
    grow_month(env, data, month, count)
    costs = basis_costs(env)
    floors = []
    for _index in range(repeat):
        seconds, _queries, (floor_totals, floor_basis) = timed(floor, env, company, month, costs)
        floors.append(seconds)
    run = fresh_run(env, company, month)
    computes, statements_count = [], []
    for _index in range(repeat):
        seconds, queries, _result = timed(run.action_compute)
        computes.append(seconds)
        statements_count.append(queries)
    wrong, basis_delta = check_totals(env, run, floor_totals, floor_basis)
    open_records(env, run)
    confirm, confirm_queries, _result = timed(run.action_confirm)
    report = env["report.gd_billing.run_xlsx"].with_context(active_model="gd.billing.run")
    xlsx, xlsx_queries, (content, _kind) = timed(report.create_xlsx_report, run.ids, {})
    env.cr.execute("SELECT count(*), count(DISTINCT statement_id) FROM gd_billing_line WHERE run_id = %s", (run.id,))
    lines, statements = env.cr.fetchone()
    env.cr.execute("SELECT count(*) FROM gd_billing_line_work_order_rel r JOIN gd_billing_line l ON l.id = r.line_id "
                   "WHERE l.run_id = %s", (run.id,))
    linked = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM gd_billing_line WHERE run_id = %s AND analytic_line_id IS NULL", (run.id,))
    unbooked = env.cr.fetchone()[0]
    return {
        "month": month[:7], "work_orders": count, "floor": floors, "compute": computes,
        "compute_queries": statements_count, "confirm": confirm, "confirm_queries": confirm_queries,
        "xlsx": xlsx, "xlsx_queries": xlsx_queries, "xlsx_bytes": len(content), "lines": lines,
        "statements": statements, "basis_lines": len(run.basis_line_ids), "linked": linked,
        "charged": run.amount_total, "basis_cost": run.basis_cost, "wrong": wrong, "basis_delta": basis_delta,
        "unbooked": unbooked, "floor_total": round(sum(floor_totals.values()), 2),
    }


BEFORE = ("Before (lines and statements read and written one by one through the ORM, measured on a ministry-shaped "
          "database on this kind of machine): a month of 75,114 delivered work orders over 60 organisations computed "
          "in 584 s with 713,256 SQL statements against a SQL floor of 0.175 s (~3,300x); confirm 617 s with "
          "151,300 statements; a heavy month did not finish within 10 minutes. The earlier version of this "
          "benchmark (20 organisations, 2 DVA lines each, 50,000 work orders) computed in 1.79 s with 1,819 "
          "statements and confirmed in 6.14 s: its months had a handful of lines per organisation.")


def spread(values):
    return "%.3f s (%.3f-%.3f, %d runs)" % (statistics.median(values), min(values), max(values), len(values))


def report(small, heavy, peak_mb):
    floor_small = statistics.median(small["floor"])
    compute_small = statistics.median(small["compute"])
    compute_heavy = statistics.median(heavy["compute"])
    growth = compute_heavy / compute_small if compute_small else 0.0
    checks = [
        ("%d work orders: compute within %.0fx the floor" % (small["work_orders"], FLOOR_FACTOR),
         "%.3f s vs floor %.3f s = %.1fx" % (compute_small, floor_small, compute_small / floor_small),
         compute_small <= FLOOR_FACTOR * floor_small),
        ("%d work orders: compute within %.0f s" % (heavy["work_orders"], HEAVY_SECONDS),
         "%.2f s" % compute_heavy, compute_heavy <= HEAVY_SECONDS),
        ("%d work orders: confirm within %.0f s" % (heavy["work_orders"], STEP_SECONDS),
         "%.2f s" % heavy["confirm"], heavy["confirm"] <= STEP_SECONDS),
        ("%d work orders: xlsx within %.0f s" % (heavy["work_orders"], STEP_SECONDS),
         "%.2f s" % heavy["xlsx"], heavy["xlsx"] <= STEP_SECONDS),
        ("80k -> 800k grows at most %.0fx" % GROWTH, "%.1fx" % growth, growth <= GROWTH),
        ("peak memory under %.0f MB" % MEMORY_MB, "%.0f MB" % peak_mb, peak_mb < MEMORY_MB),
    ]
    for figures in (small, heavy):
        checks.append(("%s: totals equal the floor's to the cent" % figures["month"],
                       "%d organisations differ, basis %+.2f" % (len(figures["wrong"]), figures["basis_delta"]),
                       not figures["wrong"] and not figures["basis_delta"] and not figures["unbooked"]))
    lines = ["## Settlement run (`bench/bench_billing_run.py`)", "",
             "%d organisations with a 30-line plus-DVA each, %d back offices; delivered work orders per month: 45%% "
             "basis, 40%% under DVA lines, 15%% pay-per-use; a quote for every other organisation. Written by SQL with "
             "the columns the ORM fills. Times are medians (range, runs) in one process; each compute replaces the "
             "lines of the one before." % (ORGANISATIONS, BACKOFFICES), "",
             "| month | work orders | floor (SQL GROUP BY) | compute | statements/compute | confirm | xlsx | "
             "statements | lines | basis lines | work orders linked | charged | basis cost |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for figures in (small, heavy):
        lines.append("| %s | %d | %s | %s | %d | %.2f s (%d) | %.2f s (%d) | %d | %d | %d | %d | %.2f | %.2f |" % (
            figures["month"], figures["work_orders"], spread(figures["floor"]), spread(figures["compute"]),
            statistics.median(figures["compute_queries"]), figures["confirm"], figures["confirm_queries"],
            figures["xlsx"], figures["xlsx_queries"], figures["statements"], figures["lines"],
            figures["basis_lines"], figures["linked"], figures["charged"], figures["basis_cost"]))
    lines += ["", BEFORE]
    lines += ["", "| target | measured | result |", "|---|---|---|"]
    for label, measured, ok in checks:
        lines.append("| %s | %s | %s |" % (label, measured, verdict(ok)))
    return "\n".join(lines), all(ok for _label, _measured, ok in checks)


def main():
    registry = open_registry(__doc__)
    figures = []
    for (month, count), repeat in ((SMALL, REPEAT_SMALL), (HEAVY, REPEAT_HEAVY)):
        with environment(registry) as env:
            data = set_up(env)
            grow_month(env, data, month, count)
        with environment(registry) as env:
            data = set_up(env)
            figures.append(measure_month(env, data, month, count, repeat))
        print(figures[-1], file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    text, ok = report(figures[0], figures[1], peak_mb)
    print(text + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
