from odoo import fields, models


class GdCatalogEvent(models.Model):
    """A situation customers find themselves in (a life event), e.g. "Verhuizen" or "Calamiteit"."""

    _name = "gd.catalog.event"
    _inherit = "gd.catalog.entry.point"
    _description = "Life event"
    _item_field = "event_ids"

    item_ids = fields.Many2many(
        "product.template", "gd_catalog_event_product_rel", "event_id", "product_tmpl_id",
        string="Catalogue items")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A life event with this name already exists."),
    ]
