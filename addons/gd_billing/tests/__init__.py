from . import test_security
from . import test_run
from . import test_accounting
from . import test_budget
from . import test_portal
from . import test_money_rules
from . import test_bench_smoke
from . import test_statement_look
