"""Compliance reads the stored month of delivery: the index on the month expression gives way to the index on
(delivery_month, dva_line_id) that the settlement reads too (created by the work order's init)."""


def migrate(cr, version):
    cr.execute("DROP INDEX IF EXISTS gd_servicedesk_work_order_dva_month_index")
