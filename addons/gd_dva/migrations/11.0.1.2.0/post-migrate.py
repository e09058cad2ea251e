"""Quotes for custom work carried the desk's internal escalation reason as their note, which the client principal
read in the portal and on the order's PDF, whatever the quote's state: they get the note written for the
customer."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute("""
        SELECT o.id FROM sale_order o JOIN helpdesk_ticket t ON t.id = o.gd_ticket_id
         WHERE t.escalation_reason IS NOT NULL AND o.note = t.escalation_reason
    """)
    env = api.Environment(cr, SUPERUSER_ID, {})
    for order in env["sale.order"].browse([row[0] for row in cr.fetchall()]):
        ticket = order.gd_ticket_id.with_context(lang=order.partner_id.lang or "en_US")
        order.note = ticket._quote_customer_note()
