from odoo import api, fields, models


class GdCatalogPatternQuestion(models.Model):
    """A question a pattern asks at request time; its options decide which building blocks apply."""

    _name = "gd.catalog.pattern.question"
    _description = "Pattern question"
    _order = "pattern_id, sequence, id"

    pattern_id = fields.Many2one(
        "product.template", string="Pattern", required=True, ondelete="cascade", index=True,
        domain=[("is_pattern", "=", True)])
    name = fields.Char(string="Question", required=True)
    sequence = fields.Integer(default=10)
    is_required = fields.Boolean(string="Answer required", default=True)
    option_ids = fields.One2many("gd.catalog.pattern.option", "question_id", string="Options", copy=True)

    @api.multi
    def name_get(self):
        return [(question.id, "%s: %s" % (question.pattern_id.name, question.name)) for question in self]
