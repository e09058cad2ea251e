from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogQuickLink(models.Model):
    """A "Snel naar" link on the service page: straight to a service or an intranet application."""

    _name = "gd.catalog.quick.link"
    _description = "Service page quick link"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    url = fields.Char(
        string="Link", help="Starts with https://, http:// or /. Leave empty to open the catalogue item.")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", ondelete="set null",
        domain=[("is_catalog_item", "=", True)], help="The catalogue item this link is about, if any.")
    target_url = fields.Char(compute="_compute_target_url", string="Opens")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Published on the service page", default=True, index=True)

    @api.multi
    @api.depends("url", "product_tmpl_id")
    def _compute_target_url(self):
        for link in self:
            if link.url:
                link.target_url = link.url
            elif link.product_tmpl_id:
                link.target_url = "/catalog/product/%d" % link.product_tmpl_id.id
            else:
                link.target_url = False

    @api.constrains("name", "url", "product_tmpl_id")
    def _check_url(self):
        for link in self:
            if link.url and not link.url.startswith(("https://", "http://", "/")):
                raise ValidationError(
                    _("The link of %(name)s must start with https://, http:// or /.") % {"name": link.name})
            if not link.url and not link.product_tmpl_id:
                raise ValidationError(
                    _("The quick link %(name)s needs a link or a catalogue item.") % {"name": link.name})

    @api.model
    def _get_service_page_domain(self):
        """The links the service page shows."""
        return [("is_published", "=", True)]
