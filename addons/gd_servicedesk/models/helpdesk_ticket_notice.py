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
        tickets = self.sudo().filtered(lambda ticket: not ticket[field] and ticket.partner_id)
        if not tickets:
            return
        tickets._post_template_notice(template)
        # The date is not tracked: nothing for the chatter to compare or follow.
        tickets.with_context(tracking_disable=True).write({field: fields.Datetime.now()})

    @api.multi
    def _post_template_notice(self, template):
        """Post the customer notice ``template`` on each of these tickets, from the service desk.

        What ``message_post_with_template`` does in comment mode, without its composer: the template is
        rendered once for all tickets (in each recipient's language), and its subject, body, sender and
        recipients are posted as a comment on each ticket. The composer would first store itself, its
        recipients and its rendered values as a wizard record, write them again and read them back.
        The notice templates have no attachments.
        """
        if not self:
            return self.env["mail.message"]
        rendered = self.env["mail.compose.message"].generate_email_for_composer(template.id, self.ids)
        author = self._get_notice_author()
        comment = self.env.ref("mail.mt_comment")
        messages = self.env["mail.message"]
        poster = self.with_context(mail_notify_user_signature=False, mail_auto_delete=template.auto_delete)
        for ticket in poster:
            values = rendered[ticket.id]
            messages |= ticket.message_post(
                body=values.get("body") or "", subject=values.get("subject") or False, message_type="comment",
                subtype_id=comment.id, author_id=author.id, email_from=values.get("email_from") or False,
                partner_ids=values.get("partner_ids") or [], mail_server_id=values.get("mail_server_id") or False)
        return messages
