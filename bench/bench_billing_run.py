"""The monthly settlement stays set-based for a large month: no ORM read per work order.

20 client organisations, each with an active plus-DVA (two lines with agreed quantities, one of them charging
deliveries beyond the quantity), and 50,000 work orders done in one month: pay-per-use, deliveries under the
DVA and basis services. Measures computing the run, computing it again (replacing its lines) and confirming
it (analytic lines). Targets: each step within 60 s on the project's 2-core machines, and the SQL statements
of a computation do not grow with the number of work orders (at most 3,000 for the month).
"""
import sys
import time

from common import QueryCounter, ensure, environment, open_registry, verdict

ORGANISATIONS = 20
WORK_ORDERS = 50000
MONTH = "2023-06-01"
MAX_SECONDS = 60.0
MAX_QUERIES = 3000


def set_up(env):
    company = env.ref("base.main_company")
    calendar = ensure(env["resource.calendar"], {"name": "Bench billing week", "company_id": company.id})
    backoffice = ensure(env["gd.backoffice"], {"name": "Bench billing back office", "code": "BENCHBILL",
                                               "resource_calendar_id": calendar.id}, key="code")
    Product = env["product.template"]

    def item(name, financing_class, price, cost=0.0):
        return ensure(Product, {"name": name, "type": "service", "is_catalog_item": True,
                                "backoffice_id": backoffice.id, "financing_class": financing_class,
                                "question_level": "operational", "lead_time": 5, "lead_time_unit": "days",
                                "list_price": price, "standard_price": cost})

    plus_a = item("Bench billing workstation", "plus", 95.0)
    plus_b = item("Bench billing software", "plus", 12.5)
    pay_per_use = item("Bench billing business cards", "plus", 35.0)
    basis = item("Bench billing cleaning", "basis", 0.0, cost=20.0)
    Partner = env["res.partner"]
    framework = ensure(env["gd.dva.framework"], {
        "name": "Bench billing framework", "date_start": "2020-01-01", "date_end": "2030-12-31",
        "client_signatory_id": ensure(Partner, {"name": "Bench billing PSG"}).id,
        "gd_signatory_id": ensure(Partner, {"name": "Bench billing GD director"}).id})
    if framework.state != "active":
        framework.action_activate()
    channel = env["helpdesk.ticket.channel"]._get_by_code("phone")
    tickets = []
    for index in range(ORGANISATIONS):
        org = ensure(Partner, {"name": "Bench billing directorate %02d" % index, "is_company": True,
                               "client_kind": "internal"})
        principal = ensure(Partner, {"name": "Bench billing principal %02d" % index, "parent_id": org.id,
                                     "is_principal": True})
        agreement = env["gd.dva.agreement"].search([("client_id", "=", org.id)], limit=1)
        if not agreement:
            agreement = env["gd.dva.agreement"].create({
                "framework_id": framework.id, "kind": "plus", "client_id": org.id, "principal_id": principal.id,
                "date_start": "2023-01-01", "date_end": "2023-12-31",
                "line_ids": [(0, 0, {"product_tmpl_id": plus_a.id, "quantity": 40, "charge_beyond_quantity": True}),
                             (0, 0, {"product_tmpl_id": plus_b.id, "quantity": 100})]})
            agreement.action_activate()
        ticket = env["helpdesk.ticket"].search([("partner_id", "=", principal.id)], limit=1) or \
            env["helpdesk.ticket"].create({"name": "Bench billing orders %02d" % index, "partner_id": principal.id,
                                           "channel_id": channel.id, "description": "<p>Bench</p>"})
        tickets.append((ticket.id, org.id, agreement.line_ids[0].id))
    return company, backoffice, (plus_a, pay_per_use, basis), tickets


