from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    holiday_date = fields.Date(
        string="Public holiday", index=True, readonly=True, copy=False,
        help="Set on the leaves the yearly public-holiday job keeps up to date; empty for leaves entered by hand.")

    _sql_constraints = [
        ("holiday_date_calendar_uniq", "unique(calendar_id, holiday_date)",
         "A public holiday is in a working calendar once."),
    ]
