"""The GD's company data (address, contact details, logo, euros), Dutch figures and Amsterdam time for a
database made before they were part of gd_catalog's data."""
import logging

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tools import convert_file

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    try:
        with cr.savepoint():
            # "init" writes the noupdate records again, as on a first installation
            convert_file(cr, "gd_catalog", "data/res_company_data.xml", {}, mode="init", noupdate=True)
    except UserError as error:
        _logger.warning("The GD's company data was not applied (%s). A demo database made with the US chart "
                        "of accounts keeps it: rebuild it with ./gd reset.", error)
    env["res.users"]._give_company_tz_to_all()
