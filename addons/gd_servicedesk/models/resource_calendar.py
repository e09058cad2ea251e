import datetime
import logging

import pytz
from dateutil.easter import easter

from odoo import _, api, fields, models
from odoo.addons.resource.models.resource import to_tz
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    load_public_holidays = fields.Boolean(
        string="Dutch public holidays", default=True,
        help="The Dutch public holidays of this year and the next are kept as leaves of this calendar, "
             "refreshed every year: deadlines skip them.")

    @api.multi
    def _get_day_work_intervals(self, day_date, start_time=None, end_time=None, compute_leaves=False,
                                resource_id=None):
        """The working intervals of a day, remembered within one routing (``gd_calendar_memo`` in the context).

        Routing several parts at once plans each deadline on the same calendars over the same days; every
        day costs reads of the attendances and leaves. The memo lives as long as the routing's context.
        """
        memo = self.env.context.get("gd_calendar_memo")
        if memo is None:
            return super(ResourceCalendar, self)._get_day_work_intervals(
                day_date, start_time=start_time, end_time=end_time, compute_leaves=compute_leaves,
                resource_id=resource_id)
        key = (self.id, self.env.uid, self.env.context.get("tz"), day_date, start_time, end_time, compute_leaves, resource_id)
        if key not in memo:
            memo[key] = super(ResourceCalendar, self)._get_day_work_intervals(
                day_date, start_time=start_time, end_time=end_time, compute_leaves=compute_leaves,
                resource_id=resource_id)
        return memo[key]

    @api.multi
    def _get_leave_intervals(self, resource_id=None, start_datetime=None, end_datetime=None):
        """The leaves of the calendar, read once within one routing (``gd_calendar_memo`` in the context).

        Each day planned asks for the leaves around that day, a search each (the working-hours count of a
        deadline asks for its first and last day again, with other times). Within a routing the calendar's
        leaves are read once and filtered here as Odoo does: its date window in the search is wider than
        the filter that follows it (a leave ending after the start and beginning before the end, in the
        leave's own time zone), so the filter alone gives the same leaves, in the same order.
        """
        memo = self.env.context.get("gd_calendar_memo")
        if memo is None:
            return super(ResourceCalendar, self)._get_leave_intervals(
                resource_id=resource_id, start_datetime=start_datetime, end_datetime=end_datetime)
        self.ensure_one()
        key = ("leaves", self.id, self.env.uid, resource_id)
        if key not in memo:
            domain = ["|", ("resource_id", "=", resource_id), ("resource_id", "=", False)] if resource_id \
                else [("resource_id", "=", False)]
            leaves = self.env["resource.calendar.leaves"].search(domain + [("calendar_id", "=", self.id)])
            memo[key] = [(to_tz(fields.Datetime.from_string(leave.date_from), leave.tz),
                          to_tz(fields.Datetime.from_string(leave.date_to), leave.tz), leave) for leave in leaves]
        return [self._interval_new(date_from, date_to, {"leaves": leave}) for date_from, date_to, leave in memo[key]
                if (not start_datetime or date_to >= start_datetime)
                and (not end_datetime or date_from <= end_datetime)]

    @api.multi
    def _gd_day_intervals(self, day):
        """The working intervals of ``day`` (a local date) as sorted (begin, end) pairs of naive UTC datetimes,
        leaves taken off: the one place that reads the calendar's internals.

        Port: ``_get_day_work_intervals`` is gone from Odoo 12 on; there the intervals of a day come from
        ``self._work_intervals(start, stop)`` (aware datetimes of the day's local midnight and the next, leaves
        already taken off), converted back to naive UTC here.
        """
        self.ensure_one()
        intervals = self._get_day_work_intervals(day, compute_leaves=True)
        return sorted((interval[0], interval[1]) for interval in intervals)

    @api.multi
    def _gd_plan_working_days(self, start, days):
        """The end of the ``days``-th working day after the day of ``start`` (naive UTC datetimes).

        The day of ``start`` itself does not count: a request received on Friday with a norm of one
        working day is due at the end of the next working day. Days without attendance (weekends) and
        days fully covered by global leaves of the calendar (public holidays) are skipped. Dates are
        taken in the time zone of the context (``tz``), as everywhere in resource.calendar.
        """
        self.ensure_one()
        local_start = fields.Datetime.context_timestamp(self, start)
        day = local_start.date()
        counted = 0
        end = False
        # A calendar without any working time would loop forever; ten years is a hard stop.
        for _step in range(3660):
            day += datetime.timedelta(days=1)
            intervals = self._gd_day_intervals(day)
            if intervals:
                counted += 1
                end = max(interval[1] for interval in intervals)
                if counted >= days:
                    return end
        return end

    @api.multi
    def _gd_plan_working_hours(self, start, hours):
        """The moment ``hours`` working hours after ``start`` (naive UTC), skipping leaves.

        The hours are consumed interval by interval and the result lies inside working time: 4 hours
        from 08:00 on a day of 08-12 and 13-17 is 12:00 that day, 8 hours is 17:00 that day (Odoo's own
        plan_hours answers with the start of the next interval instead: 13:00, the next day 08:00).
        """
        self.ensure_one()
        if hours <= 0:
            return start
        remaining = datetime.timedelta(hours=hours)
        day = fields.Datetime.context_timestamp(self, start).date()
        for _step in range(3660):
            for begin, end in self._gd_day_intervals(day):
                if end <= start:
                    continue
                begin = max(begin, start)
                if end - begin >= remaining:
                    return begin + remaining
                remaining -= end - begin
            day += datetime.timedelta(days=1)
        return False

    @api.multi
    def _gd_working_hours_between(self, start, end):
        """Working hours on this calendar between two naive UTC datetimes, leaves excluded."""
        self.ensure_one()
        if not start or not end or end <= start:
            return 0.0
        return self.get_work_hours_count(start, end, None, compute_leaves=True)

    # ------------------------------------------------------------------ public holidays

    @api.model
    def _gd_get_public_holidays(self, years):
        """{date: name} of the Dutch public holidays in ``years``, from the ``holidays`` package.

        Good Friday is left out: it is not a day off in central government (the package lists it).
        """
        try:
            import holidays
        except ImportError:
            raise UserError(_("The Python package holidays is missing: install the requirements of the suite."))
        days = dict(holidays.country_holidays("NL", years=list(years), language="nl").items())
        for year in years:
            days.pop(easter(year) - datetime.timedelta(days=2), None)
        return days

    @api.multi
    def _gd_load_public_holidays(self, years=None):
        """Keep the Dutch public holidays of ``years`` (default: this year and the next) as global leaves.

        A holiday is a leave without resource covering the whole day in the time zone of the calendar's
        company (its front office time zone, ``gd_tz``); leaves loaded earlier for those years are updated, holidays that no longer apply are removed, leaves entered by hand are
        left alone. Returns the number of leaves created.
        """
        if not years:
            this_year = fields.Date.from_string(fields.Date.context_today(self)).year
            years = [this_year, this_year + 1]
        holidays = self._gd_get_public_holidays(years)
        Leave = self.env["resource.calendar.leaves"].sudo()
        created = 0
        for calendar in self.sudo():
            tz_name = (calendar.company_id or self.env.user.company_id).gd_tz
            tz = pytz.timezone(tz_name)
            existing = Leave.search([("calendar_id", "=", calendar.id), ("holiday_date", "!=", False),
                                     ("holiday_date", ">=", "%d-01-01" % min(years)),
                                     ("holiday_date", "<=", "%d-12-31" % max(years))])
            by_date = {leave.holiday_date: leave for leave in existing}
            for day, name in sorted(holidays.items()):
                start = tz.localize(datetime.datetime.combine(day, datetime.time.min))
                stop = tz.localize(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
                vals = {
                    "name": name,
                    "date_from": fields.Datetime.to_string(start.astimezone(pytz.UTC)),
                    "date_to": fields.Datetime.to_string(stop.astimezone(pytz.UTC)),
                    "tz": tz_name,
                }
                leave = by_date.pop(fields.Date.to_string(day), None)
                if leave:
                    leave.write(vals)
                else:
                    vals.update(calendar_id=calendar.id, resource_id=False, holiday_date=fields.Date.to_string(day),
                                company_id=calendar.company_id.id)
                    Leave.create(vals)
                    created += 1
            for leave in by_date.values():
                leave.unlink()
        return created

    @api.model
    def _cron_load_public_holidays(self):
        """Yearly: the public holidays of this year and the next into every calendar that keeps them."""
        calendars = self.sudo().search([("load_public_holidays", "=", True)])
        created = calendars._gd_load_public_holidays()
        _logger.info("Public holidays: %d leaves added to %d working calendars.", created, len(calendars))
        return True
