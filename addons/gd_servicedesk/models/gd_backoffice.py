from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression


class GdBackoffice(models.Model):
    """Figures per back office for the service desk dashboard."""

    _inherit = "gd.backoffice"

    routing_rule_ids = fields.One2many("gd.servicedesk.routing.rule", "backoffice_id", string="Routing rules")
    appointment_location = fields.Char(
        default=lambda self: self.env.user.company_id.gd_appointment_location,
        help="Where customers meet the experts of this back office; proposed when the desk books an appointment. "
             "Empty: the company's appointment location (Settings).")
    staff_ids = fields.Many2many(
        "res.users", string="Members and manager", compute="_compute_staff_ids", search="_search_staff_ids",
        help="Who works for this back office: its members and its manager. The record rules of the back offices "
             "read it, so that a rule is one join on the units of a user.")
    work_order_open_count = fields.Integer(string="Open work orders", compute="_compute_work_order_figures")
    work_order_queue_count = fields.Integer(
        string="Unassigned", compute="_compute_work_order_figures", help="Open work orders nobody has taken yet.")
    work_order_at_risk_count = fields.Integer(string="At risk", compute="_compute_work_order_figures")
    work_order_late_count = fields.Integer(string="Late", compute="_compute_work_order_figures")
    work_order_handed_back_count = fields.Integer(string="Handed back", compute="_compute_work_order_figures")
    work_order_on_time_rate = fields.Float(
        string="On time, last 30 days (%)", compute="_compute_work_order_figures")

    @api.depends("member_ids", "manager_id")
    def _compute_staff_ids(self):
        for office in self:
            office.staff_ids = office.member_ids | office.manager_id

    @api.model
    def _search_staff_ids(self, operator, value):
        """Members or manager, with any operator the web client's filters send (ids, a name, set or not)."""
        if value is False and operator in ("=", "!="):
            empty = [("member_ids", "=", False), ("manager_id", "=", False)]
            return ["&"] + empty if operator == "=" else ["!"] + ["&"] + empty
        if operator in expression.NEGATIVE_TERM_OPERATORS:
            return ["&", ("member_ids", operator, value), ("manager_id", operator, value)]
        return ["|", ("member_ids", operator, value), ("manager_id", operator, value)]

    @api.multi
    def _compute_work_order_figures(self):
        Order = self.env["gd.servicedesk.work.order"]
        open_domain = [("backoffice_id", "in", self.ids), ("state", "in", ["new", "progress", "waiting", "handed_back"])]
        counts = {}
        for key, extra in (("open", []), ("queue", [("user_id", "=", False)]),
                           ("at_risk", [("deadline_state", "=", "at_risk")]),
                           ("late", [("deadline_state", "=", "late")]),
                           ("handed_back", [("state", "=", "handed_back")])):
            for row in Order.read_group(open_domain + extra, ["backoffice_id"], ["backoffice_id"]):
                counts[(key, row["backoffice_id"][0])] = row["backoffice_id_count"]
        since = fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=30))
        rates = {row["backoffice_id"][0]: row["on_time_pct"] for row in Order.read_group(
            [("backoffice_id", "in", self.ids), ("state", "=", "done"), ("done_date", ">=", since),
             ("deadline", "!=", False)], ["backoffice_id", "on_time_pct"], ["backoffice_id"])}
        for backoffice in self:
            backoffice.work_order_open_count = counts.get(("open", backoffice.id), 0)
            backoffice.work_order_queue_count = counts.get(("queue", backoffice.id), 0)
            backoffice.work_order_at_risk_count = counts.get(("at_risk", backoffice.id), 0)
            backoffice.work_order_late_count = counts.get(("late", backoffice.id), 0)
            backoffice.work_order_handed_back_count = counts.get(("handed_back", backoffice.id), 0)
            backoffice.work_order_on_time_rate = rates.get(backoffice.id) or 0.0

    @api.multi
    def action_view_work_orders(self):
        self.ensure_one()
        action = self.env.ref("gd_servicedesk.gd_servicedesk_work_order_action").read()[0]
        action["domain"] = [("backoffice_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action
