from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext
from odoo.tools.misc import format_date

from .gd_servicedesk_work_order import OPEN_STATES

# The period an appointment can be booked in (years from today) and its longest duration.
APPOINTMENT_YEARS_BACK, APPOINTMENT_YEARS_AHEAD = 1, 10
APPOINTMENT_MAX_HOURS = 24


class HelpdeskTicket(models.Model):
    """Appointments of the customer with an expert of a back office, on the case."""

    _inherit = "helpdesk.ticket"

    appointment_ids = fields.One2many("calendar.event", "ticket_id", string="Appointments", copy=False)
    appointment_count = fields.Integer(string="Appointments", compute="_compute_appointment_count")

    @api.multi
    def _compute_appointment_count(self):
        data = self.env["calendar.event"].read_group(
            [("ticket_id", "in", self.ids)], ["ticket_id"], ["ticket_id"]) if self.ids else []
        counts = {row["ticket_id"][0]: row["ticket_id_count"] for row in data}
        for ticket in self:
            ticket.appointment_count = counts.get(ticket.id, 0)

    @api.multi
    def action_appointment(self):
        """Book an appointment for the customer with an expert of a back office."""
        self.ensure_one()
        backoffice = self.work_order_ids.filtered(lambda order: order.state in OPEN_STATES)[:1].backoffice_id
        return self._wizard_action(_("Book an appointment"), "helpdesk.ticket.appointment", {
            "default_ticket_id": self.id, "default_backoffice_id": backoffice.id})

    @api.multi
    def action_view_appointments(self):
        self.ensure_one()
        action = self.env.ref("calendar.action_calendar_event").read()[0]
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id, "create": False}
        return action


    # ------------------------------------------------------------------ appointments with experts

    @api.multi
    def _check_can_book_appointment(self, backoffice, expert, start, stop):
        """Raise UserError when the appointment cannot be booked (closed case, no customer, not an expert...)."""
        self.ensure_one()
        values = {"ticket": self.number or self.name, "expert": expert.name or "",
                  "backoffice": backoffice.name or ""}
        if self.closed:
            raise UserError(_("Ticket %(ticket)s is closed: no appointment can be booked on it.") % values)
        if not self.partner_id:
            raise UserError(_("Choose the requester of ticket %(ticket)s before booking an appointment.") % values)
        if not expert:
            raise UserError(_("Choose the expert the customer meets."))
        if backoffice and expert not in (backoffice.member_ids | backoffice.manager_id):
            raise UserError(_("%(expert)s is not a member of %(backoffice)s.") % values)
        if not start or not stop or stop <= start:
            raise UserError(_("An appointment needs a start and a duration of more than zero."))
        conflict = self._find_expert_conflict(expert, start, stop)
        if conflict:
            values.update(self._format_period(conflict.start, conflict.stop))
            raise UserError(_("%(expert)s already has an appointment on %(day)s from %(start)s to %(stop)s. "
                              "Choose another time or another expert.") % values)

    @api.model
    def _check_appointment_input(self, start, duration):
        """Raise UserError for a start that is no date, far from today, or a duration beyond one day."""
        if not start:
            return
        try:
            moment = fields.Datetime.from_string(start)
        except (TypeError, ValueError):
            moment = None
        today = fields.Date.from_string(fields.Date.context_today(self))
        first, last = today.year - APPOINTMENT_YEARS_BACK, today.year + APPOINTMENT_YEARS_AHEAD
        if not moment or not first <= moment.year <= last:
            raise UserError(_("An appointment starts between %(first)s and %(last)s; %(start)s is not such a "
                              "moment.") % {"first": first, "last": last, "start": start})
        if duration and not 0 < duration <= APPOINTMENT_MAX_HOURS:
            raise UserError(_("An appointment lasts more than zero and at most %(max)s hours.")
                            % {"max": APPOINTMENT_MAX_HOURS})

    @api.model
    def _find_expert_conflict(self, expert, start, stop):
        """The first event overlapping [start, stop) that the expert attends, if any."""
        # Any event of the expert blocks the time, also private ones the desk agent cannot open; only the
        # period leaves this method.
        events = self.env["calendar.event"].sudo().search([
            ("partner_ids", "in", expert.partner_id.ids), ("start", "<", stop), ("stop", ">", start)],
            order="start", limit=1)
        return events

    @api.model
    def _format_period(self, start, stop):
        """Day and times of a UTC period in the user's time zone, for messages: the day as the user's
        language writes dates (04-03-2030 in Dutch, 03/04/2030 in American English)."""
        start_local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(start))
        stop_local = fields.Datetime.context_timestamp(self, fields.Datetime.from_string(stop))
        lang = self.env.context.get("lang") or self.env.user.lang
        return {"day": format_date(self.env, start_local.date(), lang_code=lang),
                "start": start_local.strftime("%H:%M"), "stop": stop_local.strftime("%H:%M")}

    @api.multi
    def _prepare_appointment_vals(self, backoffice, expert, start, stop, location):
        self.ensure_one()
        return {
            "name": _("Appointment %(ticket)s: %(subject)s") % {"ticket": self.number or "", "subject": self.name},
            "start": start,
            "stop": stop,
            "start_datetime": start,
            "stop_datetime": stop,
            "duration": (fields.Datetime.from_string(stop)
                         - fields.Datetime.from_string(start)).total_seconds() / 3600.0,
            "allday": False,
            "location": location or backoffice.appointment_location or self.company_id.gd_appointment_location or "",
            "description": html2plaintext(self.description or "").strip(),
            "user_id": expert.id,
            "partner_ids": [(6, 0, (expert.partner_id | self.partner_id).ids)],
            "ticket_id": self.id,
            "backoffice_id": backoffice.id or False,
            "expert_id": expert.id,
        }

    @api.multi
    def _book_appointment(self, backoffice, expert, start, duration, location=None):
        """Book the customer an appointment with ``expert`` at ``start`` (UTC) for ``duration`` hours.

        The expert and the customer become attendees; calendar sends both the invitation by e-mail.
        """
        self.ensure_one()
        self._check_desk_write_access()
        self._check_appointment_input(start, duration)
        start = fields.Datetime.to_string(fields.Datetime.from_string(start)) if start else False
        stop = (fields.Datetime.to_string(fields.Datetime.from_string(start) + timedelta(hours=duration))
                if start and duration and duration > 0 else False)
        self._check_can_book_appointment(backoffice, expert, start, stop)
        event = self.env["calendar.event"].create(
            self._prepare_appointment_vals(backoffice, expert, start, stop, location))
        period = self._format_period(start, stop)
        self.message_post(body=_("Appointment booked with %(expert)s on %(day)s from %(start)s to %(stop)s, "
                                 "%(location)s.") % dict(period, expert=expert.name, location=event.location or ""),
                          subtype="mail.mt_note")
        return event

    @api.multi
    def _get_portal_appointments(self):
        """This case's appointments in the customer's words, for the portal page."""
        self._check_portal_access()
        # The case was checked just above; the customer may not be an attendee of every appointment on it
        # (a principal reads the organisation's cases), so only customer-facing values leave this method.
        return self.sudo()._portal_appointment_rows()

    @api.multi
    def _portal_appointment_rows(self):
        return [{
            "start": event.start,
            "stop": event.stop,
            "expert": event.expert_id.name or event.user_id.name or "",
            "location": event.location or "",
        } for event in self.appointment_ids.sorted("start")]
