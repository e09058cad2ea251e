from odoo import _, api, fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    code = fields.Selection(
        "_selection_code", index=True,
        help="The role of this stage in the service desk flow: the flow moves tickets to the first stage "
             "with the matching role.")

    @api.model
    def _selection_code(self):
        return [
            ("new", _("New")),
            ("progress", _("In progress")),
            ("waiting", _("Waiting for the customer")),
            ("escalated", _("With account management")),
            ("done", _("Done")),
            ("cancel", _("Cancelled")),
        ]

    @api.model
    def _get_by_code(self, code):
        return self.search([("code", "=", code)], limit=1)
