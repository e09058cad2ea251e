from odoo import api, models

# Their lines are logged on their own and are reproducible from their sources: a run's or statement's audit
# entry keeps its own values, not the ids of the thousands of lines it holds.
UNLOGGED_LINES = {"gd.billing.run": ("line_ids", "basis_line_ids", "statement_ids"),
                  "gd.billing.statement": ("line_ids",)}


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    @api.model
    def get_auditlog_fields(self, model):
        names = super(AuditlogRule, self).get_auditlog_fields(model)
        skipped = UNLOGGED_LINES.get(model._name)
        return [name for name in names if name not in skipped] if skipped else names
