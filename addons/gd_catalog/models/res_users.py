from odoo import api, models


class ResUsers(models.Model):
    """Every user works in the company's time zone (its setting, Europe/Amsterdam for the GD) unless they chose one:
    staff created in the back office, portal users invited by the portal wizard and users who signed up.
    Without a time zone Odoo shows portal times in UTC, an hour or two early.
    """

    _inherit = "res.users"

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        user._give_company_tz()
        return user

    @api.multi
    def _give_company_tz(self):
        """The users of ``self`` without a time zone get their company's."""
        for user in self.sudo().filtered(lambda u: not u.tz):
            user.partner_id.tz = user.company_id.gd_tz

    @api.model
    def _give_company_tz_to_all(self):
        """At installation: the users that existed before (administrator, public user, signup template)."""
        self.with_context(active_test=False).search([("tz", "=", False)])._give_company_tz()
