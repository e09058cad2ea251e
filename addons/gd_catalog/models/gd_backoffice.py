from odoo import api, fields, models


class GdBackoffice(models.Model):
    """A delivering directorate of the GD (FAZ, FB, C&I, ICT, P&O) or the service desk itself."""

    _name = "gd.backoffice"
    _description = "Back office"
    _order = "sequence, name"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.backoffice")

    def _default_resource_calendar_id(self):
        company = self._default_company_id()
        return company.resource_calendar_id

    name = fields.Char(required=True)
    code = fields.Char(required=True, help="Short code, unique per company, e.g. FAZ or ICT.")
    sequence = fields.Integer(default=10)
    manager_id = fields.Many2one("res.users", string="Manager", ondelete="restrict")
    member_ids = fields.Many2many(
        "res.users", "gd_backoffice_member_rel", "backoffice_id", "user_id", string="Members",
        help="The people who receive and carry out the work of this back office.")
    phone = fields.Char()
    email = fields.Char()
    # Kept in gd.catalog.desk.info, which only the desk group can reach by any method.
    internal_phone = fields.Char(
        groups="gd_catalog.group_desk", compute="_compute_internal_phone", inverse="_inverse_internal_phone",
        search="_search_internal_phone",
        help="Internal number for the service desk only; never shown to customers.")
    resource_calendar_id = fields.Many2one(
        "resource.calendar", string="Working hours", default=_default_resource_calendar_id,
        help="The working time on which delivery deadlines of this back office are computed.")
    is_service_desk = fields.Boolean(
        string="Is the service desk",
        help="The front office itself: it owns the patterns that combine building blocks of several back offices.")
    company_id = fields.Many2one("res.company", string="Company", required=True, default=_default_company_id)
    active = fields.Boolean(default=True)
    item_ids = fields.One2many("product.template", "backoffice_id", string="Catalogue items")
    item_count = fields.Integer(compute="_compute_item_count", string="Number of catalogue items")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The code of a back office must be unique per company."),
    ]

    @api.multi
    def _compute_internal_phone(self):
        infos = self.env["gd.catalog.desk.info"]._get_desk_info("backoffice_id", self)
        for backoffice in self:
            info = infos.get(backoffice.id)
            backoffice.internal_phone = info.internal_phone if info else False

    @api.multi
    def _inverse_internal_phone(self):
        self.env["gd.catalog.desk.info"]._set_desk_value("backoffice_id", self, "internal_phone")

    @api.model
    def _search_internal_phone(self, operator, value):
        return self.env["gd.catalog.desk.info"]._search_desk_value("backoffice_id", "internal_phone", operator, value)

    @api.multi
    def _compute_item_count(self):
        data = self.env["product.template"].read_group(
            [("backoffice_id", "in", self.ids), ("is_catalog_item", "=", True)],
            ["backoffice_id"], ["backoffice_id"])
        counts = {row["backoffice_id"][0]: row["backoffice_id_count"] for row in data}
        for backoffice in self:
            backoffice.item_count = counts.get(backoffice.id, 0)

    @api.multi
    def name_get(self):
        return [(backoffice.id, "%s (%s)" % (backoffice.name, backoffice.code) if backoffice.code
                 and backoffice.code != backoffice.name else backoffice.name) for backoffice in self]
