from odoo import _, api, fields, models, tools

# A done case answered within this many days is reopened; later answers open a linked follow-up case.
DEFAULT_REOPEN_DAYS = 30


class HelpdeskTicket(models.Model):
    """The case by mail: replies to closed cases, who follows a case, inline images in the description."""

    _inherit = "helpdesk.ticket"

    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Follow-up of", readonly=True, copy=False, index=True, ondelete="set null",
        help="The closed case the customer answered to; this case continues it.")

    # ------------------------------------------------------------------ followers

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None, force=True):
        """The mail gateway's own addresses (the desk's alias, which may be the company's e-mail) never follow."""
        if partner_ids:
            partners = self.env["res.partner"].sudo().browse(partner_ids)
            partner_ids = [partner.id for partner in partners
                           if not self.env["mail.thread"]._gd_is_own_address(partner.email)]
        return super(HelpdeskTicket, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids, subtype_ids=subtype_ids, force=force)

    @api.model
    def _gd_filter_mail_recipients(self, msg, organisation):
        """``msg`` with only the To/Cc addresses that may follow a case of ``organisation``.

        Staff (internal users) and contacts of the case's own organisation are kept; people of other
        organisations, unknown addresses and the gateway's own addresses are left out, so they do not
        receive every later message of the case. Automatic mail subscribes no one.
        """
        msg = dict(msg)
        if self.env.context.get("gd_mail_automatic"):
            msg.update(to="", cc="")
            return msg
        Partner = self.env["res.partner"].sudo()
        kept = []
        for address in tools.email_split((msg.get("to") or "") + "," + (msg.get("cc") or "")):
            if self.env["mail.thread"]._gd_is_own_address(address):
                continue
            # =ilike without wildcards: "_" and "%" are common in addresses.
            pattern = address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            partners = Partner.search([("email", "=ilike", pattern)])
            if any(partner.user_ids.filtered(lambda user: not user.share) for partner in partners) or (
                    organisation and any(partner.commercial_partner_id == organisation for partner in partners)):
                kept.append(address)
        msg.update(to=", ".join(kept), cc="")
        return msg

    # ------------------------------------------------------------------ replies to closed cases

    @api.model
    def _gd_get_reopen_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param("gd_servicedesk.reopen_days")
        try:
            return int(value) if value else DEFAULT_REOPEN_DAYS
        except ValueError:
            return DEFAULT_REOPEN_DAYS

    @api.multi
    def _gd_reopens_on_reply(self):
        """A done case closed less than the reopen period ago reopens; other closed cases get a follow-up."""
        self.ensure_one()
        if self.stage_id.code != "done" or not self.closed_date:
            return False
        closed = fields.Datetime.from_string(self.closed_date)
        age = fields.Datetime.from_string(fields.Datetime.now()) - closed
        return age.days < self._gd_get_reopen_days()

    @api.multi
    def _gd_is_customer_mail(self, msg):
        """The reply comes from someone outside the staff (the customer, a colleague of theirs, unknown)."""
        author = self.env["res.partner"].sudo().browse(msg.get("author_id") or [])
        return not author.user_ids.filtered(lambda user: not user.share)

    @api.multi
    def _gd_reroute_reply(self, route, message_dict):
        """A customer's reply to a case closed for good opens a follow-up case linked to it."""
        self.ensure_one()
        ticket = self.sudo()
        if not ticket.closed or not ticket._gd_is_customer_mail(message_dict) or ticket._gd_reopens_on_reply():
            return route
        model, _thread_id, custom_values, user_id, alias = route
        values = dict(custom_values or {}, origin_ticket_id=ticket.id)
        return model, False, values, user_id, alias

    @api.multi
    def _gd_reopen_on_reply(self, msg):
        """A customer's reply to a recently done case reopens it and tells the desk."""
        reopened = self.sudo().browse()
        for ticket in self.sudo():
            if ticket.closed and ticket._gd_is_customer_mail(msg) and ticket._gd_reopens_on_reply():
                reopened |= ticket
        if not reopened:
            return reopened
        new_stage = self.env["helpdesk.ticket.stage"]._get_by_code("new")
        # The completion notice goes out again when the reopened case is done again.
        reopened.write({"stage_id": new_stage.id, "notice_completed_date": False})
        for ticket in reopened:
            ticket._gd_tell_desk(_("The customer answered to the done case %(ticket)s: it was reopened.")
                                 % {"ticket": ticket.number})
        return reopened

    @api.multi
    def _gd_after_mail_new(self, message_dict):
        """A case just made from a mail: inline images in its description, the desk told of a follow-up."""
        for ticket in self.sudo():
            if "cid:" in (ticket.description or ""):
                message = ticket.message_ids.filtered(
                    lambda record: record.message_id == message_dict.get("message_id"))[:1]
                if message.body and "cid:" not in message.body:
                    ticket.description = message.body
            origin = ticket.origin_ticket_id
            if origin:
                origin.message_post(body=_("The customer answered to this closed case; the answer continues in "
                                           "%(ticket)s.") % {"ticket": ticket.number}, subtype="mail.mt_note")
                ticket._gd_tell_desk(_("The customer answered to the closed case %(origin)s: this follow-up case "
                                       "continues it.") % {"origin": origin.number})

    @api.multi
    def _gd_tell_desk(self, summary):
        """A to-do for the case's desk agent (or the desk's manager), and a note on the case."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        for ticket in self.sudo():
            user = ticket._get_desk_responsible()
            if user:
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model_id, "res_id": ticket.id, "user_id": user.id,
                    "activity_type_id": activity_type.id, "summary": summary,
                    "date_deadline": fields.Date.context_today(ticket),
                })
            ticket.message_post(body=summary, subtype="mail.mt_note")
