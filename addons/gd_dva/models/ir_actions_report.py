import lxml.html

from odoo import api, models

SERVICE_DELIVERY_REPORT = "gd_dva.report_service_delivery"
LIGHT_LAYOUT = "gd_dva.report_light_layout"
_CLASS_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"


class IrActionsReport(models.Model):
    """The service delivery report of a longer period (a row per DVA line, the months as columns) prints in
    landscape: twelve month columns do not fit the width of a portrait page.

    Its PDF documents (the article, the header, the footer) are made with ``report_light_layout``, which writes in
    the few styles the report uses, instead of Odoo's ``web.minimal_layout``, which links the whole report asset
    bundle: wkhtmltopdf loads the header and the footer document for every page (240 documents for the sixty
    organisations of a ministry's year), fetches the stylesheets over HTTP from ``report.url`` and lays out every
    cell against bootstrap's rules.
    """

    _inherit = "ir.actions.report"

    @api.multi
    def render_qweb_pdf(self, res_ids=None, data=None):
        if self.report_name == SERVICE_DELIVERY_REPORT and "landscape" not in self.env.context \
                and self.env["gd.dva.compliance"]._is_year_layout(data):
            self = self.with_context(landscape=True)
        return super(IrActionsReport, self).render_qweb_pdf(res_ids, data=data)

    @api.multi
    def _prepare_html(self, html):
        """As Odoo's, in the documents of ``report_light_layout`` for the service delivery report."""
        if self.report_name != SERVICE_DELIVERY_REPORT:
            return super(IrActionsReport, self)._prepare_html(html)
        View = self.env["ir.ui.view"]
        root = lxml.html.fromstring(html)

        def document(nodes, subst):
            body = b"".join(lxml.html.tostring(node) for node in nodes)
            return View.render_template(LIGHT_LAYOUT, {"subst": subst, "body": body})

        bodies, res_ids = [], []
        for node in root.xpath(_CLASS_XPATH % "article"):
            bodies.append(document([node], False))
            record = node.find(".//*[@data-oe-model='%s']" % self.model)
            res_ids.append(int(record.get("data-oe-id")) if record is not None and record.get("data-oe-id")
                           else False)
        header = document(root.xpath(_CLASS_XPATH % "header"), True)
        footer = document(root.xpath(_CLASS_XPATH % "footer"), True)
        paperformat_args = {name: value for name, value in root.items() if name.startswith("data-report-")}
        return bodies, res_ids, header, footer, paperformat_args
