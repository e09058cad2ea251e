"""The isolation harness over HTTP: every GET route of the installed modules, with the other organisation's ids.

The route list comes from Odoo's routing map, so a route added next year is covered without anyone remembering.
Each argument gets the other organisation's records (an id of each kind of record it owns, with its model where
the route names one, its tokens and the suite's reports), plus an id beyond PostgreSQL's range. As each
organisation's employee and client principal, no answer may be a 500, and none may show the other
organisation's text (or, to an employee, the organisation's quotes) or desk-only text.
"""
import logging
import time

import odoo
from odoo import http
from odoo.addons.gd_catalog.tests.common import GdHttpCase
from odoo.tests import common as odoo_common
from odoo.tests.common import at_install, post_install

from . import isolation_data
from .isolation_data import PASSWORD_SUFFIX, forbidden_markers, foreign_ids

_logger = logging.getLogger(__name__)

# Routes not to call in a sweep: they end the session or act on databases and the server, not on records.
SKIPPED_PREFIXES = (
    "/web/session/logout", "/web/database", "/longpolling", "/web/tests", "/web/webclient/qweb",
    "/web/webclient/locale", "/web/webclient/translations", "/web/webclient/csslist", "/web/webclient/jslist",
    "/web/webclient/version_info", "/web/webclient/bootstrap_translations", "/web/content/web.assets",
    "/web/binary/company_logo", "/logo", "/web/static",
)
HUGE_ID = 2 ** 40
# Models whose records the routes take by id, in the order their candidates are tried.
ID_MODELS = ("helpdesk.ticket", "sale.order", "gd.dva.agreement", "gd.billing.statement", "ir.attachment",
             "gd.servicedesk.work.order", "mail.message", "calendar.event", "res.partner", "gd.dva.line")
BINARY_FIELDS = {"ir.attachment": "datas", "res.partner": "image"}


