from odoo import api, fields, models
from odoo.addons import decimal_precision as dp


class GdServicedeskWorkOrder(models.Model):
    """Work orders delivered under a DVA line take its service level; pay-per-use and quotes are recorded."""

    _inherit = "gd.servicedesk.work.order"

    dva_line_id = fields.Many2one(
        "gd.dva.line", string="DVA line", index=True, readonly=True, copy=False, ondelete="restrict",
        help="The agreed service this delivery falls under: its norm sets the deadline and its compliance "
             "is measured.")
    is_pay_per_use = fields.Boolean(
        string="Pay-per-use", readonly=True, copy=False, index=True,
        help="A plus item without a DVA line, accepted by the desk: charged per delivery at the catalogue price.")
    pay_per_use_price = fields.Float(
        string="Pay-per-use price", readonly=True, copy=False, digits=dp.get_precision("Product Price"),
        help="The catalogue price at intake, charged once the work order is done.")
    sale_order_id = fields.Many2one(
        "sale.order", string="Quote", readonly=True, copy=False, index=True, ondelete="restrict",
        help="The accepted quote for custom work this work order delivers.")

    @api.model_cr
    def init(self):
        # The done deliveries by the month they belong to: the settlement reads one month of a company, the
        # compliance view a range of months of some DVA lines. One index serves both.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS gd_servicedesk_work_order_delivery_month_index "
            "ON gd_servicedesk_work_order (delivery_month, dva_line_id) WHERE state = 'done' AND kind = 'delivery'")

    @api.model
    def _get_transition_fields(self):
        # Set by the intake (or the accepted quote) and by routing again: what compliance and the
        # settlement read.
        return super(GdServicedeskWorkOrder, self)._get_transition_fields() | {
            "dva_line_id", "is_pay_per_use", "pay_per_use_price", "sale_order_id"}

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if "dva_line_id" not in vals and vals.get("kind", "delivery") == "delivery" \
                and vals.get("ticket_id") and vals.get("product_tmpl_id"):
            # The caller's own values are checked first; the DVA line then follows from ticket and item.
            self._check_transition_vals(vals, creating=True)
            ticket = self.env["helpdesk.ticket"].browse(vals["ticket_id"])
            item = self.env["product.template"].browse(vals["product_tmpl_id"])
            vals["dva_line_id"] = ticket._get_dva_line(item).id
            return super(GdServicedeskWorkOrder, self._transition()).create(vals).with_env(self.env)
        return super(GdServicedeskWorkOrder, self).create(vals)

    @api.multi
    def write(self, vals):
        res = super(GdServicedeskWorkOrder, self).write(vals)
        if "product_tmpl_id" in vals and "dva_line_id" not in vals:
            # Routed again with another item: the DVA line follows the item (the caller then sets the deadline).
            for order in self.filtered(lambda record: record.kind == "delivery"):
                line = order.ticket_id._get_dva_line(order.product_tmpl_id)
                if line != order.dva_line_id:
                    super(GdServicedeskWorkOrder, order._transition()).write({"dva_line_id": line.id})
        return res

    @api.multi
    def _get_norm(self):
        """The DVA line's agreed service level, when the delivery falls under one; else the catalogue's."""
        self.ensure_one()
        line = self.dva_line_id
        if line and line.lead_time:
            return line.lead_time, line.lead_time_unit or "days"
        return super(GdServicedeskWorkOrder, self)._get_norm()

    @api.multi
    def _do_done(self):
        res = super(GdServicedeskWorkOrder, self)._do_done()
        # The back office finished these very work orders under its own rights; whether the quote they
        # deliver is now complete (and to be settled) follows from that, without sales rights.
        self.sudo().mapped("sale_order_id")._gd_update_delivery()
        return res
