from . import test_deadline
from . import test_intake
from . import test_mail_gateway
from . import test_portal
from . import test_security
from . import test_work_order_flow
