"""Shared plumbing for the benchmarks: an Odoo registry, a query counter, a logged-in HTTP client, and
Odoo's production server started on a port of its own.

A benchmark runs in-process against the disposable database ``./gd bench`` builds (no demo data),
commits the data it makes (HTTP requests read with their own cursors) and prints one Markdown
section with its measurements and whether each target holds.
"""
import argparse
import configparser
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager

import requests

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


# ---------------------------------------------------------------------------------------------- servers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def server_config(config, database, port, workers, name, options=None, sections=None):
    """Write the configuration of a production server on ``port`` and return its path.

    The benchmark's configuration (``config``) with the [production] section of odoo.conf over it, ``workers``
    workers, longpolling on ``port + 1``, no crons unless ``options`` says so, logging to ``bench-<name>.log``.
    ``sections`` adds sections of its own (e.g. ``{"queue_job": {"channels": "root:1"}}``).
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    production = configparser.ConfigParser(interpolation=None)
    production.read(os.path.join(ROOT, "odoo.conf"))
    merged = dict(parser["options"])
    merged.update(production["production"] if production.has_section("production") else {})
    merged.update({"workers": str(workers), "http_port": str(port), "longpolling_port": str(port + 1),
                   "max_cron_threads": "0", "db_name": database, "dbfilter": "^%s$" % database,
                   "logfile": os.path.join(os.path.dirname(merged["logfile"]), "bench-%s.log" % name)})
    merged.update({key: str(value) for key, value in (options or {}).items()})
    sections = dict({"queue_job": {"channels": merged.pop("queue_job_channels", "root:1")}}, **(sections or {}))
    parser["options"] = merged
    for section, values in sections.items():
        parser[section] = {key: str(value) for key, value in values.items()}
    path = config.replace(".conf", "-%s.conf" % name)
    with open(path, "w") as fh:
        parser.write(fh)
    return path


def launch_server(path):
    """Start Odoo with the configuration at ``path`` in a process group of its own; returns the process.

    The job runner of queue_job reads its channels from the environment before the file: the file decides.
    A port another server already answers on is refused: the benchmark would measure that server.
    """
    port = int(dict(read_options(path))["http_port"])
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError("port %d is taken by another server; give the benchmark another one" % port)
    env = {key: value for key, value in os.environ.items() if not key.startswith("ODOO_QUEUE_JOB_")}
    return subprocess.Popen([sys.executable, os.path.join(ROOT, "tools", "odoo_launcher.py"), "-c", path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env)


def wait_for_server(process, port, logfile, seconds=180):
    """Wait until the server on ``port`` serves its login page; stop it and raise when it does not (or when the
    wait itself is cut short: an interrupted benchmark leaves no server behind)."""
    url = "http://127.0.0.1:%d/web/login" % port
    deadline = time.time() + seconds
    try:
        while time.time() < deadline:
            if process.poll() is not None:
                raise RuntimeError("the production server on port %d stopped while starting; see %s"
                                   % (port, logfile))
            try:
                if requests.get(url, timeout=5).status_code == 200:
                    return process
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("the production server on port %d did not answer within %d s; see %s"
                           % (port, seconds, logfile))
    except BaseException:
        stop_server(process)
        raise


def start_server(config, database, port, workers=2, name="server", options=None, sections=None):
    """Odoo's prefork server with the production settings on ``port``; returns the process once it answers."""
    path = server_config(config, database, port, workers, name, options, sections)
    logfile = dict(read_options(path))["logfile"]
    return wait_for_server(launch_server(path), port, logfile)


def read_options(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path)
    return parser["options"].items()


def stop_server(process):
    """Stop a server started by ``launch_server`` (its whole process group: workers and all)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
