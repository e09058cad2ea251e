"""The isolation harness: every model in ir.model, as each organisation's employee and client principal.

Two organisations are built with full data (isolation_data.py). Then, as each of their portal users, every model
goes through search, search_read, read, read_group on every stored field, search on every field, name_search
and export_data. What comes back must hold no record of the other organisation (nor, for an employee, the
organisation's quotes, which are for its principals), no text of theirs and no desk-only text. A refusal
(AccessError) is a pass: it is what a customer should get. A model added next year is covered without
anyone remembering, because the list comes from ir.model.
"""
import logging
import time

from odoo.exceptions import AccessError, MissingError
from odoo.tests.common import SavepointCase

from . import isolation_data
from .isolation_data import forbidden_markers, foreign_ids

_logger = logging.getLogger(__name__)

# Field types read_group cannot group on in Odoo 11 (no column, or a column of file data).
NOT_GROUPABLE = ("one2many", "many2many", "binary")
TEXT_TYPES = ("char", "text", "html", "selection")
# Rows read per model for search_read, read and export_data, newest first (the organisations' data is the newest);
# the ids are checked over all records.
ROWS = 100
GROUPS = 1000  # groups per field; a model whose groups are more is checked on its total count only


class TestIsolation(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestIsolation, cls).setUpClass()
        isolation_data.build(cls, cls.env)
        cls.env.cache.invalidate()

    def test_employee_alfa(self):
        self.check_customer("a", self.employee_a)

    def test_principal_alfa(self):
        self.check_customer("a", self.principal_a)

    def test_employee_beta(self):
        self.check_customer("b", self.employee_b)

    def test_principal_beta(self):
        self.check_customer("b", self.principal_b)

    def test_the_fixtures_hold_what_the_harness_looks_for(self):
        """The harness only proves something if the other organisation's data is there to be found."""
        foreign = foreign_ids(self, self.employee_a, "a")
        for model in ("helpdesk.ticket", "gd.servicedesk.work.order", "sale.order", "gd.dva.agreement",
                      "gd.dva.line", "gd.billing.statement", "gd.billing.line", "ir.attachment", "mail.message",
                      "mail.followers", "calendar.event", "calendar.attendee", "mail.mail", "res.partner"):
            self.assertTrue(foreign.get(model), "no foreign %s to look for" % model)
        # the employee's own organisation's quote is forbidden to the employee, not to the principal
        self.assertIn(self.iso_quote_a.id, foreign["sale.order"])
        self.assertNotIn(self.iso_quote_a.id, foreign_ids(self, self.principal_a, "a")["sale.order"])
        # and the principal does read it: the harness is not passing because nothing is readable
        self.assertEqual(self.iso_quote_a.sudo(self.principal_a).read(["client_order_ref"])[0]["client_order_ref"],
                         isolation_data.QUOTE_MARKERS["a"])
        self.assertIn(isolation_data.MARKERS["a"], self.iso_ticket_a.sudo(self.employee_a).name)
        self.assertTrue(self.env["gd.dva.compliance"].search([("client_id", "=", self.org_a.id)]))

    # ------------------------------------------------------------------ the sweep

    def check_customer(self, key, user):
        started = time.time()
        checker = _Checker(self, user, foreign_ids(self, user, key), forbidden_markers(user, key))
        for model in self.env["ir.model"].search([], order="model").mapped("model"):
            begun = time.time()
            checker.check_model(model)
            checker.timings[model] = time.time() - begun
        _logger.info("isolation sweep as %s: %d models checked, %d without access, %d skipped, %.1fs; slowest: %s",
                     user.login, checker.checked, checker.no_access, len(checker.skipped), time.time() - started,
                     ", ".join("%s %.1fs" % item for item in sorted(
                         checker.timings.items(), key=lambda item: -item[1])[:12]))
        self.assertFalse(checker.failures, "%d leaks as %s:\n%s" % (
            len(checker.failures), user.login, "\n".join(checker.failures[:150])))
        self.assertGreater(checker.checked, 40, "the sweep read too few models to mean anything")


