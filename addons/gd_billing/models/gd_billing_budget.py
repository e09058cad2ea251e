from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdBillingBudget(models.Model):
    """The central budget of a year for the basis services of a back office, or of one of its items."""

    _name = "gd.billing.budget"
    _description = "Central budget for basis services"
    _order = "year desc, backoffice_id, product_tmpl_id"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.billing.budget")

    def _default_year(self):
        return fields.Date.from_string(fields.Date.context_today(self)).year

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True, default=_default_year, index=True)
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", required=True, index=True,
                                    ondelete="restrict")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", index=True, ondelete="restrict",
        domain="[('backoffice_id', '=', backoffice_id), ('financing_class', '=', 'basis')]",
        help="Leave empty for the budget of the back office's basis services as a whole.")
    amount = fields.Monetary(string="Budget", required=True)
    company_id = fields.Many2one("res.company", string="Company", required=True, default=_default_company_id,
                                 index=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency", readonly=True)
    note = fields.Text()

    @api.depends("year", "backoffice_id.name", "product_tmpl_id.name")
    def _compute_name(self):
        for budget in self:
            budget.name = " ".join(str(part) for part in (budget.year, budget.backoffice_id.name or "",
                                                          budget.product_tmpl_id.name or "") if part)

    @api.constrains("year", "backoffice_id", "product_tmpl_id", "company_id", "amount")
    def _check_budget(self):
        for budget in self:
            if budget.amount < 0:
                raise ValidationError(_("A budget cannot be negative."))
            if not 2000 <= budget.year <= 2100:
                raise ValidationError(_("Enter the year of the budget, e.g. 2025."))
            item = budget.product_tmpl_id
            if item and (item.financing_class != "basis" or item.backoffice_id != budget.backoffice_id):
                raise ValidationError(_("%(item)s is not a basis service of %(backoffice)s.")
                                      % {"item": item.name, "backoffice": budget.backoffice_id.name})
            twins = self.search_count([
                ("id", "!=", budget.id), ("year", "=", budget.year), ("company_id", "=", budget.company_id.id),
                ("backoffice_id", "=", budget.backoffice_id.id), ("product_tmpl_id", "=", item.id or False)])
            if twins:
                raise ValidationError(_("There is already a budget for %(budget)s.") % {"budget": budget.name})
