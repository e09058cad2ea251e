"""A large service delivery report is made in the background (queue_job); a small one prints at once.

The jobs are run here synchronously by loading and performing them, as queue_job's own tests do; the job
runner (an HTTP call to /queue_job/runjob in production) is not part of the test.
"""
import base64
import io

import openpyxl
from odoo.exceptions import AccessError

from .common import perform_job
from .test_compliance import ComplianceCase


def sheet_values(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {name: [[cell.value for cell in row] for row in workbook[name].iter_rows()]
            for name in workbook.sheetnames}


class TestReportInTheBackground(ComplianceCase):

    @classmethod
    def setUpClass(cls):
        super(TestReportInTheBackground, cls).setUpClass()
        cls.Request = cls.env["gd.dva.compliance.request"]

    def setUp(self):
        super(TestReportInTheBackground, self).setUp()
        # Gamma's year is 36 rows (3 lines x 12 months), Alfa's 24: large above 40.
        self.env["ir.config_parameter"].sudo().set_param("gd_dva.compliance_background_threshold", "40")

    def wizard(self, user, clients, period="Y"):
        return self.env["gd.dva.compliance.print"].sudo(user).create(
            {"client_ids": [(6, 0, clients.ids)], "year": 2025, "period": period})

    def perform(self, request):
        """Run the request's queued job as the runner would."""
        job = perform_job(self.env, request.job_uuid)
        request.invalidate_cache()
        return job

    def request_of(self, action, user):
        self.assertEqual(action["res_model"], "gd.dva.compliance.request")
        return self.Request.sudo(user).browse(action["res_id"])

    def test_large_workbook_is_made_in_the_background_with_the_same_content(self):
        clients = self.org_a | self.org_c
        action = self.wizard(self.account_manager, clients).action_print_xlsx()
        request = self.request_of(action, self.account_manager)
        self.assertEqual((request.state, request.user_id, request.report_format), ("queued", self.account_manager,
                                                                                     "xlsx"))
        self.assertFalse(request.attachment_id, "nothing is made in the request itself")
        stored = self.env["queue.job"].search([("uuid", "=", request.job_uuid)])
        self.assertEqual((stored.model_name, stored.method_name, stored.user_id),
                         ("gd.dva.compliance.request", "_job_make_report", self.account_manager))

        self.perform(request)
        self.assertEqual(request.state, "done")
        attachment = request.attachment_id.sudo(self.account_manager)
        self.assertEqual((attachment.res_model, attachment.res_id), (request._name, request.id))
        self.assertTrue(attachment.datas_fname.endswith(".xlsx"))
        direct, _format = self.env.ref("gd_dva.gd_dva_compliance_report_xlsx").sudo(self.account_manager).render_xlsx(
            clients.ids, {"year": 2025, "period": "Y", "client_ids": clients.ids})
        made = sheet_values(base64.b64decode(attachment.datas))
        self.assertEqual(made, sheet_values(direct))
        self.assertEqual(sorted(made), ["Directie Alfa", "Directie Gamma"])
        told = request.message_ids[0]
        self.assertIn(self.account_manager.partner_id, told.partner_ids)
        self.assertIn("/web/content/%d" % attachment.id, told.body)

    def test_large_pdf_is_made_in_the_background_with_the_same_content(self):
        clients = self.org_a | self.org_c
        request = self.request_of(self.wizard(self.dva_user, clients).action_print_pdf(), self.dva_user)
        self.perform(request)
        data = {"year": 2025, "period": "Y", "client_ids": clients.ids}
        direct = self.env.ref("gd_dva.gd_dva_compliance_report_pdf").sudo(self.dva_user).render_qweb_pdf(
            clients.ids, data=data)
        direct = direct[0] if isinstance(direct, tuple) else direct
        self.assertEqual(base64.b64decode(request.attachment_id.datas), direct)
        self.assertIn(b"Directie Gamma", direct)

    def test_small_report_prints_at_once(self):
        action = self.wizard(self.account_manager, self.org_c, period="Q1").action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertFalse(self.Request.search([]))

    def test_another_account_manager_cannot_read_the_result(self):
        request = self.request_of(self.wizard(self.account_manager, self.org_a | self.org_c).action_print_xlsx(),
                                  self.account_manager)
        self.perform(request)
        attachment = request.attachment_id
        other = self.other_account_manager
        self.assertFalse(self.Request.sudo(other).search([("id", "=", request.id)]))
        with self.assertRaises(AccessError):
            self.Request.sudo(other).browse(request.id).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].sudo(other).browse(attachment.id).read(["datas"])
        # DVA users read every report; a plain employee none
        self.assertEqual(self.Request.sudo(self.dva_user).browse(request.id).attachment_id, attachment)
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].sudo(self.employee).browse(attachment.id).read(["datas"])

    def test_account_manager_reports_on_their_own_clients_only(self):
        with self.assertRaises(AccessError):
            self.wizard(self.other_account_manager, self.org_a | self.org_c).action_print_xlsx()
        with self.assertRaises(AccessError):
            self.wizard(self.other_account_manager, self.org_a | self.org_c, period="Q1").action_print_pdf()
        self.assertFalse(self.Request.search([]))

    def test_request_is_written_by_its_own_steps_only(self):
        request = self.request_of(self.wizard(self.account_manager, self.org_a | self.org_c).action_print_xlsx(),
                                  self.account_manager)
        with self.assertRaises(AccessError):
            request.write({"year": 2024})
        with self.assertRaises(AccessError):
            self.Request.sudo(self.dva_manager).browse(request.id).write({"job_uuid": False})
        # Nor made over RPC, around the print form's check of the clients (the context of its steps is no
        # value a client can send).
        for context in ({}, {"gd_dva_request_transition": True}):
            with self.assertRaises(AccessError):
                self.Request.sudo(self.other_account_manager).with_context(**context).create({
                    "name": "Rapportage", "client_ids": [(6, 0, self.org_a.ids)], "year": 2024,
                    "period": "year", "report_format": "xlsx"})
        self.assertEqual(self.Request.search([]), request)
