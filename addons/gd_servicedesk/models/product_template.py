from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    notify_part_done = fields.Boolean(
        string="Tell the customer when done", default=True,
        help="Send the customer a notice when the work order for this item is done, before the whole "
             "request is complete.")

    @api.multi
    def _get_portal_request_url(self):
        self.ensure_one()
        if self.is_catalog_item and self.request_via_portal:
            return "/servicedesk/request/%d" % self.id
        return super(ProductTemplate, self)._get_portal_request_url()
