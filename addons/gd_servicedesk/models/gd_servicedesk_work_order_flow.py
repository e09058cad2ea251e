from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .gd_servicedesk_work_order import FlowClock


class GdServicedeskWorkOrder(models.Model):
    """The work order in the case's flow: stopped while the case is on hold, an expert intake's outcome."""

    _inherit = "gd.servicedesk.work.order"

    intake_outcome = fields.Selection(
        "_selection_intake_outcome", readonly=True, copy=False, track_visibility="onchange",
        help="What the expert intake led to: delivery of the agreed items, a quote for custom work by account "
             "management, or a reasoned refusal.")
    intake_outcome_note = fields.Text(string="Outcome of the intake", readonly=True, copy=False)
    is_on_hold = fields.Boolean(
        string="On hold", compute="_compute_is_on_hold",
        help="The case is with account management: this part waits for its decision.")

    @api.model
    def _selection_intake_outcome(self):
        return [("deliver", _("Deliver")), ("quote", _("Quote for custom work")), ("refuse", _("Refuse"))]

    @api.model
    def _get_transition_fields(self):
        return super(GdServicedeskWorkOrder, self)._get_transition_fields() | {"intake_outcome", "intake_outcome_note"}

    @api.multi
    def _compute_is_on_hold(self):
        for order in self:
            order.is_on_hold = order.ticket_id.sudo().stage_id.code == "escalated"

    # ------------------------------------------------------------------ actions (buttons)

    @api.multi
    def action_done(self):
        """An expert intake is finished by recording its outcome."""
        if len(self) == 1 and self.kind == "intake" and not self.intake_outcome:
            return self.action_record_outcome()
        res = super(GdServicedeskWorkOrder, self).action_done()
        return True if res is None else res

    @api.multi
    def action_record_outcome(self):
        self.ensure_one()
        return self._gd_window_action("gd.servicedesk.work.order.outcome", _("Outcome of the intake"),
                                      context={"default_work_order_id": self.id})

    # ------------------------------------------------------------------ business methods

    @api.multi
    def _check_not_on_hold(self):
        # An intake whose outcome sent the case to account management is still finished as recorded.
        held = self.filtered(lambda order: order.ticket_id.sudo()._is_on_hold()
                             and not (order.kind == "intake" and order.intake_outcome))
        if held:
            raise UserError(_("The work order %(order)s is on hold: its case %(ticket)s is with account "
                              "management, which decides whether it goes on.")
                            % {"order": held[0].display_name, "ticket": held[0].ticket_id.sudo().number})

    @api.multi
    def _do_set_state(self, state):
        if state != "cancel":
            self._check_not_on_hold()
        return super(GdServicedeskWorkOrder, self)._do_set_state(state)

    @api.multi
    def _do_done(self):
        self._check_not_on_hold()
        pending = self.filtered(lambda order: order.kind == "intake" and not order.intake_outcome)
        if pending:
            raise UserError(_("Record the outcome of the expert intake %(order)s: delivery, a quote or a refusal.")
                            % {"order": pending[0].display_name})
        return super(GdServicedeskWorkOrder, self)._do_done()

    @api.multi
    def _do_hand_back(self, reason):
        self._check_not_on_hold()
        return super(GdServicedeskWorkOrder, self)._do_hand_back(reason)

    @api.multi
    def _do_reroute(self, backoffice, product_tmpl=None, user=None, note=None):
        if product_tmpl and product_tmpl.is_pattern and any(order.product_tmpl_id != product_tmpl for order in self):
            raise UserError(_("%(item)s is a pattern: route its building blocks, or make a new intake.")
                            % {"item": product_tmpl.display_name})
        return super(GdServicedeskWorkOrder, self)._do_reroute(backoffice, product_tmpl, user, note)

    @api.multi
    def _do_record_outcome(self, outcome, note, items=None):
        """The expert finishes the intake with its outcome; the case goes on accordingly (see the ticket)."""
        self.ensure_one()
        if self.kind != "intake":
            raise UserError(_("Only an expert intake has an outcome."))
        self._check_open()
        self._check_not_on_hold()
        if outcome not in dict(self._selection_intake_outcome()):
            raise UserError(_("Unknown outcome %(outcome)s.") % {"outcome": outcome})
        if outcome != "deliver" and not (note or "").strip():
            raise UserError(_("Say why: the customer or account management reads it."))
        if items and items.filtered("is_pattern"):
            raise UserError(_("Deliver catalogue items, not patterns."))
        # The outcome is set by this transition only; the assignee finishing the intake may not write it.
        super(GdServicedeskWorkOrder, self.sudo()).write({"intake_outcome": outcome, "intake_outcome_note": note})
        self.message_post(body=_("Outcome of the intake: %(outcome)s. %(note)s") % {
            "outcome": dict(self._selection_intake_outcome())[outcome], "note": note or ""}, subtype="mail.mt_note")
        # The deliveries' norm starts at the moment the intake is done: one clock for both.
        self = self.with_context(gd_flow_clock=FlowClock(fields.Datetime.now()))
        ticket = self.ticket_id.sudo()
        # Deliveries are routed and a quote escalates before the intake is done, so that the case stays open;
        # a refused intake is done first, then the refusal closes the case and cancels what is still open.
        if outcome == "refuse":
            self._do_done()
            ticket._do_expert_intake_outcome(self, outcome, note, items)
        else:
            ticket._do_expert_intake_outcome(self, outcome, note, items)
            self._do_done()
        return True
