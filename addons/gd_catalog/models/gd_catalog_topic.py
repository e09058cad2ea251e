from odoo import fields, models


class GdCatalogTopic(models.Model):
    """A subject under which customers look for products, e.g. "Vervoer en reizen"."""

    _name = "gd.catalog.topic"
    _inherit = "gd.catalog.entry.point"
    _description = "Catalogue topic"
    _item_field = "topic_ids"

    item_ids = fields.Many2many(
        "product.template", "gd_catalog_topic_product_rel", "topic_id", "product_tmpl_id",
        string="Catalogue items")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A topic with this name already exists."),
    ]
