import io
import os
from concurrent.futures import ThreadPoolExecutor

import lxml.html
from PyPDF2 import PdfFileReader, PdfFileWriter

from odoo import api, models

SERVICE_DELIVERY_REPORT = "gd_dva.report_service_delivery"
LIGHT_LAYOUT = "gd_dva.report_light_layout"
_CLASS_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' %s ')]"
# Organisations from which the PDF is made by as many wkhtmltopdf processes as the machine has cores (at most 4).
PARALLEL_FROM = 8


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
            for body in self._split_organisations(node):
                bodies.append(document([body], False))
                record = body.find(".//*[@data-oe-model='%s']" % self.model)
                res_ids.append(int(record.get("data-oe-id")) if record is not None and record.get("data-oe-id")
                               else False)
        header = document(root.xpath(_CLASS_XPATH % "header"), True)
        footer = document(root.xpath(_CLASS_XPATH % "footer"), True)
        paperformat_args = {name: value for name, value in root.items() if name.startswith("data-report-")}
        return bodies, res_ids, header, footer, paperformat_args

    @api.model
    def _split_organisations(self, article):
        """The article as one document per organisation, each with the report's styles.

        wkhtmltopdf lays out a document of a few pages much faster than one of every organisation (a table of
        1,200 rows), starts each document on a new page and numbers the pages of each ("page 1 of 2"), as Odoo
        does for the records of any report.
        """
        organisations = article.xpath("." + _CLASS_XPATH % "o_gd_organisation")
        if len(organisations) < 2:
            return [article]
        for organisation in organisations:
            organisation.getparent().remove(organisation)
        shell = lxml.html.tostring(article)
        documents = []
        for organisation in organisations:
            document = lxml.html.fromstring(shell)
            document.xpath("." + _CLASS_XPATH % "o_gd_service_delivery")[0].append(organisation)
            organisation.set("class", "o_gd_organisation")
            documents.append(document)
        return documents

    @api.model
    def _run_wkhtmltopdf(self, bodies, header=None, footer=None, landscape=False, specific_paperformat_args=None,
                         set_viewport_size=False):
        """The documents of many organisations in parallel: one wkhtmltopdf process per core, each making the
        PDF of a run of organisations, joined in their order. Every organisation is a document of its own and
        numbers its own pages, so the parts number their pages as the whole would."""
        processes = min(len(os.sched_getaffinity(0)), 4, len(bodies) // (PARALLEL_FROM // 2) or 1)
        # without a paper format of its own the report takes the company's, which the threads cannot look up
        # (a new environment in a thread has no registry of environments): one process then
        if self.report_name != SERVICE_DELIVERY_REPORT or len(bodies) < PARALLEL_FROM or processes < 2 \
                or not self.paperformat_id:
            return super(IrActionsReport, self)._run_wkhtmltopdf(
                bodies, header=header, footer=footer, landscape=landscape,
                specific_paperformat_args=specific_paperformat_args, set_viewport_size=set_viewport_size)
        # the paper format is read here: the threads below only start processes
        self._build_wkhtmltopdf_args(self.paperformat_id, landscape, specific_paperformat_args, set_viewport_size)
        size = -(-len(bodies) // processes)
        runs = [bodies[start:start + size] for start in range(0, len(bodies), size)]
        run = super(IrActionsReport, self)._run_wkhtmltopdf
        with ThreadPoolExecutor(max_workers=len(runs)) as pool:
            parts = list(pool.map(lambda part: run(part, header=header, footer=footer, landscape=landscape,
                                                   specific_paperformat_args=specific_paperformat_args,
                                                   set_viewport_size=set_viewport_size), runs))
        writer = PdfFileWriter()
        for part in parts:
            reader = PdfFileReader(io.BytesIO(part))
            for index in range(reader.getNumPages()):
                writer.addPage(reader.getPage(index))
        result = io.BytesIO()
        writer.write(result)
        return result.getvalue()
