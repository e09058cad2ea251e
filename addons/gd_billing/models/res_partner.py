from odoo import _, api, fields, models


class ResPartner(models.Model):
    """A client organisation carries the analytic account its settled charges are booked on."""

    _inherit = "res.partner"

    gd_analytic_account_id = fields.Many2one(
        "account.analytic.account", string="Settlement analytic account", ondelete="restrict",
        help="The cost centre of the client organisation: confirmed settlements are booked on it. Created "
             "when the first settlement of the organisation is confirmed, when not chosen before.")

    @api.multi
    def _gd_get_analytic_account(self):
        """The organisation's analytic account, created on first use."""
        self.ensure_one()
        organisation = self.commercial_partner_id
        if not organisation.gd_analytic_account_id:
            account = self.env["account.analytic.account"].create({
                "name": _("Settlement %(organisation)s") % {"organisation": organisation.name},
                "partner_id": organisation.id,
            })
            organisation.gd_analytic_account_id = account
        return organisation.gd_analytic_account_id
