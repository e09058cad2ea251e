"""The portal catalogue stays fast with thousands of items: no query per item.

Measures the catalogue home, a search, a topic page, a life-event page and a product page as a
portal user, with a small and a large published catalogue. Targets: the SQL statements of a page
do not grow with the catalogue (at most 3 more at the large size), and every page answers within
0.5 s (median) at the large size on the project's 2-core machines.
"""
import sys

from common import ensure, environment, logged_in_client, measure, open_registry, verdict

SIZES = (200, 4000)
MAX_EXTRA_QUERIES = 3
MAX_SECONDS = 0.5


def grow_catalog(env, total, topics, events, backoffice):
    Product = env["product.template"]
    existing = Product.search_count([("is_catalog_item", "=", True), ("name", "=like", "Bench item %")])
    for index in range(existing, total):
        Product.create({
            "name": "Bench item %05d" % index,
            "type": "service",
            "is_catalog_item": True,
            "is_published": True,
            "backoffice_id": backoffice.id,
            "financing_class": ("basis", "plus", "custom")[index % 3],
            "question_level": ("operational", "tactical", "strategic")[index % 3],
            "product_sheet": "<p>Productvel %d: werkplek, vervoer en reizen.</p>" % index,
            "lead_time": 3,
            "lead_time_unit": "days",
            "list_price": 10 + index % 50,
            "topic_ids": [(6, 0, [topics[index % len(topics)].id])],
            "event_ids": [(6, 0, [events[index % len(events)].id])],
        })


def main():
    registry = open_registry(__doc__)
    with environment(registry) as env:
        topics = env["gd.catalog.topic"]
        for i in range(8):
            topics |= ensure(topics, {"name": "Bench topic %d" % i})
        events = env["gd.catalog.event"]
        for i in range(4):
            events |= ensure(events, {"name": "Bench event %d" % i})
        backoffice = ensure(env["gd.backoffice"], {"name": "Bench back office", "code": "BENCH"}, key="code")
        org = ensure(env["res.partner"], {"name": "Bench directorate", "is_company": True})
        employee = ensure(env["res.partner"], {"name": "Bench employee", "parent_id": org.id,
                                               "email": "bench@example.org"})
        ensure(env["res.users"], {
            "name": "Bench employee", "login": "bench_portal", "password": "bench_portal",
            "partner_id": employee.id, "groups_id": [(6, 0, [env.ref("base.group_portal").id])]}, key="login")
        topic_id, event_id = topics[0].id, events[0].id

    rows = {}
    product_id = None
    for size in SIZES:
        with environment(registry) as env:
            grow_catalog(env, size, topics.with_env(env), events.with_env(env), backoffice.with_env(env))
            product_id = env["product.template"].search([("name", "=like", "Bench item %")], limit=1).id
        client = logged_in_client("bench_portal", "bench_portal")
        pages = [
            ("catalogue home", "/catalog"),
            ("search", "/catalog?search=werkplek"),
            ("topic page", "/catalog/topic/%d" % topic_id),
            ("life event page", "/catalog/event/%d" % event_id),
            ("plus items filter", "/catalog?financing=plus"),
            ("product page", "/catalog/product/%d" % product_id),
        ]
        for label, url in pages:
            rows.setdefault(label, {})[size] = measure(client, url)

    small, large = SIZES
    lines = ["## Portal catalogue (`bench/bench_catalog_portal.py`)", "",
             "Targets: SQL statements per page grow by at most %d from %d to %d published items; "
             "median answer at %d items within %.1f s." % (MAX_EXTRA_QUERIES, small, large, large, MAX_SECONDS), "",
             "| page | queries @%d | queries @%d | median @%d | median @%d | HTTP | queries target | time target |"
             % (small, large, small, large), "|---|---|---|---|---|---|---|---|"]
    all_ok = True
    for label, by_size in rows.items():
        (t_small, q_small, _), (t_large, q_large, status) = by_size[small], by_size[large]
        q_ok = q_large - q_small <= MAX_EXTRA_QUERIES
        t_ok = t_large <= MAX_SECONDS and status == 200
        all_ok = all_ok and q_ok and t_ok
        lines.append("| %s | %d | %d | %.3f s | %.3f s | %s | %s | %s |" % (
            label, q_small, q_large, t_small, t_large, status, verdict(q_ok), verdict(t_ok)))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
