from odoo import _, api, models
from odoo.exceptions import UserError

from .gd_billing_run import LOCKED_STATES


class GdDvaAgreement(models.Model):
    """An amendment never reaches back into a month in which the DVA was settled: confirmed runs never change."""

    _inherit = "gd.dva.agreement"

    @api.multi
    def _check_amendment_date(self, date_from):
        super(GdDvaAgreement, self)._check_amendment_date(date_from)
        month = date_from[:8] + "01"
        # Whether the DVA's months are settled decides the amendment, whoever amends: no settlement rights needed.
        settled = self.env["gd.billing.line"].sudo().search([
            ("dva_line_id", "in", self.line_ids.ids), ("period_date", ">=", month),
            ("run_id.state", "in", LOCKED_STATES)], order="period_date desc", limit=1)
        if settled:
            raise UserError(_("%(agreement)s is settled up to %(month)s: amend it from a day after that month.")
                            % {"month": settled.period_date[:7], "agreement": self.display_name})
