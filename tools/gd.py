"""Set up, serve and test the GD front office suite (Odoo 11 on Python 3.7).

Run through the ``./gd`` shim, which picks the Python 3.7 interpreter. Standard library
only: this file runs before the virtual environment exists.

Everything it creates lives in ``.local/`` (ignored by git): the virtual environment, the
node tools, the embedded PostgreSQL cluster, the filestore and the logs. Every step checks
what exists first, so a second run, or a run after an interrupted one, picks up where the
earlier one stopped.
"""
import configparser
import errno
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
VENV = os.path.join(LOCAL, "venv")
VENV_PY = os.path.join(VENV, "bin", "python")
NODE_DIR = os.path.join(LOCAL, "node")
BIN_DIR = os.path.join(LOCAL, "bin")
LOG_DIR = os.path.join(LOCAL, "log")
RUN_DIR = os.path.join(LOCAL, "run")
LOCK_FILE = os.path.join(ROOT, "requirements.lock")
SETUP_LOG = os.path.join(LOG_DIR, "setup.log")
ODOO_PID = os.path.join(RUN_DIR, "odoo.pid")
LAUNCHER = os.path.join(ROOT, "tools", "odoo_launcher.py")
PG_PACKAGES_HINT = "sudo apt-get install -y postgresql   (Debian/Ubuntu: PostgreSQL 15 server binaries)"
NEEDED_FREE_BYTES = 2 * 1024 ** 3
DEMO_PASSWORD_NOTE = "the password of every demo user is its login"


class SetupError(Exception):
    """A problem the user can act on: printed as one clear message, no traceback."""


# --------------------------------------------------------------------------- output


def say(msg=""):
    print(msg, flush=True)


def step(msg):
    say("==> %s" % msg)


def log_line(msg):
    os.makedirs(LOG_DIR, exist_ok=True)
    with open(SETUP_LOG, "a") as fh:
        fh.write("[%s] %s\n" % (time.strftime("%Y-%m-%d %H:%M:%S"), msg))


def run_logged(cmd, what, show=None, env=None, cwd=ROOT, user=None):
    """Run ``cmd``, append its output to the setup log and echo selected lines.

    ``show`` is a function returning the text to print for an output line (or None).
    Raises SetupError naming the log when the command fails.
    """
    if user:
        cmd = ["runuser", "-u", user, "--"] + cmd
    log_line("$ %s" % " ".join(cmd))
    started = time.time()
    with open(SETUP_LOG, "a") as logfh:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd,
            universal_newlines=True, errors="replace")
        tail = []
        for line in proc.stdout:
            logfh.write(line)
            tail = (tail + [line.rstrip()])[-15:]
            text = show(line.rstrip()) if show else None
            if text:
                say("    %s" % text)
        rc = proc.wait()
    if rc != 0:
        joined = "\n".join(tail)
        if "No space left on device" in joined:
            raise SetupError(disk_full_message())
        raise SetupError(
            "%s failed (exit %s). Last lines:\n%s\nFull log: %s" % (what, rc, joined, SETUP_LOG))
    return time.time() - started


def disk_full_message():
    free = shutil.disk_usage(ROOT).free
    return ("The disk is full (%.1f GB free at %s). Free some space (the set-up needs about "
            "2 GB), then run the same command again: it resumes where it stopped."
            % (free / 1024 ** 3, ROOT))


# --------------------------------------------------------------------------- configuration


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

    def write(self, path, **overrides):
        """Write the effective configuration for Odoo to ``path``."""
        out = configparser.ConfigParser(interpolation=None)
        out["options"] = dict(self.parser["options"])
        for key, value in overrides.items():
            out["options"][key] = str(value)
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


# --------------------------------------------------------------------------- checks


def port_is_busy(port, host="127.0.0.1"):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(0.5)
    try:
        return sock.connect_ex((host, port)) == 0
    finally:
        sock.close()


def check_port_free(port, what, setting):
    if port_is_busy(port):
        raise SetupError("Port %d is already in use by another program, so %s cannot start. Stop that "
                         "program, or choose another port: %s." % (port, what, setting))


def check_disk():
    free = shutil.disk_usage(ROOT).free
    if free < NEEDED_FREE_BYTES and not os.path.exists(os.path.join(VENV, ".gd-stamp")):
        raise SetupError(disk_full_message())


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages, why):
    """Install Debian packages when we may (root with apt-get); else explain how."""
    if not (is_root() and shutil.which("apt-get")):
        raise SetupError("%s Install them with:\n    sudo apt-get install -y %s" % (why, " ".join(packages)))
    step("%s Installing Debian packages: %s" % (why, " ".join(packages)))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run_logged(["apt-get", "update", "-q"], "apt-get update", env=env)
    run_logged(["apt-get", "install", "-y", "-q"] + packages, "apt-get install", env=env)


