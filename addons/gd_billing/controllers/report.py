from odoo import http
from odoo.http import request

from odoo.addons.report_xlsx.controllers.main import ReportController


class XlsxReportController(ReportController):
    """The web client reloads the form a spreadsheet was asked from once the file has arrived.

    The web client's download waits for the ``fileToken`` cookie carrying the token it sent, as Odoo's own
    ``/report/download`` and ``/web/content`` set it; only then does it run the button's closing step, which
    reloads the form. report_xlsx answers without it, so a settlement run exported to xlsx kept showing
    "Confirmed" until it was reloaded by hand.
    """

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        token = data.pop("token", None)
        response = super(XlsxReportController, self).report_routes(reportname, docids, converter, **data)
        if converter == "xlsx" and token:
            response.set_cookie("fileToken", token)
        return response
