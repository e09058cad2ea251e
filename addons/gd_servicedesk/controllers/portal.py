import base64

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.addons.gd_catalog.controllers.portal_access import portal_record, to_record_id
from odoo.addons.gd_catalog.text import clean_text
from odoo.addons.gd_catalog.controllers.portal import ServicePortal
from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortal as HelpdeskCustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


def _get_requestable_item(product_tmpl_id):
    """A published catalogue item the logged-in user may read and request on the portal, else a 404."""
    item = portal_record("product.template", product_tmpl_id)
    if not item._get_portal_request_url():
        raise NotFound()
    return item


def home_counters_wanted():
    """True while the portal's home (/my) is rendered: the only page that shows the counters of documents.

    Odoo 11 asks every app for its counter (cases, quotes, orders, invoices, statements) in
    ``_prepare_portal_layout_values``, which every portal page calls; elsewhere they are zero.
    """
    return bool(getattr(request, "gd_portal_home", False))


def _clean_form(kw):
    """The form's subject and description without control characters (NUL would break the database)."""
    return dict(kw, subject=clean_text(request.env, kw.get("subject")),
                description=clean_text(request.env, kw.get("description"), multiline=True))


class ServicedeskTicketController(HelpdeskTicketController):
    """helpdesk_mgmt's ticket routes, made safe.

    /ticket/close set the stage of any ticket by id with sudo; /submitted/ticket looked the requester
    up by the name and e-mail typed in the form and created with sudo.
    """

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], website=True)
    def support_ticket_close(self, ticket_id=None, **kw):
        """The customer withdraws their own request (the posted stage is ignored)."""
        ticket = portal_record("helpdesk.ticket", ticket_id)
        if not ticket._is_portal_owner():
            raise NotFound()
        try:
            ticket._portal_withdraw()
        except UserError:
            pass  # already closed: show the case as it is
        return request.redirect("/my/ticket/%d" % ticket.id)

    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        return request.render("gd_servicedesk.portal_question_form", self._question_form_values())

    @http.route("/submitted/ticket", type="http", auth="user", methods=["POST"], website=True)
    def submit_ticket(self, **kw):
        category = request.env["helpdesk.ticket.category"].browse(to_record_id(kw.get("category")) or [])
        kw = _clean_form(kw)
        try:
            ticket = request.env["helpdesk.ticket"]._create_from_portal(
                kw.get("subject"), kw.get("description"), category=category.exists())
        except (UserError, ValidationError) as error:
            values = self._question_form_values()
            values.update(error=error.name, subject=kw.get("subject"), description=kw.get("description"))
            return request.render("gd_servicedesk.portal_question_form", values)
        self._attach_files(ticket)
        return request.redirect("/my/ticket/%d" % ticket.id)

    def _question_form_values(self):
        return {
            "categories": request.env["helpdesk.ticket.category"].search([("active", "=", True)]),
            "page_name": "ticket",
            "error": False,
        }

    def _attach_files(self, ticket):
        files = [item for item in request.httprequest.files.getlist("attachment") if item.filename]
        if files:
            ticket._portal_attach_files([(item.filename, base64.b64encode(item.read())) for item in files])

    @http.route("/servicedesk/request/<int:product_tmpl_id>", type="http", auth="user", website=True)
    def portal_request_form(self, product_tmpl_id, **kw):
        item = _get_requestable_item(product_tmpl_id)
        values = self._request_form_values(item)
        if request.httprequest.method != "POST":
            return request.render("gd_servicedesk.portal_request_form", values)
        kw = _clean_form(kw)
        option_ids = [to_record_id(value) for key, value in kw.items() if key.startswith("option_")]
        # The item was checked just above; its questions and answers are catalogue content shown to customers.
        options = request.env["gd.catalog.pattern.option"].sudo().browse([oid for oid in option_ids if oid])
        answers = {question_id: clean_text(request.env, value) for question_id, value in (
            (to_record_id(key[len("answer_"):]), value) for key, value in kw.items() if key.startswith("answer_"))
            if question_id}
        try:
            ticket = request.env["helpdesk.ticket"]._create_from_portal(
                kw.get("subject"), kw.get("description"), product_tmpl=item, options=options.exists(),
                values=answers)
        except (UserError, ValidationError) as error:
            values.update(error=error.name, subject=kw.get("subject"), description=kw.get("description"),
                          chosen_option_ids=options.ids, answer_values=answers,
                          chosen_question_ids=options.mapped("question_id").ids)
            return request.render("gd_servicedesk.portal_request_form", values)
        self._attach_files(ticket)
        return request.redirect("/my/ticket/%d" % ticket.id)

    def _request_form_values(self, item):
        # Questions of a pattern the user may request (checked by the caller): catalogue content.
        questions = item.sudo()._get_pattern_tree().mapped("pattern_question_ids") if item.is_pattern else []
        first, last = request.env["gd.catalog.pattern.question"]._get_date_bounds()
        return {"item": item, "questions": questions, "page_name": "ticket", "error": False,
                "chosen_option_ids": [], "chosen_question_ids": [], "answer_values": {},
                "date_bounds": (first.isoformat(), last.isoformat())}

    @http.route("/servicedesk/satisfaction/<int:ticket_id>/<string:token>/<string:score>",
                type="http", auth="public", website=True)
    def portal_satisfaction(self, ticket_id, token, score, **kw):
        ticket = request.env["helpdesk.ticket"]._set_satisfaction_by_token(ticket_id, token, score)
        if not ticket:
            raise NotFound()
        return request.render("gd_servicedesk.portal_satisfaction_thanks", {"ticket_number": ticket.number})


