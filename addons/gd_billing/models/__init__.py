from . import gd_dva_line
from . import res_partner
from . import gd_billing_run
from . import gd_billing_statement
from . import gd_billing_line
from . import gd_billing_basis_line
from . import gd_billing_budget
from . import gd_billing_budget_report
