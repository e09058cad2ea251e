from . import portal
from . import portal_counters
from . import report
from . import sale_portal
