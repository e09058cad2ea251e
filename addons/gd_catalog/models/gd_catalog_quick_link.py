from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogQuickLink(models.Model):
    """A "Snel naar" link on the service page: straight to a service or an intranet application."""

    _name = "gd.catalog.quick.link"
    _inherit = "gd.catalog.link.mixin"
    _description = "Service page quick link"
    _order = "sequence, name, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Published on the service page", default=True, index=True)

    @api.constrains("name", "url", "product_tmpl_id")  # name: so that it also runs on a create without either
    def _check_target(self):
        for link in self:
            if not link.url and not link.product_tmpl_id:
                raise ValidationError(
                    _("The quick link %(name)s needs a link or a catalogue item.") % {"name": link.name})

    @api.model
    def _get_service_page_domain(self):
        """The links the service page shows."""
        return [("is_published", "=", True)]
