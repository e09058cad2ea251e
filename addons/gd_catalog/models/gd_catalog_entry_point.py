from odoo import api, fields, models


class GdCatalogEntryPoint(models.AbstractModel):
    """What topics and life events share: a way into the catalogue, with the count of its items."""

    _name = "gd.catalog.entry.point"
    _description = "Catalogue entry point"
    _order = "sequence, name"
    # the many2many field of product.template that points at records of the concrete model
    _item_field = None

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(help="Shown to customers on the portal catalogue.")
    color = fields.Integer(string="Colour index")
    active = fields.Boolean(default=True)
    item_count = fields.Integer(compute="_compute_item_count", string="Number of catalogue items")

    @api.multi
    def _compute_item_count(self):
        counts = self.env["product.template"]._count_per_relation(
            [("is_catalog_item", "=", True)], self._item_field)
        for record in self:
            record.item_count = counts.get(record.id, 0)
