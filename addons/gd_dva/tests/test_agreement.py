from odoo.exceptions import UserError, ValidationError

from .common import DvaCase


class TestAgreement(DvaCase):

    def test_number_from_sequence_and_defaults_from_catalogue(self):
        self.assertTrue(self.dva_a.name.startswith("DVA-"))
        self.assertNotEqual(self.dva_a.name, self.dva_j.name)
        # price and norm default to the catalogue's when not given
        self.assertEqual(self.line_a_software.price_unit, 12.5)
        self.assertEqual(self.line_a_software.lead_time, 3.0)
        self.assertEqual(self.line_a_software.lead_time_unit, "days")
        # given values stay
        self.assertEqual(self.line_a_pocket.price_unit, 42.0)
        self.assertEqual(self.line_a_pocket.lead_time, 2.0)
        self.assertEqual(self.line_a_pocket.price_subtotal, 40 * 42.0)
        self.assertEqual(self.dva_a.amount_monthly, 40 * 42.0 + 100 * 12.5)

    def test_onchange_item_fills_price_and_norm(self):
        line = self.env["gd.dva.line"].new({"product_tmpl_id": self.item_cards.id})
        line._onchange_product_tmpl_id()
        self.assertEqual(line.price_unit, 35.0)
        self.assertEqual(line.lead_time, 5.0)
        self.assertEqual(line.lead_time_unit, "days")

    def test_onchange_client_sets_kind_principal_and_account_manager(self):
        agreement = self.env["gd.dva.agreement"].new({"client_id": self.org_j.id})
        agreement._onchange_client_id()
        self.assertEqual(agreement.kind, "third_party")
        self.assertEqual(agreement.principal_id, self.principal_j.partner_id)
        self.assertEqual(agreement.account_manager_id, self.account_manager)

    def test_no_overlapping_active_dvas_of_the_same_kind(self):
        second = self.make_agreement(self.org_a, self.principal_a.partner_id,
                                     [{"product_tmpl_id": self.item_cards.id}], activate=False,
                                     date_start=self.period_end[:4] + "-06-01",
                                     date_end=self.period_end[:4] + "-12-31")
        with self.refused(ValidationError) as error:
            second.action_activate()
        self.assertIn("already has an active DVA", error.exception.name)
        self.assertIn(self.dva_a.name, error.exception.name)
        # after the first one is ended, the second may become active
        self.dva_a.action_end()
        second.action_activate()
        self.assertEqual(second.state, "active")

    def test_kind_follows_the_client(self):
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_b, self.principal_b.partner_id,
                                [{"product_tmpl_id": self.item_pocket.id}], kind="third_party")
        self.assertIn("not a third party", error.exception.name)
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_j, self.principal_j.partner_id,
                                [{"product_tmpl_id": self.item_pocket.id}], kind="plus", activate=False,
                                date_start="2001-01-01", date_end="2001-12-31")
        self.assertIn("is a third party", error.exception.name)

    def test_principal_of_another_organisation_is_refused(self):
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_b, self.principal_a.partner_id, [{"product_tmpl_id": self.item_pocket.id}])
        self.assertIn("does not belong to Directie Beta", error.exception.name)

    def test_period_inside_the_framework(self):
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_b, self.principal_b.partner_id, [{"product_tmpl_id": self.item_pocket.id}],
                                date_start="1999-06-01", date_end="2000-05-31")
        self.assertIn("inside the period of the framework agreement", error.exception.name)
        with self.refused(ValidationError):
            self.make_agreement(self.org_b, self.principal_b.partner_id, [{"product_tmpl_id": self.item_pocket.id}],
                                date_start="2005-06-01", date_end="2005-05-31")
        # the framework cannot shrink around its DVAs either
        with self.refused(ValidationError):
            self.framework.write({"date_end": "2001-12-31"})

    def test_lines_only_for_catalogue_items(self):
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_b, self.principal_b.partner_id,
                                [{"product_tmpl_id": self.item_not_catalog.id}])
        self.assertIn("not a catalogue item", error.exception.name)

    def test_quantities_and_prices_not_negative(self):
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id,
                                    [{"product_tmpl_id": self.item_pocket.id}], activate=False)
        line = draft.line_ids
        with self.refused(ValidationError) as error:
            line.write({"quantity": -1})
        self.assertIn("quantity of DT Pocketcomputer cannot be negative", error.exception.name)
        with self.refused(ValidationError) as error:
            line.write({"price_unit": -0.01})
        self.assertIn("unit price of DT Pocketcomputer cannot be negative", error.exception.name)
        with self.refused(ValidationError):
            line.write({"target_pct": 101})
        line.write({"quantity": 0, "price_unit": 0})
        self.assertEqual(line.price_subtotal, 0.0)

    def test_third_party_dva_only_basis_and_plus(self):
        draft = self.make_agreement(self.org_j, self.principal_j.partner_id,
                                    [{"product_tmpl_id": self.item_pocket.id}], kind="third_party",
                                    activate=False, date_start="2001-01-01", date_end="2001-12-31")
        with self.refused(ValidationError) as error:
            draft.write({"line_ids": [(0, 0, {"product_tmpl_id": self.item_refit.id})]})
        self.assertIn("basis and plus services only", error.exception.name)
        draft.write({"line_ids": [(0, 0, {"product_tmpl_id": self.item_helpdesk.id})]})
        self.assertEqual(len(draft.line_ids), 2)

    def test_plus_dva_holds_no_basis_items(self):
        with self.refused(ValidationError) as error:
            self.make_agreement(self.org_b, self.principal_b.partner_id, [{"product_tmpl_id": self.item_room.id}])
        self.assertIn("basis service", error.exception.name)

    def test_norm_may_be_stricter_never_looser(self):
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id,
                                    [{"product_tmpl_id": self.item_pocket.id}], activate=False)
        line = draft.line_ids
        line.write({"lead_time": 4})
        line.write({"lead_time": 16, "lead_time_unit": "hours"})  # two working days: stricter than five
        with self.refused(ValidationError) as error:
            line.write({"lead_time": 6, "lead_time_unit": "days"})
        self.assertIn("looser than the catalogue's", error.exception.name)
        with self.refused(ValidationError):
            line.write({"lead_time": 41, "lead_time_unit": "hours"})
        with self.refused(ValidationError):
            line.write({"lead_time": 0})  # no norm at all is looser than five days

    def test_active_dva_is_locked(self):
        with self.refused(UserError):
            self.line_a_pocket.write({"quantity": 50})
        with self.refused(UserError):
            self.dva_a.write({"line_ids": [(0, 0, {"product_tmpl_id": self.item_cards.id})]})
        with self.refused(UserError):
            self.dva_a.write({"date_end": self.period_end[:4] + "-06-30"})
        with self.refused(UserError):
            self.line_a_pocket.unlink()
        with self.refused(UserError):
            self.dva_a.unlink()
        # the account manager and notes may change
        self.dva_a.write({"account_manager_id": self.other_account_manager.id, "note": "<p>Evaluatie in juni</p>"})
        self.assertEqual(self.dva_a.account_manager_id, self.other_account_manager)

    def test_activation_needs_lines_principal_and_active_framework(self):
        empty = self.make_agreement(self.org_b, self.principal_b.partner_id, [], activate=False)
        with self.refused(UserError) as error:
            empty.action_activate()
        self.assertIn("Add the agreed services", error.exception.name)
        no_principal = self.make_agreement(self.org_b, None, [{"product_tmpl_id": self.item_pocket.id}],
                                           activate=False)
        with self.refused(UserError) as error:
            no_principal.action_activate()
        self.assertIn("client principal", error.exception.name)

    def test_states_negotiation_end_and_terminate(self):
        draft = self.make_agreement(self.org_b, self.principal_b.partner_id,
                                    [{"product_tmpl_id": self.item_pocket.id}], activate=False)
        draft.action_negotiate()
        self.assertEqual(draft.state, "negotiation")
        with self.refused(UserError):
            draft.action_end()
        draft.action_activate()
        with self.refused(UserError) as error:
            draft.action_terminate()
        self.assertIn("why", error.exception.name)
        draft.termination_reason = "Directie opgeheven"
        draft.action_terminate()
        self.assertEqual(draft.state, "terminated")
        self.assertTrue(draft.termination_date)

    def test_renewal_creates_next_period_draft(self):
        renewal_action = self.dva_a.action_renew()
        renewal = self.env["gd.dva.agreement"].browse(renewal_action["res_id"])
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.previous_id, self.dva_a)
        self.assertEqual(renewal.client_id, self.org_a)
        self.assertEqual(renewal.principal_id, self.principal_a.partner_id)
        next_year = int(self.period_end[:4]) + 1
        self.assertEqual(renewal.date_start, "%d-01-01" % next_year)
        self.assertEqual(renewal.date_end, "%d-12-31" % (next_year + 2))  # as long as the current one: 3 years
        self.assertEqual(renewal.line_ids.mapped("product_tmpl_id"), self.dva_a.line_ids.mapped("product_tmpl_id"))
        pocket = renewal.line_ids.filtered(lambda line: line.product_tmpl_id == self.item_pocket)
        self.assertEqual((pocket.quantity, pocket.price_unit, pocket.lead_time, pocket.target_pct), (40, 42.0, 2, 95))
        self.assertNotEqual(renewal.name, self.dva_a.name)
        # the renewal does not overlap the current one and can be activated
        renewal.action_activate()
        self.assertEqual(renewal.state, "active")
        with self.refused(UserError):
            renewal.copy({"state": "draft", "date_start": "2001-01-01", "date_end": "2001-12-31"})._do_renew()

    def test_renewal_outside_framework_is_refused(self):
        self.framework.write({"date_end": self.period_end})
        with self.refused(UserError) as error:
            self.dva_a.action_renew()
        self.assertIn("Renew the framework agreement first", error.exception.name)

    def test_cron_ends_expired_agreements(self):
        old = self.make_agreement(self.org_b, self.principal_b.partner_id, [{"product_tmpl_id": self.item_pocket.id}],
                                  date_start="2001-01-01", date_end="2001-12-31")
        self.env["gd.dva.agreement"]._cron_end_expired()
        self.assertEqual(old.state, "ended")
        self.assertEqual(self.dva_a.state, "active")

    def test_framework_states(self):
        framework = self.env["gd.dva.framework"].create(
            {"name": "Mantel 2", "date_start": "2040-01-01", "date_end": "2041-12-31"})
        with self.refused(UserError) as error:
            framework.action_activate()
        self.assertIn("signatories", error.exception.name)
        with self.refused(UserError):
            self.framework.action_end()  # it still has active DVAs
        with self.refused(ValidationError):
            framework.write({"date_end": "2039-12-31"})
