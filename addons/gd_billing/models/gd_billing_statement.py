from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .gd_billing_run import LOCKED_STATES


class GdBillingStatement(models.Model):
    """The charges of one client organisation in one settlement run."""

    _name = "gd.billing.statement"
    _inherit = ["gd.transition.mixin"]
    _description = "Settlement statement"
    _order = "date_start desc, client_id"

    name = fields.Char(compute="_compute_name", store=True)
    run_id = fields.Many2one("gd.billing.run", string="Settlement run", required=True, ondelete="cascade",
                             index=True, readonly=True)
    client_id = fields.Many2one("res.partner", string="Client organisation", required=True, index=True,
                                ondelete="restrict", readonly=True)
    date_start = fields.Date(related="run_id.date_start", string="Month", store=True, readonly=True)
    date_end = fields.Date(related="run_id.date_end", string="Last day", readonly=True)
    state = fields.Selection(related="run_id.state", string="Status", store=True, readonly=True)
    # A plain field set from the run at creation (not a related one): the company record rule must see it
    # while the statement's other stored fields are computed.
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="run_id.currency_id", string="Currency", readonly=True)
    line_ids = fields.One2many("gd.billing.line", "statement_id", string="Lines")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True, string="Total")
    is_locked = fields.Boolean(related="run_id.is_locked", readonly=True)

    _sql_constraints = [
        ("run_client_uniq", "unique(run_id, client_id)", "An organisation has one statement per settlement run."),
    ]

    @api.depends("run_id.name", "client_id.name")
    def _compute_name(self):
        for statement in self:
            statement.name = "%s %s" % (statement.run_id.name or "", statement.client_id.name or "")

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for statement in self:
            statement.amount_total = sum(statement.line_ids.mapped("amount"))

    @api.model
    def _get_fixed_fields(self):
        # Whose charges of which run: set by the computation of the run, never moved.
        return super(GdBillingStatement, self)._get_fixed_fields() | {"run_id", "client_id", "company_id"}

    @api.model
    def create(self, vals):
        vals = dict(vals)
        run = self.env["gd.billing.run"].browse(vals.get("run_id"))
        if run.state in LOCKED_STATES:
            raise UserError(_("Statements cannot be added to the confirmed settlement run %(run)s. Book "
                              "corrections in a later run.") % {"run": run.name})
        vals["company_id"] = run.company_id.id
        return super(GdBillingStatement, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_unlocked()
        return super(GdBillingStatement, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_unlocked()
        return super(GdBillingStatement, self).unlink()

    @api.multi
    def _check_unlocked(self):
        locked = self.filtered(lambda statement: statement.run_id.state in LOCKED_STATES)
        if locked:
            raise UserError(_("The statement %(statement)s belongs to a confirmed settlement run and can no longer "
                              "change. Book corrections in a later run.") % {"statement": locked[0].name})

    @api.multi
    def _get_portal_url(self):
        self.ensure_one()
        return "/my/statements/%d" % self.id
