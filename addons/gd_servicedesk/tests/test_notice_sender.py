from .common import ServicedeskCase


class TestNoticeSender(ServicedeskCase):
    """Every customer notice comes from the service desk, not from the user who happened to move the case."""

    def test_notices_come_from_the_service_desk(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Aanvraag")
        orders = ticket.sudo(self.desk_agent)._do_intake(self.item_room | self.item_workplace).sudo()
        room = orders.filtered(lambda order: order.product_tmpl_id == self.item_room)
        room.sudo(self.faz_member).action_start()
        room.sudo(self.faz_member).action_done()
        notices = ticket.message_ids.filtered(
            lambda message: message.subject and ("We received your request" in message.subject
                                                 or "is done" in message.subject))
        self.assertEqual(len(notices), 2)
        desk = self.env.ref("gd_catalog.partner_servicedesk")
        company = self.env.ref("base.main_company")
        for notice in notices:
            self.assertEqual(notice.author_id, desk)
            self.assertEqual(notice.email_from, '"Servicedesk GD" <%s>' % company.email)
        self.assertEqual(desk.name, "Servicedesk GD")
