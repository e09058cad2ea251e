"""Over XML-RPC, a customer cannot make a message say what the server did not: no moving it onto another
organisation's case, no other author, no recipients or files they may not see, no tracked changes of their own
or taken from another document. Odoo 11's mail let the author of a message write all of that."""
import base64
from xmlrpc import client as xmlrpclib

import odoo
from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.tests.common import at_install, post_install

from .common import PASSWORD_SUFFIX, ServicedeskFixtures

# The fault code of Odoo's XML-RPC for an AccessError (anything else, a traceback, is 1).
ACCESS_ERROR = 4


@at_install(False)
@post_install(True)
class TestMessageForgery(GdHttpCase):

    def setUpHttpData(self):
        ServicedeskFixtures.create_fixtures(self, self.env)
        Ticket = self.env["helpdesk.ticket"]
        self.ticket_a = Ticket.create({"name": "Werkplek Anna", "partner_id": self.portal_a.partner_id.id})
        self.ticket_a.message_subscribe(partner_ids=self.portal_a.partner_id.ids)
        self.ticket_b = Ticket.create({"name": "Zaal Bert", "partner_id": self.portal_b.partner_id.id})
        self.ticket_b.message_subscribe(partner_ids=self.portal_b.partner_id.ids)
        # a tracked change and a file on the other organisation's case
        self.ticket_b.sudo(self.desk_agent).with_context(tracking_disable=False, mail_notrack=False).write(
            {"ticket_type": "complaint"})
        self.tracking_b = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", "helpdesk.ticket"), ("mail_message_id.res_id", "=", self.ticket_b.id)])
        self.file_b = self.env["ir.attachment"].create({
            "name": "begroting-b.txt", "datas_fname": "begroting-b.txt", "res_model": "helpdesk.ticket",
            "res_id": self.ticket_b.id, "datas": base64.b64encode(b"GEHEIM-B")})

    def setUp(self):
        super(TestMessageForgery, self).setUp()
        url = "http://127.0.0.1:%d/xmlrpc/2/" % odoo.tools.config["http_port"]
        self.rpc_common = xmlrpclib.ServerProxy(url + "common", allow_none=True)
        self.rpc_object = xmlrpclib.ServerProxy(url + "object", allow_none=True)

    def rpc(self, user, model, method, args, **kwargs):
        password = user.login + PASSWORD_SUFFIX
        uid = self.rpc_common.login(self.cr.dbname, user.login, password)
        return self.rpc_object.execute_kw(self.cr.dbname, uid, password, model, method, args, kwargs)

    def refused(self, user, model, method, args, **kwargs):
        with self.assertRaises(xmlrpclib.Fault) as caught:
            self.rpc(user, model, method, args, **kwargs)
        self.assertEqual(caught.exception.faultCode, ACCESS_ERROR, caught.exception.faultString)
        return caught.exception.faultString

    def post_own(self, body, **kwargs):
        """Anna's message on her own case, over XML-RPC as she would send it: its id."""
        return self.rpc(self.portal_a, "helpdesk.ticket", "message_post", [[self.ticket_a.id]], body=body,
                        message_type="comment", subtype="mail.mt_comment", **kwargs)

    def messages_of(self, ticket):
        self.env.cache.invalidate()
        return self.env["mail.message"].search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])

    def test_a_customer_posts_on_her_own_case(self):
        message_id = self.post_own("Mijn aanvulling")
        message = self.env["mail.message"].browse(message_id)
        self.assertEqual((message.res_id, message.author_id), (self.ticket_a.id, self.portal_a.partner_id))
        # and marks it for herself, as the web client's "mark as unread" does
        self.rpc(self.portal_a, "mail.message", "write",
                 [[message_id], {"needaction_partner_ids": [(4, self.portal_a.partner_id.id)]}])
        self.env.cache.invalidate()
        self.assertIn(self.portal_a.partner_id, message.needaction_partner_ids)

    def test_a_message_keeps_its_case_and_author(self):
        message_id = self.post_own("Verhuisd bericht")
        before = self.messages_of(self.ticket_b)
        for values in ({"res_id": self.ticket_b.id}, {"model": "res.partner", "res_id": self.portal_b.partner_id.id},
                       {"author_id": self.desk_agent.partner_id.id},
                       {"email_from": "Desk Agent <desk@example.com>"}):
            self.assertIn("keeps the document", self.refused(
                self.portal_a, "mail.message", "write", [[message_id], values]), values)
        message = self.env["mail.message"].browse(message_id)
        self.env.cache.invalidate()
        self.assertEqual((message.model, message.res_id, message.author_id),
                         ("helpdesk.ticket", self.ticket_a.id, self.portal_a.partner_id))
        self.assertEqual(self.messages_of(self.ticket_b), before)

    def test_no_tracked_changes_sent_or_taken(self):
        self.assertTrue(self.tracking_b, "the desk's change of the other case is tracked")
        home = self.tracking_b.mapped("mail_message_id")
        self.assertIn("recorded by the server", self.refused(
            self.portal_a, "helpdesk.ticket", "message_post", [[self.ticket_a.id]], body="",
            tracking_value_ids=[(4, value.id) for value in self.tracking_b]))
        self.assertIn("recorded by the server", self.refused(
            self.portal_a, "helpdesk.ticket", "message_post", [[self.ticket_a.id]], body="", subtype="mail.mt_note",
            message_type="notification", tracking_value_ids=[(0, 0, {
                "field": "stage_id", "field_desc": "Fase", "field_type": "char", "old_value_char": "Nieuw",
                "new_value_char": "Goedgekeurd door de servicedesk"})]))
        message_id = self.post_own("Met geschiedenis")
        self.refused(self.portal_a, "mail.message", "write",
                     [[message_id], {"tracking_value_ids": [(4, self.tracking_b[0].id)]}])
        self.assertIn("recorded by the server", self.refused(
            self.portal_a, "helpdesk.ticket", "message_track", [[self.ticket_a.id], {"name": {
                "string": "Onderwerp", "type": "char"}}, {str(self.ticket_a.id): {"name": "Iets anders"}}]))
        self.env.cache.invalidate()
        self.assertEqual(self.tracking_b.mapped("mail_message_id"), home)
        # the server's own tracking goes on: the desk's change of a case is still recorded
        self.ticket_a.sudo(self.desk_agent).with_context(tracking_disable=False, mail_notrack=False).write(
            {"ticket_type": "complaint"})
        self.assertTrue(self.messages_of(self.ticket_a).mapped("tracking_value_ids"))

    def test_no_recipients_the_customer_may_not_see(self):
        Mail = self.env["mail.mail"]
        queued = Mail.search([]).ids
        bert = self.portal_b.partner_id.id
        self.assertIn("address people you may see", self.refused(
            self.portal_a, "helpdesk.ticket", "message_post", [[self.ticket_a.id]], body="Aan Bert",
            message_type="comment", subtype="mail.mt_comment", partner_ids=[bert]))
        message_id = self.post_own("Later aan Bert")
        self.refused(self.portal_a, "mail.message", "write", [[message_id], {"partner_ids": [(4, bert)]}])
        self.assertIn("for yourself", self.refused(
            self.portal_a, "mail.message", "write", [[message_id], {"needaction_partner_ids": [(4, bert)]}]))
        self.env.cache.invalidate()
        self.assertNotIn(bert, self.env["mail.message"].browse(message_id).mapped(
            "partner_ids.id") + self.env["mail.message"].browse(message_id).mapped("needaction_partner_ids.id"))
        self.assertFalse(Mail.search([("id", "not in", queued), ("recipient_ids", "in", [bert])]))
        # a colleague of her own organisation she may address
        colleague = self.portal_a2.partner_id.id
        message_id = self.post_own("Aan Arie", partner_ids=[colleague])
        self.assertIn(colleague, self.env["mail.message"].browse(message_id).partner_ids.ids)

    def test_no_files_of_another_case(self):
        self.assertIn("attach files you may read", self.refused(
            self.portal_a, "helpdesk.ticket", "message_post", [[self.ticket_a.id]], body="Bijlage",
            message_type="comment", subtype="mail.mt_comment", attachment_ids=[self.file_b.id]))
        message_id = self.post_own("Bijlage later")
        self.refused(self.portal_a, "mail.message", "write", [[message_id], {"attachment_ids": [(4, self.file_b.id)]}])
        self.env.cache.invalidate()
        self.assertEqual((self.file_b.res_model, self.file_b.res_id), ("helpdesk.ticket", self.ticket_b.id))
        self.assertFalse(self.env["mail.message"].browse(message_id).attachment_ids)

    def test_addresses_do_not_tell_who_is_known_elsewhere(self):
        answer = self.rpc(self.portal_a, "helpdesk.ticket", "message_partner_info_from_emails",
                          [[self.ticket_a.id], [self.portal_b.partner_id.email, self.portal_a2.partner_id.email]])
        self.assertEqual([info["partner_id"] for info in answer], [False, self.portal_a2.partner_id.id])
        # the desk finds both
        answer = self.rpc(self.desk_agent, "helpdesk.ticket", "message_partner_info_from_emails",
                          [[self.ticket_a.id], [self.portal_b.partner_id.email]])
        self.assertEqual(answer[0]["partner_id"], self.portal_b.partner_id.id)
