"""11.0.1.1.0: tickets store the back offices with work on them (the back-office record rule joins on it).

The relation table is made and filled here by SQL, as Odoo would make it (same columns, constraint names and
indexes), so that the update finds it and does not recompute it ticket by ticket through the ORM.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        CREATE TABLE IF NOT EXISTS gd_servicedesk_ticket_backoffice_rel (
            ticket_id integer NOT NULL REFERENCES helpdesk_ticket(id) ON DELETE CASCADE,
            backoffice_id integer NOT NULL REFERENCES gd_backoffice(id) ON DELETE CASCADE,
            UNIQUE (ticket_id, backoffice_id));
        CREATE INDEX IF NOT EXISTS gd_servicedesk_ticket_backoffice_rel_ticket_id_idx
            ON gd_servicedesk_ticket_backoffice_rel (ticket_id);
        CREATE INDEX IF NOT EXISTS gd_servicedesk_ticket_backoffice_rel_backoffice_id_idx
            ON gd_servicedesk_ticket_backoffice_rel (backoffice_id)
    """)
    cr.execute("""
        INSERT INTO gd_servicedesk_ticket_backoffice_rel (ticket_id, backoffice_id)
        SELECT DISTINCT ticket_id, backoffice_id FROM gd_servicedesk_work_order
        ON CONFLICT DO NOTHING
    """)
