import binascii
import io
import os
import re
from types import SimpleNamespace
from unittest.mock import patch

import openpyxl
from lxml import html as lxml_html
from odoo import http
from odoo.exceptions import AccessError
from odoo.http import SessionExpiredException
from PyPDF2 import PdfFileReader

from odoo.addons.auth_session_timeout.models import res_users as timeout_module
from odoo.addons.base.ir.ir_actions_report import IrActionsReport as BaseIrActionsReport
from odoo.addons.gd_dva.models import ir_actions_report as report_module

from .test_compliance import ComplianceCase

REPORT_DATA = {"year": 2025, "period": "M3"}


def _to_unicode_map(font):
    """Glyph code -> text of a PDF font, from its /ToUnicode CMap (bfchar and bfrange sections)."""
    mapping = {}
    if "/ToUnicode" not in font:
        return mapping
    cmap = font["/ToUnicode"].getObject().getData().decode("latin-1")

    def text(hex_value):
        return bytes.fromhex(hex_value).decode("utf-16-be", "replace")

    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            mapping[int(src, 16)] = text(dst)
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for start, end, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)",
                                          section):
            start, end = int(start, 16), int(end, 16)
            if dst.startswith("["):
                for offset, value in enumerate(re.findall(r"<([0-9A-Fa-f]+)>", dst)):
                    mapping[start + offset] = text(value)
            else:
                first = int(dst[1:-1], 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(first + offset)
    return mapping


def pdf_text(pdf):
    """The text of a PDF made by wkhtmltopdf (two-byte glyph codes shown with Tj), whitespace removed."""
    reader = PdfFileReader(io.BytesIO(pdf))
    parts = []
    for index in range(reader.getNumPages()):
        page = reader.getPage(index)
        fonts = {name: _to_unicode_map(font.getObject()) for name, font in page["/Resources"]["/Font"].items()}
        font = {}
        content = page.getContents().getData().decode("latin-1")
        for name, shown in re.findall(r"(/F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", content):
            if name:
                font = fonts.get(name, {})
                continue
            parts.extend(font.get(int(shown[i:i + 4], 16), "") for i in range(0, len(shown), 4))
    return "".join("".join(parts).split())


class TestServiceDeliveryReport(ComplianceCase):
    """The PDF and xlsx of the hand-built March show the same figures as the rows."""

    def html_rows(self, content):
        document = lxml_html.fromstring(content)
        rows = {}
        for row in document.xpath("//table[contains(@class, 'o_gd_months')]//tr[@data-line]"):
            cells = [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
            rows[(int(row.get("data-line")), row.get("data-month"))] = cells
        return document, rows

    def test_html_shows_the_figures(self):
        content, _format = self.pdf_report.render_qweb_html(self.org_c.ids, data=dict(REPORT_DATA))
        document, rows = self.html_rows(content)
        self.assertEqual(document.xpath("string(//td[contains(@class, 'o_gd_client')])"), "Directie Gamma")
        text = document.text_content()
        self.assertIn("Gemeenschappelijke Diensten", text)
        self.assertIn("March 2025", text)
        self.assertIn(self.dva_c.name, text)
        pocket = rows[(self.line_c_pocket.id, "2025-03-01")]
        self.assertEqual(pocket[2:], ["4", "3", "75.0%", "2 working days", "95%", "No"])
        software = rows[(self.line_c_software.id, "2025-03-01")]
        self.assertEqual(software[2:], ["3", "3", "100.0%", "3 working days", "90%", "Yes"])
        cards = rows[(self.line_c_cards.id, "2025-03-01")]
        self.assertEqual(cards[2:5], ["0", "0", "-"])
        self.assertEqual(cards[-1], "-")
        self.assertNotIn("Directie Alfa", text)

    def test_wizard_prints_the_chosen_period(self):
        wizard = self.env["gd.dva.compliance.print"].sudo(self.account_manager).create(
            {"client_ids": [(6, 0, self.org_c.ids)], "year": 2025, "period": "Q1"})
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "gd_dva.report_service_delivery")
        self.assertEqual(action["data"], {"year": 2025, "period": "Q1", "client_ids": self.org_c.ids})
        # the web client sends the data without ids: the organisation comes from the data
        content, _format = self.pdf_report.sudo(self.account_manager).render_qweb_html(None, data=action["data"])
        document = lxml_html.fromstring(content)
        totals = document.xpath("//table[contains(@class, 'o_gd_totals')]//tr[@data-line='%d']/td"
                                % self.line_c_pocket.id)
        self.assertEqual([" ".join(cell.text_content().split()) for cell in totals][2:5], ["5", "3", "60.0%"])
        self.assertEqual(wizard.action_print_xlsx()["report_type"], "xlsx")

    def test_report_speaks_the_readers_language(self):
        self.env["res.lang"].load_lang("nl_NL")
        report = self.pdf_report.with_context(lang="nl_NL")
        content, _format = report.render_qweb_html(self.org_c.ids, data=dict(REPORT_DATA))
        document = lxml_html.fromstring(content)
        cells = document.xpath("//table[contains(@class, 'o_gd_months')]//tr[@data-line='%d']/td"
                               % self.line_c_pocket.id)
        texts = [" ".join(cell.text_content().split()) for cell in cells]
        self.assertIn("75,0%", texts)
        self.assertIn("95%", texts)
        self.assertIn("Nee", texts)

    def test_pdf_renders_with_wkhtmltopdf(self):
        content, _format = self.pdf_report.render_qweb_html(self.org_c.ids, data=dict(REPORT_DATA))
        bodies, _ids, header, footer, paperformat_args = self.pdf_report._prepare_html(content)
        pdf = self.pdf_report._run_wkhtmltopdf(bodies, header=header, footer=footer,
                                               specific_paperformat_args=paperformat_args)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn("GemeenschappelijkeDiensten", text)
        self.assertIn("DirectieGamma", text)
        self.assertIn(self.dva_c.name, text)
        # the March row of the pocket computers: 4 delivered, 3 on time, 75.0%, norm, target 95%, missed
        self.assertIn("DTPocketcomputer", text)
        self.assertIn("March202543" "75.0%2workingdays95%No", text)
        self.assertIn("March202533" "100.0%3workingdays90%Yes", text)

    def pdf_documents(self, report=None, data=None):
        """(bodies, ids, header, footer, paper format arguments) of Gamma's report as its PDF is made."""
        report = report or self.pdf_report
        content, _format = report.render_qweb_html(self.org_c.ids, data=dict(data or REPORT_DATA))
        return report._prepare_html(content)

    def test_pdf_documents_link_no_stylesheet(self):
        """wkhtmltopdf loads the header and the footer document for every page: they, and the article, carry the
        few styles they use instead of linking the report asset bundle (fetched over HTTP from report.url)."""
        bodies, _ids, header, footer, _args = self.pdf_documents()
        self.assertEqual(len(bodies), 1)
        for document in bodies + [header, footer]:
            tree = lxml_html.fromstring(document)
            self.assertEqual(tree.xpath("//link | //base | //script[@src]"), [])
            self.assertTrue(tree.xpath("//head/style"))
        self.assertIn(b"Directie Gamma", bodies[0])
        self.assertNotIn(b"Directie Gamma", header + footer)
        self.assertIn(b"Gemeenschappelijke Diensten", header)
        self.assertIn(b'class="topage"', footer)
        self.assertIn(b"function subst()", footer)

    def test_pdf_has_the_letterhead_and_the_page_numbers_in_dutch(self):
        self.env["res.lang"].load_lang("nl_NL")
        report = self.pdf_report.with_context(lang="nl_NL")
        bodies, _ids, header, footer, paperformat_args = self.pdf_documents(report)
        text = pdf_text(report._run_wkhtmltopdf(bodies, header=header, footer=footer,
                                                specific_paperformat_args=paperformat_args))
        self.assertIn("GemeenschappelijkeDiensten", text)
        self.assertIn("Pagina1van1", text)
        self.assertIn("DirectieGamma", text)
        self.assertIn("75,0%", text)

    def test_paper_format_leaves_room_for_the_compact_letterhead(self):
        paperformat = self.pdf_report.paperformat_id
        self.assertEqual(paperformat, self.env.ref("gd_dva.paperformat_service_delivery"))
        self.assertEqual((paperformat.format, paperformat.orientation), ("A4", "Portrait"))
        args = self.pdf_report._build_wkhtmltopdf_args(paperformat, True)
        options = dict(zip(args, args[1:]))
        self.assertEqual((options["--margin-top"], options["--margin-bottom"], options["--header-spacing"]),
                         ("22.0", "12.0", "4"))
        self.assertEqual(options["--orientation"], "landscape")
        self.assertNotIn("--header-line", args)

    def test_a_year_of_an_organisation_prints_on_one_landscape_page(self):
        data = {"year": 2025, "period": "Y"}
        report = self.pdf_report.with_context(landscape=True)
        bodies, _ids, header, footer, paperformat_args = self.pdf_documents(report, data)
        pdf = report._run_wkhtmltopdf(bodies, header=header, footer=footer, landscape=True,
                                      specific_paperformat_args=paperformat_args)
        page = PdfFileReader(io.BytesIO(pdf)).getPage(0)
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), 1)
        self.assertGreater(page.mediaBox.getWidth(), page.mediaBox.getHeight())
        self.assertIn("Page1of1", pdf_text(pdf))

    def print_on_two_cores(self, bodies, header, footer, paperformat_args):
        """The PDF of ``bodies`` on a machine of two cores, printing in parallel from two organisations on, and
        the number of documents each wkhtmltopdf process was given."""
        runs, run = [], BaseIrActionsReport._run_wkhtmltopdf

        def counted(report, documents, **kwargs):
            runs.append(len(documents))
            return run(report, documents, **kwargs)
        with patch.object(BaseIrActionsReport, "_run_wkhtmltopdf", counted), \
                patch.object(report_module, "PARALLEL_FROM", 2), \
                patch.object(report_module.os, "sched_getaffinity", lambda pid: {0, 1}):
            pdf = self.pdf_report._run_wkhtmltopdf(bodies, header=header, footer=footer,
                                                   specific_paperformat_args=paperformat_args)
        return runs, pdf

    def test_each_organisation_is_a_document_and_many_print_in_parallel(self):
        clients = self.org_a | self.org_c
        content, _format = self.pdf_report.render_qweb_html(clients.ids, data=dict(REPORT_DATA))
        bodies, _ids, header, footer, paperformat_args = self.pdf_report._prepare_html(content)
        self.assertEqual(len(bodies), 2)
        self.assertEqual([b"Directie Alfa" in body for body in bodies], [True, False])
        self.assertEqual([b"Directie Gamma" in body for body in bodies], [False, True])
        self.assertTrue(all(b"o_gd_year" in body for body in bodies), "each document has the report's styles")
        runs, pdf = self.print_on_two_cores(bodies, header, footer, paperformat_args)
        self.assertEqual(runs, [1, 1])
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), 2)
        text = pdf_text(pdf)
        self.assertLess(text.index("DirectieAlfa"), text.index("DirectieGamma"))
        self.assertEqual(text.count("Page1of1"), 2, "each organisation numbers its own pages")

    def test_a_report_without_paper_format_of_its_own_prints_in_one_process(self):
        """The company's paper format is looked up with the environment of the request, not in a thread."""
        self.pdf_report.paperformat_id = False
        content, _format = self.pdf_report.render_qweb_html((self.org_a | self.org_c).ids, data=dict(REPORT_DATA))
        bodies, _ids, header, footer, paperformat_args = self.pdf_report._prepare_html(content)
        runs, pdf = self.print_on_two_cores(bodies, header, footer, paperformat_args)
        self.assertEqual(runs, [2])
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).getNumPages(), 2)

    def test_xlsx_reads_back_with_the_figures(self):
        content, file_format = self.xlsx_report.render_xlsx(self.org_c.ids, dict(REPORT_DATA))
        self.assertEqual(file_format, "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheet = workbook[workbook.sheetnames[0]]
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(values[1][:2], ["Client organisation", "Directie Gamma"])
        self.assertEqual(values[2][:2], ["Period", "March 2025"])
        self.assertEqual(values[3][1], self.dva_c.name)
        month_rows = [row for row in values if row[3] == "March 2025"]
        by_item = {row[1]: row for row in month_rows}
        self.assertEqual(by_item["DT Pocketcomputer"][4:11], [4, 3, 1, 75, "2 working days", 95, "No"])
        self.assertEqual(by_item["DT Software"][4:11], [3, 3, 0, 100, "3 working days", 90, "Yes"])
        self.assertEqual(by_item["DT Visitekaartjes"][4:8], [0, 0, 0, "-"])
        period_rows = [row for row in values if row[3] == "Period"]
        self.assertEqual(len(period_rows), 3)

    def test_xlsx_sheet_names_of_any_organisation(self):
        """Excel refuses [ ] : * ? / \\ in a sheet name, more than 31 characters and a name twice (in any case)."""
        Partner = self.env["res.partner"]
        names = ["Directie [Beleid]: A/B*?\\C", "directie [beleid]: a/b*?\\c",
                 "Dienst Uitvoering en Toezicht Energie en Klimaat"]
        orgs = Partner.browse([Partner.create({"name": name, "is_company": True}).id for name in names])
        content, _format = self.xlsx_report.render_xlsx(None, {"year": 2025, "period": "Q1", "client_ids": orgs.ids})
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, ["Directie  Beleid   A B   C", "directie  beleid   a b   c (2)",
                                               "Dienst Uitvoering en Toezicht E"])
        self.assertEqual([workbook[name].cell(row=2, column=2).value for name in workbook.sheetnames], names)

    def test_xlsx_from_the_web_client_data(self):
        content, _format = self.xlsx_report.render_xlsx(
            None, {"year": 2025, "period": "Q1", "client_ids": self.org_c.ids})
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "Directie Gamma")
        self.assertEqual(sheet.cell(row=3, column=2).value, "Quarter 1 2025")

    def test_portal_rendering_checks_the_principal(self):
        Compliance = self.env["gd.dva.compliance"]
        content, content_type, filename = Compliance.sudo(self.principal_c)._render_report(
            self.org_c, 2025, "M3", "xlsx")
        self.assertTrue(filename.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.cell(row=2, column=2).value, "Directie Gamma")
        for user in (self.principal_a, self.employee_c):
            with self.assertRaises(AccessError):
                Compliance.sudo(user)._render_report(self.org_c, 2025, "M3", "pdf")


