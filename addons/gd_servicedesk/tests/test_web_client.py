"""What the web client sends and evaluates: values of every field in the form, and view domains in which
a many2many is a plain list of ids (not the [(6, 0, ids)] the server would give)."""
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from .common import ServicedeskCase


class TestWebClient(ServicedeskCase):

    def _field_domain(self, model, field):
        arch = self.env[model].fields_view_get(view_type="form")["arch"]
        return etree.fromstring(arch).xpath("//field[@name='%s']" % field)[0].get("domain")

    def test_desk_registers_ticket_with_the_values_the_form_sends(self):
        # the form holds the invisible related field "closed" and sends it with a new ticket
        ticket = self.Ticket.sudo(self.desk_agent).create({
            "name": "Aan de balie", "partner_id": self.portal_a.partner_id.id,
            "channel_id": self.channel_phone.id, "closed": False})
        self.assertFalse(ticket.closed)

    def test_intake_answers_domain_in_the_web_client(self):
        intake = self.env["helpdesk.ticket.intake"].sudo(self.desk_agent).new(
            {"ticket_id": self.new_ticket(self.portal_a.partner_id).id, "mode": "pattern",
             "pattern_id": self.pattern.id})
        domain = safe_eval(self._field_domain("helpdesk.ticket.intake", "option_ids"),
                           {"available_option_ids": intake.available_option_ids.ids})
        offered = self.env["gd.catalog.pattern.option"].search(domain)
        self.assertEqual(offered, self.opt_new | self.opt_existing | self.opt_other_dept | self.opt_same_dept)

    def test_appointment_expert_domain_in_the_web_client(self):
        draft = self.env["helpdesk.ticket.appointment"].sudo(self.desk_agent).new(
            {"ticket_id": self.new_ticket(self.portal_a.partner_id).id, "backoffice_id": self.bo_faz.id})
        domain = safe_eval(self._field_domain("helpdesk.ticket.appointment", "expert_id"),
                           {"expert_domain_ids": draft.expert_domain_ids.ids})
        self.assertEqual(self.env["res.users"].search(domain), self.faz_member | self.faz_manager)
