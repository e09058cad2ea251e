from odoo import api, fields, models

# The GD's goal: 20% more efficient at the same service level, so a basis delivery should come to cost this
# share of what it cost in the reference quarter.
GOAL_SHARE = 0.8


class GdBillingEfficiencyReport(models.Model):
    """Basis services per month, back office and item: what the volume delivered cost, against what it would
    have cost at the reference quarter's cost per delivery and against the goal (20% less).

    The reference of an item is its cost per delivery in its first three months with basis deliveries in
    computed or confirmed runs (the quarter the goal was set against). The sums are meaningful at any grouping: cost / baseline cost is the efficiency index, and the goal
    line lies at 80% of the baseline.
    """

    _name = "gd.billing.efficiency.report"
    _inherit = "gd.billing.basis.report"
    _description = "Basis services: efficiency against the 20% goal"
    _auto = False

    cost_per_unit = fields.Float(string="Cost per delivery", readonly=True, group_operator="avg")
    baseline_cost = fields.Float(string="Cost at the reference prices", readonly=True)
    goal_cost = fields.Float(string="Goal (20% less)", readonly=True)

    @api.model
    def _view_query(self):
        return """
            WITH actual AS (
                SELECT b.company_id, b.date_start AS date, b.backoffice_id, b.product_tmpl_id,
                       sum(b.quantity) AS quantity, sum(b.amount) AS cost
                  FROM gd_billing_basis_line b
                  JOIN gd_billing_run r ON r.id = b.run_id AND r.state != 'draft'
                 GROUP BY b.company_id, b.date_start, b.backoffice_id, b.product_tmpl_id),
            reference AS (
                SELECT a.company_id, a.product_tmpl_id,
                       sum(a.cost) / NULLIF(sum(a.quantity), 0) AS unit_cost
                  FROM actual a
                  JOIN (SELECT company_id, product_tmpl_id, min(date) AS first_month FROM actual
                         GROUP BY company_id, product_tmpl_id) f
                    ON f.company_id = a.company_id AND f.product_tmpl_id = a.product_tmpl_id
                 WHERE a.date < f.first_month + interval '3 months'
                 GROUP BY a.company_id, a.product_tmpl_id)
            SELECT row_number() OVER (ORDER BY a.date, a.backoffice_id, a.product_tmpl_id) AS id,
                   a.date, a.company_id, a.backoffice_id, a.product_tmpl_id, a.quantity, a.cost,
                   a.cost / NULLIF(a.quantity, 0) AS cost_per_unit,
                   round(a.quantity * COALESCE(ref.unit_cost, 0), 2) AS baseline_cost,
                   round(a.quantity * COALESCE(ref.unit_cost, 0) * %s, 2) AS goal_cost
              FROM actual a
              LEFT JOIN reference ref ON ref.company_id = a.company_id AND ref.product_tmpl_id = a.product_tmpl_id
        """, (GOAL_SHARE,)
