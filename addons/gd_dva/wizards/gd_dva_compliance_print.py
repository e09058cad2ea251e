from odoo import _, api, fields, models


class GdDvaCompliancePrint(models.TransientModel):
    """Choose the organisations and the month, quarter or year of the service delivery report.

    A small report prints at once; a large one (many organisations, a year) is made in the background and
    kept as a report request, whose file the user gets a message about.
    """

    _name = "gd.dva.compliance.print"
    _description = "Print the service delivery report"

    def _default_year(self):
        return self.env["gd.dva.compliance"]._get_default_period()[0]

    def _default_period(self):
        return self.env["gd.dva.compliance"]._get_default_period()[1]

    client_ids = fields.Many2many(
        "res.partner", string="Client organisations", required=True,
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
        return {"year": self.year, "period": self.period, "client_ids": self.client_ids.ids}

    @api.multi
    def action_print_pdf(self):
        return self._print("pdf")

    @api.multi
    def action_print_xlsx(self):
        return self._print("xlsx")

    @api.multi
    def _print(self, report_format):
        """The report for download, or, when it is large, the request of the report made in the background."""
        self.ensure_one()
        data = self._prepare_report_data()
        Request = self.env["gd.dva.compliance.request"]
        if Request._is_heavy(self.client_ids, self.year, self.period):
            request = Request._request_report(self.client_ids, self.year, self.period, report_format)
            return {
                "type": "ir.actions.act_window",
                "name": _("Service delivery report"),
                "res_model": request._name,
                "res_id": request.id,
                "view_mode": "form",
                "target": "current",
            }
        Request._check_clients(self.client_ids.mapped("commercial_partner_id"))
        report = self.env.ref("gd_dva.gd_dva_compliance_report_%s" % report_format)
        return report.report_action(self.client_ids, data=data, config=False)
