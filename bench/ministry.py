"""A database shaped like a ministry's: the data set the scale benchmarks measure on.

Sizes (``full``): 60 client organisations, the 5 back offices, 2,000 catalogue items, a DVA per organisation,
200,000 tickets over 24 months and about 1,000,000 work orders, with the mail rows the ORM makes for each
(a creation message and the requester or assignee as follower). ``tiny`` has the same shape in a few hundred
rows, for the smoke run in the test command.

Each kind of record is made once through the ORM (so every column is filled as the application fills it) and
then copied by SQL with the varying columns rewritten (``clone_rows``): building a million work orders through
the ORM would take days. The copies are checked by opening a sample through the ORM (``check``).
"""
SIZES = {
    "tiny": {"organisations": 3, "items": 40, "tickets": 400, "months": 3, "parts": 5, "portal_users": 3},
    "full": {"organisations": 60, "items": 2000, "tickets": 200000, "months": 24, "parts": 5, "portal_users": 30},
}
PREFIX = "Benchdirectie "
BACKOFFICES = (("FAZ", "Facilitaire Zaken"), ("FB", "Financiële Bedrijfsvoering"),
               ("CI", "Communicatie en Informatie"), ("ICT", "ICT"), ("PO", "Personeel en Organisatie"))
PASSWORD = "bench"


def columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id' "
               "ORDER BY ordinal_position", (table,))
    return [row[0] for row in cr.fetchall()]


def clone_rows(cr, table, source_id, count, overrides, series="g"):
    """Insert ``count`` copies of row ``source_id`` of ``table``; ``overrides`` maps columns to SQL
    expressions over the row ``src`` and the series number ``g`` (1..count). Returns nothing: the copies
    are found again by a column the overrides made recognisable."""
    cols = columns(cr, table)
    select = ", ".join(overrides.get(col, "src.%s" % col) for col in cols)
    cr.execute('INSERT INTO "%s" (%s) SELECT %s FROM "%s" src, generate_series(1, %%s) AS %s WHERE src.id = %%s'
               % (table, ", ".join('"%s"' % col for col in cols), select, table, series), (count, source_id))


def _user(env, login, name, groups, partner=None):
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    user = Users.search([("login", "=", login)])
    if not user:
        vals = {"login": login, "name": name, "password": PASSWORD, "tz": "Europe/Amsterdam",
                "email": "%s@bench.example" % login,
                "groups_id": [(6, 0, [env.ref(xmlid).id for xmlid in groups])]}
        if partner:
            vals["partner_id"] = partner.id
        user = Users.create(vals)
    return user


def build(env, size="full"):
    """Make the data set of ``size`` unless the database already holds it; return the roles' users."""
    params = SIZES[size]
    icp = env["ir.config_parameter"].sudo()
    users = _build_users_and_setup(env, params)
    if icp.get_param("gd.bench.ministry") != size:
        _build_volume(env, params, users)
        icp.set_param("gd.bench.ministry", size)
    return users


