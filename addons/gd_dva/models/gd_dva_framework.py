from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class GdDvaFramework(models.Model):
    """The framework agreement (mantelovereenkomst): the ministry-wide rules every DVA falls under.

    Signed by the client leadership (the PSG) and the director of the shared services.
    """

    _name = "gd.dva.framework"
    _description = "Framework agreement"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    def _default_company_id(self):
        return self.env["res.company"]._company_default_get("gd.dva.framework")

    name = fields.Char(required=True, track_visibility="onchange")
    company_id = fields.Many2one("res.company", string="Company", required=True, default=_default_company_id)
    date_start = fields.Date(string="Start date", required=True, track_visibility="onchange")
    date_end = fields.Date(string="End date", required=True, track_visibility="onchange")
    client_signatory_id = fields.Many2one(
        "res.partner", string="Signatory for the client", track_visibility="onchange",
        help="Signs on behalf of the ministry's leadership, usually the secretary-general (PSG).")
    gd_signatory_id = fields.Many2one(
        "res.partner", string="Signatory for the shared services", track_visibility="onchange",
        help="Signs on behalf of the shared services, usually their director.")
    date_signed = fields.Date(string="Signed on", track_visibility="onchange")
    rules = fields.Html(
        string="Agreed rules",
        help="The rules for daily service, the innovation agenda, financing and how DVAs are made.")
    state = fields.Selection(
        "_selection_state", required=True, default="draft", index=True, track_visibility="onchange", copy=False)
    agreement_ids = fields.One2many("gd.dva.agreement", "framework_id", string="DVAs")
    agreement_count = fields.Integer(compute="_compute_agreement_count", string="Number of DVAs")
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Number of attachments")

    @api.model
    def _selection_state(self):
        return [("draft", _("Draft")), ("active", _("Active")), ("ended", _("Ended"))]

    @api.multi
    def _compute_agreement_count(self):
        data = self.env["gd.dva.agreement"].read_group(
            [("framework_id", "in", self.ids)], ["framework_id"], ["framework_id"])
        counts = {row["framework_id"][0]: row["framework_id_count"] for row in data}
        for framework in self:
            framework.agreement_count = counts.get(framework.id, 0)

    @api.multi
    def _compute_attachment_count(self):
        data = self.env["ir.attachment"].read_group(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"], ["res_id"])
        counts = {row["res_id"]: row["res_id_count"] for row in data}
        for framework in self:
            framework.attachment_count = counts.get(framework.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for framework in self:
            if framework.date_end < framework.date_start:
                raise ValidationError(_("The framework agreement %(name)s ends before it starts.")
                                      % {"name": framework.name})

    @api.constrains("date_start", "date_end")
    def _check_agreements_inside(self):
        for framework in self:
            outside = framework.agreement_ids.filtered(
                lambda agreement: agreement.date_start < framework.date_start
                or agreement.date_end > framework.date_end)
            if outside:
                raise ValidationError(
                    _("The DVA %(agreement)s would fall outside the period of the framework agreement "
                      "%(name)s.") % {"agreement": outside[0].display_name, "name": framework.name})

    @api.multi
    def action_activate(self):
        self._do_activate()
        return True

    @api.multi
    def action_end(self):
        self._do_end()
        return True

    @api.multi
    def action_draft(self):
        self._do_set_draft()
        return True

    @api.multi
    def action_view_agreements(self):
        self.ensure_one()
        action = self.env.ref("gd_dva.gd_dva_agreement_action").read()[0]
        action["domain"] = [("framework_id", "=", self.id)]
        action["context"] = {"default_framework_id": self.id}
        return action

    @api.multi
    def action_view_attachments(self):
        self.ensure_one()
        action = self.env.ref("base.action_attachment").read()[0]
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"default_res_model": self._name, "default_res_id": self.id}
        return action

    @api.multi
    def _do_activate(self):
        for framework in self:
            if framework.state != "draft":
                raise UserError(_("Only a draft framework agreement can be activated."))
            if not (framework.client_signatory_id and framework.gd_signatory_id):
                raise UserError(_("Fill in both signatories of %(name)s before activating it.")
                                % {"name": framework.name})
        self.write({"state": "active"})

    @api.multi
    def _do_end(self):
        for framework in self:
            if framework.state != "active":
                raise UserError(_("Only an active framework agreement can be ended."))
            if framework.agreement_ids.filtered(lambda agreement: agreement.state == "active"):
                raise UserError(_("End the active DVAs under %(name)s first.") % {"name": framework.name})
        self.write({"state": "ended"})

    @api.multi
    def _do_set_draft(self):
        if self.filtered(lambda framework: framework.state != "active" or framework.agreement_ids):
            raise UserError(_("Only an active framework agreement without DVAs can go back to draft."))
        self.write({"state": "draft"})
