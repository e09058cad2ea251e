from . import res_partner
from . import gd_dva_framework
from . import gd_dva_agreement
from . import gd_dva_line
from . import gd_servicedesk_work_order
from . import gd_dva_compliance
from . import helpdesk_ticket
from . import sale_order
