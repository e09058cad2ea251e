"""Move the desk-only content off the catalogue items and back offices into gd.catalog.desk.info.

Before 11.0.1.1.0 ``desk_procedure``, ``desk_phone`` (product.template) and ``internal_phone`` (gd.backoffice)
were columns of their owners' tables, which ``search`` and ``read_group`` reach for any user. The fields are now
computed from gd.catalog.desk.info; this copies the old columns there and drops them.
"""
import logging

_logger = logging.getLogger(__name__)

MOVES = (
    # owner table, owner column in gd_catalog_desk_info, old columns (same names in gd_catalog_desk_info)
    ("product_template", "product_tmpl_id", ("desk_procedure", "desk_phone")),
    ("gd_backoffice", "backoffice_id", ("internal_phone",)),
)


def _existing_columns(cr, table, columns):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name IN %s",
               (table, tuple(columns)))
    found = {row[0] for row in cr.fetchall()}
    return [column for column in columns if column in found]


def move_desk_info(cr):
    for table, owner_column, columns in MOVES:
        columns = _existing_columns(cr, table, columns)
        if not columns:
            continue
        filled = " OR ".join("(o.%s IS NOT NULL AND o.%s != '')" % (column, column) for column in columns)
        # table and column names come from MOVES above, never from data
        cr.execute("""
            INSERT INTO gd_catalog_desk_info (%(owner)s, %(columns)s, create_uid, create_date, write_uid, write_date)
            SELECT o.id, %(values)s, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM %(table)s o
             WHERE (%(filled)s)
               AND NOT EXISTS (SELECT 1 FROM gd_catalog_desk_info d WHERE d.%(owner)s = o.id)
        """ % {"owner": owner_column, "columns": ", ".join(columns),
               "values": ", ".join("o.%s" % column for column in columns), "table": table, "filled": filled})
        _logger.info("Moved the desk-only %s of %d %s records", ", ".join(columns), cr.rowcount, table)
        for column in columns:
            cr.execute('ALTER TABLE %s DROP COLUMN "%s"' % (table, column))


def migrate(cr, version):
    if version:
        move_desk_info(cr)
