from odoo import _, api, fields, models


class GdCatalogSpotlight(models.Model):
    """An "In de schijnwerper" block on the service page: a page or item highlighted for a while."""

    _name = "gd.catalog.spotlight"
    _inherit = ["gd.catalog.link.mixin", "gd.catalog.publish.mixin"]
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
    sequence = fields.Integer(default=10)
    is_published = fields.Boolean(
        help="Only published spotlights are shown, and only between the dates of validity.")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        self._check_publish_window()

    @api.multi
    def _get_publish_window_error(self):
        return _("The spotlight %(name)s cannot end (%(end)s) before it starts (%(start)s).") % {
            "name": self.name, "end": self.date_end, "start": self.date_start}