class _Checker(object):
    """Runs every method on every model as one user and collects what leaks."""

    def __init__(self, case, user, foreign, markers):
        self.case = case
        self.cr = case.env.cr
        self.env = case.env(user=user.id)
        self.user = user
        self.foreign = foreign
        self.markers = markers
        self.failures = []
        self.skipped = {}
        self.checked = 0
        self.no_access = 0
        self.timings = {}

    # -------------------------------------------------------------- helpers

    def attempt(self, label, function):
        """Run ``function``; None when refused (AccessError, MissingError: a pass). Anything else fails."""
        try:
            with self.cr.savepoint():
                return function()
        except (AccessError, MissingError):
            return None
        except Exception as error:  # noqa: BLE001 - every other error is a finding
            self.failures.append("%s: %s: %s" % (label, type(error).__name__, str(error).splitlines()[:1]))
            return None
        finally:
            self.env.cache.invalidate()

    def scan(self, label, value):
        text = repr(value)
        for marker in self.markers:
            if marker in text:
                start = text.index(marker)
                self.failures.append("%s returns %s: ...%s..." % (label, marker, text[max(0, start - 80):start + 20]))
                return

    def check_ids(self, label, model, ids):
        leaked = set(ids) & self.foreign.get(model, set())
        if leaked:
            self.failures.append("%s returns foreign %s ids %s" % (label, model, sorted(leaked)[:10]))

    # -------------------------------------------------------------- one model

    def check_model(self, model):
        if model not in self.env:
            self.skipped[model] = "not loaded in this registry (a leftover of an uninstalled module)"
            return
        Model = self.env[model]
        if Model._abstract:
            self.skipped[model] = "abstract: no table, nothing stored to read"
            return
        if Model._transient:
            self.skipped[model] = "transient: wizard rows, which Odoo lets only their creator read"
            return
        if not Model.check_access_rights("read", raise_exception=False):
            self.no_access += 1
            self.check_refused(Model)
            return
        self.checked += 1
        fields = Model._fields
        allowed = {name for name, field in fields.items() if not field.groups or Model.user_has_groups(field.groups)}
        stored = [name for name, field in fields.items() if field.store]
        readable = [name for name in allowed if fields[name].type != "binary"]

        visible = self.attempt("%s.search" % model, lambda: Model.search([]))
        if visible is None:
            return
        ids = visible.ids
        self.check_ids("%s.search" % model, model, ids)
        self.check_refused(Model, visible_ids=set(ids))

        rows = self.attempt("%s.search_read" % model,
                            lambda: Model.search_read([], readable, limit=ROWS, order="id desc"))
        self.scan("%s.search_read" % model, rows)
        if rows:
            self.check_ids("%s.search_read" % model, model, [row["id"] for row in rows])
            self.scan("%s.read" % model,
                      self.attempt("%s.read" % model, lambda: Model.browse([row["id"] for row in rows]).read(readable)))

        self.check_read_group(Model, stored, allowed, len(ids))
        self.check_search(Model, allowed, set(ids))

        names = self.attempt("%s.name_search" % model, lambda: Model.name_search("", limit=ROWS))
        if names:
            self.check_ids("%s.name_search" % model, model, [record_id for record_id, _name in names])
            self.scan("%s.name_search" % model, names)
        for marker in self.markers:
            # a model without a name field ignores the text and lists what the user may see anyway
            label = "%s.name_search(%s)" % (model, marker)
            found = self.attempt(label, lambda: Model.name_search(marker))
            if found:
                self.check_ids(label, model, [record_id for record_id, _name in found])
                self.scan(label, found)
                if Model._rec_name in fields and set(record_id for record_id, _name in found) - set(ids):
                    self.failures.append("%s finds records that search([]) does not" % label)

        # "id" exports external ids, which Odoo makes on the fly: not a read
        exportable = [name for name in stored if name in allowed and fields[name].type != "binary" and name != "id"]
        if ids and exportable:
            exported = self.attempt("%s.export_data" % model,
                                    lambda: Model.browse(sorted(ids)[-ROWS:]).export_data(exportable))
            self.scan("%s.export_data" % model, exported)

    def check_refused(self, Model, visible_ids=frozenset()):
        """Reading the foreign records directly by id is refused (or they are not there)."""
        foreign = sorted(self.foreign.get(Model._name, set()) - visible_ids)[:50]
        if not foreign:
            return
        label = "%s.read(foreign ids)" % Model._name
        result = self.attempt(label, lambda: Model.browse(foreign).read(["display_name"]))
        if result:
            self.failures.append("%s returns %s" % (label, [row["id"] for row in result][:10]))

    def check_read_group(self, Model, stored, allowed, count):
        model = Model._name
        fields = Model._fields
        total = self.attempt("%s.read_group()" % model, lambda: Model.read_group([], ["id"], [], lazy=False))
        if total and total[0].get("__count", 0) != count:
            self.failures.append("%s.read_group counts %s records, search finds %s" % (
                model, total[0].get("__count"), count))
        for name in stored:
            field = fields[name]
            if field.type in NOT_GROUPABLE or not field.column_type or name == "id":
                continue
            label = "%s.read_group(%s)" % (model, name)
            rows = self.attempt(label, lambda: Model.read_group([], [name], [name], lazy=False,
                                                                limit=GROUPS if count > GROUPS else None))
            if name not in allowed:
                if rows is not None:
                    self.failures.append("%s: groups on a field the user may not read" % label)
                continue
            self.scan(label, rows)
            if rows and count <= GROUPS and sum(row["__count"] for row in rows) != count:
                self.failures.append("%s counts %s records, search finds %s" % (
                    label, sum(row["__count"] for row in rows), count))

    def check_search(self, Model, allowed, visible_ids):
        model = Model._name
        for name, field in Model._fields.items():
            if not (field.store or field.search):
                continue  # Odoo cannot search it at all
            label = "%s.search(%s)" % (model, name)
            if field.type in TEXT_TYPES and field.type != "selection":
                domain = ["|"] * (len(self.markers) - 1) + [(name, "ilike", marker) for marker in self.markers]
            else:
                domain = [(name, "!=", False)]
            found = self.attempt(label, lambda: Model.search(domain))
            if name not in allowed:
                if found is not None:
                    self.failures.append("%s: searches on a field the user may not read" % label)
                continue
            if found is None:
                continue
            if field.type in TEXT_TYPES and field.type != "selection":
                if found:
                    self.failures.append("%s finds records by a forbidden text: %s" % (label, found.ids[:10]))
            elif not set(found.ids) <= visible_ids and model not in ("ir.attachment",):
                self.failures.append("%s finds records that search([]) does not: %s" % (
                    label, sorted(set(found.ids) - visible_ids)[:10]))
            else:
                self.check_ids(label, model, found.ids)