@at_install(False)
@post_install(True)
class TestIsolationRoutes(GdHttpCase):

    def setUpHttpData(self):
        isolation_data.build(self, self.env)
        self.cr.commit()

    def url(self, path):
        return "http://%s:%s%s" % (odoo_common.HOST, odoo_common.PORT, path)

    def test_every_route_as_every_customer(self):
        rules = self.sweep_rules()
        self.assertGreater(len(rules), 50, "the routing map held too few routes to mean anything")
        failures = []
        for key, user in (("a", self.employee_a), ("a", self.principal_a), ("b", self.employee_b),
                          ("b", self.principal_b)):
            started = time.time()
            self.authenticate(user.login, user.login + PASSWORD_SUFFIX)
            candidates = self.candidates(user, key)
            markers = forbidden_markers(user, key)
            count = 0
            for rule in rules:
                for path in self.paths(rule, candidates):
                    count += 1
                    failures += self.check(user, path, markers)
            failures += self.check_posts(user, candidates, markers)
            _logger.info("route sweep as %s: %d requests over %d routes in %.1fs",
                         user.login, count, len(rules), time.time() - started)
        self.assertFalse(failures, "%d findings:\n%s" % (len(failures), "\n".join(failures[:150])))

    # ------------------------------------------------------------------ routes

    def sweep_rules(self):
        """The GET routes of type http of every installed module, from Odoo's routing map."""
        modules = [""] + odoo.conf.server_wide_modules + sorted(self.registry._init_modules)
        converters = self.env["ir.http"]._get_converters()
        routing = http.routing_map(modules, False, converters=converters)
        rules = []
        for rule in routing.iter_rules():
            endpoint = rule.endpoint.routing
            if endpoint.get("type") != "http" or rule.rule.startswith(SKIPPED_PREFIXES):
                continue
            if rule.methods and "GET" not in rule.methods:
                continue
            rules.append(rule)
        return rules

    def candidates(self, user, key):
        """(model, id, token) of the other organisation's records, one per kind, and an id out of range."""
        foreign = foreign_ids(self, user, key)
        other = self.iso_quote_b if key == "a" else self.iso_quote_a
        ticket = self.iso_ticket_b if key == "a" else self.iso_ticket_a
        tokens = {"sale.order": other.access_token, "helpdesk.ticket": ticket.sudo().satisfaction_token}
        result = []
        for model in ID_MODELS:
            ids = sorted(foreign.get(model, ()))
            if ids:
                result.append((model, ids[-1], tokens.get(model, "x")))
        if not user.partner_id.is_principal:
            own = self.iso_quote_a if key == "a" else self.iso_quote_b
            result.append(("sale.order", own.id, own.access_token))
        result.append(("res.partner", HUGE_ID, "x"))
        return result

    def reports(self):
        if not hasattr(self, "_reports"):
            self._reports = {report.model: report.report_name for report in self.env["ir.actions.report"].search(
                [("model", "in", list(ID_MODELS)), ("report_type", "in", ("qweb-pdf", "qweb-html", "xlsx"))])}
        return self._reports

    def paths(self, rule, candidates):
        """One path per candidate record (the arguments aligned on it), or the path itself without arguments."""
        if not rule.arguments:
            return [rule.rule] if "<" not in rule.rule else []
        paths = []
        for model, record_id, token in candidates:
            values = {}
            for name in rule.arguments:
                converter = rule._converters.get(name)
                kind = type(converter).__name__
                if kind in ("IntegerConverter", "NumberConverter"):
                    values[name] = record_id
                elif kind == "ModelConverter":
                    values[name] = record_id if converter.model == model else HUGE_ID
                elif kind == "ModelsConverter":
                    values[name] = str(record_id)
                elif name == "model":
                    values[name] = model
                elif name in ("field",):
                    values[name] = BINARY_FIELDS.get(model, "display_name")
                elif name in ("reportname", "report_name"):
                    values[name] = self.reports().get(model, "sale.report_saleorder")
                elif name == "converter":
                    values[name] = "pdf" if model != "res.partner" else "xlsx"
                elif name in ("docids", "id", "ids", "res_id", "order_id"):
                    values[name] = str(record_id)
                elif "token" in name:
                    values[name] = token
                else:
                    values[name] = "x"
            try:
                path = rule.build(values, append_unknown=False)[1]
            except Exception:  # noqa: BLE001 - a value the converter refuses: no such path to try
                continue
            paths.append(path)
        return sorted(set(paths))

    # ------------------------------------------------------------------ requests

    def check(self, user, path, markers, response=None):
        if response is None:
            response = self.opener.get(self.url(path), timeout=120, allow_redirects=False)
        findings = []
        if response.status_code >= 500:
            findings.append("%s GET %s: %s" % (user.login, path, response.status_code))
        text = response.content.decode("utf-8", "replace")
        for marker in markers:
            if marker in text:
                start = text.index(marker)
                findings.append("%s GET %s shows %s: ...%s..." % (
                    user.login, path, marker, text[max(0, start - 80):start + 20].replace("\n", " ")))
                break
        return findings

    def check_posts(self, user, candidates, markers):
        """The chatter and the account form, posted with the other organisation's ids and broken values."""
        page = self.opener.get(self.url("/my/account"), timeout=60).text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        csrf = page[start:page.index('"', start)]
        findings = []
        # a guessed token: the real one is the recipient's key and opens the record by design
        posts = [("/mail/chatter_post", {"res_model": model, "res_id": record_id, "message": "ZQPOST",
                                         "token": "guessed" if model == "sale.order" else ""})
                 for model, record_id, _token in candidates]
        posts += [("/mail/chatter_post", {"res_model": "helpdesk.ticket", "message": "ZQPOST"}),
                  ("/my/account", {"name": user.name, "phone": "1", "email": user.login + "@example.com",
                                   "street": "x", "city": "x", "country_id": "abc"})]
        for path, data in posts:
            response = self.opener.post(self.url(path), data=dict(data, csrf_token=csrf), timeout=60,
                                        allow_redirects=False)
            findings += ["POST " + finding for finding in self.check(user, path, markers, response)]
        self.env.cache.invalidate()
        if self.env["mail.message"].search([("body", "ilike", "ZQPOST")]):
            findings.append("%s posted a message on another organisation's record" % user.login)
        return findings
