from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The front office's company settings on the Settings screen."""

    _inherit = "res.config.settings"

    gd_tz = fields.Selection(related="company_id.gd_tz")
    gd_at_risk_pct = fields.Float(related="company_id.gd_at_risk_pct")
    gd_hours_per_day = fields.Float(related="company_id.gd_hours_per_day")
    gd_appointment_location = fields.Char(related="company_id.gd_appointment_location")
