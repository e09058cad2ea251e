import logging

import werkzeug.exceptions

from odoo import models
from odoo.http import request

_logger = logging.getLogger(__name__)


class IrHttp(models.AbstractModel):
    """A logged-in user who asks for a page that does not exist, or a case, item or document that is not
    theirs, gets a page in their language with a way back, not Werkzeug's bare English "Not Found".
    """

    _inherit = "ir.http"

    @classmethod
    def _handle_exception(cls, exception):
        if isinstance(exception, werkzeug.exceptions.NotFound) and cls._gd_renders_not_found():
            try:
                response = request.render("gd_catalog.portal_not_found", {"page_name": "not_found"},
                                          status=404)
                response.flatten()
                return response
            except Exception:  # never let the error page hide the error: fall back to Odoo's
                _logger.exception("The not-found page could not be rendered")
        return super(IrHttp, cls)._handle_exception(exception)

    @classmethod
    def _gd_renders_not_found(cls):
        """Only for an HTML page asked by a logged-in user: the page is rendered with their rights."""
        if getattr(request, "_request_type", None) != "http" or not request.uid:
            return False
        if request.httprequest.method not in ("GET", "HEAD"):
            return False
        return not request.env.user._is_public()
