from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from .gd_servicedesk_work_order import OPEN_STATES


class HelpdeskTicket(models.Model):
    """The case as the customer sees it in the portal: lists, progress, requests, files, withdrawal."""

    _inherit = "helpdesk.ticket"

    portal_url = fields.Char(string="Link to the case", compute="_compute_portal_url")
    satisfaction_url = fields.Char(compute="_compute_portal_url", groups="base.group_user")

    @api.multi
    def _compute_portal_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        # Only the satisfaction links need the token; customers never read it, the mail template does.
        tokens = {ticket.id: ticket.satisfaction_token for ticket in self.sudo() if isinstance(ticket.id, int)}
        for ticket in self:
            if not isinstance(ticket.id, int):
                continue
            ticket.portal_url = "%s/my/ticket/%d" % (base_url, ticket.id)
            ticket.satisfaction_url = "%s/servicedesk/satisfaction/%d/%s/" % (base_url, ticket.id, tokens[ticket.id])

    # ------------------------------------------------------------------ portal

    @api.model
    def _get_portal_domain(self):
        """The tickets of the portal lists: one's own, or the organisation's for a client principal."""
        partner = self.env.user.partner_id
        if partner.is_principal:
            return [("client_id", "=", partner.commercial_partner_id.id)]
        return [("partner_id", "=", partner.id)]

    @api.model
    def _get_open_cases_domain(self):
        """The logged-in user's own open cases, for the service page."""
        return [("partner_id", "=", self.env.user.partner_id.id), ("closed", "=", False)]

    @api.multi
    def _check_portal_access(self):
        """Raise AccessError unless the current user may read this ticket (access rights and rules)."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")

    @api.multi
    def _is_portal_owner(self):
        """The requester, or a client principal of the requester's organisation."""
        self.ensure_one()
        partner = self.env.user.partner_id
        return self.partner_id == partner or bool(
            partner.is_principal and self.client_id == partner.commercial_partner_id)

    @api.multi
    def _portal_attach_files(self, files):
        """Attach [(file name, base64 data)] sent by the customer with the request."""
        self._check_portal_access()
        if not self._is_portal_owner():
            raise AccessError(_("Only the requester can add files to this request."))
        # Customers cannot create attachments themselves; the case was checked just above.
        Attachment = self.env["ir.attachment"].sudo()
        for name, data in files:
            Attachment.create({"name": name, "datas": data, "datas_fname": name,
                               "res_model": self._name, "res_id": self.id})

    @api.multi
    def _get_portal_page(self):
        """What the customer's page of this case shows besides the case: its parts, appointments and answers.

        The case is checked once; customers read none of these records themselves (work orders hold internal
        notes, an appointment may have other attendees), only the customer-facing values leave this method.
        """
        self._check_portal_access()
        case = self.sudo()
        return {"parts": case._portal_progress_rows(), "appointments": case._portal_appointment_rows(),
                "answers": case._portal_answer_rows()}

    @api.multi
    def _get_portal_progress(self):
        """The parts of the case in the customer's words, for the portal page."""
        self._check_portal_access()
        return self.sudo()._portal_progress_rows()

    @api.multi
    def _portal_progress_rows(self):
        # One pass over the parts, so that their catalogue items are read together.
        return [{
            "name": order.product_tmpl_id.name or order.name,
            "kind": order.kind,
            "state": order.state,
            "state_label": order._get_portal_state_label(),
            "deadline": order.deadline,
            "done_date": order.done_date,
        } for order in self.work_order_ids if order.state != "cancel"]

    @api.multi
    def _get_portal_answers(self):
        """The answers to the pattern's questions as the customer reads them: [{question, answer}]."""
        self._check_portal_access()
        return self.sudo()._portal_answer_rows()

    @api.multi
    def _portal_answer_rows(self):
        # The answers are the customer's own words and the catalogue's questions.
        return [{"question": answer.question_id.name, "answer": answer.answer} for answer in self.pattern_answer_ids]

    @api.model
    def _create_from_portal(self, subject, description, product_tmpl=None, options=None, category=None, values=None):
        """A request or question from the logged-in portal user; with an item, intake runs at once.

        For a pattern, ``options`` are the chosen options and ``values`` the text and date answers
        ({question id: value}); every answer is checked before the case is made. All or nothing: a
        refusal after the case was made (the intake's) leaves no case behind, also when the caller shows
        the form again instead of ending the request."""
        with self.env.cr.savepoint():
            return self._do_create_from_portal(subject, description, product_tmpl, options, category, values)

    @api.model
    def _do_create_from_portal(self, subject, description, product_tmpl, options, category, values):
        partner = self.env.user.partner_id
        product_tmpl = product_tmpl or self.env["product.template"]
        if not (subject or "").strip() and not product_tmpl:
            raise UserError(_("Please give your question a subject."))
        if product_tmpl and not (product_tmpl.is_catalog_item and product_tmpl.is_published
                                 and product_tmpl.request_via_portal):
            raise UserError(_("%(item)s cannot be requested here.") % {"item": product_tmpl.display_name})
        awaiting = []
        if product_tmpl:
            if product_tmpl.is_pattern:
                # checked in the customer's language and with their rights
                product_tmpl.with_env(self.env)._get_pattern_answer_vals(options, values)
            draft = self.new({"partner_id": partner.id})
            plan = draft._get_intake_plan(
                product_tmpl.filtered(lambda item: not item.is_pattern),
                product_tmpl if product_tmpl.is_pattern else None, options)
            awaiting = draft._check_portal_request(plan)
        vals = {
            "name": (subject or "").strip() or product_tmpl.name,
            "description": plaintext2html(description or ""),
            "partner_id": partner.id,
            "channel_id": self.env["helpdesk.ticket.channel"].sudo()._get_by_code("portal").id,
            "ticket_type": "request" if product_tmpl else "question",
            "company_id": self.env.user.company_id.id,
        }
        if category and category.exists() and category.active:
            vals["category_id"] = category.id
        # Customers cannot create tickets directly: the values are the whitelisted ones above and the
        # requester is always the logged-in user's own partner, never one named in the form.
        ticket = self.sudo().create(vals)
        ticket.message_subscribe(partner_ids=partner.ids)
        if awaiting:
            ticket._do_await_desk_decision(product_tmpl.filtered(lambda item: not item.is_pattern),
                                           product_tmpl.filtered("is_pattern"), options, awaiting, values)
        elif product_tmpl:
            if product_tmpl.is_pattern:
                ticket._do_intake(self.env["product.template"], pattern=product_tmpl, options=options,
                                  values=values)
            else:
                ticket._do_intake(product_tmpl)
        return ticket.sudo(self.env.uid)

    @api.multi
    def _portal_withdraw(self):
        """The customer withdraws the request: the case and its open parts are cancelled."""
        self._check_portal_access()
        if not self._is_portal_owner():
            raise AccessError(_("Only the requester can withdraw this request."))
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is already closed.") % {"ticket": self.number})
        # Customers only read their cases (checked above); withdrawing is the one change they may make.
        ticket = self.sudo()
        ticket.work_order_ids.filtered(lambda order: order.state in OPEN_STATES).write({"state": "cancel"})
        ticket.write({"stage_id": self.env["helpdesk.ticket.stage"]._get_by_code("cancel").id})
        ticket.message_post(body=_("Withdrawn by %(name)s.") % {"name": self.env.user.partner_id.name},
                            subtype="mail.mt_comment", author_id=self.env.user.partner_id.id)
        return True

