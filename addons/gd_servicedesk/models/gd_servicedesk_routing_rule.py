from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdServicedeskRoutingRule(models.Model):
    """Who in a back office receives new work orders, per back office or per catalogue item."""

    _name = "gd.servicedesk.routing.rule"
    _description = "Routing rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    backoffice_id = fields.Many2one(
        "gd.backoffice", string="Back office", required=True, index=True, ondelete="cascade")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", index=True, ondelete="cascade",
        domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)],
        help="Leave empty to apply to every item of the back office without a rule of its own.")
    user_id = fields.Many2one(
        "res.users", string="Assignee", required=True, ondelete="cascade",
        help="Receives the new work orders. Without a matching rule they wait in the back office's queue.")
    company_id = fields.Many2one(related="backoffice_id.company_id", store=True, readonly=True)
    active = fields.Boolean(default=True)

    @api.constrains("backoffice_id", "product_tmpl_id", "user_id")
    def _check_backoffice(self):
        for rule in self:
            if rule.product_tmpl_id and rule.product_tmpl_id.backoffice_id != rule.backoffice_id:
                raise ValidationError(
                    _("The item %(item)s belongs to %(owner)s, not to %(backoffice)s.")
                    % {"item": rule.product_tmpl_id.display_name,
                       "owner": rule.product_tmpl_id.backoffice_id.display_name or _("no back office"),
                       "backoffice": rule.backoffice_id.display_name})
            backoffice = rule.backoffice_id
            if rule.user_id not in backoffice.member_ids | backoffice.manager_id:
                raise ValidationError(
                    _("%(user)s is not a member of %(backoffice)s.")
                    % {"user": rule.user_id.name, "backoffice": backoffice.display_name})

    @api.model
    def _find_rule(self, backoffice, product_tmpl):
        """The rule for this item in this back office: one for the item itself first, else the general one."""
        rules = self.search([("backoffice_id", "=", backoffice.id),
                             ("product_tmpl_id", "in", [product_tmpl.id, False])])
        specific = rules.filtered(lambda rule: rule.product_tmpl_id == product_tmpl)
        return (specific or rules.filtered(lambda rule: not rule.product_tmpl_id))[:1]
