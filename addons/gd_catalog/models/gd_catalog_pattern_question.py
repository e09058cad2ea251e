import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A free-text answer is one or a few lines (a name, a room number), not a letter.
TEXT_ANSWER_MAX_LENGTH = 500
# The formats a date answer may come in: the portal's date field sends ISO, people type Dutch day-month-year.
DATE_INPUT_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class GdCatalogPatternQuestion(models.Model):
    """A question a pattern asks at request time.

    A choice question's options decide which building blocks apply; a text or date question records what the
    back offices need to know (the new colleague's name, the start date). A question that depends on an
    option of an earlier question is asked only when that option was chosen: otherwise it does not apply,
    is never required and takes no answer.
    """

    _name = "gd.catalog.pattern.question"
    _description = "Pattern question"
    _order = "pattern_id, sequence, id"

    pattern_id = fields.Many2one(
        "product.template", string="Pattern", required=True, ondelete="cascade", index=True,
        domain=[("is_pattern", "=", True)])
    name = fields.Char(string="Question", required=True)
    sequence = fields.Integer(default=10)
    answer_type = fields.Selection(
        "_selection_answer_type", string="Answered by", required=True, default="choice",
        help="Choice: one of the options (they decide the building blocks). Text: a short free text. "
             "Date: a calendar date.")
    is_required = fields.Boolean(
        string="Answer required", default=True,
        help="Required when the question applies; a question that depends on an answer not given is never "
             "required.")
    option_ids = fields.One2many("gd.catalog.pattern.option", "question_id", string="Options", copy=True)
    depends_on_option_id = fields.Many2one(
        "gd.catalog.pattern.option", string="Asked when answered", ondelete="restrict", index=True,
        help="Ask this question only when this option of an earlier question of the pattern was chosen. "
             "Leave empty to always ask it.")

    @api.model
    def _selection_answer_type(self):
        return [("choice", _("Choice")), ("text", _("Text")), ("date", _("Date"))]

    @api.constrains("answer_type", "option_ids")
    def _check_answer_type(self):
        for question in self:
            if question.answer_type != "choice" and question.option_ids:
                raise ValidationError(
                    _("The question %(question)s is answered by a %(type)s: it has no options.")
                    % {"question": question.name,
                       "type": dict(self._selection_answer_type())[question.answer_type].lower()})

    @api.constrains("depends_on_option_id", "pattern_id", "sequence")
    def _check_depends_on_option(self):
        for question in self.filtered("depends_on_option_id"):
            earlier = question.depends_on_option_id.question_id
            if earlier.pattern_id != question.pattern_id or not earlier._is_asked_before(question):
                raise ValidationError(
                    _("The question %(question)s can only depend on an option of an earlier question of the "
                      "same pattern, not on %(option)s.")
                    % {"question": question.name, "option": question.depends_on_option_id.display_name})

    @api.multi
    def name_get(self):
        return [(question.id, "%s: %s" % (question.pattern_id.name, question.name)) for question in self]

    @api.multi
    def _is_asked_before(self, other):
        """True when this question comes before ``other`` in the pattern's order."""
        self.ensure_one()
        return (self.sequence, self.id) < (other.sequence, other.id)

    @api.multi
    def _applies(self, options):
        """True when this question is asked for the chosen options (gd.catalog.pattern.option)."""
        self.ensure_one()
        return not self.depends_on_option_id or self.depends_on_option_id in options

    @api.model
    def _get_date_bounds(self):
        """The first and last date a date answer may take: a year back to two years ahead."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        return today - datetime.timedelta(days=366), today + datetime.timedelta(days=2 * 366)

    @api.multi
    def _parse_answer(self, raw):
        """The answer ``raw`` (text as typed or sent) of this text or date question, cleaned.

        Returns False for an empty answer (an optional answer cleared), the stripped text for a text
        question and the date as a string (YYYY-MM-DD) for a date question. Raises ValidationError for a
        malformed or out-of-range date, a text that is too long, or a value for a choice question.
        """
        self.ensure_one()
        value = raw.strip() if isinstance(raw, str) else raw
        if not value:
            return False
        values = {"question": self.name, "value": value}
        if self.answer_type == "choice":
            raise ValidationError(_("The question %(question)s is answered by choosing one of its options.")
                                  % values)
        if self.answer_type == "text":
            if len(value) > TEXT_ANSWER_MAX_LENGTH:
                raise ValidationError(_("The answer to %(question)s is too long: at most %(max)s characters.")
                                      % dict(values, max=TEXT_ANSWER_MAX_LENGTH))
            return value
        date = self._parse_date(value)
        if date is None:
            raise ValidationError(_("%(question)s: %(value)s is not a date. Give a date as day-month-year, "
                                    "e.g. 31-01-2027.") % values)
        first, last = self._get_date_bounds()
        if not first <= date <= last:
            raise ValidationError(_("%(question)s: %(value)s is outside the dates we accept, %(first)s to "
                                    "%(last)s.") % dict(values, first=first.strftime("%d-%m-%Y"),
                                                        last=last.strftime("%d-%m-%Y")))
        return fields.Date.to_string(date)

    @api.model
    def _parse_date(self, value):
        if not isinstance(value, str):
            return None
        for date_format in DATE_INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(value, date_format).date()
            except ValueError:
                continue
        return None

    @api.multi
    def _format_answer(self, option=None, value=None):
        """The answer as people read it: the option's name, the text, or the date as day-month-year."""
        self.ensure_one()
        if self.answer_type == "choice":
            return option.name if option else ""
        if self.answer_type == "date" and value:
            return fields.Date.from_string(value).strftime("%d-%m-%Y")
        return value or ""
