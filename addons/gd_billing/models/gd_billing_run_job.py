from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import job

# Above this many delivered work orders in the month, computing and confirming run as a background job.
DEFAULT_BACKGROUND_THRESHOLD = 20000
# queue.job's states in the words of the settlement run.
JOB_STATES = {"pending": "queued", "enqueued": "queued", "started": "running", "done": "done", "failed": "failed"}


class GdBillingRun(models.Model):
    """A heavy month is computed and confirmed in the background (OCA queue_job).

    The settlement of a month of hundreds of thousands of deliveries takes longer than a page may hold a
    web worker. Its buttons then queue a job instead: the run shows that it waits or runs, and the user who
    asked gets a message when it is done (or why it was refused). Light months run at once, as before.
    """

    _inherit = "gd.billing.run"

    job_uuid = fields.Char(string="Background job", readonly=True, copy=False)
    job_step = fields.Selection(
        [("compute", "Compute"), ("confirm", "Confirm")], string="Step in the background", readonly=True, copy=False)
    job_state = fields.Selection(
        "_selection_job_state", string="Background job state", compute="_compute_job_state",
        help="The computation or confirmation of this run queued or running in the background.")

    @api.model
    def _selection_job_state(self):
        return [("queued", _("Queued")), ("running", _("Running")), ("done", _("Done")), ("failed", _("Failed"))]

    @api.multi
    def _compute_job_state(self):
        uuids = [run.job_uuid for run in self if run.job_uuid]
        # The job records are queue_job's bookkeeping (managers only); the run shows their state to whoever
        # reads the run.
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)]) if uuids else []
        states = {record.uuid: JOB_STATES.get(record.state) for record in jobs}
        for run in self:
            run.job_state = states.get(run.job_uuid, False)

    @api.model
    def _get_transition_fields(self):
        return super(GdBillingRun, self)._get_transition_fields() | {"job_uuid", "job_step"}

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_compute(self):
        return self._run_step("compute")

    @api.multi
    def action_confirm(self):
        return self._run_step("confirm")

    # ------------------------------------------------------------------ background

    @api.multi
    def _run_step(self, step):
        """Compute or confirm now, or queue it when the month is heavy."""
        heavy = self.filtered(lambda run: run._is_heavy())
        for run in heavy:
            run._enqueue_step(step)
        light = self - heavy
        if light:
            light._do_compute() if step == "compute" else light._do_confirm()
        return True

    @api.multi
    def _get_background_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param("gd_billing.background_threshold")
        try:
            return int(value) if value else DEFAULT_BACKGROUND_THRESHOLD
        except ValueError:
            return DEFAULT_BACKGROUND_THRESHOLD

    @api.multi
    def _count_month_deliveries(self):
        """Delivered work orders of the company in this run's month (the done-date index)."""
        self.ensure_one()
        params = self._month_params()
        self.env.cr.execute("""
            SELECT count(*) FROM gd_servicedesk_work_order
             WHERE company_id = %(company)s AND state = 'done' AND kind = 'delivery'
               AND done_date >= (%(start)s::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
               AND done_date < (%(next)s::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'""", params)
        return self.env.cr.fetchone()[0]

    @api.multi
    def _is_heavy(self):
        self.ensure_one()
        return self._count_month_deliveries() > self._get_background_threshold()

    @api.multi
    def _check_step_allowed(self, step):
        """The refusals of the step itself, before it is queued: rights, state, a month not yet ended, a job
        of this run already waiting or running."""
        self.ensure_one()
        self._check_rights()
        if self.job_state in ("queued", "running"):
            raise UserError(_("The settlement run %(run)s is already being computed or confirmed in the background.")
                            % {"run": self.name})
        if step == "compute" and self.state not in ("draft", "computed"):
            raise UserError(_("The settlement run %(run)s is confirmed: it cannot be computed again.")
                            % {"run": self.name})
        if step == "confirm" and self.state != "computed":
            raise UserError(_("Compute the settlement run %(run)s before confirming it.") % {"run": self.name})
        self._check_month_ended()

    @api.multi
    def _enqueue_step(self, step):
        self.ensure_one()
        self._check_step_allowed(step)
        self._lock_for_transition()
        label = dict(self._fields["job_step"].selection)[step]
        delayed = self.with_delay(description=_("Settlement %(run)s: %(step)s") % {"run": self.name, "step": label})
        queued = delayed._job_run_step(step)
        self._transition_write({"job_uuid": queued.uuid, "job_step": step})
        self.message_post(body=_("%(step)s runs in the background (%(count)s delivered work orders); you get a "
                                 "message when it is done.")
                          % {"step": label, "count": self._count_month_deliveries()}, subtype="mail.mt_note")
        return queued

    @job(default_channel="root.gd_billing")
    @api.multi
    def _job_run_step(self, step):
        """The queued step, as the user who asked for it; the outcome is told to that user on the run."""
        self.ensure_one()
        # The job runner's environment has no language: the user is told in theirs, as in the request.
        self = self.with_context(lang=self.env.user.lang)
        label = dict(self._fields["job_step"].selection)[step]
        partner = self.env.user.partner_id
        try:
            with self.env.cr.savepoint():
                self._do_compute() if step == "compute" else self._do_confirm()
        except UserError as error:
            body = _("%(step)s of the settlement run %(run)s was refused: %(reason)s") % {
                "step": label, "run": self.name, "reason": error.name}
            self.message_post(body=body, partner_ids=partner.ids, subtype="mail.mt_comment")
            return body
        self.invalidate_cache()
        body = _("%(step)s of the settlement run %(run)s is done: %(count)s statements, %(amount)s charged.") % {
            "step": label, "run": self.name, "count": self.statement_count,
            "amount": tools.formatLang(self.env, self.amount_total, currency_obj=self.currency_id)}
        self.message_post(body=body, partner_ids=partner.ids, subtype="mail.mt_comment")
        return body
