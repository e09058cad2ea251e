from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    name = fields.Char(translate=True)
    code = fields.Selection(
        "_selection_code", index=True,
        help="How the question reached the service desk. The service desk logic uses it to recognise "
             "the channel; the name is free.")
    is_desk_entry = fields.Boolean(
        string="Entered by the desk",
        help="Tickets of this channel are entered by a desk agent, who chooses the customer from the contacts.")

    @api.multi
    def write(self, vals):
        if "code" in vals:
            changed = self.filtered(lambda channel: channel.code != vals["code"])
            if changed and self.env["helpdesk.ticket"].sudo().search_count([("channel_id", "in", changed.ids)]):
                raise UserError(_("The kind of channel %(channel)s cannot change: tickets came in through it. "
                                  "Archive it and make a new channel instead.") % {"channel": changed[0].name})
        return super(HelpdeskTicketChannel, self).write(vals)

    @api.model
    def _selection_code(self):
        return [
            ("portal", _("Portal")),
            ("email", _("E-mail")),
            ("phone", _("Phone")),
            ("post", _("Post")),
            ("desk", _("Walk-in desk")),
        ]

    @api.model
    def _get_by_code(self, code):
        return self.search([("code", "=", code)], limit=1)
