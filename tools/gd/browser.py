"""The browser the browser journeys of the tests drive: Debian's chromium, never a downloaded build."""
import os

from .base import SetupError, apt_install


CHROMIUM = os.environ.get("GD_CHROMIUM", "/usr/bin/chromium")


def ensure_chromium():
    """Debian's chromium for the browser journeys of ``./gd test`` (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        apt_install(["chromium"], "Chromium is missing (the browser journeys of the tests drive it).")
    if not os.path.exists(CHROMIUM):
        raise SetupError("Chromium is still missing at %s. Install Debian's chromium, or set GD_CHROMIUM "
                         "to its executable." % CHROMIUM)
