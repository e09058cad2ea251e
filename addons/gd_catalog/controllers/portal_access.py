"""One access check for the portal routes of every gd module.

A record named in a URL is shown only to a user who may read it: access rights and record rules, as that
user, never sudo. Anything else (another organisation's record, a missing one, an id that is no number or
lies beyond PostgreSQL's integer range) answers the same 404, so the answer tells nothing about records of
others. Port: Odoo 12+ has ``CustomerPortal._document_check_access`` for the token-based variant.
"""
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

# Ids beyond PostgreSQL's integer range would raise an SQL error (a 500) instead of a 404.
MAX_ID = 2 ** 31 - 1


def to_record_id(value):
    """The id in ``value`` when it is one PostgreSQL can hold, else None."""
    try:
        record_id = int(value)
    except (TypeError, ValueError):
        return None
    return record_id if 0 < record_id <= MAX_ID else None


def portal_record(model, record_id, domain=None, check=None):
    """The record of ``model`` with this id that the logged-in user may read, or a 404.

    ``domain`` narrows what the route shows (published items, quotes only); ``check`` names a method of the
    record that raises AccessError when the route asks more than reading (deciding on a quote).
    """
    record_id = to_record_id(record_id)
    Model = request.env[model]
    if not record_id or not Model.check_access_rights("read", raise_exception=False):
        raise request.not_found()
    record = Model.search([("id", "=", record_id)] + list(domain or []), limit=1)
    if not record:
        raise request.not_found()
    if check:
        try:
            getattr(record, check)()
        except (AccessError, MissingError):
            raise request.not_found()
    return record


def download_response(content, content_type, filename):
    """``content`` as a download named ``filename``; any character in the name is encoded as RFC 6266 says."""
    return request.make_response(content, headers=[
        ("Content-Type", content_type),
        ("Content-Length", len(content)),
        ("Content-Disposition", http.content_disposition(filename)),
    ])
