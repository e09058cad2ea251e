from odoo import api, fields, models


class GdServicedeskWorkOrderReroute(models.TransientModel):
    """The desk routes a (handed back) work order again, to the same or another back office."""

    _name = "gd.servicedesk.work.order.reroute"
    _description = "Route a work order again"

    work_order_id = fields.Many2one("gd.servicedesk.work.order", required=True, ondelete="cascade")
    handback_reason = fields.Text(related="work_order_id.handback_reason", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)])
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", required=True)
    user_id = fields.Many2one("res.users", string="Assignee", help="Empty: the routing rules decide.")
    note = fields.Text()

    @api.model
    def default_get(self, fields_list):
        res = super(GdServicedeskWorkOrderReroute, self).default_get(fields_list)
        order = self.env["gd.servicedesk.work.order"].browse(res.get("work_order_id"))
        if order:
            res.setdefault("product_tmpl_id", order.product_tmpl_id.id)
            res.setdefault("backoffice_id", order.backoffice_id.id)
        return res

    @api.onchange("product_tmpl_id")
    def _onchange_product_tmpl_id(self):
        if self.product_tmpl_id.backoffice_id:
            self.backoffice_id = self.product_tmpl_id.backoffice_id

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.work_order_id._do_reroute(self.backoffice_id, self.product_tmpl_id, self.user_id, self.note)
        return {"type": "ir.actions.act_window_close"}
