"""The back offices' access to tickets stays a join at any size, and reaches databases installed earlier."""
import importlib.util
import os

from .common import ServicedeskCase

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations", "11.0.1.1.0")


def load_migration(name):
    spec = importlib.util.spec_from_file_location("gd_servicedesk_migration_%s" % name.replace("-", "_"),
                                                  os.path.join(MIGRATIONS, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestScaleRules(ServicedeskCase):

    def test_ticket_stores_the_back_offices_with_work_on_it(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        ticket._do_intake(self.item_workplace | self.item_login)
        self.assertEqual(ticket.backoffice_ids, self.bo_faz | self.bo_ict)
        order = ticket.work_order_ids.filtered(lambda o: o.backoffice_id == self.bo_ict)
        order.sudo(self.desk_agent).write({"backoffice_id": self.bo_fb.id})
        self.assertEqual(ticket.backoffice_ids, self.bo_faz | self.bo_fb)

    def test_backoffice_rule_is_a_join_not_a_list_of_ids(self):
        """The rule must not expand to the ids of every work order of the unit (18 s at a ministry's size)."""
        tickets = [self.new_ticket(self.portal_a.partner_id, name="Vraag %d" % n) for n in range(3)]
        for ticket in tickets:
            ticket._do_intake(self.item_workplace)
        Ticket = self.env["helpdesk.ticket"].sudo(self.faz_member)
        query = Ticket._where_calc([])
        Ticket._apply_ir_rules(query, "read")
        _from, where, _params = query.get_sql()
        self.assertIn("gd_servicedesk_ticket_backoffice_rel", where)
        visible = Ticket.search([("id", "in", [t.id for t in tickets])])
        self.assertEqual(len(visible), 3)
        self.assertFalse(self.env["helpdesk.ticket"].sudo(self.ict_member).search(
            [("id", "in", [t.id for t in tickets])]))

    def test_upgrade_fills_the_back_offices_and_rewrites_the_rule(self):
        ticket = self.new_ticket(self.portal_a.partner_id)
        ticket._do_intake(self.item_workplace)
        cr = self.env.cr
        rule = self.env.ref("gd_servicedesk.helpdesk_ticket_rule_backoffice")
        old_domain = ("['|', ('work_order_ids.backoffice_id.member_ids', 'in', [user.id]), "
                      "('work_order_ids.backoffice_id.manager_id', '=', user.id)]")
        cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", (old_domain, rule.id))
        cr.execute("DELETE FROM gd_servicedesk_ticket_backoffice_rel WHERE ticket_id = %s", (ticket.id,))
        load_migration("pre-migrate").migrate(cr, "11.0.1.0.0")
        load_migration("post-migrate").migrate(cr, "11.0.1.0.0")
        cr.execute("SELECT backoffice_id FROM gd_servicedesk_ticket_backoffice_rel WHERE ticket_id = %s",
                   (ticket.id,))
        self.assertEqual([row[0] for row in cr.fetchall()], [self.bo_faz.id])
        rule.invalidate_cache()
        self.assertIn("backoffice_ids", rule.domain_force)
        self.assertNotIn("work_order_ids", rule.domain_force)
