from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogDeskInfo(models.Model):
    """What only the service desk may know of a catalogue item or a back office.

    The procedures and internal phone numbers live here, on their own table, and not on the item or back
    office: Odoo 11 protects a field with ``groups=`` against ``read`` only, while ``search``, ``read_group``
    and ordering still reach its column. Only the desk group has access to this model, so no other user
    reaches its content by any method. The item and the back office show it to the desk through computed
    fields that read this model as the desk user (see ``_get_desk_info``); no relational field leads here.
    """

    _name = "gd.catalog.desk.info"
    _description = "Desk-only information"
    _rec_name = "id"

    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", index=True, ondelete="cascade")
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", index=True, ondelete="cascade")
    desk_procedure = fields.Html(string="Desk procedure")
    desk_phone = fields.Char(string="Internal phone numbers")
    internal_phone = fields.Char(string="Internal phone")

    _sql_constraints = [
        ("product_tmpl_uniq", "unique(product_tmpl_id)", "A catalogue item has one set of desk information."),
        ("backoffice_uniq", "unique(backoffice_id)", "A back office has one set of desk information."),
        ("one_owner", "CHECK((product_tmpl_id IS NULL) != (backoffice_id IS NULL))",
         "Desk information belongs to either a catalogue item or a back office."),
    ]

    @api.constrains("product_tmpl_id", "backoffice_id")
    def _check_owner(self):
        for info in self:
            if bool(info.product_tmpl_id) == bool(info.backoffice_id):
                raise ValidationError(_("Desk information belongs to either a catalogue item or a back office."))

    @api.model
    def _get_desk_info(self, owner_field, owners):
        """The desk information of ``owners`` (items or back offices), by owner id, read as the current user."""
        infos = self.search([(owner_field, "in", owners.ids)]) if owners.ids else self.browse()
        return {info[owner_field].id: info for info in infos}

    @api.model
    def _set_desk_value(self, owner_field, owners, field_name):
        """Write ``field_name`` of ``owners`` (computed fields of the same name) into their desk information."""
        existing = self._get_desk_info(owner_field, owners)
        for owner in owners.filtered("id"):
            value = owner[field_name] or False
            info = existing.get(owner.id)
            if info:
                info.write({field_name: value})
            elif value:
                self.create({owner_field: owner.id, field_name: value})

    @api.model
    def _search_desk_value(self, owner_field, field_name, operator, value):
        """A domain on the owners whose desk information matches; refused to users without the desk group."""
        negative = {"!=": "=", "not ilike": "ilike", "not like": "like", "not in": "in"}
        if value is False or value is None:
            owners = self.search([(field_name, "!=", False)]).mapped(owner_field)
            return [("id", "not in" if operator == "=" else "in", owners.ids)]
        if operator in negative:
            owners = self.search([(field_name, negative[operator], value)]).mapped(owner_field)
            return [("id", "not in", owners.ids)]
        owners = self.search([(field_name, operator, value)]).mapped(owner_field)
        return [("id", "in", owners.ids)]
