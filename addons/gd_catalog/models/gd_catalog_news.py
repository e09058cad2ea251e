from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class GdCatalogNews(models.Model):
    """A news item about the services in the centre of the service page, e.g. changed opening hours."""

    _name = "gd.catalog.news"
    _description = "Service news item"
    _order = "date_publish desc, id desc"

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
    is_current = fields.Boolean(
        compute="_compute_is_current", search="_search_is_current", string="Shown today")
    active = fields.Boolean(default=True)
    is_published = fields.Boolean(
        string="Published", default=True, index=True,
        help="Only published items are shown, and only from the publication date until the expiry date.")

    @api.multi
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for news in self:
            news.is_current = bool(
                news.is_published and news.date_publish <= today
                and (not news.date_expire or news.date_expire >= today))

    def _search_is_current(self, operator, value):
        current = expression.normalize_domain(self._get_current_domain())
        if operator not in ("=", "!="):
            raise ValueError("Unsupported operator %s for is_current" % operator)
        return current if (operator == "=") == bool(value) else ["!"] + current

    @api.constrains("date_publish", "date_expire")
    def _check_dates(self):
        for news in self:
            if news.date_expire and news.date_expire < news.date_publish:
                raise ValidationError(
                    _("The news item %(name)s cannot expire (%(expire)s) before it is published (%(publish)s).")
                    % {"name": news.name, "expire": news.date_expire, "publish": news.date_publish})

    @api.model
    def _get_current_domain(self):
        """Published, publication date reached and not expired (in the user's time zone)."""
        today = fields.Date.context_today(self)
        return [("is_published", "=", True), ("date_publish", "<=", today),
                "|", ("date_expire", "=", False), ("date_expire", ">=", today)]

    @api.multi
    def _get_published_item(self):
        """The related catalogue item if customers may open it, else an empty recordset."""
        self.ensure_one()
        # sudo only to read the published flag: a portal user may not read an unpublished item at all
        item = self.product_tmpl_id.sudo()
        return self.product_tmpl_id if item.is_catalog_item and item.is_published else self.product_tmpl_id.browse()
