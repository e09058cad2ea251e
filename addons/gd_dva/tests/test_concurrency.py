"""Two overlapping DVAs of one organisation activated at the same moment: one becomes active."""
import uuid

from odoo.addons.gd_catalog.tests.concurrency import ConcurrencyCase
from odoo.exceptions import UserError, ValidationError


class TestAgreementConcurrency(ConcurrencyCase):

    def setUp(self):
        super(TestAgreementConcurrency, self).setUp()
        suffix = uuid.uuid4().hex[:8]

        def make(env):
            Partner = env["res.partner"]
            backoffice = env["gd.backoffice"].create({"name": "Race office %s" % suffix, "code": "R%s" % suffix})
            item = env["product.template"].create({
                "name": "Race plus item %s" % suffix, "is_catalog_item": True, "type": "service",
                "backoffice_id": backoffice.id, "financing_class": "plus", "question_level": "operational",
                "lead_time": 5, "lead_time_unit": "days", "list_price": 10.0})
            organisation = Partner.create({"name": "Race directorate %s" % suffix, "is_company": True,
                                           "client_kind": "internal"})
            principal = Partner.create({"name": "Race principal", "parent_id": organisation.id,
                                        "is_principal": True})
            signatories = Partner.create({"name": "Race signatory 1"}) | Partner.create({"name": "Race signatory 2"})
            framework = env["gd.dva.framework"].create({
                "name": "Race framework %s" % suffix, "date_start": "2000-01-01", "date_end": "2099-12-31",
                "client_signatory_id": signatories[0].id, "gd_signatory_id": signatories[1].id})
            framework.action_activate()

            def agreement(start, end):
                return env["gd.dva.agreement"].create({
                    "framework_id": framework.id, "kind": "plus", "client_id": organisation.id,
                    "principal_id": principal.id, "date_start": start, "date_end": end,
                    "line_ids": [(0, 0, {"product_tmpl_id": item.id, "quantity": 1})]}).id

            first, second = agreement("2090-01-01", "2090-12-31"), agreement("2090-06-01", "2091-05-31")
            return {"backoffice": backoffice.id, "item": item.id, "partners": (principal | organisation
                                                                               | signatories).ids,
                    "framework": framework.id, "agreements": [first, second]}

        self.ids = self.committed(make)

        def remove(env):
            # Active DVAs and frameworks are never deleted by the application; the test removes its own.
            env.cr.execute("DELETE FROM gd_dva_agreement WHERE id IN %s", (tuple(self.ids["agreements"]),))
            env.cr.execute("DELETE FROM gd_dva_framework WHERE id = %s", (self.ids["framework"],))
            env.cache.invalidate()
            env["product.template"].browse(self.ids["item"]).unlink()
            env["gd.backoffice"].browse(self.ids["backoffice"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

        self.cleanup(remove)

    def activate(self, agreement_id):
        def action(env):
            return env["gd.dva.agreement"].browse(agreement_id).action_activate()
        return action

    def test_overlapping_activations_at_once(self):
        first, second = self.ids["agreements"]
        outcomes = self.at_once(self.activate(first), self.activate(second))
        self.assertOneWins(outcomes, (UserError, ValidationError))
        states = self.committed(lambda env: env["gd.dva.agreement"].browse([first, second]).mapped("state"))
        self.assertEqual(sorted(states), ["active", "draft"])

    def test_database_refuses_a_second_active_period(self):
        """Whatever code writes the state: the exclusion constraint holds in the database itself."""
        first, second = self.ids["agreements"]
        self.committed(lambda env: env["gd.dva.agreement"].browse(first).action_activate())

        def force(env):
            # The superuser may write states; the database still refuses the overlap.
            env["gd.dva.agreement"].browse(second).write({"state": "active"})

        outcomes = self.at_once(force)
        self.assertEqual(outcomes[0][0], "error")
        self.assertIn("active_period_excl", str(outcomes[0][1]))
