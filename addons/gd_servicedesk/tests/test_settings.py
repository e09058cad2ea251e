from odoo.exceptions import ValidationError

from .common import ServicedeskCase, ServicedeskFixtures

FRIDAY_10_LOCAL = "2025-05-02 08:00:00"   # Friday 2 May 2025, 10:00 in Amsterdam (UTC+2)


class TestSettings(ServicedeskCase):
    """The front office's company settings (Settings screen), with the values of before as defaults."""

    def test_defaults_are_the_values_of_before(self):
        company = self.env["res.company"].create({"name": "Nieuw onderdeel"})
        self.assertEqual(
            (company.gd_tz, company.gd_at_risk_pct, company.gd_hours_per_day, company.gd_appointment_location),
            ("Europe/Amsterdam", 75.0, 8.0, "Serviceplein, spreekkamer"))

    def test_the_settings_screen_writes_the_company(self):
        self.env["res.config.settings"].create({
            "gd_tz": "Europe/Brussels", "gd_at_risk_pct": 50.0, "gd_hours_per_day": 7.5,
            "gd_appointment_location": "Loket 3"}).execute()
        company = self.env.user.company_id
        self.assertEqual(
            (company.gd_tz, company.gd_at_risk_pct, company.gd_hours_per_day, company.gd_appointment_location),
            ("Europe/Brussels", 50.0, 7.5, "Loket 3"))
        shown = self.env["res.config.settings"].create({})
        self.assertEqual((shown.gd_tz, shown.gd_at_risk_pct), ("Europe/Brussels", 50.0))

    def test_the_at_risk_share_moves_the_warn_date(self):
        self.env.user.company_id.gd_at_risk_pct = 50.0
        ticket = ServicedeskFixtures.new_ticket(self, self.portal_a.partner_id, "Werkplek")
        order = self.WorkOrder.create({"ticket_id": ticket.id, "product_tmpl_id": self.item_workplace.id,
                                       "name": "Werkplek", "start_date": FRIDAY_10_LOCAL})
        # 3 working days: Monday, Tuesday, Wednesday until 17:00 local; 30 working hours from Friday 10:00
        self.assertEqual(order.deadline, "2025-05-07 15:00:00")
        # half of them: Friday 6, Monday 8, Tuesday 8:00-9:00 local
        self.assertEqual(order.warn_date, "2025-05-06 07:00:00")

    def test_the_share_and_the_day_must_make_sense(self):
        for vals in ({"gd_at_risk_pct": 0.0}, {"gd_at_risk_pct": 100.0}, {"gd_hours_per_day": 0.0},
                     {"gd_hours_per_day": 25.0}):
            with self.assertRaises(ValidationError):
                self.env["res.company"].create(dict(vals, name="Onderdeel %s" % sorted(vals.items())))

    def test_the_company_appointment_location_for_back_offices_without_one(self):
        self.env.user.company_id.gd_appointment_location = "Loket 3"
        backoffice = self.env["gd.backoffice"].create({"name": "Nieuw", "code": "TNW"})
        self.assertEqual(backoffice.appointment_location, "Loket 3")
        self.bo_faz.appointment_location = False
        ticket = ServicedeskFixtures.new_ticket(self, self.portal_a.partner_id, "Afspraak")
        event = ticket.sudo(self.desk_agent)._book_appointment(
            self.bo_faz, self.faz_member, "2030-03-04 09:00:00", 1.0, None)
        self.assertEqual(event.location, "Loket 3")

    def test_the_received_notice_writes_the_deadline_in_the_company_time_zone(self):
        ticket = ServicedeskFixtures.new_ticket(self, self.portal_a.partner_id, "Werkplek")
        self.WorkOrder.create({"ticket_id": ticket.id, "product_tmpl_id": self.item_workplace.id,
                               "name": "Werkplek", "start_date": FRIDAY_10_LOCAL})
        self.assertEqual(ticket.deadline, "2025-05-07 15:00:00")
        template = self.env.ref("gd_servicedesk.mail_template_ticket_received")
        body = template.render_template(template.body_html, "helpdesk.ticket", ticket.ids)[ticket.id]
        self.assertIn("07-05-2025 17:00", body)   # Amsterdam, summer time
        self.env.user.company_id.gd_tz = "Asia/Tokyo"
        body = template.render_template(template.body_html, "helpdesk.ticket", ticket.ids)[ticket.id]
        self.assertIn("08-05-2025 00:00", body)
