import datetime

from odoo import api, fields, models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

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
            intervals = self._get_day_work_intervals(day, compute_leaves=True)
            if intervals:
                counted += 1
                end = max(interval[1] for interval in intervals)
                if counted >= days:
                    return end
        return end

    @api.multi
    def _gd_plan_working_hours(self, start, hours):
        """The moment ``hours`` working hours after ``start`` (naive UTC), skipping leaves."""
        self.ensure_one()
        return self.plan_hours(hours, start, compute_leaves=True)

    @api.multi
    def _gd_working_hours_between(self, start, end):
        """Working hours on this calendar between two naive UTC datetimes, leaves excluded."""
        self.ensure_one()
        if not start or not end or end <= start:
            return 0.0
        return self.get_work_hours_count(start, end, None, compute_leaves=True)
