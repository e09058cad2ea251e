from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Every catalogue item has a cost: per unit delivered, or per hour for the norm's hours of one delivery."""

    _inherit = "product.template"

    cost_basis = fields.Selection(
        "_selection_cost_basis", string="Cost per", default="unit", required=True,
        help="Per unit: one delivery costs the cost price. Per hour: one delivery costs the cost price (an hourly "
             "rate) times the norm hours.")
    norm_hours = fields.Float(
        string="Norm hours per delivery", digits=(16, 2),
        help="The hours one delivery takes by the norm, for items costed per hour.")
    unit_cost = fields.Float(
        string="Cost per delivery", compute="_compute_unit_cost", digits=(16, 2),
        help="What one delivery costs the back office: the basis services' cost against the central budget.")

    @api.model
    def _selection_cost_basis(self):
        return [("unit", _("Unit delivered")), ("hour", _("Hour (norm hours)"))]

    @api.depends("cost_basis", "norm_hours", "standard_price")
    def _compute_unit_cost(self):
        for item in self:
            item.unit_cost = item.standard_price * (item.norm_hours if item.cost_basis == "hour" else 1.0)

    @api.constrains("cost_basis", "norm_hours")
    def _check_norm_hours(self):
        for item in self:
            if item.norm_hours < 0 or (item.cost_basis == "hour" and not item.norm_hours):
                raise ValidationError(_("Give the norm hours of one delivery of %(item)s: it is costed per hour.")
                                      % {"item": item.name})
