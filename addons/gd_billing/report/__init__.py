from . import gd_billing_run_xlsx
