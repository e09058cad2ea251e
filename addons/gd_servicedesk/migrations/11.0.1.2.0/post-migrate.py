"""Customer notices come from "Servicedesk GD" also in databases made before (the templates are noupdate)."""
from odoo import SUPERUSER_ID, api

SENDER = '"Servicedesk GD" <${(object.company_id.email or user.email)|safe}>'
TEMPLATES = ("mail_template_ticket_received", "mail_template_ticket_escalated", "mail_template_part_done",
             "mail_template_ticket_completed")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for name in TEMPLATES:
        template = env.ref("gd_servicedesk.%s" % name, raise_if_not_found=False)
        if template:
            template.email_from = SENDER
