from odoo import api, fields, models


class GdCatalogEvent(models.Model):
    """A situation customers find themselves in (a life event), e.g. "Verhuizen" or "Calamiteit"."""

    _name = "gd.catalog.event"
    _description = "Life event"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(help="Shown to customers on the portal catalogue.")
    color = fields.Integer(string="Colour index")
    active = fields.Boolean(default=True)
    item_ids = fields.Many2many(
        "product.template", "gd_catalog_event_product_rel", "event_id", "product_tmpl_id",
        string="Catalogue items")
    item_count = fields.Integer(compute="_compute_item_count", string="Number of catalogue items")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A life event with this name already exists."),
    ]

    @api.multi
    def _compute_item_count(self):
        counts = self.env["product.template"]._count_per_relation(
            [("is_catalog_item", "=", True)], "event_ids")
        for record in self:
            record.item_count = counts.get(record.id, 0)