def _build_users_and_setup(env, params):
    company = env.ref("base.main_company")
    desk = _user(env, "bench.desk", "Bench servicedesk", ["gd_servicedesk.group_manager"])
    account = _user(env, "bench.account", "Bench accountmanager", ["gd_servicedesk.group_account_manager"])
    backoffices, members = [], []
    for code, name in BACKOFFICES:
        member = _user(env, "bench.%s" % code.lower(), "Bench %s" % name, ["gd_servicedesk.group_backoffice"])
        office = env["gd.backoffice"].search([("code", "=", "B" + code)], limit=1) or env["gd.backoffice"].create({
            "name": "Bench %s" % name, "code": "B" + code, "company_id": company.id,
            "resource_calendar_id": company.resource_calendar_id.id,
            "member_ids": [(6, 0, member.ids)], "manager_id": member.id})
        backoffices.append(office)
        members.append(member)
    Product = env["product.template"].with_context(mail_create_nolog=True)
    seeds = Product.search([("name", "=like", "Bench item %")], order="id")
    if not seeds:
        for index, office in enumerate(backoffices):
            for financing_class, level in (("basis", "operational"), ("plus", "operational"), ("plus", "tactical")):
                seeds |= Product.create({
                    "name": "Bench item %s %s %s" % (office.code, financing_class, level), "type": "service",
                    "is_catalog_item": True, "is_published": True, "backoffice_id": office.id,
                    "financing_class": financing_class, "question_level": level, "lead_time": 3 + index,
                    "lead_time_unit": "days", "list_price": 10.0 * (index + 1), "request_via_portal": True})
    Partner = env["res.partner"].with_context(mail_create_nolog=True)
    organisations = Partner.search([("name", "=like", PREFIX + "%"), ("is_company", "=", True)], order="id")
    for index in range(len(organisations), params["organisations"]):
        org = Partner.create({"name": "%s%02d" % (PREFIX, index), "is_company": True, "client_kind": "internal",
                              "account_manager_id": account.id if index % 3 == 0 else False})
        Partner.create({"name": "Opdrachtgever %02d" % index, "parent_id": org.id, "is_principal": True,
                        "is_mandated": True, "email": "opdrachtgever%02d@bench.example" % index})
        for number in range(3):
            Partner.create({"name": "Medewerker %02d-%d" % (index, number), "parent_id": org.id, "is_mandated": True,
                            "email": "medewerker%02d%d@bench.example" % (index, number)})
        organisations |= org
    _build_agreements(env, organisations, seeds, params)
    first = organisations[0]
    employee_partner = first.child_ids.filtered(lambda p: not p.is_principal).sorted("id")[0]
    employee = _user(env, "bench.employee", employee_partner.name, ["base.group_portal"], partner=employee_partner)
    # Portal users for the load test: employees of the organisations, one after the other.
    employees = env["res.partner"].search([("parent_id", "in", organisations.ids), ("is_principal", "=", False),
                                           ("id", "!=", employee_partner.id)], order="id", limit=params["portal_users"])
    portal_users = env["res.users"]
    for index, partner in enumerate(employees):
        portal_users |= _user(env, "bench.portal.%02d" % index, partner.name, ["base.group_portal"], partner=partner)
    principal_partner = first.child_ids.filtered("is_principal")[0]
    principal = _user(env, "bench.principal", principal_partner.name, ["base.group_portal"],
                      partner=principal_partner)
    return {"desk": desk, "account": account, "backoffice": members[3], "backoffices": backoffices,
            "portal_users": portal_users,
            "employee": employee, "principal": principal, "organisations": organisations, "seeds": seeds,
            "company": company}


def _build_agreements(env, organisations, seeds, params):
    """A plus-DVA per organisation over the whole period, on the plus items of the seeds, active."""
    Partner = env["res.partner"]
    cr = env.cr
    cr.execute("SELECT (date_trunc('month', now()) - interval '%s months')::date, "
               "(date_trunc('year', now()) + interval '1 year' - interval '1 day')::date", (params["months"],))
    date_start, date_end = [str(value) for value in cr.fetchone()]
    framework = env["gd.dva.framework"].search([("name", "=", "Bench mantelovereenkomst")], limit=1)
    if not framework:
        framework = env["gd.dva.framework"].create({
            "name": "Bench mantelovereenkomst", "date_start": "2000-01-01", "date_end": "2099-12-31",
            "client_signatory_id": Partner.create({"name": "Bench PSG"}).id,
            "gd_signatory_id": Partner.create({"name": "Bench directeur GD"}).id})
        framework.action_activate()
    plus = seeds.filtered(lambda item: item.financing_class == "plus")
    Agreement = env["gd.dva.agreement"].with_context(mail_create_nolog=True, tracking_disable=True)
    for org in organisations:
        if Agreement.search_count([("client_id", "=", org.id)]):
            continue
        agreement = Agreement.create({
            "framework_id": framework.id, "kind": "plus", "client_id": org.id,
            "principal_id": org.child_ids.filtered("is_principal")[:1].id,
            "date_start": date_start, "date_end": date_end,
            "line_ids": [(0, 0, {"product_tmpl_id": item.id, "quantity": 10 + index,
                                 "charge_beyond_quantity": bool(index % 2)}) for index, item in enumerate(plus)]})
        agreement.action_activate()