def _get_open_cases(limit):
    """The logged-in user's open cases, newest first, under their own rights and record rules."""
    Ticket = request.env["helpdesk.ticket"]
    if not Ticket.check_access_rights("read", raise_exception=False):
        return Ticket.browse()
    return Ticket.search(Ticket._get_open_cases_domain(), order="create_date desc", limit=limit)


class ServicedeskCustomerPortal(HelpdeskCustomerPortal):
    """The customer's cases: the service desk's rules on who sees what, one page per case."""

    _home_cases_limit = 5

    @http.route()
    def home(self, **kw):
        """/my opens on the employee's open cases, next to the service page and the catalogue."""
        request.gd_portal_home = True
        response = super(ServicedeskCustomerPortal, self).home(**kw)
        response.qcontext["open_cases"] = _get_open_cases(self._home_cases_limit)
        return response

    def _prepare_portal_layout_values(self):
        # Skip helpdesk_mgmt's version: it counts tickets without checking access rights, which answered
        # /my/home with 403 for employees without a helpdesk group.
        values = super(HelpdeskCustomerPortal, self)._prepare_portal_layout_values()
        Ticket = request.env["helpdesk.ticket"]
        values["ticket_count"] = (Ticket.search_count(Ticket._get_portal_domain())
                                  if home_counters_wanted()
                                  and Ticket.check_access_rights("read", raise_exception=False) else 0)
        return values

    @http.route(["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_tickets(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Ticket = request.env["helpdesk.ticket"]
        if not Ticket.check_access_rights("read", raise_exception=False):
            return request.redirect("/my")
        searchbar_sortings = {
            "date": {"label": _("Newest"), "order": "create_date desc"},
            "name": {"label": _("Subject"), "order": "name"},
            "deadline": {"label": _("Expected completion"), "order": "deadline"},
        }
        searchbar_filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("Open"), "domain": [("closed", "=", False)]},
            "closed": {"label": _("Closed"), "domain": [("closed", "=", True)]},
        }
        sortby = sortby if sortby in searchbar_sortings else "date"
        filterby = filterby if filterby in searchbar_filters else "all"
        domain = Ticket._get_portal_domain() + searchbar_filters[filterby]["domain"]
        count = Ticket.search_count(domain)
        pager = portal_pager(url="/my/tickets", url_args={"sortby": sortby, "filterby": filterby},
                             total=count, page=page, step=self._items_per_page)
        tickets = Ticket.search(domain, order=searchbar_sortings[sortby]["order"],
                                limit=self._items_per_page, offset=pager["offset"])
        values.update({
            "tickets": tickets,
            "page_name": "ticket",
            "pager": pager,
            "default_url": "/my/tickets",
            "searchbar_sortings": searchbar_sortings,
            "sortby": sortby,
            "searchbar_filters": searchbar_filters,
            "filterby": filterby,
        })
        return request.render("gd_servicedesk.portal_my_tickets", values)

    @http.route(["/my/ticket/<int:ticket_id>"], type="http", auth="user", website=True)
    def portal_my_ticket(self, ticket_id=None, **kw):
        ticket = portal_record("helpdesk.ticket", ticket_id)
        values = self._prepare_portal_layout_values()
        values.update(ticket._get_portal_page())
        values.update({
            "ticket": ticket,
            "can_withdraw": not ticket.closed and ticket._is_portal_owner(),
            "page_name": "ticket",
        })
        return request.render("gd_servicedesk.portal_ticket_page", values)


class ServicedeskServicePortal(ServicePortal):
    """The service page shows the employee's own open cases with their progress."""

    _open_cases_limit = 10

    def _prepare_service_values(self):
        values = super(ServicedeskServicePortal, self)._prepare_service_values()
        values["open_cases"] = _get_open_cases(self._open_cases_limit)
        return values
