"""11.0.1.1.0: the back-office rule on tickets reads the stored back offices of the ticket.

The rule is noupdate data: a module update does not rewrite it, so the new domain is set here.
"""
RULE_DOMAIN = ("['|', ('backoffice_ids.member_ids', 'in', [user.id]), "
               "('backoffice_ids.manager_id', '=', user.id)]")


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE ir_rule SET domain_force = %s
         WHERE id = (SELECT res_id FROM ir_model_data
                      WHERE module = 'gd_servicedesk' AND name = 'helpdesk_ticket_rule_backoffice')
    """, (RULE_DOMAIN,))
