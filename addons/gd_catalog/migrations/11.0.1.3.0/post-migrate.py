"""Pattern questions answered by text or date, and questions asked only after a given answer.

Existing questions are choices (the new column's default). The demo pattern "Nieuwe medewerker" asked
"andere afdeling?" of a new hire and required "Voor welke duur?" of an internal move: in a database with
the demo data, the department question now follows "Reeds in dienst", the duration "Nieuw in dienst", in the
order they are asked (its new name and start date questions come with the demo data itself).
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    ref = lambda xmlid: env.ref("gd_catalog.%s" % xmlid, raise_if_not_found=False)
    plan = [("question_nm_dienstverband_demo", 10, None, None),
            ("question_nm_afdeling_demo", 20, "option_nm_dienstverband_reeds_demo", True),
            ("question_nm_duur_demo", 30, "option_nm_dienstverband_nieuw_demo", None),
            ("question_nm_soort_demo", 40, None, None)]
    for question_xmlid, sequence, option_xmlid, required in plan:
        question = ref(question_xmlid)
        if not question:
            continue
        vals = {"sequence": sequence}
        option = ref(option_xmlid) if option_xmlid else None
        if option:
            vals["depends_on_option_id"] = option.id
        if required is not None:
            vals["is_required"] = required
        question.write(vals)
