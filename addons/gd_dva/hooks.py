import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

# What account's post-install hook adds for a company it takes for a foreign one (the US of Odoo's demo
# company): the generic or a foreign chart of accounts and the US cheque printing.
FOREIGN_ACCOUNTING_MODULES = ("account_check_printing", "account_plaid", "account_yodlee")
UNUSABLE_MODULES = ("base_vat_autocomplete",)


def pre_init_hook(cr):
    """Give the GD the Dutch chart of accounts in euros, whatever the company looked like when account came in.

    ``account`` (pulled in by sale) chooses the localisation from the main company's country the moment it
    is installed (``_auto_install_l10n``), and the chosen modules load only after the modules being installed
    with it. When the whole suite is installed at once, ``account`` loads before gd_catalog has made the
    company Dutch, so with Odoo's demo company it picks the US chart, which sets the company currency to
    dollars. Here, after gd_catalog and before any chart is loaded, that choice is made again for the company
    as it now is: the GD in the Netherlands (``l10n_nl``, euros).
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    localise_accounting(env)


def localise_accounting(env):
    company = env.ref("base.main_company")
    if "chart_template_id" not in company._fields or company.chart_template_id:
        return  # no accounting, or books already set up: never replace a chart in use
    Module = env["ir.module.module"]
    pending = Module.search([
        ("state", "=", "to install"),
        "|", ("name", "=like", "l10n\\_%"), ("name", "in", FOREIGN_ACCOUNTING_MODULES),
    ])
    if pending:
        _logger.info("The main company is in %s: choosing its localisation again instead of %s",
                     company.country_id.name or "no country", ", ".join(pending.mapped("name")))
        # Unmark all of them (a chosen chart may depend on another), then let account choose again.
        pending.button_install_cancel()
    from odoo.addons.account import _auto_install_l10n
    _auto_install_l10n(env.cr, env.registry)
    # base_vat (a dependency of the Dutch chart) brings base_vat_autocomplete, which cannot even be imported
    # with the python-stdnum pinned here (>= 1.10 has no stdnum.eu.vat._country_codes) and would ask the EU's
    # VIES web service, which these servers cannot reach.
    Module.search([("name", "in", UNUSABLE_MODULES), ("state", "=", "to install")]).button_install_cancel()
