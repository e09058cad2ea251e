from odoo import api, fields, models, tools


class GdBillingBasisReport(models.AbstractModel):
    """What the reports on basis services share: rows of a month, back office and catalogue item with the volume
    delivered and its cost, read from a SQL view. A report adds its own columns and returns the view's
    ``SELECT`` (and its parameters) from ``_view_query()``; ``init()`` makes the view."""

    _name = "gd.billing.basis.report"
    _description = "Basis services report"
    _order = "date desc"

    date = fields.Date(string="Month", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    backoffice_id = fields.Many2one("gd.backoffice", string="Back office", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Catalogue item", readonly=True)
    quantity = fields.Float(string="Delivered", readonly=True)
    cost = fields.Float(string="Cost", readonly=True)

    @api.model
    def _view_query(self):
        """The ``SELECT`` of the report's view, with an ``id`` column, and its parameters (or None)."""
        raise NotImplementedError()

    @api.model_cr
    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        query, params = self._view_query()
        self.env.cr.execute("CREATE VIEW %s AS %s" % (self._table, query), params)
