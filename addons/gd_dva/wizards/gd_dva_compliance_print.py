from odoo import api, fields, models


class GdDvaCompliancePrint(models.TransientModel):
    """Choose the organisation and the month or quarter of the service delivery report."""

    _name = "gd.dva.compliance.print"
    _description = "Print the service delivery report"

    def _default_year(self):
        return self.env["gd.dva.compliance"]._get_default_period()[0]

    def _default_period(self):
        return self.env["gd.dva.compliance"]._get_default_period()[1]

    client_id = fields.Many2one(
        "res.partner", string="Client organisation", required=True,
        domain=[("is_company", "=", True), ("dva_agreement_ids", "!=", False)])
    year = fields.Integer(required=True, default=_default_year)
    period = fields.Selection("_selection_period", required=True, default=_default_period)

    @api.model
    def _selection_period(self):
        return self.env["gd.dva.compliance"]._get_period_selection()

    @api.multi
    def _prepare_report_data(self):
        self.ensure_one()
        # Checks the period here, so a wrong choice is a message in the form rather than a failed download.
        self.env["gd.dva.compliance"]._get_period(self.year, self.period)
        return {"year": self.year, "period": self.period, "client_ids": self.client_id.ids}

    @api.multi
    def action_print_pdf(self):
        return self._print("gd_dva.gd_dva_compliance_report_pdf")

    @api.multi
    def action_print_xlsx(self):
        return self._print("gd_dva.gd_dva_compliance_report_xlsx")

    @api.multi
    def _print(self, xmlid):
        self.ensure_one()
        return self.env.ref(xmlid).report_action(self.client_id, data=self._prepare_report_data(), config=False)
