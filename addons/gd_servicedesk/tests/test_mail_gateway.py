from .common import ServicedeskCase

NEW_MAIL = b"""Return-Path: <t_portal_a@example.com>
To: servicedesk@example.com
From: Anna A <t_portal_a@example.com>
Subject: Nieuwe bureaustoel
Message-ID: <desk-new-1@example.com>
Date: Fri, 02 May 2025 10:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Graag een nieuwe bureaustoel voor kamer 3.14.
"""

REPLY_MAIL = b"""Return-Path: <t_portal_a@example.com>
To: servicedesk@example.com
From: Anna A <t_portal_a@example.com>
Subject: Re: Nieuwe bureaustoel
Message-ID: <desk-reply-1@example.com>
In-Reply-To: <desk-new-1@example.com>
References: <desk-new-1@example.com>
Date: Fri, 02 May 2025 11:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Het mag ook een sta-bureau zijn.
"""

UNKNOWN_MAIL = b"""To: servicedesk@example.com
From: Iemand Onbekend <onbekend@elders.example>
Subject: Vraag over parkeren
Message-ID: <desk-unknown-1@elders.example>
Date: Fri, 02 May 2025 12:00:00 +0200
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Mag ik in de garage parkeren?
"""

MALFORMED_MAIL = (b"To: servicedesk@example.com\n"
                  b"Subject: =?x-unknown?B?!!!not-base64?=\n"
                  b"Message-ID: <desk-broken-1@example.com>\n"
                  b"MIME-Version: 1.0\n"
                  b"Content-Type: multipart/mixed; boundary=\"XYZ\"\n"
                  b"\n"
                  b"--XYZ\n"
                  b"Content-Type: text/plain; charset=\"no-such-charset\"\n"
                  b"Content-Transfer-Encoding: base64\n"
                  b"\n"
                  b"%%%this is not base64 \xff\xfe\n")


class TestMailGateway(ServicedeskCase):

    @classmethod
    def setUpClass(cls):
        super(TestMailGateway, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param("mail.catchall.domain", "example.com")
        cls.MailThread = cls.env["mail.thread"]

    def _tickets(self, name):
        return self.Ticket.search([("name", "=", name)])

    def test_new_mail_creates_ticket_for_known_contact(self):
        ticket_id = self.MailThread.message_process(False, NEW_MAIL)
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(ticket._name, "helpdesk.ticket")
        self.assertEqual(ticket.name, "Nieuwe bureaustoel")
        self.assertEqual(ticket.partner_id, self.portal_a.partner_id)
        self.assertEqual(ticket.client_id, self.org_a)
        self.assertEqual(ticket.channel_id.code, "email")
        self.assertEqual(ticket.team_id.role, "desk")
        self.assertIn("kamer 3.14", ticket.description)

    def test_reply_is_added_to_the_ticket(self):
        ticket = self.Ticket.browse(self.MailThread.message_process(False, NEW_MAIL))
        count = len(ticket.message_ids)
        reply_id = self.MailThread.message_process(False, REPLY_MAIL)
        self.assertEqual(reply_id, ticket.id)
        self.assertEqual(len(self._tickets("Re: Nieuwe bureaustoel")), 0)
        self.assertEqual(len(ticket.message_ids), count + 1)
        self.assertIn("sta-bureau", ticket.message_ids[0].body)

    def test_unknown_sender_keeps_address_creates_no_contact(self):
        ticket = self.Ticket.browse(self.MailThread.message_process(False, UNKNOWN_MAIL))
        self.assertFalse(ticket.partner_id)
        self.assertIn("onbekend@elders.example", ticket.partner_email)
        self.assertFalse(self.env["res.partner"].search([("email", "ilike", "onbekend@elders.example")]))
        self.assertEqual(ticket.channel_id.code, "email")

    def test_malformed_mail_does_not_crash(self):
        before = self.Ticket.search_count([])
        ticket_id = self.MailThread.message_process(False, MALFORMED_MAIL)
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(self.Ticket.search_count([]), before + 1)
        self.assertTrue(ticket.name)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.channel_id.code, "email")
