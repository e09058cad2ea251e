from odoo import api, models

SERVICE_DELIVERY_REPORT = "gd_dva.report_service_delivery"


class IrActionsReport(models.Model):
    """The service delivery report of a longer period (a row per DVA line, the months as columns) prints in
    landscape: twelve month columns do not fit the width of a portrait page."""

    _inherit = "ir.actions.report"

    @api.multi
    def render_qweb_pdf(self, res_ids=None, data=None):
        if self.report_name == SERVICE_DELIVERY_REPORT and "landscape" not in self.env.context \
                and self.env["gd.dva.compliance"]._is_year_layout(data):
            self = self.with_context(landscape=True)
        return super(IrActionsReport, self).render_qweb_pdf(res_ids, data=data)
