"""The back offices' access to tickets stays a join at any size, and reaches databases installed earlier."""
import importlib.util
import os

from odoo.exceptions import UserError

from .common import ServicedeskCase

MIGRATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations")


def load_migration(name, version="11.0.1.1.0"):
    spec = importlib.util.spec_from_file_location(
        "gd_servicedesk_migration_%s_%s" % (version.replace(".", "_"), name.replace("-", "_")),
        os.path.join(MIGRATIONS, version, name + ".py"))
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

    def test_backoffice_rules_read_the_units_of_a_user_in_one_join(self):
        """A member or a manager reads a case and its answers through one join on the units of the user.

        An OR of the members' and the managers' joins kept PostgreSQL from using the index (0.13 s for each
        check of one case at a ministry's size), and the answers' rule listed the ids of every case of the unit.
        """
        self.bo_fb.write({"manager_id": self.ict_member.id})
        ticket = self.new_ticket(self.portal_a.partner_id)
        ticket._do_intake(self.item_salary)
        Ticket = self.env["helpdesk.ticket"].sudo(self.ict_member)
        query = Ticket._where_calc([])
        Ticket._apply_ir_rules(query, "read")
        _from, where, _params = query.get_sql()
        self.assertEqual(where.count("gd_servicedesk_ticket_backoffice_rel"), 1)
        self.assertEqual(Ticket.search([("id", "=", ticket.id)]), ticket, "the unit's manager reads its cases")
        self.assertFalse(self.env["helpdesk.ticket"].sudo(self.faz_member).search([("id", "=", ticket.id)]))
        Answer = self.env["gd.servicedesk.pattern.answer"].sudo(self.ict_member)
        query = Answer._where_calc([])
        Answer._apply_ir_rules(query, "read")
        from_clause, _where, _params = query.get_sql()
        self.assertIn("gd_servicedesk_pattern_answer__ticket_id", from_clause)

    def test_staff_filter_takes_every_operator_of_the_web_client(self):
        Backoffice = self.env["gd.backoffice"].sudo(self.desk_agent)
        member = self.faz_member
        self.assertIn(member, self.bo_faz.member_ids | self.bo_faz.manager_id)
        self.assertNotIn(member, self.bo_ict.member_ids | self.bo_ict.manager_id)
        for domain, faz_in in (([("staff_ids", "in", [member.id])], True),
                               ([("staff_ids", "=", member.id)], True),
                               ([("staff_ids", "ilike", member.name)], True),
                               ([("staff_ids", "!=", False)], True),
                               ([("staff_ids", "=", False)], False),
                               ([("staff_ids", "not in", [member.id])], False),
                               ([("staff_ids", "not ilike", member.name)], False)):
            found = Backoffice.search(domain)
            self.assertEqual(self.bo_faz in found, faz_in, domain)
            if domain[0][1] in ("not in", "not ilike"):
                self.assertIn(self.bo_ict, found, domain)

    def test_upgrade_gives_the_backoffice_rules_one_join(self):
        rules = [self.env.ref("gd_servicedesk.helpdesk_ticket_rule_backoffice"),
                 self.env.ref("gd_servicedesk.gd_servicedesk_pattern_answer_rule_backoffice")]
        old = ["['|', ('backoffice_ids.member_ids', 'in', [user.id]), ('backoffice_ids.manager_id', '=', user.id)]",
               "['|', ('ticket_id.backoffice_ids.member_ids', 'in', [user.id]), "
               "('ticket_id.backoffice_ids.manager_id', '=', user.id)]"]
        for rule, domain in zip(rules, old):
            self.env.cr.execute("UPDATE ir_rule SET domain_force = %s WHERE id = %s", (domain, rule.id))
        self.env["ir.rule"].invalidate_cache()
        load_migration("post-migrate", "11.0.1.4.0").migrate(self.env.cr, "11.0.1.3.0")
        self.env["ir.rule"].invalidate_cache()
        self.assertEqual([rule.domain_force for rule in rules],
                         ["[('backoffice_ids.staff_ids', 'in', [user.id])]",
                          "[('ticket_id.backoffice_ids.staff_ids', 'in', [user.id])]"])

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

    def test_upgrading_the_modules_recomputes_no_ticket_or_work_order(self):
        """An upgrade writes every updatable record of the modules' data again (channels, stages, teams...).

        A stored field of tickets or work orders that depends on a field of such a record would be recomputed
        for every ticket or work order pointing at it: a channel's code took an upgrade of a ministry-size
        database more than ten minutes.
        """
        self.env.cr.execute("SELECT DISTINCT model FROM ir_model_data WHERE NOT noupdate AND module LIKE 'gd\\_%%'")
        data_models = [row[0] for row in self.env.cr.fetchall() if row[0] in self.env]
        large = {"helpdesk.ticket", "gd.servicedesk.work.order"}
        triggered = set()
        for name in data_models:
            Model = self.env[name]
            for field in Model._fields.values():
                for dependent, _path in Model._field_triggers.get(field, []):
                    if dependent.model_name in large and dependent.store and dependent.model_name != name:
                        triggered.add("%s.%s <- %s.%s" % (dependent.model_name, dependent.name, name, field.name))
        self.assertIn("helpdesk.ticket.channel", data_models)
        self.assertFalse(triggered)

    def test_channel_kind_follows_the_channel_and_stays_once_used(self):
        phone = self.env["helpdesk.ticket.channel"]._get_by_code("phone")
        post = self.env["helpdesk.ticket.channel"]._get_by_code("post")
        ticket = self.new_ticket(self.portal_a.partner_id)
        ticket.write({"channel_id": phone.id})
        self.assertEqual(ticket.channel_code, "phone")
        ticket.write({"channel_id": post.id})
        self.assertEqual(ticket.channel_code, "post")
        with self.assertRaises(UserError):
            post.write({"code": "desk"})
        post.write({"code": "post", "name": "Brief"})
        unused = self.env["helpdesk.ticket.channel"].create({"name": "Chat", "code": "email"})
        unused.write({"code": "desk"})
        self.assertEqual(unused.code, "desk")
