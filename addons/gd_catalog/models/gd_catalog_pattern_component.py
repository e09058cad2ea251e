from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogPatternComponent(models.Model):
    """A building block of a pattern, applying always or only under some answers.

    The component applies when, for each question that has options listed on it, the chosen
    answer is one of those options. Without options it always applies.
    """

    _name = "gd.catalog.pattern.component"
    _description = "Pattern building block"
    _order = "pattern_id, sequence, id"

    pattern_id = fields.Many2one(
        "product.template", string="Pattern", required=True, ondelete="cascade", index=True,
        domain=[("is_pattern", "=", True)])
    product_tmpl_id = fields.Many2one(
        "product.template", string="Building block", required=True, ondelete="restrict", index=True,
        domain=[("is_catalog_item", "=", True)])
    sequence = fields.Integer(default=10)
    option_ids = fields.Many2many(
        "gd.catalog.pattern.option", "gd_catalog_pattern_component_option_rel", "component_id", "option_id",
        string="Applies when answered",
        help="The building block applies when, for every question that has options listed here, the answer "
             "is one of them. Leave empty to always include it.")
    backoffice_id = fields.Many2one(
        "gd.backoffice", string="Back office", related="product_tmpl_id.backoffice_id", readonly=True)

    @api.constrains("pattern_id", "product_tmpl_id")
    def _check_no_recursion(self):
        for component in self:
            if component.product_tmpl_id._pattern_contains(component.pattern_id):
                raise ValidationError(
                    _("The pattern %(pattern)s cannot contain %(item)s: that would make it contain itself.")
                    % {"pattern": component.pattern_id.display_name,
                       "item": component.product_tmpl_id.display_name})

    @api.constrains("pattern_id", "option_ids")
    def _check_options_of_pattern(self):
        for component in self:
            foreign = component.option_ids.filtered(lambda option: option.pattern_id != component.pattern_id)
            if foreign:
                raise ValidationError(
                    _("The answer %(option)s does not belong to a question of the pattern %(pattern)s.")
                    % {"option": foreign[0].display_name, "pattern": component.pattern_id.display_name})

    @api.multi
    def _applies_to(self, options):
        """True when this building block applies for the given answers (gd.catalog.pattern.option)."""
        self.ensure_one()
        for question in self.option_ids.mapped("question_id"):
            listed = self.option_ids.filtered(lambda option: option.question_id == question)
            if not (options & listed):
                return False
        return True
