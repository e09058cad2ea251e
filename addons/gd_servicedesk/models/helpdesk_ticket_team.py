from odoo import _, api, fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    # The team's name shows in the case's history ("Team: Servicedesk"): in the reader's language.
    name = fields.Char(translate=True)
    role = fields.Selection(
        "_selection_role", index=True,
        help="Service desk: takes in every question. Account management: receives escalated questions.")

    @api.model
    def _selection_role(self):
        return [("desk", _("Service desk")), ("account_management", _("Account management"))]

    @api.model
    def _get_by_role(self, role):
        return self.search([("role", "=", role)], limit=1)
