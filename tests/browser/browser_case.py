"""Journeys through the real web client and portal, in Debian's chromium driven by playwright-core.

A journey's records are made through the model flows in ``setUpHttpData`` on the test cursor that the
in-process server (see ``conftest.py``) serves its requests from, so they vanish with the test. The
browser steps live in ``journeys/<name>.js`` and run in one node process per step (``runner.js``); a
test may run several steps with model flows in between. A failing step leaves, under
``.local/browser/``, a screenshot of every window it had open and the server log of that step.
"""
import contextlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile

import odoo
import odoo.tests.common
from odoo.addons.gd_catalog.tests.common import GdHttpCase

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ARTIFACTS = os.path.join(ROOT, ".local", "browser")
NODE_MODULES = os.path.join(ROOT, ".local", "node", "node_modules")
CHROMIUM = os.environ.get("GD_CHROMIUM", "/usr/bin/chromium")
STEP_TIMEOUT = 300
LANGUAGE = "nl_NL"
# The bundles of the web client and the portal pages, compiled once outside the tests' transaction:
# made inside it, they would vanish with the test while the server's cache still points at them.
BUNDLES = ("web.assets_common", "web.assets_backend", "web_editor.summernote", "web_editor.assets_editor",
           "web.assets_frontend")


def document_text(content):
    """The text of a downloaded document, whitespace removed: a PDF (through pdftotext when present) or,
    as the test server renders reports, its HTML."""
    if content.startswith(b"%PDF"):
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", "-", "-"], input=content, stdout=subprocess.PIPE, check=True).stdout
            return re.sub(r"\s+", "", text.decode("utf-8"))
        from odoo.addons.gd_dva.tests.test_reports import pdf_text
        return pdf_text(content)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", " ", content.decode("utf-8"))))


class _StandInRequest(object):
    debug = False


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class BrowserCase(GdHttpCase):
    """Runs journey steps in chromium against the in-process server on the test database."""

    @classmethod
    def setUpClass(cls):
        super(BrowserCase, cls).setUpClass()
        cls.warm_assets()

    @classmethod
    def warm_assets(cls):
        """Compile the bundles as a request of the server would, and commit them.

        A bundle's version covers an inline list of the installed modules that is only filled in
        during a request (``get_modules_order`` in ir.qweb): a stand-in request gives the same list.
        """
        from odoo.addons.web.controllers import main as web_main
        dbname = odoo.tests.common.get_db_name()
        root = odoo.http.root
        if not root._loaded:  # the modules' web manifests, as on the server's first request
            root._loaded = True
            root.load_addons()
        module_boot = web_main.module_boot
        web_main.module_boot = lambda db=None: module_boot(db or dbname)
        odoo.http._request_stack.push(_StandInRequest())
        try:
            with odoo.registry(dbname).cursor() as cr:
                qweb = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.qweb"]
                for bundle in BUNDLES:
                    qweb._get_asset_nodes(bundle, {}, css=True, js=True)
        finally:
            odoo.http._request_stack.pop()
            web_main.module_boot = module_boot

    def setUp(self):
        super(BrowserCase, self).setUp()
        missing = [what for what, ok in (
            ("chromium at %s" % CHROMIUM, os.path.exists(CHROMIUM)),
            ("playwright-core in %s" % NODE_MODULES, os.path.isdir(os.path.join(NODE_MODULES, "playwright-core"))),
            ("node", shutil.which("node"))) if not ok]
        self.assertFalse(missing, "The browser journeys need %s: run them through ./gd test, which installs them."
                         % ", ".join(missing))

    def _hold_cursor(self):
        """Wait for the requests still running on the test cursor, then keep it until the next journey.

        The browser is gone when its journey ends, but a request it sent may still be running in a thread of the
        server on the cursor this test reads on: one cursor, two threads, and a statement of one fetched by the
        other. The requests take the cursor's lock; so does the test now, for its own reads."""
        if getattr(self, "_held_cursor", None) is None:
            self._held_cursor = self.registry.test_cr
            self._held_cursor.acquire()
            self.addCleanup(self._release_cursor)  # before HttpCase's own clean-up leaves the test mode

    def _release_cursor(self):
        cursor, self._held_cursor = getattr(self, "_held_cursor", None), None
        if cursor is not None:
            cursor.release()

    @contextlib.contextmanager
    def server_answering(self):
        """Within this block the server answers requests again, e.g. wkhtmltopdf fetching a report's stylesheets:
        the test, holding the cursor since its journey, would otherwise wait on a request that waits on it."""
        held = getattr(self, "_held_cursor", None) is not None
        self._release_cursor()
        try:
            yield
        finally:
            if held:
                self._hold_cursor()

    def dutch(self, *users):
        """The users read the screens in Dutch, in Amsterdam time, as GD staff and customers do."""
        lang = self.env["res.lang"].search([("code", "=", LANGUAGE)])
        self.assertTrue(lang, "The test database lacks %s: ./gd test loads it (rebuild or --reuse once)." % LANGUAGE)
        for user in users:
            user.write({"lang": LANGUAGE, "tz": "Europe/Amsterdam"})
            user.partner_id.write({"lang": LANGUAGE, "tz": "Europe/Amsterdam"})

    def credentials(self, user, password=None):
        from odoo.addons.gd_servicedesk.tests.common import PASSWORD_SUFFIX
        return {"login": user.login, "password": password or user.login + PASSWORD_SUFFIX, "name": user.name}

    def journey(self, name, **data):
        """Run the steps of ``journeys/<name>.js`` with ``data``; fail with its reason, screenshot and log.

        Returns what the journey read on the screens (the object its function returned).
        """
        self.cr.commit()  # TestCursor.commit: the server's requests see what the test made so far
        self._release_cursor()
        os.makedirs(ARTIFACTS, exist_ok=True)
        excerpt = os.path.join(ARTIFACTS, "%s-server.log" % name)
        handler = logging.FileHandler(excerpt, mode="w")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        loggers = [logging.getLogger(name) for name in ("odoo", "werkzeug")]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
        params = {"journey": name, "baseUrl": "http://127.0.0.1:%d" % odoo.tests.common.PORT,
                  "chromium": CHROMIUM, "artifacts": ARTIFACTS, "data": data}
        with tempfile.NamedTemporaryFile("w", suffix=".json") as fh:
            json.dump(params, fh)
            fh.flush()
            env = dict(os.environ, NODE_PATH=NODE_MODULES)
            try:
                res = subprocess.run([shutil.which("node"), os.path.join(HERE, "runner.js"), fh.name],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                                     env=env, cwd=HERE, timeout=STEP_TIMEOUT)
                output, failed = res.stdout, res.returncode != 0
            except subprocess.TimeoutExpired as exc:
                output, failed = "%s\nthe journey took longer than %ds" % (exc.output or "", STEP_TIMEOUT), True
            finally:
                for logger, level in zip(loggers, levels):
                    logger.removeHandler(handler)
                    logger.setLevel(level)
                handler.close()
        self._hold_cursor()
        if failed:
            self.fail("%s\nserver log of this journey: %s" % (output.strip(), excerpt))
        os.remove(excerpt)
        if os.environ.get("GD_JOURNEY_TRACE"):
            print(output)
        # the requests changed records behind this test's environment
        self.env["base"].invalidate_cache()
        results = [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("JOURNEY-RESULT ")]
        return json.loads(results[-1]) if results else {}
