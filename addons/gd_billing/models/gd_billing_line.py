import calendar

from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from .gd_billing_run import LOCKED_STATES

# One partial unique index per kind of source: a source is charged at most once across all runs.
# What a line is made from and what the confirmation books: fixed once the line exists.
FIXED_FIELDS = {"statement_id", "source", "period_date", "dva_line_id", "work_order_ids", "sale_order_id",
                "days", "proration", "company_id"}
# What the computation takes from the source; only a correction line's own figures are typed by finance.
COMPUTED_LINE_FIELDS = {"product_tmpl_id", "description", "quantity", "price_unit", "corrected_line_id"}
# What ties a line to what it charges: set by the computation only, never on a line typed by finance.
SOURCE_LINK_FIELDS = {"dva_line_id", "work_order_ids", "sale_order_id", "days", "proration"}
SOURCE_INDEXES = [
    ("gd_billing_line_recurring_uniq", "(dva_line_id, period_date)", "source = 'recurring'"),
    ("gd_billing_line_beyond_quantity_uniq", "(dva_line_id, period_date)", "source = 'beyond_quantity'"),
    ("gd_billing_line_custom_uniq", "(sale_order_id)", "source = 'custom'"),
    ("gd_billing_line_late_uniq", "(dva_line_id, period_date, run_id)", "source = 'late' AND dva_line_id IS NOT NULL"),
]


