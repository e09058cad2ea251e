import inspect
import logging

import psycopg2
import werkzeug.exceptions

from odoo import models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError, except_orm
from odoo.http import request

_logger = logging.getLogger(__name__)


class IrHttp(models.AbstractModel):
    """Pages answer a refusal with 400, 403 or 404, never 500, and a logged-in user's 404 is a page.

    A logged-in user who asks for a page that does not exist, or a case, item or document that is not
    theirs, gets a page in their language with a way back, not Werkzeug's bare English "Not Found".

    Odoo 11 answered 500 for a page (type http) that: lacks a parameter its route needs (it called the route's
    method anyway: the web client's upload, export, follow and report-download routes among them); refuses bad
    input with an HTTPException that has no status code (barcodes); or meets an AccessError, a missing record,
    a UserError or a value it cannot use (a text where an id belongs). JSON routes keep Odoo's JSON-RPC errors.
    """

    _inherit = "ir.http"

    @classmethod
    def _get_languages(cls):
        """The active languages, without a search each time a page asks (see res.lang._get_frontend_lang_ids)."""
        Lang = request.env["res.lang"]
        return Lang.browse(Lang._get_frontend_lang_ids()[0])

    @classmethod
    def _get_default_lang(cls):
        """The pages' default language, without reading the partners' default each time a page asks."""
        Lang = request.env["res.lang"]
        return Lang.browse(Lang._get_frontend_lang_ids()[1])

    @classmethod
    def _postprocess_args(cls, arguments, rule):
        response = super(IrHttp, cls)._postprocess_args(arguments, rule)
        if response:
            return response
        endpoint = rule.endpoint
        if endpoint.routing.get("type") != "http":
            return None
        missing = cls._gd_missing_parameters(endpoint, set(arguments) | set(request.params))
        if missing:
            _logger.info("%s without %s: 400", request.httprequest.path, ", ".join(missing))
            return werkzeug.exceptions.BadRequest()
        return None

    @classmethod
    def _gd_missing_parameters(cls, endpoint, given):
        function = endpoint.original
        try:
            parameters = list(inspect.signature(function).parameters.values())
        except (TypeError, ValueError):
            return []
        if function is not endpoint.method:
            parameters = parameters[1:]  # the unbound controller method: skip self
        return [parameter.name for parameter in parameters
                if parameter.default is inspect.Parameter.empty and parameter.name not in given
                and parameter.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)]

    @classmethod
    def _handle_exception(cls, exception):
        if getattr(request, "_request_type", None) == "http":  # request is a proxy: no isinstance
            exception = cls._gd_http_exception(exception)
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
    def _gd_http_exception(cls, exception):
        """The HTTP answer for an exception a page raised; the exception itself when it is none of these."""
        path = request.httprequest.path
        if isinstance(exception, werkzeug.exceptions.HTTPException):
            if exception.code is None:
                _logger.info("%s refused: %s", path, exception.description)
                return werkzeug.exceptions.BadRequest(exception.description)
            return exception
        if isinstance(exception, AccessError):
            _logger.info("%s: access refused (%s)", path, exception)
            return werkzeug.exceptions.Forbidden()
        if isinstance(exception, MissingError):
            return werkzeug.exceptions.NotFound()
        if isinstance(exception, (UserError, ValidationError, except_orm)):
            _logger.info("%s refused: %s", path, exception)
            return werkzeug.exceptions.BadRequest()
        if isinstance(exception, (ValueError, KeyError, TypeError, psycopg2.DataError)):
            _logger.warning("%s: bad request", path, exc_info=True)
            return werkzeug.exceptions.BadRequest()
        return exception

    @classmethod
    def _gd_renders_not_found(cls):
        """Only for an HTML page asked by a logged-in user: the page is rendered with their rights."""
        if getattr(request, "_request_type", None) != "http" or not request.uid:
            return False
        if request.httprequest.method not in ("GET", "HEAD"):
            return False
        return not request.env.user._is_public()
