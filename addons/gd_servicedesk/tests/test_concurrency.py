"""Two desk agents at once: one intake per ticket; a completing work order never closes an escalated case."""
import uuid

from odoo.addons.gd_catalog.tests.concurrency import ConcurrencyCase
from odoo.exceptions import UserError


class TestTicketConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestTicketConcurrency, self).setUp()
        suffix = uuid.uuid4().hex[:8]

        def make(env):
            backoffice = env["gd.backoffice"].create({"name": "Race office %s" % suffix, "code": "R%s" % suffix})
            item = env["product.template"].create({
                "name": "Race item %s" % suffix, "is_catalog_item": True, "type": "service",
                "backoffice_id": backoffice.id, "financing_class": "basis", "question_level": "operational",
                "lead_time": 2, "lead_time_unit": "days"})
            organisation = env["res.partner"].create({"name": "Race directorate %s" % suffix, "is_company": True,
                                                      "client_kind": "internal"})
            requester = env["res.partner"].create({"name": "Race requester", "parent_id": organisation.id})
            ticket = env["helpdesk.ticket"].create({
                "name": "Race %s" % suffix, "partner_id": requester.id, "description": "<p>race</p>",
                "channel_id": env["helpdesk.ticket.channel"]._get_by_code("phone").id})
            return backoffice.id, item.id, organisation.id, requester.id, ticket.id

        self.backoffice_id, self.item_id, self.organisation_id, self.requester_id, self.ticket_id = \
            self.committed(make)

        def remove(env):
            ticket = env["helpdesk.ticket"].browse(self.ticket_id)
            ticket.work_order_ids.unlink()
            ticket.unlink()
            env["product.template"].browse(self.item_id).unlink()
            env["gd.backoffice"].browse(self.backoffice_id).unlink()
            env["res.partner"].browse([self.requester_id, self.organisation_id]).unlink()

        self.cleanup(remove)

    def read(self, function):
        return self.committed(function)

    def intake(self, env):
        ticket = env["helpdesk.ticket"].browse(self.ticket_id)
        return len(ticket._do_intake(env["product.template"].browse(self.item_id)))

    def test_two_intakes_at_once_route_once(self):
        outcomes = self.at_once(self.intake, self.intake)
        _win, errors = self.assertOneWins(outcomes, UserError)
        self.assertIn("someone else", errors[0].name)
        count = self.read(lambda env: len(env["helpdesk.ticket"].browse(self.ticket_id).work_order_ids))
        self.assertEqual(count, 1)
        # And one after the other: the second intake of the same item is refused too.
        outcomes = self.at_once(self.intake)
        self.assertEqual(outcomes[0][0], "error")
        self.assertIn("already has work orders", outcomes[0][1].name)
        self.assertEqual(self.read(lambda env: len(env["helpdesk.ticket"].browse(self.ticket_id).work_order_ids)), 1)

    def test_complete_and_escalate_at_once(self):
        self.committed(self.intake)

        def complete(env):
            env["helpdesk.ticket"].browse(self.ticket_id).work_order_ids._do_done()
            return "done"

        def escalate(env):
            env["helpdesk.ticket"].browse(self.ticket_id)._do_escalate("Maatwerk nodig")
            return "escalated"

        outcomes = self.at_once(complete, escalate)
        win, _errors = self.assertOneWins(outcomes, UserError)

        def state(env):
            ticket = env["helpdesk.ticket"].browse(self.ticket_id)
            return ticket.stage_id.code, ticket.escalated, ticket.work_order_ids.mapped("state")

        stage, escalated, order_states = self.read(state)
        if win == "done":
            self.assertEqual((stage, escalated, order_states), ("done", False, ["done"]))
        else:
            self.assertEqual((stage, escalated, order_states), ("escalated", True, ["new"]))
