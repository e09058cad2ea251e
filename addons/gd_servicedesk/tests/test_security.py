from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import ServicedeskCase


class TestGroups(SavepointCase):

    def test_group_chain(self):
        manager = self.env.ref("gd_servicedesk.group_manager")
        user = self.env.ref("gd_servicedesk.group_user")
        self.assertIn(user, manager.trans_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), user.trans_implied_ids)
        self.assertIn(self.env.ref("gd_catalog.group_desk"), user.trans_implied_ids)
        self.assertIn(self.env.ref("helpdesk_mgmt.group_helpdesk_user"), user.trans_implied_ids)
        for xmlid in ("gd_servicedesk.group_backoffice", "gd_servicedesk.group_account_manager"):
            group = self.env.ref(xmlid)
            self.assertNotIn(self.env.ref("gd_catalog.group_desk"), group.trans_implied_ids)
            self.assertNotIn(self.env.ref("helpdesk_mgmt.group_helpdesk_user_own"), group.trans_implied_ids)


class TestRecordRules(ServicedeskCase):

    @classmethod
    def setUpClass(cls):
        super(TestRecordRules, cls).setUpClass()
        # A's employee: FAZ and ICT parts; A's colleague: only an ICT part; B: a FAZ part
        cls.ticket_a = cls.Ticket.create({"name": "A werkplek", "partner_id": cls.portal_a.partner_id.id})
        cls.ticket_a._do_intake(cls.item_workplace | cls.item_login)
        cls.ticket_a2 = cls.Ticket.create({"name": "A2 inlog", "partner_id": cls.portal_a2.partner_id.id})
        cls.ticket_a2._do_intake(cls.item_login)
        cls.ticket_b = cls.Ticket.create({"name": "B zaal", "partner_id": cls.portal_b.partner_id.id})
        cls.ticket_b._do_intake(cls.item_room)
        cls.ticket_b_escalated = cls.Ticket.create({"name": "B afdeling", "partner_id": cls.portal_b.partner_id.id})
        cls.ticket_b_escalated._do_intake(cls.item_department)
        cls.all_tickets = cls.ticket_a | cls.ticket_a2 | cls.ticket_b | cls.ticket_b_escalated

    def _visible(self, user, model="helpdesk.ticket", records=None):
        records = records if records is not None else self.all_tickets
        return self.env[model].sudo(user).search([("id", "in", records.ids)])

    def test_backoffice_members_see_their_units_work(self):
        orders = self.all_tickets.mapped("work_order_ids")
        faz_orders = self._visible(self.faz_member, "gd.servicedesk.work.order", orders)
        ict_orders = self._visible(self.ict_member, "gd.servicedesk.work.order", orders)
        self.assertEqual(faz_orders.mapped("backoffice_id"), self.bo_faz)
        self.assertEqual(len(faz_orders), 2)
        self.assertEqual(ict_orders.mapped("backoffice_id"), self.bo_ict)
        self.assertEqual(len(ict_orders), 2)
        self.assertEqual(self._visible(self.faz_member), self.ticket_a | self.ticket_b)
        self.assertEqual(self._visible(self.ict_member), self.ticket_a | self.ticket_a2)
        ict_order = self.ticket_a.work_order_ids.filtered(lambda o: o.backoffice_id == self.bo_ict)
        with self.assertRaises(AccessError):
            ict_order.sudo(self.faz_member).read(["name"])
        with self.assertRaises(AccessError):
            ict_order.sudo(self.faz_member).action_done()
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.faz_member).write({"name": "Anders"})
        with self.assertRaises(AccessError):
            self.ticket_a2.sudo(self.faz_member).read(["name"])
        with self.assertRaises(AccessError):
            self.WorkOrder.sudo(self.faz_member).create({"ticket_id": self.ticket_a.id, "name": "x",
                                                         "backoffice_id": self.bo_faz.id})
        self.assertTrue(self._visible(self.faz_manager, "gd.servicedesk.work.order", orders))

    def test_desk_sees_everything(self):
        self.assertEqual(self._visible(self.desk_agent), self.all_tickets)

    def test_account_managers(self):
        self.assertEqual(self._visible(self.account_manager),
                         self.ticket_a | self.ticket_a2 | self.ticket_b_escalated)
        self.assertEqual(self._visible(self.other_account_manager), self.ticket_b_escalated)
        with self.assertRaises(AccessError):
            self.ticket_b.sudo(self.other_account_manager).read(["name"])

    def test_portal_users(self):
        self.assertEqual(self._visible(self.portal_a), self.ticket_a)
        self.assertEqual(self._visible(self.portal_a2), self.ticket_a2)
        self.assertEqual(self._visible(self.principal_a), self.ticket_a | self.ticket_a2)
        self.assertEqual(self._visible(self.portal_b), self.ticket_b | self.ticket_b_escalated)
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_b).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_a).write({"name": "Anders"})
        with self.assertRaises(AccessError):
            self.WorkOrder.sudo(self.portal_a).search([])
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_b)._get_portal_progress()
        with self.assertRaises(AccessError):
            self.ticket_a.sudo(self.portal_b)._get_portal_page()
        page = self.ticket_a.sudo(self.principal_a)._get_portal_page()
        self.assertEqual(page["parts"], self.ticket_a.sudo(self.principal_a)._get_portal_progress())
        self.assertEqual(page["answers"], self.ticket_a.sudo(self.principal_a)._get_portal_answers())
        self.assertEqual(page["appointments"], self.ticket_a.sudo(self.principal_a)._get_portal_appointments())

    def test_following_does_not_open_another_organisations_ticket(self):
        """helpdesk_mgmt's rule showed tickets followed by anyone of one's organisation."""
        self.ticket_b.message_subscribe(partner_ids=self.portal_a.partner_id.ids)
        self.assertNotIn(self.ticket_b, self._visible(self.portal_a))

    def test_principal_flag_takes_effect(self):
        self.assertEqual(self._visible(self.portal_a2), self.ticket_a2)
        self.portal_a2.partner_id.is_principal = True
        self.assertEqual(self._visible(self.portal_a2), self.ticket_a | self.ticket_a2)

    def test_desk_only_fields(self):
        self.assertEqual(
            self.env["product.template"]._fields["desk_procedure"].groups, "gd_catalog.group_desk")
        self.assertTrue(self.desk_agent.has_group("gd_catalog.group_desk"))
        self.assertFalse(self.faz_member.has_group("gd_catalog.group_desk"))
