from odoo import api, models


class Base(models.AbstractModel):
    """The window action of a button that opens one form, written once for every model."""

    _inherit = "base"

    @api.model
    def _gd_window_action(self, res_model, name=None, res_id=None, target="new", context=None):
        """Open a form of ``res_model``: a dialog for a new record (a wizard, ``target="new"``) or the record
        ``res_id`` in the main view (``target="current"``), with ``name`` as title and ``context``."""
        action = {"type": "ir.actions.act_window", "res_model": res_model, "view_mode": "form", "target": target}
        if name:
            action["name"] = name
        if res_id:
            action["res_id"] = res_id
        if context:
            action["context"] = context
        return action
