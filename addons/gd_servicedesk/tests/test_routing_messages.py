"""What one routing tells people: one note on the case, one notice per assignee, one receipt to the customer."""
import odoo

from .common import ServicedeskCase


class StatementCounter(object):
    """Counts the SQL statements of every cursor while active."""

    def __init__(self):
        self.count = 0
        self._execute = None

    def __enter__(self):
        self._execute = odoo.sql_db.Cursor.execute
        counter = self

        def execute(cursor, query, params=None, log_exceptions=None):
            counter.count += 1
            return counter._execute(cursor, query, params, log_exceptions)
        odoo.sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        odoo.sql_db.Cursor.execute = self._execute


class TestRoutingMessages(ServicedeskCase):

    def _notes(self, ticket, text):
        note = self.env.ref("mail.mt_note")
        return ticket.message_ids.filtered(lambda message: message.subtype_id == note and text in (message.body or ""))

    def test_one_note_on_the_case_names_every_part(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe collega")
        orders = ticket.sudo(self.desk_agent)._do_intake(
            self.env["product.template"], pattern=self.pattern, options=self.opt_new | self.opt_other_dept).sudo()
        self.assertEqual(len(orders), 5)
        notes = ticket.message_ids.filtered(lambda message: all(order.number in (message.body or "")
                                                                for order in orders))
        self.assertEqual(len(notes), 1, "one note lists the parts")
        self.assertEqual(notes.subtype_id, self.env.ref("mail.mt_note"), "internal: not for the customer")
        self.assertEqual(notes.author_id, self.desk_agent.partner_id)
        for order in orders:
            self.assertIn(order.backoffice_id.name, notes.body)
            self.assertNotIn(order.name, notes.body, "what a part is stays on the part")
            self.assertFalse(order.message_ids, "no creation note on each part: the case's note covers it")
            self.assertIn(self.desk_agent.partner_id, order.message_partner_ids, "its creator follows it")
        # The work order's own chatter is there for what happens later.
        orders[0].sudo(self.desk_agent).message_post(body="Later bericht", subtype="mail.mt_note")
        self.assertEqual(len(orders[0].message_ids), 1)

    def test_each_assignee_gets_one_notice_per_routing(self):
        Rule = self.env["gd.servicedesk.routing.rule"]
        Rule.create({"backoffice_id": self.bo_faz.id, "user_id": self.faz_member.id})
        Rule.create({"backoffice_id": self.bo_ict.id, "user_id": self.ict_member.id})
        self.bo_fb.member_ids = [(4, self.desk_agent.id)]
        Rule.create({"backoffice_id": self.bo_fb.id, "user_id": self.desk_agent.id})
        ticket = self.new_ticket(self.portal_a.partner_id, "Verhuizing")
        orders = ticket.sudo(self.desk_agent)._do_intake(
            self.item_room | self.item_workplace | self.item_login | self.item_salary).sudo()
        room, workplace, login, salary = [orders.filtered(lambda order, item=item: order.product_tmpl_id == item)
                                          for item in (self.item_room, self.item_workplace, self.item_login,
                                                       self.item_salary)]
        self.assertEqual((room | workplace).mapped("user_id"), self.faz_member)
        self.assertFalse(ticket.message_ids.filtered(lambda message: message.partner_ids & (
            self.faz_member | self.ict_member).mapped("partner_id")), "no notice on the case all back offices read")
        for member in (self.faz_member, self.ict_member):
            self.assertNotIn(member.name, "".join(ticket.message_ids.mapped("body")))
        faz = orders.mapped("message_ids").filtered(lambda message: self.faz_member.partner_id in message.partner_ids)
        self.assertEqual(len(faz), 1, "one notice for both parts of the facilities member")
        self.assertEqual((faz.model, faz.res_id), (room._name, min(room.id, workplace.id)), "on their first part")
        Message = self.env["mail.message"]
        self.assertFalse(Message.sudo(self.ict_member).search([("id", "=", faz.id)]),
                         "another back office does not read it")
        self.assertEqual(Message.sudo(self.faz_member).search([("id", "=", faz.id)]), faz)
        self.assertIn(self.faz_member.partner_id, faz.needaction_partner_ids)
        self.assertIn(room.number, faz.body)
        self.assertIn(workplace.number, faz.body)
        self.assertNotIn(login.number, faz.body, "another back office's part is not in it")
        ict = orders.mapped("message_ids").filtered(lambda message: self.ict_member.partner_id in message.partner_ids)
        self.assertEqual(len(ict), 1)
        self.assertIn(login.number, ict.body)
        self.assertFalse(orders.mapped("message_ids").filtered(
            lambda message: self.desk_agent.partner_id in message.partner_ids),
                         "who routes is not told of their own assignment")
        self.assertEqual(salary.user_id, self.desk_agent)
        for order, assignee in ((room, self.faz_member), (workplace, self.faz_member), (login, self.ict_member),
                                (salary, self.desk_agent)):
            self.assertIn(assignee.partner_id, order.message_partner_ids, "the assignee follows the part")
        self.assertEqual(len(room.message_follower_ids), 2, "the creator and the assignee, each once")
        subtypes = room.message_follower_ids.filtered(
            lambda follower: follower.partner_id == self.faz_member.partner_id).subtype_ids
        self.assertIn(self.env.ref("mail.mt_comment"), subtypes)
        # A second routing on the case notifies again, once.
        ticket.sudo(self.desk_agent)._do_intake(self.item_pocket)
        self.assertEqual(len(ticket.sudo().work_order_ids.mapped("message_ids").filtered(
            lambda message: self.ict_member.partner_id in message.partner_ids)), 2)

    def test_the_customer_gets_one_receipt(self):
        ticket = self.new_ticket(self.portal_a.partner_id, "Nieuwe collega")
        ticket.sudo(self.desk_agent)._do_intake(
            self.env["product.template"], pattern=self.pattern, options=self.opt_new | self.opt_other_dept)
        receipts = ticket.message_ids.filtered(lambda message: self.portal_a.partner_id in message.partner_ids)
        self.assertEqual(len(receipts), 1)
        self.assertEqual(receipts.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(receipts.message_type, "comment")
        self.assertEqual(receipts.author_id, self.env.ref("gd_catalog.partner_servicedesk"))
        self.assertIn(ticket.number, receipts.subject)
        self.assertIn(ticket.number, receipts.body)
        self.assertIn(self.portal_a.partner_id, receipts.needaction_partner_ids)
        self.assertTrue(self.env["mail.mail"].sudo().search([("mail_message_id", "=", receipts.id)]),
                        "the receipt goes out by e-mail")

    def test_the_receipt_is_in_the_customers_language(self):
        self.env["res.lang"].load_lang("nl_NL")
        self.portal_a.partner_id.lang = "nl_NL"
        ticket = self.new_ticket(self.portal_a.partner_id, "Werkplek")
        ticket.sudo(self.desk_agent)._do_intake(self.item_workplace)
        receipt = ticket.message_ids.filtered(lambda message: self.portal_a.partner_id in message.partner_ids)
        self.assertIn("Wij hebben uw aanvraag", receipt.subject + receipt.body)

    def test_each_further_part_costs_a_handful_of_statements(self):
        def cost(items):
            ticket = self.new_ticket(self.portal_a.partner_id, "Aanvraag")
            as_desk = ticket.sudo(self.desk_agent)
            as_desk.invalidate_cache()
            with StatementCounter() as counter:
                as_desk._do_intake(items)
            return counter.count
        cost(self.item_room)  # warm-up: caches of the registry
        one = cost(self.item_room)
        four = cost(self.item_room | self.item_workplace | self.item_salary | self.item_staff)
        # Each part used to cost some 118 statements, most of them its own messages.
        self.assertLess((four - one) / 3.0, 60, "statements per further part: %s" % ((four - one) / 3.0))
