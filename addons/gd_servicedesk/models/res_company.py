from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The service desk's settings per company (Settings, Service desk): when work is at risk, how long a
    working day is and where customers meet the experts."""

    _inherit = "res.company"

    gd_at_risk_pct = fields.Float(
        string="At risk from (% of the norm)", required=True, default=75.0,
        help="A work order is at risk once this share of the working time up to its deadline is used up.")
    gd_hours_per_day = fields.Float(
        string="Working hours per day", required=True, default=8.0,
        help="A norm in days counts this many working hours where it is compared with a norm in hours.")
    gd_appointment_location = fields.Char(
        string="Appointment location", default="Serviceplein, spreekkamer",
        help="Where customers meet the experts, unless the back office names a place of its own.")

    @api.constrains("gd_at_risk_pct", "gd_hours_per_day")
    def _check_gd_service_settings(self):
        for company in self:
            if not 0 < company.gd_at_risk_pct < 100:
                raise ValidationError(_("The at-risk share of the norm lies between 0 and 100%."))
            if not 0 < company.gd_hours_per_day <= 24:
                raise ValidationError(_("A working day has more than 0 and at most 24 hours."))
