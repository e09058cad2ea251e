from .common import ServicedeskCase

FRIDAY_10_LOCAL = "2025-05-02 08:00:00"   # Friday 2 May 2025, 10:00 in Amsterdam (UTC+2)
FRIDAY_16_LOCAL = "2025-05-02 14:00:00"


class TestDeadline(ServicedeskCase):
    """Deadlines on the back office calendar: Monday to Friday 8-12 and 13-17, Monday 5 May a holiday."""

    @classmethod
    def setUpClass(cls):
        super(TestDeadline, cls).setUpClass()
        cls.ticket = cls.Ticket.create({"name": "Deadline", "partner_id": cls.portal_a.partner_id.id})

    def _holiday(self):
        self.env["resource.calendar.leaves"].create({
            "name": "Bevrijdingsdag", "calendar_id": self.calendar.id, "tz": "Europe/Amsterdam",
            "date_from": "2025-05-04 22:00:00", "date_to": "2025-05-05 21:59:59"})

    def _order(self, item, start):
        return self.WorkOrder.create({"ticket_id": self.ticket.id, "product_tmpl_id": item.id,
                                      "name": item.name, "start_date": start})

    def test_working_days_skip_weekend(self):
        order = self._order(self.item_workplace, FRIDAY_10_LOCAL)   # 3 working days
        self.assertEqual(order.deadline, "2025-05-07 15:00:00", "Mon, Tue, Wed: Wednesday 17:00 local")

    def test_working_days_skip_weekend_and_holiday(self):
        self._holiday()
        order = self._order(self.item_workplace, FRIDAY_10_LOCAL)
        self.assertEqual(order.deadline, "2025-05-08 15:00:00", "Tue, Wed, Thu: Thursday 17:00 local")
        self.assertEqual(order.warn_date, "2025-05-08 06:30:00", "75% of 30 working hours: Thursday 8:30")

    def test_working_hours_skip_weekend_and_holiday(self):
        self._holiday()
        order = self._order(self.item_login, FRIDAY_16_LOCAL)   # 4 working hours
        self.assertEqual(order.deadline, "2025-05-06 09:00:00", "1 hour on Friday, 3 on Tuesday: 11:00 local")

    def test_deadline_state(self):
        self._holiday()
        order = self._order(self.item_workplace, FRIDAY_10_LOCAL)
        self.assertEqual(order._get_deadline_state("2025-05-08 06:00:00"), "on_time")
        self.assertEqual(order._get_deadline_state("2025-05-08 07:00:00"), "at_risk")
        self.assertEqual(order._get_deadline_state("2025-05-08 16:00:00"), "late")
        order._update_deadline_state("2025-05-08 16:00:00")
        self.assertEqual(order.deadline_state, "late")
        self.assertEqual(self.ticket.deadline_state, "late")

    def test_clock_stops_while_on_hold(self):
        import datetime
        order = self._order(self.item_workplace, FRIDAY_10_LOCAL)
        self.assertEqual((order.deadline, order.warn_date), ("2025-05-07 15:00:00", "2025-05-07 06:30:00"))
        # on hold from Monday 5 May 08:00 to Monday 12 May 08:00 (local): 24 and 16.5 working hours were left
        order._resume_deadlines(datetime.datetime(2025, 5, 5, 6, 0), datetime.datetime(2025, 5, 12, 6, 0))
        self.assertEqual(order.deadline, "2025-05-14 15:00:00", "24 working hours from Monday 12 May: Wed 17:00")
        self.assertEqual(order.warn_date, "2025-05-14 06:30:00", "16.5 working hours: Wednesday 08:30")
        # a part that was already late when the hold began stays late
        late = self._order(self.item_workplace, FRIDAY_10_LOCAL)
        late._resume_deadlines(datetime.datetime(2025, 5, 8, 6, 0), datetime.datetime(2025, 5, 12, 6, 0))
        self.assertEqual(late.deadline, "2025-05-07 15:00:00")

    def test_norm_hook_and_no_norm(self):
        no_norm = self.item_room.copy({"name": "Zonder norm", "lead_time": 0})
        order = self._order(no_norm, FRIDAY_10_LOCAL)
        self.assertEqual(order._get_norm(), (0.0, "days"))
        self.assertFalse(order.deadline)
        self.assertFalse(order.deadline_state)
