from . import gd_billing_run_xlsx
from . import report_statement
