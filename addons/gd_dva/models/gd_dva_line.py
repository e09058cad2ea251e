from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError

from .gd_dva_agreement import LOCKED_STATES

# Comparing a norm in working days with one in working hours: one working day counts as this many hours.
# The lines' own fields that may change on an active DVA (the order of the lines only).
FREE_FIELDS = {"sequence"}
# Set by an amendment of an active DVA only (``gd.dva.agreement._do_amend``).
AMENDMENT_FIELDS = {"date_from", "date_to", "previous_line_id"}


class GdDvaLine(models.Model):
    """One agreed service of a DVA: a catalogue item, its quantity or level, its price and service level."""

    _name = "gd.dva.line"
    _inherit = ["gd.transition.mixin"]
    _description = "DVA line"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "gd.dva.agreement", string="DVA", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Catalogue item", required=True, ondelete="restrict", index=True,
        domain=[("is_catalog_item", "=", True), ("is_pattern", "=", False)])
    name = fields.Char(string="Description", help="What is agreed, when the item's name does not say it all.")
    financing_class = fields.Selection(related="product_tmpl_id.financing_class", readonly=True)
    backoffice_id = fields.Many2one(related="product_tmpl_id.backoffice_id", readonly=True, store=True)
    quantity = fields.Float(
        string="Quantity per month", digits=dp.get_precision("Product Unit of Measure"), default=0.0,
        help="The agreed number per month, e.g. 40 workstations. Zero when only a level is agreed.")
    level = fields.Char(help="The agreed level when it is not a number, e.g. 'extended opening hours'.")
    price_unit = fields.Float(
        string="Agreed unit price", digits=dp.get_precision("Product Price"),
        help="Per unit per month. Defaults to the catalogue price.")
    price_subtotal = fields.Monetary(
        string="Amount per month", compute="_compute_price_subtotal", store=True)
    lead_time = fields.Float(
        string="Lead-time norm",
        help="The agreed delivery norm. Defaults to the catalogue's; it may be stricter, never looser.")
    lead_time_unit = fields.Selection("_selection_lead_time_unit", string="Lead-time unit", default="days")
    target_pct = fields.Float(
        string="Target on time (%)", default=95.0,
        help="The share of deliveries that must be on time, e.g. 95.")
    client_id = fields.Many2one(
        related="agreement_id.client_id", string="Client organisation", store=True, index=True, readonly=True)
    state = fields.Selection(related="agreement_id.state", store=True, index=True, readonly=True)
    kind = fields.Selection(related="agreement_id.kind", readonly=True)
    date_start = fields.Date(related="agreement_id.date_start", store=True, readonly=True)
    date_end = fields.Date(related="agreement_id.date_end", store=True, readonly=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id", readonly=True)
    date_from = fields.Date(
        string="In force from", readonly=True, copy=False, index=True,
        help="Set by an amendment: the line applies from this day on. Empty: from the start of the DVA.")
    date_to = fields.Date(
        string="In force until", readonly=True, copy=False, index=True,
        help="Set by an amendment: the line was replaced or ended after this day. Empty: until the end of the DVA.")
    previous_line_id = fields.Many2one(
        "gd.dva.line", string="Amends", readonly=True, copy=False, ondelete="restrict", index=True,
        help="The line this one replaced from its first day in force.")
    is_current = fields.Boolean(
        string="In force", compute="_compute_is_current",
        help="Not replaced by an amendment: the terms that apply from the last amendment on.")

    _sql_constraints = [
        # One line per item of a DVA on any day: an amendment ends a line the day before its successor starts
        # (needs btree_gist, created by the DVA).
        ("item_agreement_excl",
         "EXCLUDE USING gist (agreement_id WITH =, product_tmpl_id WITH =, "
         "daterange(COALESCE(date_from, '-infinity'::date), COALESCE(date_to, 'infinity'::date), '[]') WITH &&)",
         "A catalogue item can be agreed only once per DVA on any day."),
        ("amendment_dates_check", "CHECK (date_to IS NULL OR date_from IS NULL OR date_from <= date_to)",
         "A line ends after it starts."),
    ]

    @api.model
    def _get_fixed_fields(self):
        # A line never moves to another DVA: that would change an active one behind its lock.
        return super(GdDvaLine, self)._get_fixed_fields() | {"agreement_id"}

    @api.model
    def _get_transition_fields(self):
        return super(GdDvaLine, self)._get_transition_fields() | AMENDMENT_FIELDS

    @api.model
    def _selection_lead_time_unit(self):
        return self.env["product.template"]._selection_lead_time_unit()

    @api.depends("date_to")
    def _compute_is_current(self):
        for line in self:
            line.is_current = not line.date_to

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit

    @api.multi
    def name_get(self):
        return [(line.id, "%s: %s" % (line.agreement_id.name, line.product_tmpl_id.name)) for line in self]

    # ------------------------------------------------------------------ constraints and onchanges

    @api.constrains("product_tmpl_id", "agreement_id")
    def _check_item(self):
        for line in self:
            item = line.product_tmpl_id
            values = {"item": item.name, "agreement": line.agreement_id.name}
            if not item.is_catalog_item or item.is_pattern:
                raise ValidationError(
                    _("%(item)s is not a catalogue item: a DVA only agrees on items of the catalogue.") % values)
            if line.agreement_id.kind == "third_party" and item.financing_class not in ("basis", "plus"):
                raise ValidationError(
                    _("A DVA with a third party contains basis and plus services only; %(item)s is not one.")
                    % values)
            if line.agreement_id.kind == "plus" and item.financing_class not in ("plus", "custom"):
                raise ValidationError(
                    _("%(item)s is a basis service, the same for every directorate: it does not belong in a "
                      "plus-DVA.") % values)

    @api.constrains("quantity", "price_unit", "lead_time", "target_pct")
    def _check_figures(self):
        for line in self:
            values = {"item": line.product_tmpl_id.name}
            if line.quantity < 0:
                raise ValidationError(_("The agreed quantity of %(item)s cannot be negative.") % values)
            if line.price_unit < 0:
                raise ValidationError(_("The agreed unit price of %(item)s cannot be negative.") % values)
            if line.lead_time < 0:
                raise ValidationError(_("The lead-time norm of %(item)s cannot be negative.") % values)
            if not 0 <= line.target_pct <= 100:
                raise ValidationError(_("The target on time of %(item)s lies between 0 and 100%%.") % values)

    @api.constrains("lead_time", "lead_time_unit", "product_tmpl_id")
    def _check_norm_not_looser(self):
        for line in self:
            item = line.product_tmpl_id
            if not item.lead_time:
                continue  # the catalogue promises no norm: any agreed norm is stricter
            agreed = line._norm_in_hours(line.lead_time, line.lead_time_unit)
            catalogue = line._norm_in_hours(item.lead_time, item.lead_time_unit)
            if not line.lead_time or agreed > catalogue:
                raise ValidationError(
                    _("The agreed norm for %(item)s (%(agreed)s) is looser than the catalogue's (%(catalogue)s): "
                      "a DVA may only agree on a stricter norm.")
                    % {"item": item.name, "agreed": line._format_norm(line.lead_time, line.lead_time_unit),
                       "catalogue": line._format_norm(item.lead_time, item.lead_time_unit)})

    @api.onchange("product_tmpl_id")
    def _onchange_product_tmpl_id(self):
        item = self.product_tmpl_id
        if item:
            self.price_unit = item.list_price
            self.lead_time = item.lead_time
            self.lead_time_unit = item.lead_time_unit or "days"

    # ------------------------------------------------------------------ CRUD

    @api.model
    def create(self, vals):
        vals = self._prepare_defaults_from_item(vals)
        agreement = self.env["gd.dva.agreement"].browse(vals.get("agreement_id"))
        if agreement.state in LOCKED_STATES and not self._in_transition():
            raise UserError(_("Lines cannot be added to an active, ended or terminated DVA; renew it to agree "
                              "on new terms."))
        return super(GdDvaLine, self).create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) - FREE_FIELDS and not (self._in_transition() and set(vals) <= AMENDMENT_FIELDS):
            self._check_editable()
        return super(GdDvaLine, self).write(vals)

    @api.multi
    def unlink(self):
        self._check_editable()
        return super(GdDvaLine, self).unlink()

    @api.model
    def _prepare_defaults_from_item(self, vals):
        """Price and norm default to the catalogue item's when not given (imports, code, tests)."""
        vals = dict(vals)
        item = self.env["product.template"].browse(vals.get("product_tmpl_id"))
        if item:
            vals.setdefault("price_unit", item.list_price)
            if "lead_time" not in vals:
                vals["lead_time"] = item.lead_time
                vals["lead_time_unit"] = item.lead_time_unit or "days"
        return vals

    @api.multi
    def _check_editable(self):
        locked = self.filtered(lambda line: line.agreement_id.state in LOCKED_STATES)
        if locked:
            raise UserError(_("The lines of %(agreement)s cannot change: the DVA is active, ended or "
                              "terminated. Renew it to agree on new terms.")
                            % {"agreement": locked[0].agreement_id.display_name})

    # ------------------------------------------------------------------ business methods

    @api.model
    def _norm_in_hours(self, lead_time, unit):
        """A norm in working hours: a day counts the company's working hours per day (Settings)."""
        company = self.company_id if len(self.company_id) == 1 else self.env.user.company_id
        return lead_time * company.gd_hours_per_day if unit == "days" else lead_time

    @api.model
    def _format_norm(self, lead_time, unit):
        if not lead_time:
            return _("no norm")
        label = dict(self._selection_lead_time_unit()).get(unit or "days", "")
        return "%s %s" % (("%.1f" % lead_time).rstrip("0").rstrip("."), label.lower())

    @api.multi
    def _get_norm_label(self):
        self.ensure_one()
        return self._format_norm(self.lead_time, self.lead_time_unit)

    @api.model
    def _find_line(self, client, item, date=None):
        """The line of an active DVA of ``client`` (an organisation) for ``item`` on ``date`` (default today).

        The overlap rule allows one active DVA of each kind per organisation and period, and the kind follows
        from the organisation, so there is at most one such line.
        """
        date = date or fields.Date.context_today(self)
        if not client or not item:
            return self.browse()
        return self.search([
            ("client_id", "=", client.commercial_partner_id.id),
            ("product_tmpl_id", "=", item.id),
            ("state", "=", "active"),
            ("date_start", "<=", date),
            ("date_end", ">=", date),
        ] + self._in_force_domain(date), limit=1)

    @api.model
    def _in_force_domain(self, date):
        """The lines in force on ``date`` as far as amendments go (the DVA's own period aside)."""
        return ["|", ("date_from", "=", False), ("date_from", "<=", date),
                "|", ("date_to", "=", False), ("date_to", ">=", date)]
