"""What one routing tells people: its followers, one notice per assignee and one note on the case.

Odoo 11 announces every new record on its own: it subscribes its creator and its assigned user one by one,
mails the assignee "You have been assigned" through a composer and logs a creation note, each message
formatted and pushed to the followers' inboxes (some 40 statements a message). A routing of a pattern made
five of each. Here the parts of one routing are announced as a set.
"""
import pytz

from odoo import _, api, fields, models
from odoo.tools.misc import format_date, html_escape as escape


class HelpdeskTicket(models.Model):
    """The announcement of a routing: followers, assignment notices and the case's note of its parts."""

    _inherit = "helpdesk.ticket"

    @api.multi
    def _announce_routing(self, orders):
        """Tell who needs to know about the work ``orders`` one routing made for this case, once for the set:
        - the creator and the assignees follow their work orders, subscribed in one go;
        - each assignee other than the user routing gets one notice per routing, in their language, listing
          their own parts with item, assignee and deadline; it is posted on the first of those parts, never on
          the case: every back office with work on a case reads the case's notes, and a back office does not
          read another's parts;
        - the case gets one note naming each part's number and back office (within an intake it is the body
          of the note of the case's tracked changes, see ``message_post``).
        """
        self.ensure_one()
        if not orders:
            return
        orders = orders.sudo()
        creator = self.env.user.partner_id
        partners = {}
        for order in orders:
            followers = self.env["res.partner"].browse() if self.env.context.get("mail_create_nosubscribe") \
                else creator
            if order.user_id.partner_id.active:
                followers |= order.user_id.partner_id
            partners[order] = followers
        orders._add_followers(partners)
        assigned = {}
        for order in orders.filtered(lambda order: order.user_id and order.user_id != self.env.user
                                     and order.user_id.partner_id.active):
            assigned.setdefault(order.user_id, orders.browse())
            assigned[order.user_id] |= order
        # Notes are internal: the followers who are customers do not receive them.
        for user, user_orders in assigned.items():
            body = self.with_context(lang=user.lang)._get_assignment_notice_body(user, user_orders)
            user_orders[:1].message_post(body=body, subtype="mail.mt_note", partner_ids=user.partner_id.ids,
                                         author_id=self.env.user.partner_id.id)
        body = self._get_routing_note_body(orders)
        note = self.env.context.get("gd_routing_note")
        if note is not None:
            note["body"] = body  # posted with the intake's tracking note (see _do_intake)
        else:
            self.message_post(body=body, subtype="mail.mt_note")

    @api.multi
    def _get_routing_note_body(self, orders):
        """The case's note of a routing: one line per part, its number and back office (what the part is, who
        does it and by when stays on the part, which only its back office and the desk read)."""
        self.ensure_one()
        lines = "".join("<li>%s</li>" % (_("%(order)s: %(backoffice)s") % {
            "order": escape(order.number or ""), "backoffice": escape(order.backoffice_id.name or "")})
            for order in orders)
        return _("<p>Routed to the back offices:</p><ul>%(lines)s</ul>") % {"lines": lines}

    @api.multi
    def _get_assignment_notice_body(self, user, orders):
        """The notice to ``user`` of the work ``orders`` of this case assigned to them, with a link to each."""
        self.ensure_one()
        lines = "".join('<li><a href="/mail/view?model=%s&amp;res_id=%d">%s</a></li>' % (
            order._name, order.id, self._get_routing_line(order)) for order in orders)
        return _("<p>Dear %(name)s,</p><p>Work of case %(ticket)s is assigned to you:</p><ul>%(lines)s</ul>") % {
            "name": escape(user.name or ""), "ticket": escape(self.number or ""), "lines": lines}

    @api.multi
    def _get_routing_line(self, order):
        """One part as a line: number and subject, back office, assignee (or the queue) and deadline."""
        values = {"order": escape(order.display_name or ""), "backoffice": escape(order.backoffice_id.name or ""),
                  "assignee": escape(order.user_id.name or _("the queue")),
                  "deadline": self._format_deadline(order.deadline) if order.deadline else "-"}
        return _("%(order)s: %(backoffice)s, assigned to %(assignee)s, due %(deadline)s") % values

    @api.multi
    def _format_deadline(self, deadline):
        """``deadline`` (UTC) as day and time in the company's time zone, as the notices write it."""
        company = self.company_id or self.env.user.company_id
        local = pytz.utc.localize(fields.Datetime.from_string(deadline)).astimezone(pytz.timezone(company.gd_tz))
        return "%s %s" % (format_date(self.env, local.date()), local.strftime("%H:%M"))

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification", subtype=None, parent_id=False,
                     attachments=None, content_subtype="html", **kwargs):
        """The note of a routing's parts is the body of the note that tracks the intake's changes of the case.

        Within an intake (``gd_routing_note`` in the context: {'body': ...}), the tracking note mail.thread
        posts after the case's write (an internal note without a body) carries the routing's lines.
        """
        note = self.env.context.get("gd_routing_note")
        if note and note.get("body") and not note.get("posted") and not body \
                and kwargs.get("tracking_value_ids") and subtype in (None, "mt_note", "mail.mt_note"):
            body = note["body"]
            note["posted"] = True
        return super(HelpdeskTicket, self).message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype, parent_id=parent_id,
            attachments=attachments, content_subtype=content_subtype, **kwargs)
