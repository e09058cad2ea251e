from odoo import _
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

from .portal_access import to_record_id


class GdAccountPortal(CustomerPortal):

    def details_form_validate(self, data):
        """A country or state that is not one of the list shows the form again with a message.

        Odoo 11 converted them with int() and answered 500 for anything else; the form template does too,
        so an invalid value is also taken out of the posted data before the form is shown again.
        """
        invalid = []
        for field_name, model in (("country_id", "res.country"), ("state_id", "res.country.state")):
            value = data.get(field_name)
            if not value:
                continue
            record_id = to_record_id(value) if str(value).isdigit() else None
            if not record_id or not request.env[model].sudo().browse(record_id).exists():
                data[field_name] = ""
                invalid.append(field_name)
        error, error_message = super(GdAccountPortal, self).details_form_validate(data)
        for field_name in invalid:
            error[field_name] = "error"
        if invalid:
            error_message.append(_("Please choose the country and state from the lists."))
        return error, error_message
