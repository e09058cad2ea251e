from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape


class SaleOrder(models.Model):
    """A quote for custom work (maatwerk): made from an escalated ticket under the organisation's DVA.

    The client principal of the organisation accepts or declines it in the portal. On acceptance its lines
    become work orders; once they are all done the quote is to be settled (``gd_settlement_state`` =
    'to_settle', ``gd_delivered_date``), which the settlement reads.
    """

    _inherit = "sale.order"

    gd_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, copy=False, ondelete="restrict",
        readonly=True, states={"draft": [("readonly", False)]},
        help="The escalated question this quote answers.")
    gd_agreement_id = fields.Many2one(
        "gd.dva.agreement", string="DVA", index=True, ondelete="restrict",
        readonly=True, states={"draft": [("readonly", False)]},
        help="The DVA of the client organisation under which the custom work is delivered.")
    gd_client_id = fields.Many2one(
        "res.partner", string="Client organisation", related="partner_id.commercial_partner_id", store=True,
        index=True, readonly=True)
    gd_work_order_ids = fields.One2many(
        "gd.servicedesk.work.order", "sale_order_id", string="Work orders", readonly=True, copy=False)
    gd_work_order_count = fields.Integer(compute="_compute_gd_work_order_count", string="Number of work orders")
    gd_settlement_state = fields.Selection(
        "_selection_gd_settlement_state", string="Settlement", default="none", required=True, index=True,
        readonly=True, copy=False, track_visibility="onchange",
        help="Not accepted: nothing to settle. Being delivered: accepted, work orders open. To settle: "
             "accepted and every work order done; the settlement charges the quote once.")
    gd_delivered_date = fields.Datetime(
        string="Delivered on", readonly=True, copy=False, index=True,
        help="When the last work order of the accepted quote was done.")
    gd_decided_by_id = fields.Many2one(
        "res.partner", string="Decided by", readonly=True, copy=False,
        help="The client principal who accepted or declined the quote.")
    gd_decision_date = fields.Datetime(string="Decided on", readonly=True, copy=False)
    gd_decline_reason = fields.Text(string="Reason for declining", readonly=True, copy=False)
    is_gd_quote = fields.Boolean(
        string="Quote for custom work", compute="_compute_is_gd_quote", store=True, index=True)

    @api.model
    def _selection_gd_settlement_state(self):
        return [("none", _("Not accepted")), ("delivery", _("Being delivered")), ("to_settle", _("To settle"))]

    @api.depends("gd_ticket_id", "gd_agreement_id")
    def _compute_is_gd_quote(self):
        for order in self:
            order.is_gd_quote = bool(order.gd_ticket_id or order.gd_agreement_id)

    @api.multi
    def _compute_gd_work_order_count(self):
        for order in self:
            order.gd_work_order_count = len(order.gd_work_order_ids)

    @api.constrains("gd_agreement_id", "gd_ticket_id", "partner_id")
    def _check_gd_links(self):
        for order in self.filtered("is_gd_quote"):
            values = {"order": order.name, "client": order.gd_client_id.name}
            if order.gd_agreement_id and order.gd_agreement_id.client_id != order.gd_client_id:
                raise ValidationError(_("The DVA of quote %(order)s is not a DVA of %(client)s.") % values)
            if order.gd_ticket_id and order.gd_ticket_id.client_id != order.gd_client_id:
                raise ValidationError(_("The ticket of quote %(order)s is not a question of %(client)s.") % values)

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_confirm(self):
        undecided = self.filtered(lambda order: order.is_gd_quote and not order.gd_decided_by_id)
        if undecided:
            raise UserError(_("Quote %(order)s for custom work is accepted by the client principal of %(client)s, "
                              "in the portal.")
                            % {"order": undecided[0].name, "client": undecided[0].gd_client_id.name})
        return super(SaleOrder, self).action_confirm()

    @api.multi
    def action_gd_send(self):
        self._gd_do_send()
        return True

    @api.multi
    def action_view_gd_work_orders(self):
        self.ensure_one()
        action = self.env.ref("gd_servicedesk.gd_servicedesk_work_order_action").read()[0]
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ business methods

    @api.multi
    def _gd_get_portal_url(self):
        self.ensure_one()
        return "/my/dva/quote/%d" % self.id

    @api.multi
    def _gd_check_deliverable(self):
        """Every line must be a catalogue item that a back office delivers: it becomes a work order."""
        for order in self:
            if not order.order_line:
                raise UserError(_("Add the custom work to quote %(order)s first.") % {"order": order.name})
            for line in order.order_line:
                item = line.product_id.product_tmpl_id
                if not (item.is_catalog_item and item.backoffice_id):
                    raise UserError(
                        _("The line %(line)s of quote %(order)s must be a catalogue item that a back office "
                          "delivers, so that it can become a work order.")
                        % {"line": line.name, "order": order.name})

    @api.multi
    def _gd_do_send(self):
        """Send the quote to the client principal, who decides on it in the portal."""
        for order in self:
            if not order.is_gd_quote:
                raise UserError(_("Quote %(order)s is not a quote for custom work.") % {"order": order.name})
            if order.state not in ("draft", "sent"):
                raise UserError(_("Quote %(order)s was already decided on.") % {"order": order.name})
            if not order.partner_id.is_principal:
                raise UserError(_("Address quote %(order)s to the client principal of %(client)s.")
                                % {"order": order.name, "client": order.gd_client_id.name})
            order._gd_check_deliverable()
            order.message_subscribe(partner_ids=order.partner_id.ids)
            order.write({"state": "sent"})
            order.message_post(
                body=_("<p>Quote %(order)s for %(client)s is ready for your decision: "
                       "<a href=\"%(url)s\">accept or decline it in the portal</a>.</p>")
                % {"order": html_escape(order.name), "client": html_escape(order.gd_client_id.name),
                   "url": order._gd_get_portal_url()},
                subject=_("Quote %(order)s") % {"order": order.name},
                partner_ids=order.partner_id.ids, subtype="mail.mt_comment", message_type="comment")

    @api.multi
    def _gd_check_decision_rights(self):
        """Raise AccessError unless the current user is a client principal of the quote's organisation."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        partner = self.env.user.partner_id
        if not (self.is_gd_quote and partner.is_principal
                and partner.commercial_partner_id == self.gd_client_id):
            raise AccessError(_("Only the client principal of %(client)s decides on this quote.")
                              % {"client": self.gd_client_id.name})

    @api.multi
    def _gd_is_decidable(self):
        self.ensure_one()
        return self.is_gd_quote and self.state == "sent"

    @api.multi
    def _gd_do_accept(self):
        """The client principal accepts: the order is confirmed and its lines become work orders."""
        self.ensure_one()
        self._gd_check_decision_rights()
        if not self._gd_is_decidable():
            raise UserError(_("Quote %(order)s is not waiting for a decision.") % {"order": self.name})
        partner = self.env.user.partner_id
        # The principal of this very organisation was checked above; portal users cannot confirm orders
        # nor create work orders themselves.
        order = self.sudo()
        order._gd_check_deliverable()
        order.write({"gd_decided_by_id": partner.id, "gd_decision_date": fields.Datetime.now()})
        order.action_confirm()
        order.write({"gd_settlement_state": "delivery"})
        order._gd_create_work_orders()
        order.message_post(body=_("Accepted by %(name)s.") % {"name": partner.name},
                           subtype="mail.mt_comment", author_id=partner.id)
        return True

    @api.multi
    def _gd_do_decline(self, reason=None):
        """The client principal declines: the quote is cancelled, the account manager is told why."""
        self.ensure_one()
        self._gd_check_decision_rights()
        if not self._gd_is_decidable():
            raise UserError(_("Quote %(order)s is not waiting for a decision.") % {"order": self.name})
        partner = self.env.user.partner_id
        reason = (reason or "").strip()
        # The principal of this very organisation was checked above; portal users cannot cancel orders.
        order = self.sudo()
        order.action_cancel()
        order.write({"gd_decided_by_id": partner.id, "gd_decision_date": fields.Datetime.now(),
                     "gd_decline_reason": reason or False})
        order.message_post(body=_("Declined by %(name)s. %(reason)s") % {"name": partner.name, "reason": reason},
                           subtype="mail.mt_comment", author_id=partner.id)
        return True

    @api.multi
    def _prepare_gd_work_order_vals(self, line):
        self.ensure_one()
        ticket = self.gd_ticket_id
        item = line.product_id.product_tmpl_id
        vals = ticket._prepare_work_order_vals(item, "delivery")
        vals.update({
            "name": line.name or item.name,
            "sale_order_id": self.id,
            "dva_line_id": False,
            "is_pay_per_use": False,
            "pay_per_use_price": 0.0,
            "description": "%s\n%s" % (vals.get("description") or "", _("Quote %(order)s, accepted.")
                                       % {"order": self.name}),
        })
        return vals

    @api.multi
    def _gd_create_work_orders(self):
        """One work order per quote line, on the quote's ticket, which leaves account management."""
        WorkOrder = self.env["gd.servicedesk.work.order"]
        for order in self:
            ticket = order.gd_ticket_id
            if not ticket:
                raise UserError(_("Quote %(order)s has no ticket to deliver it on.") % {"order": order.name})
            lines = order.order_line.filtered(lambda line: line.product_id)
            for line in lines:
                WorkOrder.create(order._prepare_gd_work_order_vals(line))
            progress = self.env["helpdesk.ticket.stage"]._get_by_code("progress")
            ticket.write({"handling": "route", "stage_id": progress.id})
        return True

    @api.multi
    def _gd_update_delivery(self):
        """An accepted quote whose work orders are all done is delivered: to be settled."""
        for order in self.filtered(lambda record: record.gd_settlement_state == "delivery"):
            orders = order.gd_work_order_ids.filtered(lambda work_order: work_order.state != "cancel")
            if orders and all(work_order.state == "done" for work_order in orders):
                order.write({"gd_settlement_state": "to_settle",
                             "gd_delivered_date": max(orders.mapped("done_date"))})
        return True
