from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.addons.report_xlsx.controllers.main import ReportController
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.gd_catalog.controllers.portal_access import to_record_id

CONVERTERS = ("html", "pdf", "xlsx")


class GdReportController(ReportController):
    """``/report/<converter>/<report>/<ids>``: 404 for an unknown report or record, 403 for one the user may
    not read, instead of Odoo 11's 500. Defined here, above report_xlsx, so that xlsx is guarded as well."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        if converter not in CONVERTERS:
            raise request.not_found()
        report = request.env["ir.actions.report"]._get_report_from_name(reportname)
        if not report or report.model not in request.env:
            raise request.not_found()
        if report.groups_id and not (report.groups_id & request.env.user.groups_id):
            raise Forbidden()
        if docids:
            self._check_report_records(report, docids)
        try:
            return super(GdReportController, self).report_routes(
                reportname, docids=docids, converter=converter, **data)
        except MissingError:
            raise request.not_found()
        except AccessError:
            raise Forbidden()

    def _check_report_records(self, report, docids):
        ids = [to_record_id(docid) for docid in docids.split(",")]
        if not all(ids):
            raise request.not_found()
        records = request.env[report.model].browse(ids)
        # sudo only to tell a missing record (404) from a refused one (403, checked as the user below)
        if len(records.sudo().exists()) < len(set(ids)):
            raise request.not_found()
        try:
            records.check_access_rights("read")
            records.check_access_rule("read")
        except AccessError:
            raise Forbidden()
