"""What taking in a ticket costs: a 5-part pattern, a single item and a question, against a bare ticket.

The peer is OCA helpdesk_mgmt's own ticket create on a database of its own with nothing else installed
(``<database>_bare``, built here when missing, kept for the next run). On the suite's database a desk agent
registers a ticket by phone and routes it: to a basis pattern of 5 building blocks (one per back office), to
one plus item under the organisation's DVA, or not at all (a question the desk answers itself). Each is
counted from the create through the intake, with the notices, deadlines, followers and progress of the case.
Statement counts are the targets (they do not change with the machine's load); the times are recorded
next to them, as medians (range) of several runs in one process, each rolled back.

Targets against the bare create: pattern at most 2x, single item at most 1.5x, question at most 1.2x.
``measure_suite`` is what the test suite runs (tests/test_bench_ministry_smoke.py).
"""
import os
import statistics
import subprocess
import sys
import time

import odoo
from common import QueryCounter, environment, open_registry, verdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPEAT = 7
TARGETS = (("pattern", "routed ticket, 5-part pattern", 2.0), ("single", "routed ticket, single item", 1.5),
           ("question", "question, no routing", 1.2))
DESCRIPTION = "<p>Een nieuwe medewerker begint op 1 maart en heeft een werkplek, een pas en een account nodig.</p>"


def prepare(env):
    """The desk agent, a requester with a DVA, the 5-part pattern and the single item (found or made)."""
    from ministry import SIZES, _build_users_and_setup
    users = _build_users_and_setup(env, SIZES["tiny"])
    seeds = users["seeds"]
    basis = seeds.filtered(lambda item: item.financing_class == "basis")
    Product = env["product.template"].with_context(mail_create_nolog=True)
    pattern = Product.search([("name", "=", "Bench pattern 5 parts")], limit=1)
    if not pattern:
        pattern = Product.create({
            "name": "Bench pattern 5 parts", "type": "service", "is_catalog_item": True, "is_pattern": True,
            "is_published": True, "request_via_portal": True, "financing_class": "basis",
            "question_level": "operational", "backoffice_id": basis[0].backoffice_id.id,
            "pattern_component_ids": [(0, 0, {"product_tmpl_id": item.id}) for item in basis[:5]]})
    single = seeds.filtered(lambda item: item.financing_class == "plus" and item.question_level == "operational")[0]
    organisation = users["organisations"][0]
    requester = organisation.child_ids.filtered(lambda partner: not partner.is_principal).sorted("id")[0]
    return {"desk": users["desk"], "requester": requester, "pattern": pattern, "single": single,
            "channel": env["helpdesk.ticket.channel"]._get_by_code("phone")}


def scenarios(env, fixtures):
    """{key: function} making one ticket each time it is called, as the desk agent."""
    Ticket = env["helpdesk.ticket"].sudo(fixtures["desk"])
    vals = {"partner_id": fixtures["requester"].id, "channel_id": fixtures["channel"].id, "description": DESCRIPTION}

    def pattern():
        ticket = Ticket.create(dict(vals, name="Nieuwe medewerker"))
        return ticket._do_intake(Ticket.env["product.template"], pattern=fixtures["pattern"].sudo(fixtures["desk"]))

    def single():
        ticket = Ticket.create(dict(vals, name="Aanvraag"))
        return ticket._do_intake(fixtures["single"].sudo(fixtures["desk"]))

    def question():
        return Ticket.create(dict(vals, name="Vraag over de pas", ticket_type="question"))

    return {"pattern": pattern, "single": single, "question": question}


def timed(env, function, repeat):
    """(median s, min s, max s, median statements, last result) of ``repeat`` calls after one warm-up."""
    function()
    timings, counts, result = [], [], None
    for _ in range(repeat):
        env.cache.invalidate()
        with QueryCounter() as counter:
            started = time.perf_counter()
            result = function()
            timings.append(time.perf_counter() - started)
        counts.append(counter.count)
    return statistics.median(timings), min(timings), max(timings), int(statistics.median(counts)), result