def grow_work_orders(env, company, backoffice, items, tickets):
    """Done work orders in the month, written with one INSERT per organisation (the set-up, not the subject)."""
    plus_a, pay_per_use, basis = items
    cr = env.cr
    cr.execute("SELECT count(*) FROM gd_servicedesk_work_order WHERE name LIKE 'Bench billing %%'")
    if cr.fetchone()[0] >= WORK_ORDERS:
        return
    per_org = WORK_ORDERS // len(tickets)
    for ticket_id, org_id, dva_line_id in tickets:
        # A third under the DVA line (beyond its 40), a third pay-per-use, a third basis services.
        cr.execute("""
            INSERT INTO gd_servicedesk_work_order
                (number, name, ticket_id, product_tmpl_id, backoffice_id, kind, client_id, company_id, state,
                 start_date, done_date, dva_line_id, is_pay_per_use, pay_per_use_price,
                 create_uid, write_uid, create_date, write_date)
            SELECT 'BB' || %(org)s || '-' || n, 'Bench billing ' || n, %(ticket)s,
                   CASE n %% 3 WHEN 0 THEN %(plus)s WHEN 1 THEN %(ppu)s ELSE %(basis)s END,
                   %(backoffice)s, 'delivery', %(org)s, %(company)s, 'done',
                   %(month)s::timestamp + (n %% 28) * interval '1 day',
                   %(month)s::timestamp + (n %% 28) * interval '1 day' + interval '10 hours',
                   CASE n %% 3 WHEN 0 THEN %(line)s END, n %% 3 = 1, CASE n %% 3 WHEN 1 THEN 35.0 END,
                   1, 1, now(), now()
              FROM generate_series(1, %(count)s) AS n
        """, {"org": org_id, "ticket": ticket_id, "plus": plus_a.id, "ppu": pay_per_use.id, "basis": basis.id,
              "backoffice": backoffice.id, "company": company.id, "month": MONTH, "line": dva_line_id,
              "count": per_org})
    cr.execute("ANALYZE gd_servicedesk_work_order")


def timed(function):
    with QueryCounter() as queries:
        started = time.perf_counter()
        function()
        return time.perf_counter() - started, queries.count


def main():
    registry = open_registry(__doc__)
    with environment(registry) as env:
        company, backoffice, items, tickets = set_up(env)
        grow_work_orders(env, company, backoffice, items, tickets)
        run = env["gd.billing.run"].search([("date_start", "=", MONTH), ("company_id", "=", company.id)])
        if run.state in ("confirmed", "exported"):
            # A reused database: start the month afresh (the analytic lines of the old run go with it).
            env.cr.execute("DELETE FROM account_analytic_line WHERE id IN (SELECT analytic_line_id FROM "
                           "gd_billing_line WHERE run_id = %s)", (run.id,))
            env.cr.execute("DELETE FROM gd_billing_run WHERE id = %s", (run.id,))
            run = run.browse()
        run = run or env["gd.billing.run"].create({"date_start": MONTH, "company_id": company.id})
        run_id = run.id

    results = []
    for label, method in (("compute", "action_compute"), ("compute again", "action_compute"),
                          ("confirm", "action_confirm")):
        with environment(registry) as env:
            run = env["gd.billing.run"].browse(run_id)
            seconds, queries = timed(getattr(run, method))
            results.append((label, seconds, queries))
    with environment(registry) as env:
        run = env["gd.billing.run"].browse(run_id)
        env.cr.execute("SELECT count(*) FROM gd_billing_line_work_order_rel r JOIN gd_billing_line l "
                       "ON l.id = r.line_id WHERE l.run_id = %s", (run_id,))
        linked = env.cr.fetchone()[0]
        summary = (len(run.statement_ids), len(run.line_ids), linked, run.amount_total, run.basis_cost)

    lines = ["## Settlement run (`bench/bench_billing_run.py`)", "",
             "%d organisations, %d work orders done in %s. Targets: each step within %.0f s; a computation "
             "runs at most %d SQL statements." % (ORGANISATIONS, WORK_ORDERS, MONTH[:7], MAX_SECONDS, MAX_QUERIES),
             "",
             "Result: %d statements, %d lines, %d pay-per-use work orders linked, %.2f charged, basis cost %.2f."
             % summary, "",
             "| step | time | SQL statements | time target | statements target |", "|---|---|---|---|---|"]
    all_ok = True
    for label, seconds, queries in results:
        t_ok = seconds <= MAX_SECONDS
        q_ok = label == "confirm" or queries <= MAX_QUERIES
        all_ok = all_ok and t_ok and q_ok
        lines.append("| %s | %.2f s | %d | %s | %s |" % (label, seconds, queries, verdict(t_ok),
                                                         verdict(q_ok) if label != "confirm" else "-"))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
