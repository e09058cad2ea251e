"""pytest set-up shared by every module's tests and the cross-module scenarios in tests/.

pytest-odoo loads the registry of the test database; this adds the in-process HTTP server
that Odoo's HttpCase talks to (portal routes are tested over real HTTP), on the test port
from the configuration, so it never reaches a server started by ``./gd run``.
"""
import odoo
import odoo.tests.common
import pytest


@pytest.fixture(scope="session", autouse=True)
def odoo_http_server():
    port = odoo.tools.config["http_port"]
    # HttpCase reads this module global when it builds URLs; it was frozen at import time,
    # before pytest-odoo parsed the configuration.
    odoo.tests.common.PORT = port
    server = odoo.service.server.ThreadedServer(odoo.service.wsgi_server.application)
    server.http_spawn()
    yield server
    httpd = getattr(server, "httpd", None)
    if httpd:
        httpd.shutdown()