class GdBillingLine(models.Model):
    """One charge on a statement, pointing at its source: a DVA line and month, work orders or a quote."""

    _name = "gd.billing.line"
    _inherit = ["gd.transition.mixin"]
    _description = "Settlement line"
    _order = "statement_id, source_sequence, id"

    statement_id = fields.Many2one("gd.billing.statement", string="Statement", required=True,
                                   ondelete="cascade", index=True)
    run_id = fields.Many2one(related="statement_id.run_id", string="Settlement run", store=True, index=True,
                             readonly=True)
    client_id = fields.Many2one(related="statement_id.client_id", string="Client organisation", store=True,
                                index=True, readonly=True)
    # Set from the statement at creation, so that the company record rule sees it at once.
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="statement_id.currency_id", string="Currency", readonly=True)
    source = fields.Selection("_selection_source", required=True, default="correction", index=True)
    source_sequence = fields.Integer(compute="_compute_source_sequence", store=True)
    period_date = fields.Date(string="Month charged", index=True,
                              help="The month the charge is for; for corrections the month of the run.")
    product_tmpl_id = fields.Many2one("product.template", string="Catalogue item", index=True,
                                      ondelete="restrict")
    backoffice_id = fields.Many2one(related="product_tmpl_id.backoffice_id", string="Back office", store=True,
                                    readonly=True)
    financing_class = fields.Selection("_selection_financing_class", compute="_compute_financing_class",
                                       store=True, string="Financing class")
    description = fields.Char(required=True, default="/")
    quantity = fields.Float(digits=dp.get_precision("Product Unit of Measure"), default=1.0)
    price_unit = fields.Float(string="Unit price", digits=dp.get_precision("Product Price"))
    days = fields.Integer(string="Days charged", help="For agreed quantities: the days of the month the DVA "
                                                      "was in force.")
    proration = fields.Float(digits=(16, 6), default=1.0,
                             help="The share of the month charged: days in force / days of the month.")
    amount = fields.Monetary(compute="_compute_amount", store=True,
                             help="Quantity x unit price x share of the month, rounded to the cent.")
    dva_line_id = fields.Many2one("gd.dva.line", string="DVA line", index=True, ondelete="restrict")
    work_order_ids = fields.Many2many(
        "gd.servicedesk.work.order", "gd_billing_line_work_order_rel", "line_id", "work_order_id",
        string="Work orders", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Quote", index=True, ondelete="restrict")
    corrected_line_id = fields.Many2one(
        "gd.billing.line", string="Corrects", ondelete="restrict", index=True,
        help="The line of an earlier, confirmed run that this correction adjusts.")
    analytic_line_id = fields.Many2one("account.analytic.line", string="Analytic line", readonly=True,
                                       ondelete="restrict", copy=False)

    @api.model_cr
    def init(self):
        # The guarantee that a source is charged once must hold whatever code writes the lines.
        for name, columns, where in SOURCE_INDEXES:
            self.env.cr.execute("CREATE UNIQUE INDEX IF NOT EXISTS %s ON gd_billing_line %s WHERE %s"
                                % (name, columns, where))
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS gd_billing_line_work_order_uniq "
            "ON gd_billing_line_work_order_rel (work_order_id)")

    @api.model
    def _get_transition_fields(self):
        return super(GdBillingLine, self)._get_transition_fields() | {"analytic_line_id"}

    @api.model
    def _get_fixed_fields(self):
        return super(GdBillingLine, self)._get_fixed_fields() | FIXED_FIELDS

    @api.model
    def _selection_source(self):
        return [("recurring", _("Agreed quantity")), ("pay_per_use", _("Pay-per-use")),
                ("beyond_quantity", _("Beyond the agreed quantity")), ("custom", _("Custom work")),
                ("late", _("Delivered after its month was settled")), ("correction", _("Correction"))]

    @api.model
    def _selection_financing_class(self):
        return [("basis", _("Basis")), ("plus", _("Plus")), ("custom", _("Custom work")),
                ("correction", _("Correction"))]

    @api.depends("source")
    def _compute_source_sequence(self):
        order = [key for key, _label in self._selection_source()]
        for line in self:
            line.source_sequence = order.index(line.source) if line.source in order else len(order)

    @api.depends("source", "product_tmpl_id.financing_class")
    def _compute_financing_class(self):
        for line in self:
            if line.source == "correction":
                line.financing_class = "correction"
            elif line.source == "custom":
                line.financing_class = "custom"
            else:
                line.financing_class = line.product_tmpl_id.financing_class or "plus"

    @api.depends("quantity", "price_unit", "proration", "days", "period_date", "statement_id.run_id.company_id")
    def _compute_amount(self):
        """Rounded once, on the amount: for agreed quantities quantity x price x days / days of the month."""
        for line in self:
            if line.days and line.period_date:
                month = fields.Date.from_string(line.period_date)
                share = float(line.days) / calendar.monthrange(month.year, month.month)[1]
            else:
                share = line.proration
            raw = line.quantity * line.price_unit * share
            currency = line.statement_id.run_id.company_id.currency_id
            line.amount = currency.round(raw) if currency else float_round(raw, precision_digits=2)

    @api.constrains("source", "dva_line_id", "sale_order_id", "corrected_line_id", "statement_id")
    def _check_source(self):
        for line in self:
            values = {"line": line.description}
            if line.source in ("recurring", "beyond_quantity") and not (line.dva_line_id and line.period_date):
                raise ValidationError(_("The line %(line)s must point at its DVA line and month.") % values)
            if line.source == "custom" and not line.sale_order_id:
                raise ValidationError(_("The line %(line)s must point at its quote.") % values)
            corrected = line.corrected_line_id
            if corrected and (corrected.run_id.state not in LOCKED_STATES
                              or corrected.client_id != line.client_id):
                raise ValidationError(_("A correction adjusts a line of a confirmed run of the same "
                                        "organisation."))

    # ------------------------------------------------------------------ CRUD

    @api.model
    def create(self, vals):
        statement = self.env["gd.billing.statement"].browse(vals.get("statement_id"))
        if statement.run_id.state in LOCKED_STATES:
            raise UserError(_("Lines cannot be added to the confirmed settlement run %(run)s. Book corrections "
                              "in a later run.") % {"run": statement.run_id.name})
        if not self._may_write_transition_fields():
            linked = sorted(name for name in SOURCE_LINK_FIELDS if vals.get(name))
            if vals.get("source", "correction") != "correction" or linked:
                raise UserError(_("Only the computation of a settlement run makes lines from a source (DVA line, "
                                  "work orders or quote); book a correction line, which names the line it "
                                  "adjusts, to change what is charged."))
        vals = dict(vals)
        if not vals.get("period_date"):
            vals["period_date"] = statement.run_id.date_start
        vals["company_id"] = statement.company_id.id
        return super(GdBillingLine, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_unlocked()
        computed = COMPUTED_LINE_FIELDS & set(vals)
        if computed and not self._may_write_transition_fields() and self.filtered(lambda line: line.source != "correction"):
            raise UserError(_("A computed settlement line takes its figures from its source; book a correction "
                              "line to change what is charged."))
        return super(GdBillingLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_unlocked()
        return super(GdBillingLine, self).unlink()

    @api.multi
    def _check_unlocked(self):
        locked = self.filtered(lambda line: line.statement_id.run_id.state in LOCKED_STATES)
        if locked:
            raise UserError(_("The lines of the confirmed settlement run %(run)s can no longer change. Book "
                              "corrections in a later run.") % {"run": locked[0].run_id.name})

    # ------------------------------------------------------------------ business methods

    @api.multi
    def _prepare_analytic_line_vals(self, account):
        """The charge as a cost of the client organisation: a negative amount on its analytic account."""
        self.ensure_one()
        return {
            "name": "%s: %s" % (self.run_id.name, self.description),
            "account_id": account.id,
            "partner_id": self.client_id.id,
            "date": self.run_id.date_end,
            "amount": -self.amount,
            "unit_amount": self.quantity,
            "product_id": self.product_tmpl_id.product_variant_id.id or False,
            "company_id": self.company_id.id,
            "ref": self.run_id.name,
        }

    @api.multi
    def _get_export_values(self):
        """One row of a statement, as the xlsx export and the PDF show it."""
        self.ensure_one()
        sources = dict(self._selection_source())
        classes = dict(self._selection_financing_class())
        return {
            "source": sources.get(self.source, ""),
            "financing_class": classes.get(self.financing_class, ""),
            "item": self.product_tmpl_id.name or "",
            "backoffice": self.backoffice_id.name or "",
            "description": self.description,
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "proration": self.proration,
            "amount": self.amount,
        }
