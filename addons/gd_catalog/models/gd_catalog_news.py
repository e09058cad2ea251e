from odoo import _, api, fields, models


class GdCatalogNews(models.Model):
    """A news item about the services in the centre of the service page, e.g. changed opening hours."""

    _name = "gd.catalog.news"
    _inherit = "gd.catalog.publish.mixin"
    _description = "Service news item"
    _order = "date_publish desc, id desc"
    _publish_start = "date_publish"
    _publish_end = "date_expire"

    def _default_date_publish(self):
        return fields.Date.context_today(self)

    name = fields.Char(string="Title", required=True)
    body = fields.Html(string="Text")
    date_publish = fields.Date(
        string="Publication date", required=True, default=_default_date_publish, index=True,
        help="The item is shown from this day on.")
    date_expire = fields.Date(
        string="Expiry date", index=True,
        help="Last day the item is shown. Leave empty to show it until further notice.")
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", ondelete="set null",
        domain=[("is_catalog_item", "=", True)], help="The catalogue item the news is about, if any.")
    is_published = fields.Boolean(
        help="Only published items are shown, and only from the publication date until the expiry date.")

    @api.constrains("date_publish", "date_expire")
    def _check_dates(self):
        self._check_publish_window()

    @api.multi
    def _get_publish_window_error(self):
        return _("The news item %(name)s cannot expire (%(expire)s) before it is published (%(publish)s).") % {
            "name": self.name, "expire": self.date_expire, "publish": self.date_publish}

    @api.multi
    def _get_published_item(self):
        """The related catalogue item if customers may open it, else an empty recordset."""
        self.ensure_one()
        # sudo only to read the published flag: a portal user may not read an unpublished item at all
        item = self.product_tmpl_id.sudo()
        return self.product_tmpl_id if item.is_catalog_item and item.is_published else self.product_tmpl_id.browse()
