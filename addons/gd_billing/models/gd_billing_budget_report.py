from odoo import api, fields, models


class GdBillingBudgetReport(models.Model):
    """Basis services by month: cost and volume against the central budget and against last year.

    Rows of three kinds, summed by the pivot: the month's actuals (from computed and confirmed runs), the
    same month one year earlier, and a twelfth of each year's budget.
    """

    _name = "gd.billing.budget.report"
    _inherit = "gd.billing.basis.report"
    _description = "Basis services: budget against actual"
    _auto = False

    client_id = fields.Many2one("res.partner", string="Client organisation", readonly=True)
    budget = fields.Float(readonly=True)
    last_year_quantity = fields.Float(string="Delivered last year", readonly=True)
    last_year_cost = fields.Float(string="Cost last year", readonly=True)

    @api.model
    def _view_query(self):
        return """
            SELECT row_number() OVER () AS id, rows.* FROM (
                SELECT b.date_start AS date, b.company_id, b.backoffice_id, b.product_tmpl_id, b.client_id,
                       b.quantity, b.amount AS cost, 0.0 AS budget,
                       0.0 AS last_year_quantity, 0.0 AS last_year_cost
                  FROM gd_billing_basis_line b
                  JOIN gd_billing_run r ON r.id = b.run_id AND r.state != 'draft'
                UNION ALL
                SELECT (b.date_start + interval '1 year')::date, b.company_id, b.backoffice_id, b.product_tmpl_id,
                       b.client_id, 0.0, 0.0, 0.0, b.quantity, b.amount
                  FROM gd_billing_basis_line b
                  JOIN gd_billing_run r ON r.id = b.run_id AND r.state != 'draft'
                UNION ALL
                SELECT make_date(g.year, m.month, 1), g.company_id, g.backoffice_id, g.product_tmpl_id, NULL,
                       0.0, 0.0, CASE WHEN m.month = 12 THEN g.amount - 11 * round(g.amount / 12.0, 2)
                            ELSE round(g.amount / 12.0, 2) END, 0.0, 0.0
                  FROM gd_billing_budget g
                 CROSS JOIN generate_series(1, 12) AS m(month)
            ) AS rows
        """, None
