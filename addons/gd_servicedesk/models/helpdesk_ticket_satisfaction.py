import uuid

from odoo import _, api, fields, models
from odoo.tools import consteq

SATISFACTION_SCORES = ("1", "3", "5")


class HelpdeskTicket(models.Model):
    """The customer's one-click satisfaction answer from the completion notice."""

    _inherit = "helpdesk.ticket"

    satisfaction_token = fields.Char(
        readonly=True, copy=False, default=lambda self: uuid.uuid4().hex, groups="base.group_user")
    satisfaction = fields.Selection(
        "_selection_satisfaction", readonly=True, copy=False, track_visibility="onchange")
    satisfaction_score = fields.Integer(
        compute="_compute_satisfaction_score", store=True, group_operator="avg",
        help="1 (dissatisfied) to 5 (satisfied); its average is the satisfaction score.")
    satisfaction_date = fields.Datetime(readonly=True, copy=False)

    @api.model
    def _selection_satisfaction(self):
        return [("5", _("Satisfied")), ("3", _("Neutral")), ("1", _("Dissatisfied"))]


    @api.depends("satisfaction")
    def _compute_satisfaction_score(self):
        for ticket in self:
            ticket.satisfaction_score = int(ticket.satisfaction) if ticket.satisfaction else 0

    @api.model
    def _set_satisfaction_by_token(self, ticket_id, token, score):
        """Record the customer's one-click answer from the completion notice; False for a wrong link."""
        if score not in SATISFACTION_SCORES or not token:
            return False
        # The link is the access check: the token is secret to the ticket's customer (sent in the notice).
        ticket = self.sudo().browse(ticket_id).exists()
        if not ticket or not ticket.satisfaction_token or not consteq(ticket.satisfaction_token, token):
            return False
        if not ticket.closed:
            return False
        ticket.write({"satisfaction": score, "satisfaction_date": fields.Datetime.now()})
        return ticket
