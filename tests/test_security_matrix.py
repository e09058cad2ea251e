"""The roles x models x CRUD matrix of security_matrix.py, checked through the ORM as each role."""
import os

from odoo.tests.common import SavepointCase

from . import isolation_data
from .security_matrix import MATRIX, ROLES, render_markdown

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")


def actual_cell(env, user, model):
    """What ``user`` may do on ``model``, in the letters of the matrix."""
    Model = env[model].sudo(user)
    letters = ""
    if Model.check_access_rights("create", raise_exception=False):
        letters += "c"
    # Public attachments (the web client's compiled assets, made by any page view) are for everyone by design;
    # customers cannot make public files (see the isolation tests), so they do not count as data read.
    domain = [("public", "=", False)] if model == "ir.attachment" else []
    if Model.check_access_rights("read", raise_exception=False) and Model.search_count(domain):
        letters += "r"
    if Model.check_access_rights("write", raise_exception=False):
        letters += "w"
    if Model.check_access_rights("unlink", raise_exception=False):
        letters += "d"
    return letters or "-"


class TestSecurityMatrix(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestSecurityMatrix, cls).setUpClass()
        isolation_data.build(cls, cls.env)
        env = cls.env

        def user(login, groups):
            return env["res.users"].create({
                "name": login, "login": login, "email": login + "@example.com",
                "groups_id": [(6, 0, [env.ref(group).id for group in groups])]})

        cls.role_users = {
            "anonymous": env.ref("base.public_user"),
            "employee": cls.employee_a,
            "principal": cls.principal_a,
            "desk": cls.desk_agent,
            "backoffice": cls.expert,
            "account_manager": cls.account_manager,
            "dva_manager": user("t_matrix_dva", ["gd_dva.group_manager"]),
            "finance": cls.finance,
            "catalog_manager": user("t_matrix_catalog", ["gd_catalog.group_manager"]),
        }

    def test_every_cell_holds(self):
        wrong = []
        for model, _label, cells in MATRIX:
            for (role, _title), expected in zip(ROLES, cells):
                actual = actual_cell(self.env, self.role_users[role], model)
                if actual != expected:
                    wrong.append("%s as %s: matrix says %s, the ORM allows %s" % (model, role, expected, actual))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_matrix_is_complete(self):
        for model, _label, cells in MATRIX:
            self.assertIn(model, self.env, model)
            self.assertEqual(len(cells), len(ROLES), model)

    def test_readme_shows_the_matrix(self):
        with open(README) as handle:
            self.assertIn(render_markdown(), handle.read(), "README's security table differs from security_matrix.py")