def measure_suite(env, repeat=REPEAT):
    """{key: (median s, min s, max s, statements, records made)} for each way in; the caller rolls back."""
    fixtures = prepare(env)
    return {key: timed(env, function, repeat) for key, function in scenarios(env, fixtures).items()}


# ---------------------------------------------------------------------------------------------- the bare peer

def bare_database(config, database):
    """A database with only helpdesk_mgmt (no demo data), built once."""
    name = database + "_bare"
    if odoo.service.db.exp_db_exist(name):
        with odoo.sql_db.db_connect(name).cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'helpdesk_mgmt'")
            row = cr.fetchone()
        if row and row[0] == "installed":
            return name
        odoo.service.db.exp_drop(name)
    subprocess.check_call([sys.executable, os.path.join(ROOT, "tools", "odoo_launcher.py"), "-c", config, "-d", name,
                           "-i", "helpdesk_mgmt", "--without-demo=all", "--stop-after-init", "--log-level=warn"],
                          stdout=subprocess.DEVNULL)
    return name


def measure_bare(name, repeat=REPEAT):
    registry = odoo.registry(name)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Users = env["res.users"].with_context(no_reset_password=True)
        agent = Users.search([("login", "=", "bench.bare.agent")]) or Users.create({
            "login": "bench.bare.agent", "name": "Bench helpdesk agent", "email": "agent@bench.example",
            "groups_id": [(6, 0, [env.ref("helpdesk_mgmt.group_helpdesk_user").id, env.ref("base.group_user").id])]})
        requester = env["res.partner"].search([("name", "=", "Bench aanvrager")], limit=1) or env["res.partner"].create(
            {"name": "Bench aanvrager", "email": "aanvrager@bench.example"})
        cr.commit()
        Ticket = env["helpdesk.ticket"].sudo(agent)

        def create():
            return Ticket.create({"name": "Vraag", "partner_id": requester.id, "description": DESCRIPTION})

        result = timed(env, create, repeat)
        cr.rollback()
    return result


def main():
    registry = open_registry(__doc__)
    config, database = odoo.tools.config.rcfile, registry.db_name
    with environment(registry) as env:
        prepare(env)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        suite = measure_suite(env)
        orders = {key: len(result[4]) if key != "question" else 0 for key, result in suite.items()}
        cr.rollback()
    bare = measure_bare(bare_database(config, database))
    load = os.getloadavg()
    lines = ["## What taking in a ticket costs (`bench/bench_intake.py`)", "",
             "A desk agent registers a ticket by phone and routes it, counted from the create through the intake "
             "(notices, deadlines, followers, progress); the peer is OCA helpdesk_mgmt's own ticket create on a "
             "database with only that module, in the same run. Median of %d (range), each rolled back; load "
             "average %.1f on %d cores during the run. Targets are in SQL statements." % (
                 REPEAT, load[0], os.cpu_count()), "",
             "| what | work orders | SQL statements | ratio | time | ratio | target | verdict |",
             "|---|---|---|---|---|---|---|---|",
             "| bare helpdesk_mgmt ticket create | - | %d | 1.0x | %.0f ms (%.0f-%.0f) | 1.0x | - | - |" % (
                 bare[3], bare[0] * 1000, bare[1] * 1000, bare[2] * 1000)]
    all_ok = True
    for key, label, target in TARGETS:
        median, low, high, statements, _result = suite[key]
        ratio = statements / float(bare[3])
        ok = ratio <= target
        all_ok = all_ok and ok
        lines.append("| %s | %d | %d | %.2fx | %.0f ms (%.0f-%.0f) | %.1fx | <= %.1fx | %s |" % (
            label, orders[key], statements, ratio, median * 1000, low * 1000, high * 1000, median / bare[0], target,
            verdict(ok)))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
