from odoo import api, fields, models


class GdServicedeskWorkOrderOutcome(models.TransientModel):
    """The expert finishes an intake: deliver the agreed items, have a quote made, or refuse with a reason."""

    _name = "gd.servicedesk.work.order.outcome"
    _description = "Outcome of an expert intake"

    work_order_id = fields.Many2one("gd.servicedesk.work.order", required=True, ondelete="cascade")
    item_id = fields.Many2one(related="work_order_id.product_tmpl_id", string="Asked", readonly=True)
    outcome = fields.Selection("_selection_outcome", required=True, default="deliver")
    product_tmpl_ids = fields.Many2many(
        "product.template", "gd_servicedesk_work_order_outcome_product_rel", "outcome_id", "product_tmpl_id",
        string="Items to deliver", domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)],
        help="Empty: the item the intake was about (for a pattern: its building blocks for the answers given).")
    note = fields.Text(help="What was agreed; for a quote or a refusal the reason, which is passed on.")

    @api.model
    def _selection_outcome(self):
        return self.env["gd.servicedesk.work.order"]._selection_intake_outcome()

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        items = self.product_tmpl_ids if self.outcome == "deliver" else None
        self.work_order_id._do_record_outcome(self.outcome, self.note, items or None)
        return {"type": "ir.actions.act_window_close"}
