from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError

from .common import ServicedeskCase


class TestDeliveryMonth(ServicedeskCase):
    """The month a delivery belongs to: the month it was done in, in the company's time zone setting."""

    @classmethod
    def setUpClass(cls):
        super(TestDeliveryMonth, cls).setUpClass()
        cls.ticket = cls.new_ticket(cls, cls.portal_a.partner_id, "Maandgrens")

    def done_at(self, done_date):
        order = self.WorkOrder.create({"ticket_id": self.ticket.id, "product_tmpl_id": self.item_login.id,
                                       "name": "Maandgrens", "start_date": "2025-03-01 08:00:00"})
        with patch.object(fields.Datetime, "now", staticmethod(lambda *args: done_date)):
            order._do_done()
        return order

    def sql_month(self, order):
        Order = self.env["gd.servicedesk.work.order"]
        self.env.cr.execute("SELECT %s FROM gd_servicedesk_work_order wo JOIN res_company c ON c.id = wo.company_id "
                            "WHERE wo.id = %%s" % Order._delivery_month_sql(), (order.id,))
        return self.env.cr.fetchone()[0]  # Odoo 11's cursor reads dates as strings

    def test_done_late_on_the_last_evening_belongs_to_the_next_month_in_amsterdam(self):
        self.assertEqual(self.env.user.company_id.gd_tz, "Europe/Amsterdam")
        # 23:30 UTC on 31 March 2025 is 01:30 on 1 April in Amsterdam (summer time, UTC+2)
        order = self.done_at("2025-03-31 23:30:00")
        self.assertEqual(order.delivery_month, "2025-04-01")
        self.assertEqual(self.sql_month(order), "2025-04-01")
        # 22:30 UTC on 31 January is 23:30 in Amsterdam (winter time, UTC+1): still January
        order = self.done_at("2025-01-31 22:30:00")
        self.assertEqual(order.delivery_month, "2025-01-01")
        self.assertEqual(self.sql_month(order), "2025-01-01")

    def test_the_company_setting_moves_the_month(self):
        self.env.user.company_id.gd_tz = "UTC"
        order = self.done_at("2025-03-31 23:30:00")
        self.assertEqual(order.delivery_month, "2025-03-01")
        self.assertEqual(self.sql_month(order), "2025-03-01")
        self.env.user.company_id.gd_tz = "Asia/Tokyo"   # UTC+9: 08:30 on 1 April
        self.assertEqual(order._get_delivery_month(), "2025-04-01")
        self.assertEqual(self.sql_month(order), "2025-04-01")

    def test_the_month_is_written_by_the_done_transition_only(self):
        order = self.done_at("2025-03-10 10:00:00")
        with self.assertRaises(AccessError):
            order.sudo(self.desk_agent).write({"delivery_month": "2025-02-01"})
        self.assertEqual(order.delivery_month, "2025-03-01")
