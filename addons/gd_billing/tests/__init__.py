from . import test_security
from . import test_run
from . import test_accounting
from . import test_budget
from . import test_portal
