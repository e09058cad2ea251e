"""The Odoo server: its command line, the progress lines of set-up runs, serving and stopping it."""
import configparser
import glob
import os
import signal
import subprocess
import time
import urllib.request

from .base import LAUNCHER, ODOO_PID, ROOT, RUN_DIR, VENV_PY, SetupError, check_port_free, run_logged
from .venv import tool_env


def odoo_cmd(conf, *args, command=None):
    """Odoo's command line; ``command`` is a subcommand such as "shell" (it must come first)."""
    return [VENV_PY, LAUNCHER] + ([command] if command else []) + ["-c", conf] + list(args)


def console_conf(conf):
    """A copy of ``conf`` that logs to the console, for set-up steps whose output we show.

    Odoo 11 ignores an empty ``--logfile=`` on the command line, so the file says it. A set-up step starts no
    workers: with the production settings Odoo's prefork server binds the HTTP port even for
    ``--stop-after-init``, which the Odoo still serving holds.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    parser["options"]["logfile"] = ""
    parser["options"]["workers"] = "0"
    parser["options"]["max_cron_threads"] = "0"
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


def run_step(cfg, conf, what, *args, progress=False):
    """One ``--stop-after-init`` run of Odoo as a set-up step, logging to the console (and setup.log)."""
    return run_logged(odoo_cmd(console_conf(conf), *(list(args) + ["--stop-after-init"])), what,
                      show=odoo_progress() if progress else None, env=tool_env(cfg))


def update_modules(cfg, conf, name, modules, what, *args, progress=True):
    """Update ``modules`` in database ``name`` to the current code."""
    return run_step(cfg, conf, what, "-d", name, "-u", ",".join(modules), *args, progress=progress)


def pid_file(port=None):
    """The pid file of the Odoo started by ./gd run: odoo.pid, or odoo-<port>.pid for a further process."""
    return os.path.join(RUN_DIR, "odoo-%d.pid" % port) if port else ODOO_PID


def odoo_pid(path=ODOO_PID):
    try:
        pid = int(open(path).read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def stop_odoo(path=ODOO_PID):
    pid = odoo_pid(path)
    if not pid:
        return False
    os.kill(pid, signal.SIGTERM)
    for _ in range(50):
        if not odoo_pid(path):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    if os.path.exists(path):
        os.remove(path)
    return True


def further_pid_files():
    """{port: pid file} of the further processes (./gd run --production --port N --no-jobs)."""
    found = {}
    for path in glob.glob(os.path.join(RUN_DIR, "odoo-*.pid")):
        port = os.path.basename(path)[len("odoo-"):-len(".pid")]
        if port.isdigit():
            found[int(port)] = path
    return found


def stop_all_odoo():
    """Stop every Odoo ./gd run started (the first process and any further ones); True when one ran."""
    paths = [ODOO_PID] + [path for _port, path in sorted(further_pid_files().items())]
    return any([stop_odoo(path) for path in paths])


def serve(cfg, conf, port=None, path=ODOO_PID, logfile=None):
    """Start Odoo with ``conf`` on ``port`` (the configured one by default), replacing the one of ``path``."""
    stop_odoo(path)
    port = port or cfg.http_port
    logfile = logfile or cfg["logfile"]
    check_port_free(port, "Odoo", "GD_HTTP_PORT=8070 ./gd run, or http_port in odoo.conf")
    os.makedirs(RUN_DIR, exist_ok=True)
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(odoo_cmd(conf, "-d", cfg["db_name"]), stdout=devnull, stderr=devnull,
                                env=tool_env(cfg), cwd=ROOT, start_new_session=True)
    with open(path, "w") as fh:
        fh.write(str(proc.pid))
    url = "http://localhost:%d/web/login" % port
    for _ in range(120):
        if proc.poll() is not None:
            raise SetupError("Odoo stopped while starting. See the log: %s" % logfile)
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SetupError("Odoo did not answer on %s within two minutes. See %s" % (url, logfile))
