from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Notices to the customer: received, escalated and completed, each sent once."""

    _inherit = "helpdesk.ticket"

    notice_received_date = fields.Datetime(string="Receipt notice sent on", readonly=True, copy=False)
    notice_escalated_date = fields.Datetime(string="Escalation notice sent on", readonly=True, copy=False)
    notice_completed_date = fields.Datetime(string="Completion notice sent on", readonly=True, copy=False)

    @api.model
    def _get_notice_author(self):
        """The partner customer notices come from: the service desk, whoever moved the case."""
        return self.env.ref("gd_catalog.partner_servicedesk", raise_if_not_found=False) \
            or self.env.user.company_id.partner_id

    @api.multi
    def _send_notice(self, kind):
        """Send the customer the notice ``kind`` (received, escalated, completed), once per ticket."""
        template = self.env.ref("gd_servicedesk.mail_template_ticket_%s" % kind)
        field = "notice_%s_date" % kind
        # Notices are part of the flow whoever moves it (a back office finishing the last part only reads
        # the ticket); each ticket here was just changed by the caller under its own rights.
        for ticket in self.sudo():
            if ticket[field] or not ticket.partner_id:
                continue
            ticket.message_post_with_template(template.id, composition_mode="comment", message_type="comment",
                                              author_id=self._get_notice_author().id)
            ticket.write({field: fields.Datetime.now()})
