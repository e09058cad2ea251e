from odoo import _, api, fields, models


class ResPartner(models.Model):
    """Client organisations are company partners; their employees are contacts."""

    _inherit = "res.partner"

    is_mandated = fields.Boolean(
        string="Mandated to order", track_visibility="onchange",
        help="This employee may order catalogue items that need a mandate for the organisation.")
    is_principal = fields.Boolean(
        string="Client principal", track_visibility="onchange",
        help="The principal (opdrachtgever) of the organisation: signs agreements and sees their results.")
    client_kind = fields.Selection(
        "_selection_client_kind", string="Kind of client",
        help="Internal: a directorate of the ministry. Third party: another organisation buying services, "
             "e.g. another ministry on the Serviceplein.")

    @api.model
    def _selection_client_kind(self):
        return [("internal", _("Ministry directorate")), ("third_party", _("Third party"))]
