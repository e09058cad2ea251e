from . import helpdesk_ticket_intake
from . import gd_servicedesk_work_order_hand_back
from . import gd_servicedesk_work_order_reroute
from . import helpdesk_ticket_answer
from . import helpdesk_ticket_appointment
from . import gd_servicedesk_work_order_outcome
from . import helpdesk_ticket_refuse
from . import res_config_settings
