from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    account_manager_id = fields.Many2one(
        "res.users", string="Account manager", track_visibility="onchange",
        domain=[("share", "=", False)],
        help="The account manager of this client organisation: receives its escalated questions and sees "
             "its tickets.")

    @api.multi
    def write(self, vals):
        res = super(ResPartner, self).write(vals)
        if "is_principal" in vals:
            # The portal rule on tickets reads is_principal; Odoo caches rule domains per user.
            self.env["ir.rule"].clear_caches()
        return res

    @api.multi
    def _notify_by_chat(self, message):
        """Odoo 11 formats every posted message for the web client's bus, also when no partner of this set is
        told there (about 16 statements a message: the message, its partners, channels, stars, attachments,
        tracking values and subtype read again). With nobody to tell, nothing is formatted."""
        if not self:
            return None
        return super(ResPartner, self)._notify_by_chat(message)
