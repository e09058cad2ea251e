"""pytest set-up shared by every module's tests and the cross-module scenarios in tests/.

pytest-odoo loads the registry of the test database; this adds the in-process HTTP server
that Odoo's HttpCase talks to (portal routes are tested over real HTTP), on the test port
from the configuration, so it never reaches a server started by ``./gd run``.
"""
import odoo
import odoo.tests.common
import pytest


def _inside_addon(path):
    return any((folder / "__manifest__.py").is_file() for folder in list(path.parents)[:6])


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path, parent):
    """Collect files outside an add-on (the scenarios in tests/) as plain pytest modules.

    pytest-odoo 1.0.1 imports every file as ``odoo.addons.<folder>...``, which fails for them.
    """
    if _inside_addon(module_path):
        return None
    if module_path.name == "__init__.py":
        return pytest.Package.from_parent(parent, path=module_path)
    return pytest.Module.from_parent(parent, path=module_path)


@pytest.hookimpl(tryfirst=True)
def pytest_ignore_collect(collection_path, config):
    """Answer for paths outside an add-on before pytest-odoo does.

    pytest-odoo 1.0.1 (the last release for Python 3.7) looks for a manifest in the parent
    folders only and reads ``/__manifest__.py`` when it finds none, which crashes on an
    add-on folder itself and on ``tests/``. Where it would find one, it decides (None).
    """
    return None if _inside_addon(collection_path) else False


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
