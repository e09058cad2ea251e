"""Amendments keep a DVA's replaced lines as history: an item is agreed once per DVA on any day, no longer once
per DVA. The old unique constraint goes; the exclusion constraint on the lines' days in force replaces it.

Compliance reads the stored month of delivery: the index on the month expression gives way to the index on
(delivery_month, dva_line_id) that the settlement reads too (created by the work order's init)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE gd_dva_line DROP CONSTRAINT IF EXISTS gd_dva_line_item_agreement_uniq")
    cr.execute("DROP INDEX IF EXISTS gd_servicedesk_work_order_dva_month_index")
