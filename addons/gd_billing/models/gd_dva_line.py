from odoo import fields, models


class GdDvaLine(models.Model):
    """Whether deliveries beyond the agreed monthly quantity are charged is part of the agreement."""

    _inherit = "gd.dva.line"

    charge_beyond_quantity = fields.Boolean(
        string="Charge deliveries beyond the quantity",
        help="Deliveries in a month beyond the agreed quantity per month are charged at the agreed unit price "
             "in the monthly settlement.")