def _drop_volume(cr):
    """Remove the copies of an earlier build (of another size)."""
    cr.execute("DELETE FROM mail_message WHERE message_id LIKE '<bench-%%'")
    cr.execute("""DELETE FROM mail_followers f USING gd_servicedesk_work_order w
                   WHERE f.res_model = 'gd.servicedesk.work.order' AND f.res_id = w.id AND w.number LIKE 'BW%%'""")
    cr.execute("""DELETE FROM mail_followers f USING helpdesk_ticket t
                   WHERE f.res_model = 'helpdesk.ticket' AND f.res_id = t.id AND t.number LIKE 'BM%%'""")
    cr.execute("DELETE FROM gd_servicedesk_work_order WHERE number LIKE 'BW%%'")
    cr.execute("DELETE FROM helpdesk_ticket WHERE number LIKE 'BM%%'")


def _build_volume(env, params, users):
    cr = env.cr
    _drop_volume(cr)
    seeds, organisations = users["seeds"], users["organisations"]
    # Catalogue items: the seeds copied up to the size, each copy a product of its own.
    cr.execute("SELECT count(*) FROM product_template WHERE name LIKE 'Bench item %%'")
    missing = params["items"] - cr.fetchone()[0]
    per_seed = max(missing // len(seeds), 0)
    for seed in seeds:
        if per_seed:
            clone_rows(cr, "product_template", seed.id, per_seed, {"name": "src.name || ' ' || g"})
    cr.execute("""INSERT INTO product_product (product_tmpl_id, active, create_uid, write_uid, create_date, write_date)
                  SELECT t.id, true, 1, 1, now(), now() FROM product_template t
                   WHERE t.name LIKE 'Bench item %%' AND NOT EXISTS (
                         SELECT 1 FROM product_product p WHERE p.product_tmpl_id = t.id)""")
    cr.execute("SELECT id, backoffice_id FROM product_template WHERE name LIKE 'Bench item %%' "
               "AND financing_class != 'custom' ORDER BY id")
    item_rows = cr.fetchall()
    item_ids = [row[0] for row in item_rows]
    agreed_ids = seeds.filtered(lambda item: item.financing_class == "plus").ids

    # One ticket and its work order through the real flow, the patterns of every copy.
    customers = env["res.partner"].search([("parent_id", "in", organisations.ids)], order="id")
    requester = customers.filtered(lambda p: not p.is_principal)[0]
    channel = env["helpdesk.ticket.channel"]._get_by_code("phone")
    Ticket = env["helpdesk.ticket"].sudo(users["desk"])
    ticket = Ticket.create({"name": "Bench seed", "partner_id": requester.id, "channel_id": channel.id,
                            "description": "<p>Werkplek voor een nieuwe medewerker</p>"})
    ticket._do_intake(seeds.filtered(lambda item: item.financing_class == "basis")[0])
    seed_order = ticket.work_order_ids[0]
    done_stage = env["helpdesk.ticket.stage"]._get_by_code("done")
    progress_stage = env["helpdesk.ticket.stage"]._get_by_code("progress")
    env.cache.invalidate()

    n, months = params["tickets"], params["months"]
    partner_ids = "ARRAY[%s]" % ",".join(str(i) for i in customers.ids)
    cr.execute("SELECT (now() - interval '%s months')::timestamp", (months,))
    start = cr.fetchone()[0]
    span = "(extract(epoch FROM now() - %s::timestamp))" % ("'%s'" % start)
    # Tickets spread evenly over the months; the last 2% still open.
    created = "(%s::timestamp + (g::float / %d) * %s * interval '1 second')" % ("'%s'" % start, n, span)
    clone_rows(cr, "helpdesk_ticket", ticket.id, n, {
        "number": "'BM' || lpad(g::text, 7, '0')",
        "name": "'Aanvraag ' || g",
        "partner_id": "(%s)[1 + mod(g, %d)]" % (partner_ids, len(customers)),
        "create_date": created, "write_date": created, "intake_date": created, "assigned_date": created,
        "last_stage_update": created,
        "stage_id": "CASE WHEN g > %d THEN %d ELSE %d END" % (n * 0.98, progress_stage.id, done_stage.id),
        "closed_date": "CASE WHEN g > %d THEN NULL ELSE %s + interval '3 days' END" % (n * 0.98, created),
        "satisfaction_token": "md5(g::text || random()::text)",
        "notice_received_date": created,
    })
    cr.execute("""UPDATE helpdesk_ticket t SET client_id = p.commercial_partner_id, partner_name = p.name,
                         partner_email = p.email, account_manager_id = o.account_manager_id
                    FROM res_partner p JOIN res_partner o ON o.id = p.commercial_partner_id
                   WHERE p.id = t.partner_id AND t.number LIKE 'BM%%'""")
    # Work orders: ``parts`` per ticket, over the catalogue, done unless their ticket is open.
    items = "ARRAY[%s]" % ",".join(str(i) for i in item_ids)
    cols = columns(cr, "gd_servicedesk_work_order")
    # Two parts of each case are services of the organisation's DVA, the others anything in the catalogue;
    # the back office, its manager as assignee and the DVA line follow from the item in the same statement.
    pick = ("CASE WHEN k <= 2 THEN (ARRAY[%s])[1 + mod(t.id + k, %d)] ELSE (%s)[1 + mod(t.id * 7 + k * 13, %d)] END"
            % (",".join(map(str, agreed_ids)), len(agreed_ids), items, len(item_ids)))
    overrides = {
        "number": "'BW' || t.id || '-' || k",
        "ticket_id": "t.id",
        "product_tmpl_id": "c.item_id",
        "backoffice_id": "p.backoffice_id",
        "user_id": "b.manager_id",
        "dva_line_id": "(SELECT l.id FROM gd_dva_line l WHERE l.client_id = t.client_id "
                       "AND l.product_tmpl_id = c.item_id ORDER BY l.id LIMIT 1)",
        "client_id": "t.client_id",
        "start_date": "t.create_date", "create_date": "t.create_date", "write_date": "t.create_date",
        "deadline": "t.create_date + interval '3 days'",
        "warn_date": "t.create_date + interval '2 days'",
        "state": "CASE WHEN t.closed_date IS NULL THEN 'progress' ELSE 'done' END",
        "done_date": "t.closed_date - (k * interval '1 hour')",
        "delivery_month": "CASE WHEN t.closed_date IS NOT NULL THEN %s END" % env["gd.servicedesk.work.order"]
                          ._delivery_month_sql("(t.closed_date - (k * interval '1 hour'))",
                                              "(SELECT c.gd_tz FROM res_company c WHERE c.id = src.company_id)"),
        "deadline_state": "'on_time'",
        "on_time_pct": "CASE WHEN t.closed_date IS NULL THEN NULL ELSE 100.0 END",
        "lead_time_days": "CASE WHEN t.closed_date IS NULL THEN NULL ELSE 3.0 END",
    }
    select = ", ".join(overrides.get(col, "src.%s" % col) for col in cols)
    cr.execute('INSERT INTO gd_servicedesk_work_order (%s) SELECT %s FROM gd_servicedesk_work_order src '
               'CROSS JOIN helpdesk_ticket t CROSS JOIN generate_series(1, %%s) AS k '
               'CROSS JOIN LATERAL (SELECT %s AS item_id) c '
               'JOIN product_template p ON p.id = c.item_id JOIN gd_backoffice b ON b.id = p.backoffice_id '
               'WHERE src.id = %%s AND t.number LIKE %%s'
               % (", ".join('"%s"' % col for col in cols), select, pick), (params["parts"], seed_order.id, "BM%"))
    # The stored progress of each ticket, as the ORM computes it.
    cr.execute("""UPDATE helpdesk_ticket t SET work_order_count = %(parts)s,
                         work_order_done_count = CASE WHEN t.closed_date IS NULL THEN 0 ELSE %(parts)s END,
                         progress = CASE WHEN t.closed_date IS NULL THEN 0 ELSE 100 END,
                         deadline = t.create_date + interval '3 days',
                         next_deadline = CASE WHEN t.closed_date IS NULL THEN t.create_date + interval '3 days' END,
                         deadline_state = 'on_time', lead_time_days = 3.0
                   WHERE t.number LIKE 'BM%%'""", {"parts": params["parts"]})
    # The mail rows the ORM makes: a creation message per ticket and per work order, the requester and the
    # assignee as followers.
    for model, table, marker in (("helpdesk.ticket", "helpdesk_ticket", "BM%"),
                                 ("gd.servicedesk.work.order", "gd_servicedesk_work_order", "BW%")):
        cr.execute("SELECT id FROM mail_message WHERE model = %s AND res_id = %s ORDER BY id LIMIT 1",
                   (model, ticket.id if model == "helpdesk.ticket" else seed_order.id))
        message = cr.fetchone()
        if message:
            cols = columns(cr, "mail_message")
            overrides = {"res_id": "r.id", "date": "r.create_date", "create_date": "r.create_date",
                         "write_date": "r.create_date", "record_name": "r.name", "message_id":
                         "'<bench-' || r.id || '-%s@bench>'" % table}
            select = ", ".join(overrides.get(col, "src.%s" % col) for col in cols)
            cr.execute('INSERT INTO mail_message (%s) SELECT %s FROM mail_message src, "%s" r '
                       'WHERE src.id = %%s AND r.number LIKE %%s'
                       % (", ".join('"%s"' % col for col in cols), select, table), (message[0], marker))
    cr.execute("""INSERT INTO mail_followers (res_model, res_id, partner_id)
                  SELECT 'helpdesk.ticket', t.id, t.partner_id FROM helpdesk_ticket t WHERE t.number LIKE 'BM%%'""")
    cr.execute("""INSERT INTO mail_followers (res_model, res_id, partner_id)
                  SELECT 'gd.servicedesk.work.order', w.id, u.partner_id
                    FROM gd_servicedesk_work_order w JOIN res_users u ON u.id = w.user_id
                   WHERE w.number LIKE 'BW%%'""")
    _after_volume(env, users)
    for table in ("helpdesk_ticket", "gd_servicedesk_work_order", "mail_message", "mail_followers",
                  "product_template"):
        cr.execute('ANALYZE "%s"' % table)
    env.cache.invalidate()


def _after_volume(env, users):
    """Hook for the modules' own derived data (stored relations filled by the ORM on create)."""
    model = env["helpdesk.ticket"]
    if "backoffice_ids" in model._fields:
        field = model._fields["backoffice_ids"]
        env.cr.execute('INSERT INTO "%s" ("%s", "%s") SELECT DISTINCT ticket_id, backoffice_id '
                       'FROM gd_servicedesk_work_order WHERE number LIKE %%s ON CONFLICT DO NOTHING'
                       % (field.relation, field.column1, field.column2), ("BW%",))


def check(env):
    """Open a sample of the copies through the ORM: every field reads."""
    tickets = env["helpdesk.ticket"].search([("number", "=like", "BM%")], limit=20, order="id desc")
    orders = env["gd.servicedesk.work.order"].search([("number", "=like", "BW%")], limit=20, order="id desc")
    for records in (tickets, orders):
        records.read(list(records._fields))
    return len(tickets) and len(orders)
