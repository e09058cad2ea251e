from odoo import api, models


class ReportStatement(models.AbstractModel):
    """The statement PDF: its lines and, under each per-use or beyond-quantity line, the deliveries charged."""

    _name = "report.gd_billing.report_statement"
    _description = "Settlement statement (PDF)"

    @api.model
    def get_report_values(self, docids, data=None):
        statements = self.env["gd.billing.statement"].browse(docids)
        statements.check_access_rights("read")
        statements.check_access_rule("read")
        return {
            "doc_ids": docids,
            "doc_model": "gd.billing.statement",
            # checked readable just above; a client principal reads the statement, not the run it belongs to
            "docs": statements.sudo(),
            "deliveries": self._get_deliveries(statements),
        }

    @api.model
    def _get_deliveries(self, statements):
        """{line id: [(case number, requester, done date)]}, oldest first.

        The statements were just checked readable by the caller; the work orders behind their lines belong
        to the service desk and the back offices, which finance and client principals do not read themselves.
        """
        deliveries = {}
        for line in statements.sudo().mapped("line_ids"):
            orders = line.work_order_ids.sorted(lambda order: order.done_date or "")
            deliveries[line.id] = [(order.ticket_id.number or "", order.ticket_id.partner_id.name or "",
                                    order.done_date) for order in orders]
        return deliveries
