from . import gd_dva_compliance_print
from . import helpdesk_ticket_intake
from . import gd_dva_agreement_amend
