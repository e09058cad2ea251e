"""Shared plumbing for the benchmarks: an Odoo registry, a query counter, a logged-in HTTP client.

A benchmark runs in-process against the disposable database ``./gd bench`` builds (no demo data),
commits the data it makes (HTTP requests read with their own cursors) and prints one Markdown
section with its measurements and whether each target holds.
"""
import argparse
import re
import statistics
import time
from contextlib import contextmanager

import odoo
from werkzeug.test import Client
from werkzeug.wrappers import BaseResponse


def open_registry(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--config", required=True)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    odoo.service.server.load_server_wide_modules()
    return odoo.registry(args.database)


@contextmanager
def environment(registry):
    """A superuser environment whose work is committed at the end of the block."""
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.commit()


def ensure(model, vals, key="name"):
    """The record of ``model`` whose ``key`` equals vals[key], created from ``vals`` when missing.

    Benchmarks run again on a reused database (``./gd bench --reuse``), so their set-up finds
    what an earlier run made.
    """
    return model.search([(key, "=", vals[key])], limit=1) or model.create(vals)


class QueryCounter(object):
    """Counts SQL statements executed by any cursor while active."""

    def __init__(self):
        self.count = 0
        self._original = None

    def __enter__(self):
        self._original = odoo.sql_db.Cursor.execute
        counter = self

        def execute(cursor, query, params=None, log_exceptions=None):
            counter.count += 1
            return counter._original(cursor, query, params, log_exceptions)
        odoo.sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        odoo.sql_db.Cursor.execute = self._original


class LocalClient(Client):
    """A WSGI test client whose requests come from 127.0.0.1, as Odoo's login expects an address."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("environ_base", {"REMOTE_ADDR": "127.0.0.1"})
        return super(LocalClient, self).open(*args, **kwargs)


def logged_in_client(login, password):
    client = LocalClient(odoo.service.wsgi_server.application, BaseResponse)
    page = client.get("/web/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/web/login", data={"login": login, "password": password, "csrf_token": token})
    if client.get("/my").status_code != 200:  # not logged in: a redirect to the login page
        raise RuntimeError("login of %s failed" % login)
    return client


def measure(client, url, repeat=5):
    """(median seconds, SQL statements of one request, status) for GET ``url`` after a warm-up."""
    first = client.get(url)
    timings = []
    for _ in range(repeat):
        with QueryCounter() as queries:
            started = time.perf_counter()
            resp = client.get(url)
            timings.append(time.perf_counter() - started)
    return statistics.median(timings), queries.count, resp.status_code or first.status_code


def verdict(ok):
    return "met" if ok else "NOT MET"