# --------------------------------------------------------------------------- python


def lock_digest():
    with open(LOCK_FILE, "rb") as fh:
        data = fh.read()
    return hashlib.sha256(data + sys.version.encode()).hexdigest()


def venv_works():
    if not os.path.exists(VENV_PY):
        return False
    return subprocess.call(
        [VENV_PY, "-c", "import odoo, psycopg2, pytest_odoo"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0


def ensure_venv():
    stamp = os.path.join(VENV, ".gd-stamp")
    digest = lock_digest()
    if os.path.exists(stamp) and open(stamp).read().strip() == digest and venv_works():
        return
    check_disk()
    if os.path.exists(VENV) and subprocess.call(
            [VENV_PY, "-c", "pass"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
        say("    the virtual environment in %s is broken: recreating it" % VENV)
        shutil.rmtree(VENV)
    if not os.path.exists(VENV_PY):
        step("Creating the Python 3.7 virtual environment in .local/venv")
        run_logged([sys.executable, "-m", "venv", VENV], "Creating the virtual environment")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    run_logged([VENV_PY, "-m", "pip", "install", "-q", "-U", "pip<24", "setuptools<58", "wheel"],
               "Upgrading pip", env=env)
    step("Installing Odoo 11, its libraries and the OCA add-ons from requirements.lock "
         "(about 1-2 minutes, ~800 MB)")
    count = [0]

    def show(line):
        if line.startswith("Collecting "):
            count[0] += 1
            if count[0] % 10 == 0:
                return "%d packages fetched..." % count[0]
        if line.startswith("Successfully installed"):
            return "installed."
        return None

    run_logged([VENV_PY, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                "--progress-bar", "off", "-r", LOCK_FILE], "Installing Python packages",
               show=show, env=env)
    if not venv_works():
        raise SetupError("The Python packages installed, but Odoo does not import. See %s." % SETUP_LOG)
    with open(stamp, "w") as fh:
        fh.write(digest)


# --------------------------------------------------------------------------- node, wkhtmltopdf


def ensure_node_tools():
    """lessc, playwright-core and axe-core from package.json into .local/node (again when it changes)."""
    lessc = os.path.join(NODE_DIR, "node_modules", ".bin", "lessc")
    os.makedirs(BIN_DIR, exist_ok=True)
    package = os.path.join(ROOT, "package.json")
    stamp = os.path.join(NODE_DIR, ".gd-stamp")
    digest = hashlib.sha256(open(package, "rb").read()).hexdigest()
    if not (os.path.exists(lessc) and os.path.exists(stamp) and open(stamp).read().strip() == digest):
        npm = shutil.which("npm")
        if not npm:
            apt_install(["nodejs", "npm"], "Node.js and npm are missing (Odoo 11 compiles its CSS with lessc).")
            npm = shutil.which("npm")
        step("Installing the node tools from package.json (lessc for the stylesheets, playwright-core and "
             "axe-core for the browser journeys)")
        os.makedirs(NODE_DIR, exist_ok=True)
        shutil.copy(package, os.path.join(NODE_DIR, "package.json"))
        run_logged([npm, "install", "--no-audit", "--no-fund", "--no-package-lock"],
                   "Installing the node tools with npm", cwd=NODE_DIR,
                   env=dict(os.environ, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="1"))
        with open(stamp, "w") as fh:
            fh.write(digest)
    link(lessc, os.path.join(BIN_DIR, "lessc"))
    wk = os.path.join(VENV, "bin", "wkhtmltopdf-pack")
    link(wk, os.path.join(BIN_DIR, "wkhtmltopdf"))
    if subprocess.call([wk, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
        apt_install(["libxrender1", "libxext6", "libfontconfig1"],
                    "wkhtmltopdf (PDF reports) misses system libraries.")


CHROMIUM = os.environ.get("GD_CHROMIUM", "/usr/bin/chromium")


def ensure_chromium():
    """Debian's chromium for the browser journeys of ``./gd test`` (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        apt_install(["chromium"], "Chromium is missing (the browser journeys of the tests drive it).")
    if not os.path.exists(CHROMIUM):
        raise SetupError("Chromium is still missing at %s. Install Debian's chromium, or set GD_CHROMIUM "
                         "to its executable." % CHROMIUM)


def link(target, name):
    if os.path.islink(name) and os.readlink(name) == target:
        return
    if os.path.lexists(name):
        os.remove(name)
    os.symlink(target, name)


def tool_env(cfg):
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([BIN_DIR, os.path.join(VENV, "bin"), env.get("PATH", "")])
    env["TZ"] = "UTC"
    env["PYTHONUNBUFFERED"] = "1"  # progress lines arrive as they are written
    env.pop("PGDATABASE", None)
    return env


# --------------------------------------------------------------------------- postgresql


def has_pg_server(folder):
    return all(os.path.exists(os.path.join(folder, tool)) for tool in ("initdb", "pg_ctl", "postgres"))


def pg_bindir():
    """The folder of the PostgreSQL server binaries, or None. GD_PG_BIN, when set, is the only choice."""
    explicit = os.environ.get("GD_PG_BIN")
    if explicit:
        if not has_pg_server(explicit):
            raise SetupError("GD_PG_BIN=%s has no PostgreSQL server binaries (initdb, pg_ctl, postgres). "
                             "Install them (%s) or correct GD_PG_BIN." % (explicit, PG_PACKAGES_HINT))
        return explicit
    candidates = ["/usr/lib/postgresql/%s/bin" % v for v in ("15", "16", "17", "14", "13")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.strip()
        candidates.append(out)
    for cand in candidates:
        if cand and has_pg_server(cand):
            return cand
    return None


def pg_user():
    """The operating-system user the cluster runs as: PostgreSQL refuses to run as root."""
    return "postgres" if is_root() else None


def pg_home():
    """The folder of the embedded cluster: .local/, or when running as root in a checkout the
    postgres user cannot enter (e.g. under /root), a folder of its own under /var/lib."""
    user = pg_user()
    if user and subprocess.call(["runuser", "-u", user, "--", "test", "-x", LOCAL],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
        folder = os.path.join("/var/lib/gd-postgresql", hashlib.sha1(ROOT.encode()).hexdigest()[:12])
        os.makedirs(folder, exist_ok=True)
        shutil.chown(folder, user)
        os.chmod(folder, 0o700)
        return folder
    return LOCAL


def ensure_postgres(cfg):
    if not cfg.embedded:
        wait_for_server(cfg, external=True)
        return
    host = cfg["db_host"]
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SetupError(
            "embedded_postgres is on, but db_host is %s. The embedded cluster listens on loopback "
            "only: set db_host = 127.0.0.1, or embedded_postgres = False to use that server." % host)
    bindir = pg_bindir()
    if not bindir:
        if is_root() and shutil.which("apt-get"):
            apt_install(["postgresql"], "The PostgreSQL server binaries are missing.")
            bindir = pg_bindir()
        if not bindir:
            raise SetupError("The PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them:\n"
                             "    %s\nor set GD_PG_BIN to their folder." % PG_PACKAGES_HINT)
    user = pg_user()
    if user:
        try:
            import pwd
            pwd.getpwnam(user)
        except KeyError:
            raise SetupError("Running as root needs the 'postgres' system user for the cluster "
                             "(PostgreSQL refuses to run as root). Install: %s" % PG_PACKAGES_HINT)
    home = pg_home()
    pgdata, pgsock = os.path.join(home, "pgdata"), os.path.join(home, "pgrun")
    marker = os.path.join(pgdata, ".gd-initialized")
    if os.path.exists(pgdata) and not os.path.exists(marker):
        say("    an earlier cluster creation did not finish: starting it again")
        shutil.rmtree(pgdata)
    os.makedirs(pgsock, exist_ok=True)
    if user:
        shutil.chown(pgsock, user)
    pg_log = os.path.join(home, "log", "postgresql.log") if home != LOCAL else os.path.join(LOG_DIR, "postgresql.log")
    os.makedirs(os.path.dirname(pg_log), exist_ok=True)
    if user:
        shutil.chown(os.path.dirname(pg_log), user)
    if user and not os.path.exists(pg_log):
        open(pg_log, "a").close()
        shutil.chown(pg_log, user)
    if not os.path.exists(pgdata):
        check_disk()
        step("Creating the project-local PostgreSQL cluster in %s (port %s)" % (pgdata, cfg.db_port))
        os.makedirs(pgdata)
        if user:
            shutil.chown(pgdata, user)
        run_logged([os.path.join(bindir, "initdb"), "-D", pgdata, "-U", cfg["db_user"], "-E", "UTF8",
                    "--locale=C", "--auth=trust"], "Creating the PostgreSQL cluster", user=user)
        with open(os.path.join(pgdata, "postgresql.conf"), "a") as fh:
            fh.write("\n# set by ./gd: loopback only, project socket folder\n"
                     "listen_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"
                     "synchronous_commit = off\nmax_connections = 200\n" % (cfg.db_port, pgsock))
        open(marker, "w").close()
    ctl = os.path.join(bindir, "pg_ctl")
    running = subprocess.call([ctl, "-D", pgdata, "status"] if not user else
                              ["runuser", "-u", user, "--", ctl, "-D", pgdata, "status"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0
    if not running:
        check_port_free(cfg.db_port, "the embedded PostgreSQL", "db_port in odoo.conf or GD_DB_PORT=...")
        step("Starting PostgreSQL on 127.0.0.1:%d" % cfg.db_port)
        run_logged([ctl, "-D", pgdata, "-l", pg_log, "-w", "-t", "60", "start"],
                   "Starting PostgreSQL (see %s)" % pg_log, user=user)
    wait_for_server(cfg)


def pg_tool(name):
    bindir = pg_bindir()
    path = os.path.join(bindir, name) if bindir else shutil.which(name)
    if not path:
        raise SetupError("The PostgreSQL client tools were not found. Install: %s" % PG_PACKAGES_HINT)
    return path


def wait_for_server(cfg, external=False):
    for _ in range(60):
        res = subprocess.run([pg_tool("psql"), "-tAc", "select 1"], env=cfg.libpq_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        if res.returncode == 0:
            return
        if external and "authentication" in res.stderr:
            raise SetupError("PostgreSQL at %s:%s refused the login of %s: %s"
                             % (cfg["db_host"], cfg.db_port, cfg["db_user"], res.stderr.strip()))
        time.sleep(1)
    raise SetupError("PostgreSQL at %s:%s does not answer: %s\nCheck db_host/db_port/db_user in odoo.conf "
                     "(or GD_DB_* variables)." % (cfg["db_host"], cfg.db_port, res.stderr.strip()))


def psql(cfg, sql, db="postgres"):
    env = cfg.libpq_env()
    env["PGDATABASE"] = db
    res = subprocess.run([pg_tool("psql"), "-tAX", "-v", "ON_ERROR_STOP=1", "-c", sql], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if res.returncode != 0:
        raise SetupError("psql failed on %s: %s" % (db, res.stderr.strip()))
    return res.stdout.strip()


def db_exists(cfg, name):
    return psql(cfg, "SELECT 1 FROM pg_database WHERE datname = '%s'" % name.replace("'", "''")) == "1"


def drop_db(cfg, name):
    if db_exists(cfg, name):
        psql(cfg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s'" % name)
        psql(cfg, 'DROP DATABASE "%s"' % name)
    filestore = os.path.join(cfg["data_dir"], "filestore", name)
    if os.path.exists(filestore):
        shutil.rmtree(filestore)


def db_complete(cfg, name):
    """True when the database exists and an earlier set-up finished it."""
    if not db_exists(cfg, name):
        return False
    try:
        done = psql(cfg, "SELECT value FROM ir_config_parameter WHERE key = 'gd.setup_complete'", db=name)
    except SetupError:
        return False
    return bool(done)


# --------------------------------------------------------------------------- odoo


def odoo_cmd(conf, *args, command=None):
    """Odoo's command line; ``command`` is a subcommand such as "shell" (it must come first)."""
    return [VENV_PY, LAUNCHER] + ([command] if command else []) + ["-c", conf] + list(args)


def console_conf(conf):
    """A copy of ``conf`` that logs to the console, for set-up steps whose output we show.

    Odoo 11 ignores an empty ``--logfile=`` on the command line, so the file says it.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    parser["options"]["logfile"] = ""
    path = conf[:-len(".conf")] + "-console.conf"
    with open(path, "w") as fh:
        parser.write(fh)
    return path


def odoo_progress():
    state = {"last": 0.0}

    def show(line):
        # "loading module gd_catalog (47/52)" comes from odoo.modules.loading at debug level
        if "odoo.modules.loading: loading module " in line:
            now = time.time()
            if now - state["last"] > 5 or " gd_" in line:
                state["last"] = now
                return line.split("odoo.modules.loading: ", 1)[1]
        if " ERROR " in line or " CRITICAL " in line:
            return line.split(" ", 3)[-1]
        return None
    return show


def build_database(cfg, conf, name, demo=True, language=None, reason=""):
    step("Creating database %s with %s%s (about 2-4 minutes)%s"
         % (name, ", ".join(cfg.modules), " and demo data" if demo else "", reason))
    args = ["-d", name, "-i", ",".join(cfg.modules), "--stop-after-init",
            "--log-handler=odoo.modules.loading:DEBUG", "--db-filter=^%s$" % name]
    if not demo:
        args.append("--without-demo=all")
    if language:
        args.append("--load-language=%s" % language)
    try:
        seconds = run_logged(odoo_cmd(console_conf(conf), *args), "Creating database %s" % name,
                             show=odoo_progress(), env=tool_env(cfg))
    except SetupError:
        raise SetupError("Creating database %s failed; the next run detects the unfinished database and rebuilds it.\n"
                         "See the log: %s" % (name, SETUP_LOG))
    if language:
        # A database made with another language leaves Odoo's base language, English, switched off; users who
        # choose it (and the tests, whose fixtures speak the source language) need it.
        psql(cfg, "UPDATE res_lang SET active = true WHERE code = 'en_US'", db=name)
    return seconds


def odoo_shell(cfg, conf, name, script, what):
    """Run a short Python script in Odoo's shell on database ``name``; return its output."""
    res = subprocess.run(odoo_cmd(conf, "-d", name, "--log-level=warn", command="shell"),
                         input=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, env=tool_env(cfg), cwd=ROOT)
    log_line(res.stdout)
    if res.returncode != 0 or "Traceback" in res.stdout:
        raise SetupError("%s on database %s failed. See %s." % (what, name, SETUP_LOG))
    return res.stdout


def finish_database(cfg, conf, name, language):
    """Make every user Dutch and mark the database complete."""
    script = (
        "lang = %(lang)r\n"
        "env['res.users'].with_context(active_test=False).search([]).write({'lang': lang})\n"
        "env['ir.default'].set('res.partner', 'lang', lang)\n"
        "env['ir.config_parameter'].set_param('gd.setup_complete', '1')\n"
        "env.cr.commit()\n"
    ) % {"lang": language}
    odoo_shell(cfg, conf, name, script, "Finishing the set-up")


def demo_users(cfg, conf, name):
    """(login, name, role) of the users the gd modules' demo data made."""
    script = (
        "users = env['ir.model.data'].search([('model', '=', 'res.users'), ('module', '=like', 'gd_%')])\n"
        "for data in users.sorted(lambda d: (d.module, d.name)):\n"
        "    user = env['res.users'].browse(data.res_id)\n"
        "    if user.has_group('base.group_portal'):\n"
        "        kind = 'portal: ' + ('client principal' if user.partner_id.is_principal else 'employee')\n"
        "    else:\n"
        "        kind = ', '.join(sorted(g.full_name for g in user.groups_id if g.category_id\n"
        "                                and g.category_id.get_external_id()[g.category_id.id].startswith('gd_')))\n"
        "    print('GDUSER\\t%s\\t%s\\t%s' % (user.login, user.name, kind))\n"
    )
    out = odoo_shell(cfg, conf, name, script, "Listing the demo users")
    return [line.split("\t")[1:] for line in out.splitlines() if line.startswith("GDUSER\t")]


def odoo_pid():
    try:
        pid = int(open(ODOO_PID).read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def stop_odoo():
    pid = odoo_pid()
    if not pid:
        return False
    os.kill(pid, signal.SIGTERM)
    for _ in range(50):
        if not odoo_pid():
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    if os.path.exists(ODOO_PID):
        os.remove(ODOO_PID)
    return True


def serve(cfg, conf):
    stop_odoo()
    port = cfg.http_port
    check_port_free(port, "Odoo", "GD_HTTP_PORT=8070 ./gd run, or http_port in odoo.conf")
    os.makedirs(RUN_DIR, exist_ok=True)
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(odoo_cmd(conf, "-d", cfg["db_name"]), stdout=devnull, stderr=devnull,
                                env=tool_env(cfg), cwd=ROOT, start_new_session=True)
    with open(ODOO_PID, "w") as fh:
        fh.write(str(proc.pid))
    url = "http://localhost:%d/web/login" % port
    for _ in range(120):
        if proc.poll() is not None:
            raise SetupError("Odoo stopped while starting. See the log: %s" % cfg["logfile"])
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SetupError("Odoo did not answer on %s within two minutes. See %s" % (url, cfg["logfile"]))


# --------------------------------------------------------------------------- commands


def prepare(cfg):
    os.makedirs(LOG_DIR, exist_ok=True)
    ensure_venv()
    ensure_node_tools()
    ensure_postgres(cfg)


def production_options(cfg):
    """The [production] section of odoo.conf: Odoo's multi-process server sized for the machine."""
    if not cfg.parser.has_section("production"):
        raise SetupError("odoo.conf has no [production] section: add it (see the README, Production) to run "
                         "./gd run --production.")
    return dict(cfg.parser["production"])


def cmd_run(cfg, args):
    started = time.time()
    production = "--production" in args
    prepare(cfg)
    overrides = production_options(cfg) if production else {}
    if production:
        check_port_free(int(overrides.get("longpolling_port", cfg["longpolling_port"])), "Odoo's longpolling",
                        "longpolling_port in the [production] section of odoo.conf")
    conf = cfg.write(os.path.join(LOCAL, "odoo.conf"), **overrides)
    name = cfg["db_name"]
    if not db_complete(cfg, name):
        reason = ""
        if db_exists(cfg, name):
            reason = ": an earlier set-up did not finish, rebuilding"
            drop_db(cfg, name)
        build_database(cfg, conf, name, demo=True, language=cfg.language, reason=reason)
        finish_database(cfg, conf, name, cfg.language)
    else:
        step("Database %s exists: updating the gd modules to the current code" % name)
        run_logged(odoo_cmd(console_conf(conf), "-d", name, "-u", ",".join(cfg.modules), "--stop-after-init"),
                   "Updating the gd modules", show=odoo_progress(), env=tool_env(cfg))
    step("Starting Odoo on http://localhost:%d" % cfg.http_port)
    serve(cfg, conf)
    users = demo_users(cfg, conf, name)
    say()
    say("The GD front office is up at http://localhost:%d  (took %ds)" % (cfg.http_port, time.time() - started))
    if production:
        say("  production mode: %s workers, longpolling on port %s, proxy_mode %s (see README, Production)"
            % (overrides.get("workers"), overrides.get("longpolling_port"), overrides.get("proxy_mode")))
    say("  backend (web client): http://localhost:%d/web      portal: http://localhost:%d/my"
        % (cfg.http_port, cfg.http_port))
    say("  administrator: admin / admin")
    if users:
        say("  demo users (%s):" % DEMO_PASSWORD_NOTE)
        for login, uname, kind in users:
            say("    %-20s %-20s %s" % (login, uname, kind))
    say("  logs: %s    stop: ./gd stop" % cfg["logfile"])
    return 0


def cmd_test(cfg, args):
    started = time.time()
    reuse = "--reuse" in args
    args = [a for a in args if a != "--reuse"]
    prepare(cfg)
    ensure_chromium()
    name = cfg.test_db
    check_port_free(cfg.test_http_port, "the test run's HTTP server", "GD_TEST_HTTP_PORT=...")
    conf = cfg.write(os.path.join(LOCAL, "odoo-test-%s.conf" % name), db_name=name, dbfilter="^%s$" % name,
                     http_port=cfg.test_http_port, logfile=os.path.join(LOG_DIR, "test-%s.log" % name),
                     longpolling_port=cfg.test_http_port + 3)
    if reuse and db_complete(cfg, name):
        step("Updating the gd modules in test database %s (--reuse)" % name)
        # The browser journeys read the screens in Dutch: a test database from before gets the language.
        has_language = psql(cfg, "SELECT 1 FROM res_lang WHERE code = '%s' AND active" % cfg.language, db=name)
        run_logged(odoo_cmd(console_conf(conf), "-d", name, "-u", ",".join(cfg.modules), "--stop-after-init",
                            *([] if has_language else ["--load-language=%s" % cfg.language])),
                   "Updating the gd modules", show=odoo_progress(), env=tool_env(cfg))
    else:
        drop_db(cfg, name)
        build_database(cfg, conf, name, demo=True)
        # Dutch for the browser journeys, loaded after the build: loaded with it, Odoo leaves en_US
        # inactive, which the tests' own users (English) need.
        run_logged(odoo_cmd(console_conf(conf), "-d", name, "--load-language=%s" % cfg.language, "--stop-after-init"),
                   "Loading %s" % cfg.language, env=tool_env(cfg))
        psql(cfg, "INSERT INTO ir_config_parameter (key, value) VALUES ('gd.setup_complete', '1')", db=name)
    # A test class whose setUpClass fails leaves its transaction open under pytest-odoo; the next class
    # would wait on its row locks for ever. With a lock timeout that becomes a failure instead of a hang.
    psql(cfg, """ALTER DATABASE "%s" SET lock_timeout = '120s'""" % name)
    targets = [a for a in args if not a.startswith("-")]
    options = [a for a in args if a.startswith("-")]
    if not targets:
        targets = ["addons", "tests"]
    step("Running the tests (%s) against database %s" % (" ".join(targets), name))
    env = tool_env(cfg)
    rc = subprocess.call([VENV_PY, "-m", "pytest", "--odoo-config=%s" % conf, "--odoo-database=%s" % name,
                          "-p", "no:cacheprovider"] + options + targets, env=env, cwd=ROOT)
    say("==> tests finished in %ds with exit code %d" % (time.time() - started, rc))
    return rc


def cmd_screenshots(cfg, args):
    """The README's screenshots: the browser journeys save their key screens in docs/screenshots/."""
    folder = os.path.join(ROOT, "docs", "screenshots")
    os.makedirs(folder, exist_ok=True)
    os.environ["GD_SCREENSHOTS"] = folder  # read by tests/browser/lib.js through tool_env()
    return cmd_test(cfg, args + [os.path.join("tests", "browser")])


def cmd_stop(cfg, args):
    if stop_odoo():
        say("Odoo stopped.")
    else:
        say("Odoo was not running.")
    pgdata = os.path.join(pg_home(), "pgdata")
    if cfg.embedded and os.path.exists(os.path.join(pgdata, "PG_VERSION")) and pg_bindir():
        ctl = [os.path.join(pg_bindir(), "pg_ctl"), "-D", pgdata, "-m", "fast", "stop"]
        if pg_user():
            ctl = ["runuser", "-u", pg_user(), "--"] + ctl
        if subprocess.call(ctl, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0:
            say("PostgreSQL stopped.")
    return 0


def cmd_reset(cfg, args):
    stop_odoo()
    if venv_works():
        ensure_postgres(cfg)
        drop_db(cfg, cfg["db_name"])
        say("Database %s dropped; rebuilding it." % cfg["db_name"])
    return cmd_run(cfg, args)


def cmd_status(cfg, args):
    pid = odoo_pid()
    say("Odoo: %s" % ("running (pid %d) on http://localhost:%d" % (pid, cfg.http_port) if pid else "stopped"))
    say("PostgreSQL: %s:%d (%s)" % (cfg["db_host"], cfg.db_port, "embedded" if cfg.embedded else "external"))
    say("Logs: %s" % LOG_DIR)
    return 0


def cmd_logs(cfg, args):
    say("Odoo server:   %s" % cfg["logfile"])
    say("Set-up steps:  %s" % SETUP_LOG)
    say("PostgreSQL:    %s" % os.path.join(LOG_DIR, "postgresql.log"))
    say("Test runs:     %s" % os.path.join(LOG_DIR, "test-<database>.log"))
    if "-f" in args and os.path.exists(cfg["logfile"]):
        os.execvp("tail", ["tail", "-f", cfg["logfile"]])
    return 0


def cmd_odoo(cfg, args):
    prepare(cfg)
    conf = cfg.write(os.path.join(LOCAL, "odoo.conf"))
    command = args[0] if args and not args[0].startswith("-") else None  # e.g. shell: it comes first
    return subprocess.call(odoo_cmd(conf, *args[1 if command else 0:], command=command),
                           env=tool_env(cfg), cwd=ROOT)


def cmd_i18n(cfg, args):
    """Export each named module's .pot from the test database and merge it into nl.po."""
    if not args:
        raise SetupError("name the modules: ./gd i18n gd_catalog [gd_servicedesk ...]")
    prepare(cfg)
    name = cfg.test_db
    conf = cfg.write(os.path.join(LOCAL, "odoo-test-%s.conf" % name), db_name=name, dbfilter="^%s$" % name)
    if not db_complete(cfg, name):
        raise SetupError("Test database %s does not exist yet: run ./gd test once first." % name)
    run_logged(odoo_cmd(console_conf(conf), "-d", name, "-u", ",".join(args), "--stop-after-init"),
               "Updating %s" % ", ".join(args), env=tool_env(cfg))
    rc = 0
    for module in args:
        i18n = os.path.join(ROOT, "addons", module, "i18n")
        os.makedirs(i18n, exist_ok=True)
        pot = os.path.join(i18n, "%s.pot" % module)
        exported = os.path.join(LOCAL, "%s.export.po" % module)  # Odoo only writes .po/.csv/.tgz names
        run_logged(odoo_cmd(console_conf(conf), "-d", name, "--modules=%s" % module, "--i18n-export=%s" % exported,
                            "--stop-after-init"), "Exporting %s" % pot, env=tool_env(cfg))
        os.replace(exported, pot)
        rc |= subprocess.call([VENV_PY, os.path.join(ROOT, "tools", "i18n_sync.py"), pot,
                               os.path.join(i18n, "nl.po")])
    return rc


def cmd_bench(cfg, args):
    """Build a disposable database without demo data and run the benchmarks in bench/."""
    prepare(cfg)
    name = os.environ.get("GD_BENCH_DB", "gd_bench")
    conf = cfg.write(os.path.join(LOCAL, "odoo-bench.conf"), db_name=name, dbfilter="^%s$" % name,
                     logfile=os.path.join(LOG_DIR, "bench.log"))
    reuse = "--reuse" in args
    args = [a for a in args if a != "--reuse"]
    if not (reuse and db_complete(cfg, name)):
        drop_db(cfg, name)
        build_database(cfg, conf, name, demo=False)
        psql(cfg, "INSERT INTO ir_config_parameter (key, value) VALUES ('gd.setup_complete', '1')", db=name)
    bench_dir = os.path.join(ROOT, "bench")
    names = args or sorted(f[:-3] for f in os.listdir(bench_dir) if f.startswith("bench_") and f.endswith(".py"))
    sections, rc = [], 0
    for bench in names:
        step("Benchmark %s" % bench)
        res = subprocess.run([VENV_PY, os.path.join(bench_dir, bench + ".py"), "--config", conf, "--database", name],
                             stdout=subprocess.PIPE, universal_newlines=True, env=tool_env(cfg), cwd=bench_dir)
        say(res.stdout)
        sections.append(res.stdout.strip() or "## `bench/%s.py`\n\nfailed to run (exit %d), see %s"
                        % (bench, res.returncode, os.path.join(LOG_DIR, "bench.log")))
        rc |= res.returncode
    write_bench_results(os.path.join(bench_dir, "RESULTS.md"), dict(zip(names, sections)))
    return rc


def write_bench_results(path, fresh):
    """Replace the sections of the benchmarks that ran (keyed by name); keep the others as they were."""
    kept = {}
    if os.path.exists(path):
        for chunk in open(path).read().split("\n## ")[1:]:
            for name in re.findall(r"`bench/(bench_\w+)\.py`", chunk.split("\n", 1)[0])[:1]:
                kept[name] = "## " + chunk.strip()
    kept.update(fresh)
    with open(path, "w") as fh:
        fh.write("# Benchmark results\n\nWritten by `./gd bench` (%d cores); each section from its latest run, "
                 "last on %s. Re-run after changes to the measured paths; a target NOT MET is a regression "
                 "to fix.\n\n%s\n" % (os.cpu_count(), time.strftime("%Y-%m-%d"),
                                          "\n\n".join(kept[name] for name in sorted(kept))))


COMMANDS = {"bench": cmd_bench, "i18n": cmd_i18n, "run": cmd_run, "test": cmd_test,
            "screenshots": cmd_screenshots, "stop": cmd_stop, "reset": cmd_reset,
            "status": cmd_status, "logs": cmd_logs, "odoo": cmd_odoo}

USAGE = """usage: ./gd COMMAND
  run     set up everything (idempotent) and serve http://localhost:8069 with the demo database
          (./gd run --production  serves with the multi-process settings of odoo.conf's [production])
  test    set up, build a fresh test database from the current code, run every test
          (./gd test addons/gd_catalog  runs one module's tests; --reuse updates instead of rebuilding)
  screenshots  run the browser journeys and save the README's screenshots in docs/screenshots/ (--reuse)
  stop    stop Odoo and the embedded PostgreSQL
  reset   drop the demo database and run again
  status  what is running
  logs    where the logs are (logs -f follows the server log)
  bench   run the benchmarks in bench/ on a disposable database; writes bench/RESULTS.md
  i18n    re-export MODULE's .pot from the test database and merge it into its nl.po
  odoo    run Odoo's own command line with the project configuration (./gd odoo shell -d gd)"""


def main(argv):
    if any(arg in ("-h", "--help") for arg in argv[1:]):
        say(USAGE)  # never act (e.g. drop a test database) on a request for help
        return 0
    if not argv or argv[0] not in COMMANDS:
        say(USAGE)
        return 0 if argv and argv[0] in ("-h", "--help", "help") else 2
    try:
        cfg = Config()
        return COMMANDS[argv[0]](cfg, argv[1:])
    except SetupError as exc:
        sys.stderr.write("\ngd: %s\n" % exc)
        return 1
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            sys.stderr.write("\ngd: %s\n" % disk_full_message())
            return 1
        raise
    except KeyboardInterrupt:
        sys.stderr.write("\ngd: interrupted. Run the same command again to continue where it stopped.\n")
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
