from odoo import api, fields, models


class CalendarEvent(models.Model):
    """An appointment the service desk books for a customer with an expert of a back office."""

    _inherit = "calendar.event"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", index=True, ondelete="set null", copy=False,
        help="The case this appointment was made for.")
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", ondelete="set null", copy=False)
    expert_id = fields.Many2one(
        "res.users", string="Expert", ondelete="set null", copy=False,
        help="The back-office expert the customer meets.")

    @api.model
    def _name_search(self, name="", args=None, operator="ilike", limit=100, name_get_uid=None):
        # calendar's override loops over ``args`` and failed for a name_search without a domain
        return super(CalendarEvent, self)._name_search(
            name=name, args=list(args or []), operator=operator, limit=limit, name_get_uid=name_get_uid)
