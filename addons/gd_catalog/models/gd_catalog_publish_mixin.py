from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class GdCatalogPublishMixin(models.AbstractModel):
    """A publish window for what the service page shows: published, from a first day on and, when it has
    one, until a last day (in the user's time zone). The model names its two date fields and the message for
    a window that ends before it starts."""

    _name = "gd.catalog.publish.mixin"
    _description = "Publish window"
    _publish_start = "date_start"
    _publish_end = "date_end"

    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Shown today")
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(string="Published", default=True, index=True)

    @api.multi
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for record in self:
            end = record[self._publish_end]
            record.is_current = bool(record.is_published and record[self._publish_start] <= today
                                     and (not end or end >= today))

    def _search_is_current(self, operator, value):
        current = expression.normalize_domain(self._get_current_domain())
        if operator not in ("=", "!="):
            raise ValueError("Unsupported operator %s for is_current" % operator)
        return current if (operator == "=") == bool(value) else ["!"] + current

    @api.multi
    def _check_publish_window(self):
        """Called by the model's constraint on its two date fields."""
        for record in self:
            end, start = record[self._publish_end], record[self._publish_start]
            if end and end < start:
                raise ValidationError(record._get_publish_window_error())

    @api.multi
    def _get_publish_window_error(self):
        raise NotImplementedError()

    @api.model
    def _get_current_domain(self):
        """Published and shown today (in the user's time zone)."""
        today = fields.Date.context_today(self)
        return [("is_published", "=", True), (self._publish_start, "<=", today),
                "|", (self._publish_end, "=", False), (self._publish_end, ">=", today)]
