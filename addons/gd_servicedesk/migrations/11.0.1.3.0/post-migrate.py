"""The month each delivery belongs to, for work orders done before it was stored; the received notice
writes the deadline in the company's time zone setting (the templates are noupdate)."""
from odoo import SUPERUSER_ID, api

OLD_TZ = "tz='Europe/Amsterdam'"
NEW_TZ = "tz=object.company_id.gd_tz"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # Port: the ORM has no set-based write for this; the column is new, nothing of it is in the cache.
    cr.execute("UPDATE gd_servicedesk_work_order wo SET delivery_month = %s FROM res_company c "
               "WHERE c.id = wo.company_id AND wo.done_date IS NOT NULL AND wo.delivery_month IS NULL"
               % env["gd.servicedesk.work.order"]._delivery_month_sql())
    template = env.ref("gd_servicedesk.mail_template_ticket_received", raise_if_not_found=False)
    if template and OLD_TZ in (template.body_html or ""):
        template.body_html = template.body_html.replace(OLD_TZ, NEW_TZ)
