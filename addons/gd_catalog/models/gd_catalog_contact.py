from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GdCatalogContact(models.Model):
    """A line of "How to reach us": the desk's central number and e-mail, the Serviceplein's opening hours
    and location, and the direct numbers that stay (alarm and meldkamer, ICT support, repro and post room).
    """

    _name = "gd.catalog.contact"
    _description = "Service page contact line"
    _order = "sequence, id"

    name = fields.Char(string="Label", required=True)
    contact_type = fields.Selection(
        "_selection_contact_type", string="Kind", required=True, default="phone",
        help="Phone numbers and e-mail addresses become links; other lines are shown as text.")
    value = fields.Char(
        string="Number, address or hours", required=True,
        help="e.g. 070 123 45 00, servicedesk@example.nl, Mon-Fri 8:00-17:00.")
    note = fields.Text(help="Shown under the value, e.g. when to use this number.")
    is_central = fields.Boolean(
        string="Is the central contact", help="Highlighted at the top: the one number everybody knows.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    @api.model
    def _selection_contact_type(self):
        return [("phone", _("Phone")), ("email", _("E-mail")), ("hours", _("Opening hours")),
                ("location", _("Location"))]

    @api.constrains("contact_type", "value")
    def _check_value(self):
        for contact in self:
            if contact.contact_type == "email" and "@" not in (contact.value or ""):
                raise ValidationError(
                    _("%(value)s is not an e-mail address (line %(name)s).")
                    % {"value": contact.value, "name": contact.name})

    @api.multi
    def _get_href(self):
        """The link of a phone number or e-mail address, False for the other lines."""
        self.ensure_one()
        if self.contact_type == "phone":
            return "tel:%s" % "".join(char for char in self.value if char.isdigit() or char == "+")
        if self.contact_type == "email":
            return "mailto:%s" % self.value.strip()
        return False
