from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class GdCatalogSpotlight(models.Model):
    """An "In de schijnwerper" block on the service page: a page or item highlighted for a while."""

    _name = "gd.catalog.spotlight"
    _inherit = "gd.catalog.link.mixin"
    _description = "Service page spotlight"
    _order = "sequence, date_start desc, id desc"

    def _default_date_start(self):
        return fields.Date.context_today(self)

    name = fields.Char(string="Title", required=True)
    summary = fields.Text(string="Short text")
    image = fields.Binary(attachment=True, help="Optional picture shown with the text.")
    date_start = fields.Date(
        string="Valid from", required=True, default=_default_date_start, index=True)
    date_end = fields.Date(
        string="Valid until", index=True,
        help="Last day it is shown. Leave empty to show it until further notice.")
    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Shown today")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Published", default=True, index=True,
        help="Only published spotlights are shown, and only between the dates of validity.")

    @api.multi
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for spotlight in self:
            spotlight.is_current = bool(
                spotlight.is_published and spotlight.date_start <= today
                and (not spotlight.date_end or spotlight.date_end >= today))

    def _search_is_current(self, operator, value):
        current = expression.normalize_domain(self._get_current_domain())
        if operator not in ("=", "!="):
            raise ValueError("Unsupported operator %s for is_current" % operator)
        return current if (operator == "=") == bool(value) else ["!"] + current

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for spotlight in self:
            if spotlight.date_end and spotlight.date_end < spotlight.date_start:
                raise ValidationError(
                    _("The spotlight %(name)s cannot end (%(end)s) before it starts (%(start)s).")
                    % {"name": spotlight.name, "end": spotlight.date_end, "start": spotlight.date_start})

    @api.model
    def _get_current_domain(self):
        """Published and valid today (in the user's time zone)."""
        today = fields.Date.context_today(self)
        return [("is_published", "=", True), ("date_start", "<=", today),
                "|", ("date_end", "=", False), ("date_end", ">=", today)]
