from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    dva_agreement_ids = fields.One2many("gd.dva.agreement", "client_id", string="DVAs")

    @api.multi
    def _get_dva_principal(self):
        """The client principal of this organisation: the one who signs its DVAs (first by name)."""
        self.ensure_one()
        organisation = self.commercial_partner_id
        return self.search([("commercial_partner_id", "=", organisation.id), ("is_principal", "=", True),
                            ("id", "!=", organisation.id)], order="name", limit=1)