class TestReportStylesheetsWithoutSession(ComplianceCase):
    """wkhtmltopdf fetches a report's stylesheets with the session of the request that prints it. A report made in
    the background (a report request's job) has no signed-in session; auth_session_timeout took a session without
    a file for an expired one and sent the stylesheet request to the login page."""

    def request(self, uid):
        """A request of the session ``uid`` signed in (None: nobody), a session that was never saved."""
        session = SimpleNamespace(sid=binascii.hexlify(os.urandom(20)).decode(), uid=uid, db=self.env.cr.dbname, logout=lambda keep_db=False: None)
        return SimpleNamespace(session=session, httprequest=SimpleNamespace(path="/web/content/1-a/style.css"))

    def test_a_session_without_user_does_not_time_out(self):
        self.assertGreater(int(self.env["ir.config_parameter"].get_param("inactive_session_time_out_delay")), 0)
        public = self.env.ref("base.public_user")
        with patch.object(http, "request", self.request(None)):
            self.assertIsNone(self.env["res.users"].sudo(public)._auth_timeout_check())
        # a signed-in session whose file is older than the delay is still closed
        with patch.object(http, "request", self.request(self.account_manager.id)), \
                patch.object(timeout_module, "getmtime", lambda path: 0):
            with self.assertRaises(SessionExpiredException):
                self.env["res.users"].sudo(self.account_manager)._auth_timeout_check()
