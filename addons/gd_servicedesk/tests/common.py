"""Fixtures of the service desk tests: own users, organisations, back offices, calendar and items.

``ServicedeskFixtures.create_fixtures(holder, env)`` sets them as attributes on ``holder``: a
SavepointCase calls it once in setUpClass, an HttpCase in setUp (its requests share the test cursor).
"""
from functools import partial

from odoo.addons.gd_catalog.tests.common import PASSWORD_SUFFIX, FixtureBuilder  # noqa: F401 (PASSWORD_SUFFIX: for the tests)
from odoo.tests.common import SavepointCase



class ServicedeskFixtures(object):

    @staticmethod
    def create_fixtures(holder, env):
        env = FixtureBuilder.start(holder, env, "GD test week")

        user = partial(FixtureBuilder.user, env)

        holder.desk_agent = user("t_desk", "Desk Agent", ["gd_servicedesk.group_user"])
        holder.faz_member = user("t_faz", "FAZ Member", ["gd_servicedesk.group_backoffice"])
        holder.faz_manager = user("t_faz_mgr", "FAZ Manager", ["gd_servicedesk.group_backoffice"])
        holder.ict_member = user("t_ict", "ICT Member", ["gd_servicedesk.group_backoffice"])
        holder.account_manager = user("t_am", "Account Manager", ["gd_servicedesk.group_account_manager"])
        holder.other_account_manager = user("t_am2", "Other Account Manager", ["gd_servicedesk.group_account_manager"])
        holder.employee = user("t_employee", "Plain Employee", ["base.group_user"])

        backoffice = partial(FixtureBuilder.backoffice, env, calendar=holder.calendar)
        holder.bo_faz = backoffice("TFAZ", "Test Facilities", manager_id=holder.faz_manager.id,
                                   member_ids=[(6, 0, [holder.faz_member.id, holder.faz_manager.id])])
        holder.bo_ict = backoffice("TICT", "Test ICT", member_ids=[(6, 0, [holder.ict_member.id])])
        holder.bo_fb = backoffice("TFB", "Test Finance")
        holder.bo_po = backoffice("TPO", "Test HR")
        holder.bo_ci = backoffice("TCI", "Test Communication")
        holder.bo_desk = backoffice("TSD", "Test Service desk", is_service_desk=True,
                                    manager_id=holder.desk_agent.id)

        holder.org_a = FixtureBuilder.organisation(env, "Directie A", account_manager=holder.account_manager)
        holder.org_b = FixtureBuilder.organisation(env, "Directie B")

        portal_user = partial(FixtureBuilder.portal_user, env)

        holder.portal_a = portal_user("t_portal_a", "Anna A", holder.org_a, is_mandated=True)
        holder.portal_a2 = portal_user("t_portal_a2", "Arie A", holder.org_a)
        holder.principal_a = portal_user("t_principal_a", "Paula A", holder.org_a, is_principal=True)
        holder.portal_b = portal_user("t_portal_b", "Bert B", holder.org_b, is_mandated=True)

        item = partial(FixtureBuilder.item, env)

        holder.item_staff = item("T Personeelsbestand muteren", holder.bo_po, lead_time=5)
        holder.item_salary = item("T Salarisgegevens", holder.bo_fb, lead_time=2)
        holder.item_workplace = item("T Werkplek inrichten", holder.bo_faz, lead_time=3)
        holder.item_login = item("T Inloggegevens", holder.bo_ict, lead_time=4, unit="hours")
        holder.item_pass = item("T Bedrijfspas", holder.bo_ci, lead_time=2, notify_part_done=False)
        holder.item_room = item("T Zaalreservering", holder.bo_faz, lead_time=1)
        holder.item_tender = item("T Inkoopadvies", holder.bo_fb, lead_time=10, question_level="tactical")
        holder.item_department = item("T Nieuwe afdeling", holder.bo_faz, "custom", lead_time=20,
                                      question_level="strategic")
        holder.item_pocket = item("T Mobiele telefoon", holder.bo_ict, lead_time=2, needs_mandate=True)

        holder.pattern = item("T Nieuwe medewerker", holder.bo_desk, is_pattern=True)
        Question = env["gd.catalog.pattern.question"]
        q_hire = Question.create({"pattern_id": holder.pattern.id, "name": "Dienstverband", "is_required": True,
                                  "option_ids": [(0, 0, {"name": "Nieuw in dienst"}),
                                                 (0, 0, {"name": "Reeds in dienst"})]})
        q_dept = Question.create({"pattern_id": holder.pattern.id, "name": "Afdeling", "is_required": True,
                                  "option_ids": [(0, 0, {"name": "Andere afdeling"}),
                                                 (0, 0, {"name": "Huidige afdeling"})]})
        holder.opt_new, holder.opt_existing = q_hire.option_ids
        holder.opt_other_dept, holder.opt_same_dept = q_dept.option_ids
        Component = env["gd.catalog.pattern.component"]
        for block, options in ((holder.item_staff, []),
                               (holder.item_salary, [holder.opt_new]),
                               (holder.item_workplace, [holder.opt_other_dept]),
                               (holder.item_login, [holder.opt_new]),
                               (holder.item_pass, [holder.opt_new])):
            Component.create({"pattern_id": holder.pattern.id, "product_tmpl_id": block.id,
                              "option_ids": [(6, 0, [option.id for option in options])]})

        ServicedeskFixtures.desk_models(holder, env)

    @staticmethod
    def desk_models(holder, env):
        """The phone channel and the models of cases and parts, for ``new_ticket`` and the tests."""
        holder.channel_phone = env["helpdesk.ticket.channel"]._get_by_code("phone")
        holder.Ticket = env["helpdesk.ticket"]
        holder.WorkOrder = env["gd.servicedesk.work.order"]

    @staticmethod
    def new_ticket(holder, partner, name="Vraag", **extra):
        """A case of ``partner`` taken by phone by ``holder.desk_agent``, in ``holder.company``."""
        values = {"name": name, "partner_id": partner.id, "channel_id": holder.channel_phone.id,
                  "description": "<p>%s</p>" % name, "company_id": holder.company.id}
        values.update(extra)
        return holder.Ticket.sudo(holder.desk_agent).create(values).sudo()


class ServicedeskCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(ServicedeskCase, cls).setUpClass()
        ServicedeskFixtures.create_fixtures(cls, cls.env)

    def new_ticket(self, partner, name="Vraag", **extra):
        return ServicedeskFixtures.new_ticket(self, partner, name, **extra)
