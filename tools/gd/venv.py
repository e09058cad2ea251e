"""The Python virtual environment (Odoo 11 and its libraries) and the node tools in .local/."""
import hashlib
import os
import shutil
import subprocess
import sys

from .base import (BIN_DIR, LOCK_FILE, NODE_DIR, ROOT, SETUP_LOG, VENV, VENV_PY, SetupError, apt_install,
                   check_disk, link, run_logged, say, step)


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


def tool_env(cfg):
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([BIN_DIR, os.path.join(VENV, "bin"), env.get("PATH", "")])
    env["TZ"] = "UTC"
    env["PYTHONUNBUFFERED"] = "1"  # progress lines arrive as they are written
    env.pop("PGDATABASE", None)
    return env
