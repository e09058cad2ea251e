"""Answers to a pattern's questions are records of their own on the case: the options chosen on existing
cases become their answers, in the order the questions are asked.

The month each delivery belongs to, for work orders done before it was stored; the received notice
writes the deadline in the company's time zone setting (the templates are noupdate)."""
from odoo import SUPERUSER_ID, api

OLD_TZ = "tz='Europe/Amsterdam'"
NEW_TZ = "tz=object.company_id.gd_tz"


def migrate(cr, version):
    cr.execute("""
        INSERT INTO gd_servicedesk_pattern_answer
            (ticket_id, question_id, option_id, sequence, create_uid, create_date, write_uid, write_date)
        SELECT rel.ticket_id, option.question_id, rel.option_id,
               row_number() OVER (PARTITION BY rel.ticket_id ORDER BY question.sequence, question.id) - 1,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM gd_servicedesk_ticket_option_rel rel
          JOIN gd_catalog_pattern_option option ON option.id = rel.option_id
          JOIN gd_catalog_pattern_question question ON question.id = option.question_id
         WHERE NOT EXISTS (SELECT 1 FROM gd_servicedesk_pattern_answer answer
                            WHERE answer.ticket_id = rel.ticket_id AND answer.question_id = option.question_id)
        ON CONFLICT DO NOTHING
    """)
    env = api.Environment(cr, SUPERUSER_ID, {})
    # Port: the ORM has no set-based write for this; the column is new, nothing of it is in the cache.
    cr.execute("UPDATE gd_servicedesk_work_order wo SET delivery_month = %s FROM res_company c "
               "WHERE c.id = wo.company_id AND wo.done_date IS NOT NULL AND wo.delivery_month IS NULL"
               % env["gd.servicedesk.work.order"]._delivery_month_sql())
    template = env.ref("gd_servicedesk.mail_template_ticket_received", raise_if_not_found=False)
    if template and OLD_TZ in (template.body_html or ""):
        template.body_html = template.body_html.replace(OLD_TZ, NEW_TZ)
