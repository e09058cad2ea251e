from odoo import fields, models


class GdDvaLine(models.Model):
    """Deliveries beyond the agreed monthly quantity are charged per unit, unless the agreement caps them."""

    _inherit = "gd.dva.line"

    cap_quantity = fields.Boolean(
        string="Capped at the agreed quantity",
        help="Only when the client agreed a cap: deliveries in a month beyond the agreed quantity per month are "
             "then not charged. Without it every delivery beyond the agreed quantity is charged at the agreed "
             "unit price, and a line with quantity 0 is charged per use.")
