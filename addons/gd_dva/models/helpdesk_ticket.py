from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError


class HelpdeskTicket(models.Model):
    """Entitlement by DVA at intake, pay-per-use, and quotes for custom work from escalated questions."""

    _inherit = "helpdesk.ticket"

    pay_per_use_accepted = fields.Boolean(
        string="Pay-per-use accepted", readonly=True, copy=False, track_visibility="onchange",
        help="The desk accepted plus items that the organisation has no DVA line for, as pay-per-use at the "
             "catalogue price: each delivered item is charged to the organisation.")
    dva_agreement_id = fields.Many2one(
        "gd.dva.agreement", string="DVA", compute="_compute_dva_agreement_id",
        help="The active DVA of the client organisation today.")
    quote_ids = fields.One2many("sale.order", "gd_ticket_id", string="Quotes", copy=False)
    quote_count = fields.Integer(compute="_compute_quote_count", string="Number of quotes")
    can_make_quote = fields.Boolean(compute="_compute_can_make_quote")

    @api.model
    def _get_transition_fields(self):
        """The desk's acceptance of pay-per-use is a decision it makes at intake, never a value to write."""
        return super(HelpdeskTicket, self)._get_transition_fields() | {"pay_per_use_accepted"}

    @api.multi
    def _compute_dva_agreement_id(self):
        Agreement = self.env["gd.dva.agreement"]
        readable = Agreement.check_access_rights("read", raise_exception=False)
        for ticket in self:
            ticket.dva_agreement_id = Agreement._find_current(ticket.client_id) \
                if readable and ticket.client_id else Agreement

    @api.multi
    def _compute_quote_count(self):
        SaleOrder = self.env["sale.order"]
        counts = {}
        if SaleOrder.check_access_rights("read", raise_exception=False):
            data = SaleOrder.read_group([("gd_ticket_id", "in", self.ids)], ["gd_ticket_id"], ["gd_ticket_id"])
            counts = {row["gd_ticket_id"][0]: row["gd_ticket_id_count"] for row in data}
        for ticket in self:
            ticket.quote_count = counts.get(ticket.id, 0)

    @api.multi
    def _compute_can_make_quote(self):
        allowed = self._is_quote_maker()
        for ticket in self:
            ticket.can_make_quote = allowed and ticket.escalated and not ticket.closed

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_make_quote(self):
        self.ensure_one()
        order = self._do_make_quote()
        return self._gd_window_action("sale.order", res_id=order.id, target="current")

    @api.multi
    def action_view_quotes(self):
        self.ensure_one()
        action = self.env.ref("gd_dva.sale_order_action_quote").read()[0]
        action["domain"] = [("gd_ticket_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ entitlement

    @api.multi
    def _get_dva_line(self, product_tmpl):
        """The active DVA line of this ticket's organisation for ``product_tmpl``, if any."""
        self.ensure_one()
        organisation = self.partner_id.commercial_partner_id
        if not organisation or not product_tmpl:
            return self.env["gd.dva.line"]
        if isinstance(self.id, int):
            self.check_access_rights("read")
            self.check_access_rule("read")
        # Whether the organisation has agreed on the item decides the requester's entitlement, whoever does
        # the intake (desk agent, or the customer on the portal, who may not read agreements). The ticket
        # was checked just above; only the line's id and service level go back into the intake.
        return self.env["gd.dva.line"].sudo()._find_line(organisation, product_tmpl)

    @api.multi
    def _accepts_pay_per_use(self):
        """The desk accepted pay-per-use on this ticket (or is about to, in the intake form)."""
        self.ensure_one()
        return self.pay_per_use_accepted or bool(self.env.context.get("gd_dva_accept_pay_per_use"))

    @api.multi
    def _get_entitlement(self, product_tmpl):
        """The catalogue's answer, completed with the organisation's DVA.

        Basis items: every internal organisation. Plus items: with an active DVA line for the item, or as
        pay-per-use at the catalogue price when the desk accepts that. Third parties: only the items of
        their DVA. Custom work: never directly, account management makes a quote. A plus pattern is entitled as
        a whole like an item (it is charged on its own); other patterns through their building blocks. Adds
        ``dva_line_id``, and ``desk_decision`` on a refusal the desk can lift by accepting pay-per-use.
        """
        result = super(HelpdeskTicket, self)._get_entitlement(product_tmpl)
        result["dva_line_id"] = False
        item = product_tmpl
        if not result["allowed"] or not item.is_catalog_item:
            return result
        if item.is_pattern and item.financing_class != "plus":
            # A basis pattern is its building blocks, each with its own entitlement; a custom one is escalated.
            result["pay_per_use"] = False
            return result
        organisation = self.partner_id.commercial_partner_id
        line = self._get_dva_line(item)
        values = {
            "item": item.display_name,
            "organisation": organisation.display_name or "",
            "reason": result["reason"],
            "agreement": line.agreement_id.name or "",
            "norm": line._get_norm_label() if line else "",
            "price": self._format_price(item.list_price),
        }
        result["dva_line_id"] = line.id
        if item.financing_class == "custom":
            result.update(handling="escalate", pay_per_use=False, reason=_(
                "%(item)s is custom work: account management makes a quote for %(organisation)s.") % values)
        elif organisation.client_kind == "third_party" and not line and not item.is_pattern:
            result.update(allowed=False, pay_per_use=False, reason=_(
                "%(organisation)s is a third party and can only order the items of its DVA; %(item)s is not "
                "in it.") % values)
        elif line:
            result.update(pay_per_use=False, reason=_(
                "%(reason)s Agreed in %(agreement)s: norm %(norm)s.") % values)
        elif item.financing_class == "plus":
            if self._accepts_pay_per_use():
                result.update(pay_per_use=True, reason=_(
                    "%(reason)s Pay-per-use at the catalogue price of %(price)s.") % values)
            else:
                result.update(allowed=False, pay_per_use=False, desk_decision=True, reason=_(
                    "%(organisation)s has no DVA line for %(item)s. The service desk can deliver it as "
                    "pay-per-use at the catalogue price of %(price)s.") % values)
        else:
            result["pay_per_use"] = False
        return result

    @api.multi
    def _do_approve_request(self):
        """The desk's approval of a portal request is its acceptance of pay-per-use for the items not agreed."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group("gd_servicedesk.group_user"):
            raise AccessError(_("Only the service desk decides on requests."))
        self.filtered(lambda ticket: ticket.desk_decision_pending and not ticket.pay_per_use_accepted) \
            ._transition_write({"pay_per_use_accepted": True})
        return super(HelpdeskTicket, self)._do_approve_request()

    @api.multi
    def _format_price(self, amount):
        self.ensure_one()
        currency = self.company_id.currency_id or self.env.user.company_id.currency_id
        return tools.formatLang(self.env, amount, currency_obj=currency)

    @api.multi
    def _prepare_work_order_vals(self, item, kind):
        """Deliveries carry the DVA line (its service level sets the deadline) or the pay-per-use price."""
        vals = super(HelpdeskTicket, self)._prepare_work_order_vals(item, kind)
        if kind != "delivery":
            return vals
        entitlement = self._get_intake_entitlement(item)
        vals["dva_line_id"] = entitlement.get("dva_line_id") or False
        if entitlement.get("pay_per_use"):
            vals.update(is_pay_per_use=True, pay_per_use_price=item.list_price)
        return vals

    # ------------------------------------------------------------------ quotes for custom work

    @api.multi
    def _is_quote_maker(self):
        user = self.env.user
        return user.has_group("gd_servicedesk.group_account_manager") or user.has_group("gd_dva.group_manager")

    @api.multi
    def _prepare_quote_vals(self, agreement):
        self.ensure_one()
        organisation = self.client_id
        partner = agreement.principal_id or organisation._get_dva_principal() or organisation
        custom = self.request_product_ids.filtered(lambda item: item.financing_class == "custom")
        lines = [(0, 0, {"product_id": item.product_variant_id.id, "name": item.name,
                         "product_uom_qty": 1.0, "price_unit": item.list_price})
                 for item in custom if item.product_variant_id]
        return {
            "partner_id": partner.id,
            "gd_ticket_id": self.id,
            "gd_agreement_id": agreement.id,
            "user_id": self.env.user.id,
            "origin": self.number,
            "company_id": agreement.company_id.id,
            "note": self.with_context(lang=partner.lang or self.env.lang)._quote_customer_note(),
            "order_line": lines,
        }

    @api.multi
    def _quote_customer_note(self):
        """The note the client principal reads on the quote, in the principal's language.

        The desk's escalation reason is an internal remark (why the question went to account management):
        it stays on the ticket and never reaches the customer.
        """
        self.ensure_one()
        return _("This quote answers your question %(ticket)s: %(subject)s. The amounts exclude VAT; once you "
                 "accept, the work is planned and delivered under your service agreement.") % {
            "ticket": self.number, "subject": self.name}

    @api.multi
    def _do_make_quote(self):
        """A draft quote for the custom work asked in this escalated ticket, under the organisation's DVA."""
        self.ensure_one()
        if not self._is_quote_maker():
            raise AccessError(_("Only account managers make quotes for custom work."))
        values = {"ticket": self.number, "organisation": self.client_id.display_name or ""}
        if not self.escalated or self.closed:
            raise UserError(_("Quotes are made for open tickets escalated to account management; %(ticket)s is "
                              "not one.") % values)
        if not self.client_id:
            raise UserError(_("Choose the requester of %(ticket)s first.") % values)
        agreement = self.env["gd.dva.agreement"]._find_current(self.client_id)
        if not agreement:
            raise UserError(_("%(organisation)s has no active DVA: agree on a DVA before making a quote for "
                              "custom work.") % values)
        return self.env["sale.order"].create(self._prepare_quote_vals(agreement))
