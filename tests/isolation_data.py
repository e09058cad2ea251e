"""Two client organisations with full data, for the isolation harness (test_isolation.py).

Every private text of organisation Alfa carries the marker ``ZQALFA``, of Beta ``ZQBETA``; the text of the
quotes for custom work (for the client principals only) carries ``ZQQTALFA`` / ``ZQQTBETA``; desk-only content
``ZQDESK``. The organisations' names and their people's names carry the organisation's marker too, so any
record that points at another organisation shows it in what a read returns.

``build(holder, env)`` makes the data through the real flows (intake, escalation, quote, appointment, message,
settlement run) on top of the settlement fixtures, and ``foreign_ids(holder, user)`` says, per model, which
records a given portal user must never get back.
"""
import base64
from functools import partial

from odoo import fields
from odoo.addons.gd_billing.tests.common import MONTH, BillingFixtures
from odoo.addons.gd_catalog.tests.common import PASSWORD_SUFFIX, FixtureBuilder  # noqa: F401 (PASSWORD_SUFFIX: for the tests)

MARKERS = {"a": "ZQALFA", "b": "ZQBETA"}
QUOTE_MARKERS = {"a": "ZQQTALFA", "b": "ZQQTBETA"}
DESK_MARKER = "ZQDESK"


def build(holder, env):
    BillingFixtures.create_fixtures(holder, env)
    env = holder.env(context=dict(holder.env.context, mail_create_nosubscribe=False))

    user = partial(FixtureBuilder.user, env)

    # the organisations' names and people carry their marker
    holder.org_a.name = "Directie Alfa %s" % MARKERS["a"]
    holder.org_b.name = "Directie Beta %s" % MARKERS["b"]
    holder.principal_a.partner_id.name = "Paula Alfa %s" % MARKERS["a"]
    holder.employee_a.partner_id.name = "Anna Alfa %s" % MARKERS["a"]
    holder.principal_b.partner_id.name = "Piet Beta %s" % MARKERS["b"]
    partner_b = env["res.partner"].create({
        "name": "Bert Beta %s" % MARKERS["b"], "parent_id": holder.org_b.id, "email": "t_iso_employee_b@example.com",
        "is_mandated": True, "lang": "en_US"})
    holder.employee_b = user("t_iso_employee_b", partner_b.name, ["base.group_portal"], partner_id=partner_b.id)
    holder.expert = user("t_iso_expert", "Eva Expert", ["gd_servicedesk.group_backoffice"])
    holder.bo_faz.member_ids = [(4, holder.expert.id)]
    holder.bo_ict.member_ids = [(4, holder.expert.id)]

    # desk-only content on items and back offices
    for item in (holder.item_cleaning, holder.item_helpdesk, holder.item_refit):
        item.write({"desk_phone": "%s phone %s" % (DESK_MARKER, item.id),
                    "desk_procedure": "<p>%s procedure %s</p>" % (DESK_MARKER, item.id)})
    holder.bo_faz.internal_phone = "%s 4711" % DESK_MARKER
    holder.bo_ict.internal_phone = "%s 4001" % DESK_MARKER

    # DVAs of this year (the settlement fixtures' DVAs are of 2024), under which quotes are made
    today = fields.Date.from_string(fields.Date.context_today(env["gd.dva.agreement"]))
    for key, org, principal in (("a", holder.org_a, holder.principal_a), ("b", holder.org_b, holder.principal_b)):
        agreement = env["gd.dva.agreement"].create({
            "framework_id": holder.framework.id, "kind": "plus", "client_id": org.id,
            "principal_id": principal.partner_id.id, "account_manager_id": holder.account_manager.id,
            "date_start": "%d-01-01" % today.year, "date_end": "%d-12-31" % today.year,
            "company_id": holder.company.id,
            "line_ids": [(0, 0, {"product_tmpl_id": holder.item_refit.id, "quantity": 0}),
                         (0, 0, {"product_tmpl_id": holder.item_software.id, "quantity": 10})],
        })
        agreement.action_activate()
        setattr(holder, "dva_now_%s" % key, agreement)

    desk = holder.desk_agent
    for index, key in enumerate(("a", "b")):
        mark = MARKERS[key]
        employee = getattr(holder, "employee_%s" % key)
        principal = getattr(holder, "principal_%s" % key)
        # a request routed to a back office, answered by the desk, with a file and an appointment
        ticket = holder.Ticket.sudo(desk).with_context(mail_create_nosubscribe=False).create({
            "name": "Werkplek %s" % mark, "partner_id": employee.partner_id.id,
            "channel_id": holder.channel_phone.id, "description": "<p>Mijn vraag %s</p>" % mark,
            "company_id": holder.company.id}).sudo()
        ticket.message_subscribe(partner_ids=employee.partner_id.ids)
        ticket.sudo(desk)._do_intake(holder.item_helpdesk)
        ticket.sudo(desk).message_post(body="<p>Antwoord van de desk %s</p>" % mark, message_type="comment",
                                       subtype="mail.mt_comment")
        ticket.sudo(desk).message_post(body="<p>Interne notitie %s</p>" % mark, message_type="comment",
                                       subtype="mail.mt_note")
        env["ir.attachment"].create({
            "name": "notitie-%s.txt" % mark, "datas_fname": "notitie-%s.txt" % mark,
            "datas": base64.b64encode(("Inhoud van het bestand %s" % mark).encode()),
            "res_model": "helpdesk.ticket", "res_id": ticket.id})
        ticket.sudo(desk)._book_appointment(holder.bo_faz, holder.expert, "2030-03-0%d 09:00:00" % (index + 4), 1.0)
        setattr(holder, "iso_ticket_%s" % key, ticket)
        # custom work: escalated, a quote sent to the principal
        custom = holder.Ticket.sudo(desk).create({
            "name": "Verbouwing %s" % mark, "partner_id": principal.partner_id.id,
            "channel_id": holder.channel_phone.id, "description": "<p>Maatwerk %s</p>" % mark,
            "company_id": holder.company.id}).sudo()
        custom.sudo(desk)._do_intake(holder.item_refit)
        quote = env["sale.order"].browse(custom.sudo(holder.account_manager).action_make_quote()["res_id"])
        quote.write({"note": "Offerte %s" % QUOTE_MARKERS[key], "client_order_ref": QUOTE_MARKERS[key]})
        quote.order_line.write({"price_unit": 5000.0 + index, "name": "Verbouwing %s" % QUOTE_MARKERS[key]})
        quote.sudo(holder.account_manager).action_gd_send()
        env["ir.attachment"].create({
            "name": "bijlage-%s.txt" % QUOTE_MARKERS[key], "datas_fname": "bijlage-%s.txt" % QUOTE_MARKERS[key],
            "datas": base64.b64encode(("Offertebijlage %s" % QUOTE_MARKERS[key]).encode()),
            "res_model": "sale.order", "res_id": quote.id})
        setattr(holder, "iso_quote_%s" % key, quote)

    # deliveries in March 2024 and the settlement of that month: statements for every organisation
    BillingFixtures.build_month(holder)
    holder.iso_run = env["gd.billing.run"].create({"date_start": MONTH, "company_id": holder.company.id})
    holder.iso_run.action_compute()
    holder.iso_run.action_confirm()


