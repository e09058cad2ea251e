from odoo import api, fields, models


class GdServicedeskPatternAnswer(models.Model):
    """One answer to a pattern question on a case, as the customer or the desk gave it at intake.

    Written by the intake only (portal request or the desk's wizard, through the same checks); read by
    everyone who reads the case. A choice answer also sits in the case's ``pattern_option_ids``, which
    decide the building blocks.
    """

    _name = "gd.servicedesk.pattern.answer"
    _description = "Answer to a pattern question"
    _order = "ticket_id, sequence, question_id, id"

    # auto_join: the record rules read the case through it (its client, its back offices) as one join, not
    # as the ids of every case of the organisation or the unit.
    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", required=True, ondelete="cascade", index=True,
                                readonly=True, auto_join=True)
    question_id = fields.Many2one("gd.catalog.pattern.question", string="Question", required=True,
                                  ondelete="restrict", readonly=True)
    sequence = fields.Integer(readonly=True, help="The order in which the question was asked.")
    answer_type = fields.Selection(related="question_id.answer_type", readonly=True)
    option_id = fields.Many2one("gd.catalog.pattern.option", string="Option", ondelete="restrict", readonly=True)
    value_text = fields.Char(string="Text", readonly=True)
    value_date = fields.Date(string="Date", readonly=True)
    answer = fields.Char(compute="_compute_answer", help="The answer as people read it.")

    _sql_constraints = [
        ("question_unique", "UNIQUE(ticket_id, question_id)", "A case holds one answer per question."),
        ("one_value", "CHECK((option_id IS NOT NULL)::int + (value_text IS NOT NULL)::int "
                      "+ (value_date IS NOT NULL)::int = 1)", "An answer holds exactly one value."),
    ]

    @api.depends("option_id", "value_text", "value_date", "question_id.answer_type")
    def _compute_answer(self):
        for record in self:
            record.answer = record.question_id._format_answer(
                record.option_id, record.value_date if record.answer_type == "date" else record.value_text) \
                if record.question_id else ""

    @api.multi
    def name_get(self):
        return [(record.id, "%s: %s" % (record.question_id.name, record.answer)) for record in self]
