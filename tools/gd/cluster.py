"""The PostgreSQL cluster: the embedded one in .local/ (or under /var/lib when running as root), or an
external server named by odoo.conf / GD_DB_*; and psql for the statements the tool itself runs."""
import hashlib
import os
import shutil
import subprocess
import time

from .base import (LOCAL, LOG_DIR, PG_PACKAGES_HINT, ROOT, SetupError, apt_install, check_disk,
                   check_port_free, is_root, run_logged, say, step)


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


def stop_cluster(cfg):
    """Stop the embedded cluster; True when it was running and stopped."""
    pgdata = os.path.join(pg_home(), "pgdata")
    if not (cfg.embedded and os.path.exists(os.path.join(pgdata, "PG_VERSION")) and pg_bindir()):
        return False
    ctl = [os.path.join(pg_bindir(), "pg_ctl"), "-D", pgdata, "-m", "fast", "stop"]
    if pg_user():
        ctl = ["runuser", "-u", pg_user(), "--"] + ctl
    return subprocess.call(ctl, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0
