import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html_escape

from odoo.addons.queue_job.job import job

# Above this many report rows (DVA lines times months in force), the print form makes the report in the
# background. A year of every organisation of a ministry is several thousand.
DEFAULT_BACKGROUND_THRESHOLD = 2000
# The context value of the request's own steps: an object no RPC client can send (JSON and XML-RPC carry data).
REQUEST_STEP = object()
# queue.job's states in the words of the report request.
JOB_STATES = {"pending": "queued", "enqueued": "queued", "started": "running", "done": "done", "failed": "failed"}
FORMATS = {
    "pdf": ("gd_dva.gd_dva_compliance_report_pdf", "application/pdf"),
    "xlsx": ("gd_dva.gd_dva_compliance_report_xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


class GdDvaComplianceRequest(models.Model):
    """A service delivery report made in the background (OCA queue_job), kept for the user who asked.

    The report of many organisations over a year takes longer than a page may hold a web worker. The print
    form then records the request and queues it; the finished file is attached to the request and the user
    who asked gets a message with its link. Who may read the request (and so its file): DVA users all,
    an account manager the requests made by themselves, for their own clients.
    """

    _name = "gd.dva.compliance.request"
    _description = "Service delivery report made in the background"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="Report", readonly=True, required=True)
    user_id = fields.Many2one("res.users", string="Requested by", readonly=True, required=True, index=True,
                              default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", readonly=True, required=True,
                                 default=lambda self: self.env.user.company_id)
    client_ids = fields.Many2many("res.partner", string="Client organisations", readonly=True, required=True)
    year = fields.Integer(readonly=True, required=True)
    period = fields.Selection("_selection_period", readonly=True, required=True)
    report_format = fields.Selection([("pdf", "PDF"), ("xlsx", "Excel")], string="Format", readonly=True,
                                     required=True)
    job_uuid = fields.Char(string="Background job", readonly=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True, copy=False)
    state = fields.Selection("_selection_state", compute="_compute_state",
                             help="Queued or running in the background, done (the file is attached) or failed.")

    @api.model
    def _selection_period(self):
        return self.env["gd.dva.compliance"]._get_period_selection()

    @api.model
    def _selection_state(self):
        return [("queued", _("Queued")), ("running", _("Running")), ("done", _("Done")), ("failed", _("Failed"))]

    @api.multi
    def _compute_state(self):
        uuids = [request.job_uuid for request in self if request.job_uuid]
        # The job records are queue_job's bookkeeping (its managers only); the request shows their state to
        # whoever reads the request.
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)]) if uuids else []
        states = {record.uuid: JOB_STATES.get(record.state) for record in jobs}
        for request in self:
            request.state = "done" if request.attachment_id else states.get(request.job_uuid, False)

    @api.model
    def _is_own_step(self):
        return self.env.context.get("gd_dva_request_transition") is REQUEST_STEP or self.env.user._is_superuser()

    @api.model
    def create(self, vals):
        # Made by the print form only (_request_report), after its check of the clients.
        if not self._is_own_step():
            raise AccessError(_("A report request is made by the print form and finished by its background job."))
        return super(GdDvaComplianceRequest, self).create(vals)

    @api.multi
    def write(self, vals):
        # The request is written by its own steps only (queueing, the job), which go through _transition_write.
        if not self._is_own_step():
            raise AccessError(_("A report request is made by the print form and finished by its background job."))
        return super(GdDvaComplianceRequest, self).write(vals)

    @api.multi
    def _transition_write(self, vals):
        """Write the request's own bookkeeping (job, file); the caller has checked it is the user's request."""
        # sudo: requesters have no write right on requests; the job and the queueing write only these fields.
        return self.sudo().with_context(gd_dva_request_transition=REQUEST_STEP).write(vals)

    # ------------------------------------------------------------------ business methods

    @api.model
    def _get_background_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param("gd_dva.compliance_background_threshold")
        try:
            return int(value) if value else DEFAULT_BACKGROUND_THRESHOLD
        except ValueError:
            return DEFAULT_BACKGROUND_THRESHOLD

    @api.model
    def _count_report_rows(self, clients, year, period):
        """The rows the report would have: its DVA lines times the months of the period each is in force."""
        Compliance = self.env["gd.dva.compliance"]
        date_from, date_to, _label = Compliance._get_period(year, period)
        months = Compliance._get_report_months(date_from, date_to)
        count = 0
        for line in Compliance._get_report_lines(clients, date_from, date_to):
            count += sum(1 for month, month_end, _str, _label, _short in months
                         if line.date_start <= fields.Date.to_string(month_end)
                         and line.date_end >= fields.Date.to_string(month))
        return count

    @api.model
    def _is_heavy(self, clients, year, period):
        return self._count_report_rows(clients, year, period) > self._get_background_threshold()

    @api.model
    def _check_clients(self, clients):
        """Account managers report on their own clients only: those with a DVA they may read."""
        if self.env.user.has_group("gd_dva.group_user"):
            return
        readable = self.env["gd.dva.agreement"].search([("client_id", "in", clients.ids)]).mapped("client_id")
        refused = clients - readable
        if refused:
            raise AccessError(_("You report on your own clients only, not on %(clients)s.")
                              % {"clients": ", ".join(refused.mapped("name"))})

    @api.model
    def _render_file(self, clients, year, period, report_format):
        """(content, content type, file name) of the report of ``clients``, read with the caller's rights."""
        xmlid, content_type = FORMATS[report_format]
        Compliance = self.env["gd.dva.compliance"]
        label = Compliance._get_period(year, period)[2]
        data = {"year": int(year), "period": period, "client_ids": clients.ids}
        report = self.env.ref(xmlid)
        if report_format == "xlsx":
            result = report.render_xlsx(clients.ids, data=data)
        else:
            result = report.render_qweb_pdf(clients.ids, data=data)
        # Odoo returns (content, format), or the bare HTML when it cannot call wkhtmltopdf (test cursors).
        content = result[0] if isinstance(result, tuple) else result
        subject = clients.name if len(clients) == 1 else _("%(count)d organisations") % {"count": len(clients)}
        filename = "%s.%s" % (_("Service delivery report %(client)s %(period)s")
                              % {"client": subject, "period": label}, report_format)
        return content, content_type, filename

    @api.model
    def _request_report(self, clients, year, period, report_format):
        """Record the request and queue the job that makes the file; returns the request."""
        clients = clients.mapped("commercial_partner_id")
        self._check_clients(clients)
        Compliance = self.env["gd.dva.compliance"]
        label = Compliance._get_period(year, period)[2]
        subject = clients.name if len(clients) == 1 else _("%(count)d organisations") % {"count": len(clients)}
        # sudo: nobody creates requests directly (no create right); this step has checked the clients.
        request = self.sudo().with_context(gd_dva_request_transition=REQUEST_STEP, mail_create_nolog=True,
                                           mail_create_nosubscribe=True).create({
            "user_id": self.env.user.id,
            "company_id": self.env.user.company_id.id,
            "name": _("Service delivery report %(client)s %(period)s") % {"client": subject, "period": label},
            "client_ids": [(6, 0, clients.ids)],
            "year": year,
            "period": period,
            "report_format": report_format,
        })
        request = request.with_env(self.env)
        queued = request.with_delay(description=request.name)._job_make_report()
        request._transition_write({"job_uuid": queued.uuid})
        return request

    @job(default_channel="root.gd_dva")
    @api.multi
    def _job_make_report(self):
        """The queued report, as the user who asked for it, in their language; the file is attached to the
        request and that user told, with its link."""
        self.ensure_one()
        user = self.env.user
        if self.user_id != user:
            raise AccessError(_("Only the user who asked for a report makes it."))
        request = self.with_context(lang=user.lang, tz=user.tz)
        clients = request.client_ids
        content, content_type, filename = request._render_file(clients, self.year, self.period, self.report_format)
        # sudo: attaching needs write access on the request, which only its own steps have; it is the user's
        # own request (checked above) and the attachment's readers are the request's readers.
        attachment = self.env["ir.attachment"].sudo().create({
            "name": filename,
            "datas_fname": filename,
            "datas": base64.b64encode(content),
            "mimetype": content_type,
            "res_model": self._name,
            "res_id": self.id,
        })
        self._transition_write({"attachment_id": attachment.id})
        body = _('The service delivery report is ready: <a href="/web/content/%(id)s?download=true">%(name)s</a>.') % {
            "id": attachment.id, "name": html_escape(filename)}
        # sudo: posting on the request needs write access (see above); the message goes to the requester only.
        self.sudo().message_post(body=body, partner_ids=user.partner_id.ids, subtype="mail.mt_comment")
        return body
