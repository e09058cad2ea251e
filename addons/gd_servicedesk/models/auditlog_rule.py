from odoo import models
from odoo.addons.auditlog.models.rule import FIELDS_BLACKLIST

# The chatter's own bookkeeping on a record: messages, followers and activities are records of their own,
# each with its own author and date; listing their ids in the audit trail of every change only cost reads.
CHATTER_FIELDS = {"message_ids", "message_follower_ids", "website_message_ids", "activity_ids"}
LINE_COLUMNS = ("field_id", "log_id", "old_value", "new_value", "old_value_text", "new_value_text")


class AuditlogRule(models.Model):
    """The audit trail of one change is written in one statement, not one per field.

    OCA auditlog creates a log line per changed field through the ORM: a work order made at intake has some
    twenty fields, so its audit trail cost twenty INSERTs. The lines hold the same values (prepared by
    auditlog's own ``_prepare_log_line_vals_on_*``), written in a single INSERT. The chatter's bookkeeping
    fields (the ids of messages, followers and activities) are left out of the trail.
    """

    _inherit = "auditlog.rule"

    def get_auditlog_fields(self, model):
        return [name for name in super(AuditlogRule, self).get_auditlog_fields(model) if name not in CHATTER_FIELDS]

    def _create_log_line_on_create(self, log, fields_list, new_values):
        self._gd_insert_log_lines([self._prepare_log_line_vals_on_create(log, field, new_values)
                                   for field in self._gd_get_logged_fields(log, fields_list)])

    def _create_log_line_on_write(self, log, fields_list, old_values, new_values):
        self._gd_insert_log_lines([self._prepare_log_line_vals_on_write(log, field, old_values, new_values)
                                   for field in self._gd_get_logged_fields(log, fields_list)])

    def _gd_get_logged_fields(self, log, fields_list):
        """auditlog's field data of the fields it logs (those with an ir.model.fields entry)."""
        fields = (self._get_field(log.model_id, name) for name in fields_list if name not in FIELDS_BLACKLIST)
        return [field for field in fields if field]

    def _gd_insert_log_lines(self, vals_list):
        if not vals_list:
            return
        Line = self.env["auditlog.log.line"]
        rows, params = [], []
        for vals in vals_list:
            rows.append("(%s)" % ", ".join(["%s"] * (len(LINE_COLUMNS) + 2) + ["now() AT TIME ZONE 'UTC'"] * 2))
            params.extend(Line._fields[name].convert_to_column(vals[name], Line) for name in LINE_COLUMNS)
            params.extend([self.env.uid, self.env.uid])
        self.env.cr.execute(
            "INSERT INTO auditlog_log_line (%s, create_uid, write_uid, create_date, write_date) VALUES %s"
            % (", ".join(LINE_COLUMNS), ", ".join(rows)), params)
        # Only the logs' lists of lines can be stale: invalidating the whole cache (``invalidate_cache()``
        # without fields) made every record read again after each audited change.
        logs = self.env["auditlog.log"].browse(list({vals["log_id"] for vals in vals_list}))
        logs.invalidate_cache(["line_ids"], logs.ids)
