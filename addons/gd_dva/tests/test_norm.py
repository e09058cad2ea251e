from odoo.exceptions import ValidationError

from .common import DvaCase

# A Monday, 09:00 in Amsterdam (CET, UTC+1).
MONDAY_0900 = "2025-03-03 08:00:00"


class TestDvaNorm(DvaCase):
    """The DVA line's service level sets the work order's deadline instead of the catalogue's."""

    def work_order(self, partner, item, **extra):
        ticket = self.new_ticket(partner)
        values = {"ticket_id": ticket.id, "product_tmpl_id": item.id, "name": item.name, "start_date": MONDAY_0900}
        values.update(extra)
        return self.WorkOrder.sudo(self.desk_agent).create(values)

    def test_dva_norm_in_days_overrides_the_catalogue(self):
        agreed = self.work_order(self.employee_a.partner_id, self.item_pocket)
        catalogue = self.work_order(self.employee_b.partner_id, self.item_pocket)
        self.assertEqual(agreed.dva_line_id, self.line_a_pocket)
        self.assertFalse(catalogue.dva_line_id)
        self.assertEqual(agreed._get_norm(), (2.0, "days"))
        self.assertEqual(catalogue._get_norm(), (5.0, "days"))
        # Monday 09:00 + 2 working days: Tuesday, Wednesday until 17:00 Amsterdam (16:00 UTC); + 5: next Monday
        self.assertEqual(agreed.deadline, "2025-03-05 16:00:00")
        self.assertEqual(catalogue.deadline, "2025-03-10 16:00:00")
        self.assertLess(agreed.deadline, catalogue.deadline)

    def test_dva_norm_in_hours_overrides_a_norm_in_days(self):
        agreed = self.work_order(self.employee_j.partner_id, self.item_room)
        self.assertEqual(agreed.dva_line_id, self.line_j_room)
        self.assertEqual(agreed._get_norm(), (4.0, "hours"))
        # Monday 09:00 + 4 working hours with a lunch break 12-13 = 14:00 Amsterdam = 13:00 UTC
        self.assertEqual(agreed.deadline, "2025-03-03 13:00:00")

    def test_intake_orders_keep_the_catalogue_norm(self):
        order = self.work_order(self.employee_a.partner_id, self.item_pocket, kind="intake")
        self.assertFalse(order.dva_line_id)
        self.assertEqual(order._get_norm(), (5.0, "days"))

    def test_routing_to_another_item_follows_its_dva_line(self):
        order = self.work_order(self.employee_a.partner_id, self.item_cards)
        self.assertFalse(order.dva_line_id)
        order.sudo(self.desk_agent)._do_reroute(self.bo_ict, product_tmpl=self.item_software)
        self.assertEqual(order.dva_line_id, self.line_a_software)
        self.assertEqual(order._get_norm(), (3.0, "days"))

    def test_a_day_counts_the_companys_working_hours(self):
        """The catalogue's 5 days are 40 hours at 8 hours a day (the default) and 37.5 at 7.5 (Settings)."""
        line = {"product_tmpl_id": self.item_pocket.id, "quantity": 1, "lead_time": 38, "lead_time_unit": "hours"}
        self.make_agreement(self.org_c, self.principal_c.partner_id, [line], activate=False)
        self.company.gd_hours_per_day = 7.5
        with self.assertRaises(ValidationError):
            self.make_agreement(self.org_c, self.principal_c.partner_id, [line], activate=False)
        self.make_agreement(self.org_c, self.principal_c.partner_id, [dict(line, lead_time=37.5)], activate=False)
