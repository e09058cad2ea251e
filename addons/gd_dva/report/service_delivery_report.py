from odoo import api, models


class ReportServiceDelivery(models.AbstractModel):
    """The formal service delivery report (rapportage dienstverlening) of client organisations, as PDF."""

    _name = "report.gd_dva.report_service_delivery"
    _description = "Service delivery report"

    @api.model
    def _get_clients(self, docids, data):
        """The organisations to report on: the printed records, or those named in ``data`` (web client)."""
        ids = docids or (data or {}).get("client_ids") or []
        return self.env["res.partner"].browse(ids).mapped("commercial_partner_id")

    @api.model
    def get_report_values(self, docids, data=None):
        data = data or {}
        Compliance = self.env["gd.dva.compliance"]
        year, period = data.get("year"), data.get("period")
        if not (year and period):
            year, period = Compliance._get_default_period()
        clients = self._get_clients(docids, data)
        return {
            "doc_ids": clients.ids,
            "doc_model": "res.partner",
            "docs": clients,
            "reports": Compliance._get_reports_data(clients, year, period),
            "company": self.env.user.company_id,
        }
