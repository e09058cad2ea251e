"""The back offices' record rules on cases and on the answers to a pattern's questions read the units of a user
through one field (members and manager), so that each is one join; the rules are noupdate records."""
from odoo import SUPERUSER_ID, api

RULES = {
    "gd_servicedesk.helpdesk_ticket_rule_backoffice": "[('backoffice_ids.staff_ids', 'in', [user.id])]",
    "gd_servicedesk.gd_servicedesk_pattern_answer_rule_backoffice":
        "[('ticket_id.backoffice_ids.staff_ids', 'in', [user.id])]",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, domain in RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
