from odoo import api, fields, models
from odoo.addons import decimal_precision as dp


class GdBillingBasisLine(models.Model):
    """Basis services delivered in the month of a run: volume and cost, reported against the central budget.

    Never charged to an organisation; the organisation is kept so that consumption per directorate shows.
    """

    _name = "gd.billing.basis.line"
    _description = "Basis services delivered"
    _order = "run_id, backoffice_id, product_tmpl_id, client_id"

    run_id = fields.Many2one("gd.billing.run", string="Settlement run", required=True, ondelete="cascade",
                             index=True)
    date_start = fields.Date(related="run_id.date_start", string="Month", store=True, readonly=True)
    # Set from the run at creation, so that the company record rule sees it at once.
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="run_id.currency_id", string="Currency", readonly=True)
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", required=True, index=True,
                                    ondelete="restrict")
    product_tmpl_id = fields.Many2one("product.template", string="Catalogue item", required=True, index=True,
                                      ondelete="restrict")
    client_id = fields.Many2one("res.partner", string="Client organisation", index=True, ondelete="restrict")
    quantity = fields.Float(string="Delivered", digits=dp.get_precision("Product Unit of Measure"))
    unit_cost = fields.Float(string="Cost price", digits=dp.get_precision("Product Price"),
                             help="The item's cost price when the run was computed.")
    amount = fields.Monetary(string="Cost", compute="_compute_amount", store=True)

    @api.model
    def create(self, vals):
        vals = dict(vals)
        vals["company_id"] = self.env["gd.billing.run"].browse(vals.get("run_id")).company_id.id
        return super(GdBillingBasisLine, self).create(vals)

    @api.depends("quantity", "unit_cost")
    def _compute_amount(self):
        for line in self:
            line.amount = line.run_id.company_id.currency_id.round(line.quantity * line.unit_cost)
