"""Paths, messages and the running of set-up steps, shared by every part of the tool.

Standard library only: this runs before the virtual environment exists.
"""
import os
import shutil
import socket
import subprocess
import time


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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


def link(target, name):
    if os.path.islink(name) and os.readlink(name) == target:
        return
    if os.path.lexists(name):
        os.remove(name)
    os.symlink(target, name)
