import datetime

from odoo import fields

from .common import ServicedeskCase

TUESDAY_08_LOCAL = "2025-05-06 06:00:00"   # Tuesday 6 May 2025, 08:00 in Amsterdam (UTC+2)
CHRISTMAS_EVE_10_LOCAL = "2025-12-24 09:00:00"   # Wednesday 24 December 2025, 10:00 in Amsterdam (UTC+1)


class TestHolidayCalendar(ServicedeskCase):
    """Dutch public holidays as leaves of the working calendars, and hour norms inside working hours."""

    @classmethod
    def setUpClass(cls):
        super(TestHolidayCalendar, cls).setUpClass()
        cls.ticket = cls.Ticket.create({"name": "Kalender", "partner_id": cls.portal_a.partner_id.id})
        cls.Leave = cls.env["resource.calendar.leaves"]

    def _holidays(self, calendar=None):
        return self.Leave.search([("calendar_id", "=", (calendar or self.calendar).id),
                                  ("holiday_date", "!=", False)], order="holiday_date")

    def _order(self, item, start):
        return self.WorkOrder.create({"ticket_id": self.ticket.id, "product_tmpl_id": item.id,
                                      "name": item.name, "start_date": start})

    def test_dutch_holidays_loaded_as_global_leaves(self):
        created = self.calendar._gd_load_public_holidays([2025, 2026])
        leaves = self._holidays()
        self.assertEqual(created, len(leaves))
        by_date = {leave.holiday_date: leave for leave in leaves}
        for day, name in (("2025-01-01", "Nieuwjaarsdag"), ("2025-04-21", "Tweede paasdag"),
                          ("2025-04-26", "Koningsdag"), ("2025-05-05", "Bevrijdingsdag"),
                          ("2025-05-29", "Hemelvaartsdag"), ("2025-06-09", "Tweede Pinksterdag"),
                          ("2025-12-25", "Eerste Kerstdag"), ("2025-12-26", "Tweede Kerstdag"),
                          ("2026-04-27", "Koningsdag"), ("2026-12-25", "Eerste Kerstdag")):
            self.assertEqual(by_date[day].name, name)
        self.assertNotIn("2026-05-05", by_date, "Bevrijdingsdag is a day off in lustrum years only")
        self.assertNotIn("2025-04-18", by_date, "Good Friday is not a day off in central government")
        christmas = by_date["2025-12-25"]
        self.assertFalse(christmas.resource_id)
        self.assertEqual(christmas.date_from, "2025-12-24 23:00:00")
        self.assertEqual(christmas.date_to, "2025-12-25 22:59:59")
        self.assertFalse(self.calendar.with_context(tz="Europe/Amsterdam")._get_day_work_intervals(
            datetime.date(2025, 12, 25), compute_leaves=True))

    def test_holidays_cover_the_day_in_the_company_time_zone(self):
        # Christmas 2025 in Tokyo (UTC+9, no summer time) runs from 24 December 15:00 to 25 December 14:59:59 UTC.
        self.calendar.company_id.gd_tz = "Asia/Tokyo"
        self.calendar._gd_load_public_holidays([2025])
        christmas = self._holidays().filtered(lambda leave: leave.holiday_date == "2025-12-25")
        self.assertEqual((christmas.date_from, christmas.date_to, christmas.tz),
                         ("2025-12-24 15:00:00", "2025-12-25 14:59:59", "Asia/Tokyo"))

    def test_refresh_is_idempotent_and_leaves_own_leaves_alone(self):
        own = self.Leave.create({"name": "Teamdag", "calendar_id": self.calendar.id, "tz": "Europe/Amsterdam",
                                 "date_from": "2025-09-01 06:00:00", "date_to": "2025-09-01 15:00:00"})
        self.calendar._gd_load_public_holidays([2025])
        count = len(self._holidays())
        self.assertEqual(self.calendar._gd_load_public_holidays([2025]), 0)
        self.assertEqual(len(self._holidays()), count)
        self.assertTrue(own.exists())

    def test_yearly_job_loads_this_year_and_next(self):
        cron = self.env.ref("gd_servicedesk.ir_cron_load_public_holidays")
        self.assertEqual(cron.code.strip(), "model._cron_load_public_holidays()")
        self.assertEqual((cron.interval_number, cron.interval_type), (12, "months"))
        other = self.env["resource.calendar"].create({"name": "Zonder feestdagen", "load_public_holidays": False})
        self.env["resource.calendar"]._cron_load_public_holidays()
        this_year = fields.Date.from_string(fields.Date.today()).year
        years = {int(leave.holiday_date[:4]) for leave in self._holidays()}
        self.assertEqual(years, {this_year, this_year + 1})
        self.assertFalse(self._holidays(other))

    def test_deadline_skips_christmas(self):
        self.calendar._gd_load_public_holidays([2025])
        order = self._order(self.item_room, CHRISTMAS_EVE_10_LOCAL)   # 1 working day
        self.assertEqual(order.deadline, "2025-12-29 16:00:00", "Monday 29 December 17:00 local")

    def test_four_hours_from_eight_is_noon(self):
        order = self._order(self.item_login, TUESDAY_08_LOCAL)   # 4 working hours
        self.assertEqual(order.deadline, "2025-05-06 10:00:00", "12:00 local, the same day")

    def test_eight_hours_from_eight_is_five_pm(self):
        eight = self.item_login.copy({"name": "Acht uur", "lead_time": 8})
        order = self._order(eight, TUESDAY_08_LOCAL)
        self.assertEqual(order.deadline, "2025-05-06 15:00:00", "17:00 local, the same day")
        nine = self.item_login.copy({"name": "Negen uur", "lead_time": 9})
        self.assertEqual(self._order(nine, TUESDAY_08_LOCAL).deadline, "2025-05-07 07:00:00",
                         "one hour into the next working day: Wednesday 09:00 local")

