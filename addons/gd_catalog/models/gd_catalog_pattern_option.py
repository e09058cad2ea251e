from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogPatternOption(models.Model):
    """One possible answer to a pattern question."""

    _name = "gd.catalog.pattern.option"
    _description = "Pattern answer option"
    _order = "question_id, sequence, id"

    question_id = fields.Many2one(
        "gd.catalog.pattern.question", string="Question", required=True, ondelete="cascade", index=True)
    pattern_id = fields.Many2one(
        "product.template", string="Pattern", related="question_id.pattern_id", store=True, readonly=True)
    name = fields.Char(string="Answer", required=True)
    sequence = fields.Integer(default=10)

    @api.constrains("question_id")
    def _check_question_takes_options(self):
        for option in self:
            if option.question_id.answer_type != "choice":
                raise ValidationError(
                    _("The question %(question)s is not a choice: it takes no option such as %(option)s.")
                    % {"question": option.question_id.name, "option": option.name})

    @api.multi
    def name_get(self):
        return [(option.id, "%s: %s" % (option.question_id.name, option.name)) for option in self]
