from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LINK_PREFIXES = ("https://", "http://", "/")


def is_valid_link(url):
    """Links the portal may show: web addresses and paths on this site, nothing else (no javascript:)."""
    return not url or url.startswith(LINK_PREFIXES)


class GdCatalogLinkMixin(models.AbstractModel):
    """Something on the service page that opens a link, or else the catalogue page of an item."""

    _name = "gd.catalog.link.mixin"
    _description = "Service page link"

    url = fields.Char(
        string="Link", help="Starts with https://, http:// or /. Leave empty to open the catalogue item.")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", ondelete="set null",
        domain=[("is_catalog_item", "=", True)], help="The catalogue item this link is about, if any.")
    target_url = fields.Char(compute="_compute_target_url", string="Opens")

    @api.multi
    @api.depends("url", "product_tmpl_id")
    def _compute_target_url(self):
        for record in self:
            if record.url:
                record.target_url = record.url
            elif record.product_tmpl_id:
                record.target_url = "/catalog/product/%d" % record.product_tmpl_id.id
            else:
                record.target_url = False

    @api.constrains("url")
    def _check_url(self):
        for record in self:
            if not is_valid_link(record.url):
                raise ValidationError(
                    _("The link of %(name)s must start with https://, http:// or /.") % {"name": record.name})
