"""The commands of ./gd: each ``cmd_<name>(cfg, args)`` is listed in COMMANDS and in USAGE."""
import errno
import os
import re
import subprocess
import sys
import time

from .base import (DEMO_PASSWORD_NOTE, LOCAL, LOG_DIR, ROOT, SETUP_LOG, VENV_PY, SetupError, check_port_free,
                   disk_full_message, say, step)
from .browser import ensure_chromium
from .cluster import ensure_postgres, psql, stop_cluster
from .config import Config, production_options
from .database import (build_database, db_complete, db_exists, demo_users, drop_db, finish_database,
                       mark_complete)
from .server import further_pid_files, odoo_cmd, odoo_pid, pid_file, run_step, serve, stop_all_odoo, update_modules
from .venv import ensure_node_tools, ensure_venv, tool_env, venv_works


def prepare(cfg):
    os.makedirs(LOG_DIR, exist_ok=True)
    ensure_venv()
    ensure_node_tools()
    ensure_postgres(cfg)


def run_options(args):
    """(production, port, jobs) of ./gd run's arguments: --production [--port N] [--no-jobs]."""
    production = "--production" in args
    port = None
    if "--port" in args:
        index = args.index("--port")
        value = args[index + 1] if index + 1 < len(args) else ""
        if not value.isdigit():
            raise SetupError("--port takes a number: ./gd run --production --port 8079 --no-jobs")
        port = int(value)
    jobs = "--no-jobs" not in args
    if (port or not jobs) and not production:
        raise SetupError("--port and --no-jobs start a further production process: ./gd run --production --port 8079 "
                         "--no-jobs (see README, Production).")
    return production, port, jobs


def cmd_run(cfg, args):
    started = time.time()
    production, port, jobs = run_options(args)
    prepare(cfg)
    overrides, sections = production_options(cfg, port=port, jobs=jobs) if production else ({}, {})
    http_port = int(overrides.get("http_port", cfg.http_port))
    further = http_port != cfg.http_port  # a process next to the first one, with its own files
    pid_path = pid_file(http_port) if further else pid_file()
    logfile = os.path.join(LOG_DIR, "odoo-%d.log" % http_port) if further else cfg["logfile"]
    if further:
        overrides["logfile"] = logfile
    if production:
        check_port_free(int(overrides.get("longpolling_port", cfg["longpolling_port"])), "Odoo's longpolling",
                        "longpolling_port in the [production] section of odoo.conf, or ./gd run --production --port")
    conf = cfg.write(os.path.join(LOCAL, "odoo-%d.conf" % http_port if further else "odoo.conf"), sections=sections,
                     **overrides)
    name = cfg["db_name"]
    if not jobs:
        # A process that serves pages only joins a deployment: the process with the jobs set up the database.
        if not db_complete(cfg, name):
            raise SetupError("Database %s is not set up yet: start the first process with ./gd run --production, "
                             "then this one." % name)
    elif not db_complete(cfg, name):
        reason = ""
        if db_exists(cfg, name):
            reason = ": an earlier set-up did not finish, rebuilding"
            drop_db(cfg, name)
        build_database(cfg, conf, name, demo=True, language=cfg.language, reason=reason)
        finish_database(cfg, conf, name, cfg.language)
    else:
        step("Database %s exists: updating the gd modules to the current code" % name)
        update_modules(cfg, conf, name, cfg.modules, "Updating the gd modules")
    step("Starting Odoo on http://localhost:%d" % http_port)
    serve(cfg, conf, port=http_port, path=pid_path, logfile=logfile)
    users = demo_users(cfg, conf, name)
    say()
    say("The GD front office is up at http://localhost:%d  (took %ds)" % (http_port, time.time() - started))
    if production:
        say("  production mode: %s workers, longpolling on port %s, proxy_mode %s, %s (see README, Production)"
            % (overrides.get("workers"), overrides.get("longpolling_port"), overrides.get("proxy_mode"),
               "job runner and crons" if jobs else "pages only: no crons, no job runner"))
    say("  backend (web client): http://localhost:%d/web      portal: http://localhost:%d/my"
        % (http_port, http_port))
    say("  administrator: admin / admin")
    if users:
        say("  demo users (%s):" % DEMO_PASSWORD_NOTE)
        for login, uname, kind in users:
            say("    %-20s %-20s %s" % (login, uname, kind))
    say("  logs: %s    stop: ./gd stop" % logfile)
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
        update_modules(cfg, conf, name, cfg.modules, "Updating the gd modules",
                       *([] if has_language else ["--load-language=%s" % cfg.language]))
    else:
        drop_db(cfg, name)
        build_database(cfg, conf, name, demo=True)
        # Dutch for the browser journeys, loaded after the build: loaded with it, Odoo leaves en_US
        # inactive, which the tests' own users (English) need.
        run_step(cfg, conf, "Loading %s" % cfg.language, "-d", name, "--load-language=%s" % cfg.language)
        mark_complete(cfg, name)
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
    if stop_all_odoo():
        say("Odoo stopped.")
    else:
        say("Odoo was not running.")
    if stop_cluster(cfg):
        say("PostgreSQL stopped.")
    return 0


def cmd_reset(cfg, args):
    stop_all_odoo()
    if venv_works():
        ensure_postgres(cfg)
        drop_db(cfg, cfg["db_name"])
        say("Database %s dropped; rebuilding it." % cfg["db_name"])
    return cmd_run(cfg, args)


def cmd_status(cfg, args):
    pid = odoo_pid()
    say("Odoo: %s" % ("running (pid %d) on http://localhost:%d" % (pid, cfg.http_port) if pid else "stopped"))
    for port, path in sorted(further_pid_files().items()):
        further = odoo_pid(path)
        if further:
            say("Odoo, pages only: running (pid %d) on http://localhost:%d" % (further, port))
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
    update_modules(cfg, conf, name, args, "Updating %s" % ", ".join(args), progress=False)
    rc = 0
    for module in args:
        i18n = os.path.join(ROOT, "addons", module, "i18n")
        os.makedirs(i18n, exist_ok=True)
        pot = os.path.join(i18n, "%s.pot" % module)
        exported = os.path.join(LOCAL, "%s.export.po" % module)  # Odoo only writes .po/.csv/.tgz names
        run_step(cfg, conf, "Exporting %s" % pot, "-d", name, "--modules=%s" % module,
                 "--i18n-export=%s" % exported)
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
        mark_complete(cfg, name)
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
          (./gd run --production  serves with the multi-process settings of odoo.conf's [production];
           ./gd run --production --port 8079 --no-jobs  starts a further process that serves pages only)
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
