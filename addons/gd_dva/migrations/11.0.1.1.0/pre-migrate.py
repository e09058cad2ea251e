"""Amendments keep a DVA's replaced lines as history: an item is agreed once per DVA on any day, no longer once
per DVA. The old unique constraint goes; the exclusion constraint on the lines' days in force replaces it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE gd_dva_line DROP CONSTRAINT IF EXISTS gd_dva_line_item_agreement_uniq")