def _documents(env, model, ids):
    return [("model", "=", model), ("res_id", "in", ids)]


def owned_ids(holder, org, quotes_only=False):
    """Per model, the records of organisation ``org`` (as superuser): its people, cases, work, agreements,
    quotes, statements, and the messages, files, followers and appointments of those documents."""
    env = holder.env
    Quote = env["sale.order"]
    quotes = Quote.search([("gd_client_id", "=", org.id)])
    documents = {"sale.order": quotes.ids}
    result = {"sale.order": quotes.ids,
              "sale.order.line": env["sale.order.line"].search([("order_id", "in", quotes.ids)]).ids}
    if not quotes_only:
        partners = env["res.partner"].with_context(active_test=False).search([("id", "child_of", org.id)])
        tickets = env["helpdesk.ticket"].search([("client_id", "=", org.id)])
        statements = env["gd.billing.statement"].search([("client_id", "=", org.id)])
        agreements = env["gd.dva.agreement"].search([("client_id", "=", org.id)])
        events = env["calendar.event"].search([("ticket_id", "in", tickets.ids)])
        documents.update({"helpdesk.ticket": tickets.ids, "gd.billing.statement": statements.ids,
                          "gd.dva.agreement": agreements.ids})
        result.update({
            "res.partner": partners.ids,
            "res.users": env["res.users"].with_context(active_test=False).search(
                [("partner_id", "in", partners.ids)]).ids,
            "helpdesk.ticket": tickets.ids,
            "gd.servicedesk.work.order": env["gd.servicedesk.work.order"].search(
                [("ticket_id", "in", tickets.ids)]).ids,
            "gd.dva.agreement": agreements.ids,
            "gd.dva.line": env["gd.dva.line"].search([("client_id", "=", org.id)]).ids,
            "gd.dva.compliance": env["gd.dva.compliance"].search([("client_id", "=", org.id)]).ids,
            "gd.billing.statement": statements.ids,
            "gd.billing.line": env["gd.billing.line"].search([("client_id", "=", org.id)]).ids,
            "calendar.event": events.ids,
            "calendar.attendee": events.mapped("attendee_ids").ids,
        })
    messages, attachments, followers = [], [], []
    for model, ids in documents.items():
        messages += env["mail.message"].search(_documents(env, model, ids)).ids
        attachments += env["ir.attachment"].search([("res_model", "=", model), ("res_id", "in", ids)]).ids
        followers += env["mail.followers"].search([("res_model", "=", model), ("res_id", "in", ids)]).ids
    result.update({"mail.message": messages, "ir.attachment": attachments, "mail.followers": followers})
    return result


def foreign_ids(holder, user, key):
    """Per model, the ids portal user ``user`` of organisation ``key`` must never get back."""
    env = holder.env
    other = holder.org_b if key == "a" else holder.org_a
    foreign = {model: set(ids) for model, ids in owned_ids(holder, other).items()}
    if not user.partner_id.is_principal:
        own_org = holder.org_a if key == "a" else holder.org_b
        for model, ids in owned_ids(holder, own_org, quotes_only=True).items():
            foreign.setdefault(model, set()).update(ids)
    foreign.setdefault("mail.mail", set()).update(env["mail.mail"].search([]).ids)
    foreign.setdefault("res.users.log", set()).update(
        env["res.users.log"].search([("create_uid", "!=", user.id)]).ids)
    # followers and attendees are one's own entries only
    foreign["mail.followers"].update(env["mail.followers"].search([("partner_id", "!=", user.partner_id.id)]).ids)
    foreign.setdefault("calendar.attendee", set()).update(
        env["calendar.attendee"].search([("partner_id", "!=", user.partner_id.id)]).ids)
    return foreign


def forbidden_markers(user, key):
    """The texts portal user ``user`` of organisation ``key`` must never see."""
    other = "b" if key == "a" else "a"
    markers = [MARKERS[other], QUOTE_MARKERS[other], DESK_MARKER]
    if not user.partner_id.is_principal:
        markers.append(QUOTE_MARKERS[key])
    return markers
