from . import gd_billing_run_xlsx
from . import report_statement
from . import gd_billing_basis_xlsx
