"""Answers to a pattern's questions are records of their own on the case: the options chosen on existing
cases become their answers, in the order the questions are asked."""


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
