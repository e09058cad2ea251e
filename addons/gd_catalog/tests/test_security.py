from odoo.tests.common import SavepointCase


class TestGroups(SavepointCase):

    def test_manager_implies_user(self):
        manager = self.env.ref("gd_catalog.group_manager")
        user = self.env.ref("gd_catalog.group_user")
        self.assertIn(user, manager.trans_implied_ids)
        self.assertIn(self.env.ref("base.group_user"), user.trans_implied_ids)
