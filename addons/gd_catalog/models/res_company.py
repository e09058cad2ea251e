from odoo import fields, models
from odoo.addons.base.res.res_partner import _tz_get

DEFAULT_TZ = "Europe/Amsterdam"


class ResCompany(models.Model):
    """The front office's own time zone: one setting for deadlines, the month a delivery belongs to
    (compliance and settlement), the dates in customer e-mails and the time zone of new users."""

    _inherit = "res.company"

    gd_tz = fields.Selection(
        _tz_get, string="Front office time zone", required=True, default=DEFAULT_TZ,
        help="Deadlines are planned, months of delivery counted and dates in e-mails written in this time zone.")
