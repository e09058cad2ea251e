from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError


class GdDvaAgreementAmend(models.TransientModel):
    """An amendment of an active DVA from a date: new quantities or prices, or new items, from that day on."""

    _name = "gd.dva.agreement.amend"
    _description = "Amend a DVA from a date"

    agreement_id = fields.Many2one("gd.dva.agreement", string="DVA", required=True, ondelete="cascade",
                                   domain=[("state", "=", "active")])
    date_from = fields.Date(string="From", required=True,
                            help="The first day the new terms apply; the days before keep the old terms.")
    reason = fields.Text(required=True, help="Why the DVA changes, e.g. the directorate takes 10 more workstations.")
    line_ids = fields.One2many("gd.dva.agreement.amend.line", "amend_id", string="Changes")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if not self.line_ids:
            raise UserError(_("Add the lines that change."))
        self.agreement_id._do_amend(self.date_from, [
            {"product_tmpl_id": line.product_tmpl_id.id, "quantity": line.quantity, "price_unit": line.price_unit}
            for line in self.line_ids], self.reason)
        return {"type": "ir.actions.act_window_close"}


class GdDvaAgreementAmendLine(models.TransientModel):
    """One changed or new line of an amendment."""

    _name = "gd.dva.agreement.amend.line"
    _description = "Changed line of a DVA amendment"

    amend_id = fields.Many2one("gd.dva.agreement.amend", required=True, ondelete="cascade")
    product_tmpl_id = fields.Many2one("product.template", string="Catalogue item", required=True,
                                      domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)])
    quantity = fields.Float(string="Quantity per month", digits=dp.get_precision("Product Unit of Measure"))
    price_unit = fields.Float(string="Agreed unit price", digits=dp.get_precision("Product Price"))

    @api.onchange("product_tmpl_id")
    def _onchange_product_tmpl_id(self):
        """Start from the terms in force: the current line's quantity and price, or the catalogue price."""
        agreement = self.amend_id.agreement_id
        current = agreement.line_ids.filtered(
            lambda line: line.product_tmpl_id == self.product_tmpl_id and line.is_current)
        if current:
            self.quantity = current.quantity
            self.price_unit = current.price_unit
        elif self.product_tmpl_id:
            self.price_unit = self.product_tmpl_id.list_price
