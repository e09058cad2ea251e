"""The configuration: odoo.conf plus the GD_* environment variables."""
import configparser
import os

from .base import ROOT, SetupError


class Config(object):
    """odoo.conf plus GD_* environment overrides, written out with absolute paths."""

    ENV_OVERRIDES = {
        "GD_DB_HOST": "db_host", "GD_DB_PORT": "db_port", "GD_DB_USER": "db_user",
        "GD_DB_PASSWORD": "db_password", "GD_DB_NAME": "db_name", "GD_HTTP_PORT": "http_port",
    }
    PATH_KEYS = ("data_dir", "logfile")

    def __init__(self):
        self.parser = configparser.ConfigParser(interpolation=None)
        source = os.path.join(ROOT, "odoo.conf")
        if not self.parser.read(source):
            raise SetupError("odoo.conf is missing at %s." % source)
        opts = self.parser["options"]
        for env_name, key in self.ENV_OVERRIDES.items():
            if os.environ.get(env_name):
                opts[key] = os.environ[env_name]
        if os.environ.get("GD_DB_NAME"):
            opts["dbfilter"] = "^%s$" % os.environ["GD_DB_NAME"]
        opts["addons_path"] = ",".join(
            os.path.join(ROOT, p.strip()) for p in opts["addons_path"].split(","))
        for key in self.PATH_KEYS:
            opts[key] = os.path.join(ROOT, opts[key])
        gd = self.parser["gd"]
        embedded = os.environ.get("GD_EMBEDDED_PG", gd.get("embedded_postgres", "True"))
        self.embedded = embedded.strip().lower() in ("1", "true", "yes")
        self.test_db = os.environ.get("GD_TEST_DB", gd.get("test_database", "gd_test"))
        self.test_http_port = int(os.environ.get("GD_TEST_HTTP_PORT", gd.get("test_http_port", "8169")))
        modules = os.environ.get("GD_MODULES") or gd.get("modules")
        self.modules = [m.strip() for m in modules.split(",") if m.strip()]
        self.language = gd.get("language", "nl_NL")

    def __getitem__(self, key):
        return self.parser["options"][key]

    @property
    def db_port(self):
        try:
            return int(self["db_port"])
        except ValueError:
            raise SetupError("db_port in odoo.conf must be a number, not %r." % self["db_port"])

    @property
    def http_port(self):
        return int(self["http_port"])

    def write(self, path, sections=None, **overrides):
        """Write the effective configuration for Odoo to ``path``; ``sections`` adds sections of its own
        (``{"queue_job": {"channels": "root:1"}}``)."""
        out = configparser.ConfigParser(interpolation=None)
        out["options"] = dict(self.parser["options"])
        for key, value in overrides.items():
            out["options"][key] = str(value)
        for section, values in (sections or {}).items():
            out[section] = {key: str(value) for key, value in values.items()}
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            out.write(fh)
        return path

    def libpq_env(self):
        env = dict(os.environ, PGHOST=self["db_host"], PGPORT=str(self.db_port), PGUSER=self["db_user"])
        if self["db_password"] not in ("", "False"):
            env["PGPASSWORD"] = self["db_password"]
        env["PGDATABASE"] = "postgres"
        return env


def production_options(cfg, port=None, jobs=True):
    """The [production] section of odoo.conf: Odoo's multi-process server sized for the machine.

    Returns (options, sections). ``port`` serves on another port (longpolling on port + 3), for a further
    process next to the first; ``jobs=False`` makes a process that serves pages only: no crons and no job runner
    (queue_job's root channel at capacity 0), as every process but one of a deployment should be.
    """
    if not cfg.parser.has_section("production"):
        raise SetupError("odoo.conf has no [production] section: add it (see the README, Production) to run "
                         "./gd run --production.")
    options = dict(cfg.parser["production"])
    channels = options.pop("queue_job_channels", "root:1")
    if port:
        options.update(http_port=str(port), longpolling_port=str(port + 3))
    if not jobs:
        options["max_cron_threads"] = "0"
        channels = "root:0"
    return options, {"queue_job": {"channels": channels}}
