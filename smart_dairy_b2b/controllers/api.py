"""HTTP JSON API v1 of the B2B analytics (docs/api.md).

Routes are ``auth='none'`` with their own authentication step: an
``Authorization: Bearer <key>`` header holding an Odoo user API key
(``res.users.apikeys``, scope ``rpc``), else the Odoo session cookie. The request then
runs with that user's rights, so the record rules of ``b2b.customer`` decide what a
user sees: a customer that does not exist and one the user may not read get the same
404. Every error is ``{"error": {"code", "message"}}`` (see ``openapi.py``).
"""

import base64
import binascii
import json
import logging
import re

from odoo import _, http
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from ..models.analytics_params import parse_record_id
from ..models.b2b_analytics_filters import FILTER_KEYS, parse_filters
from .openapi import BASE_PATH, openapi_document

_logger = logging.getLogger(__name__)

ANALYTICS_GROUP = "smart_dairy_b2b.group_b2b_user"
EXPORT_SERVICE = "b2b.report.export.service"
PORTAL_VIEW = "b2b.portal.analytics"
MAX_BODY_BYTES = 16 * 1024
# Largest file the export endpoint sends, overridable per database (ir.config_parameter).
MAX_EXPORT_BYTES_PARAM = "smart_dairy_b2b.api_export_max_bytes"
DEFAULT_MAX_EXPORT_BYTES = 20 * 1024 * 1024
EXPORT_KEYS = ("report", "format", "date_from", "date_to", "customer_id")
NO_STORE = [("Cache-Control", "no-store")]


class ApiError(Exception):
    """An answer of the API other than 200: status, error code and message."""

    def __init__(self, status, code, message, headers=None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or []


def error_response(status, code, message, headers=None):
    return request.make_json_response(
        {"error": {"code": code, "message": message}},
        headers=NO_STORE + list(headers or []),
        status=status,
    )


def bad_parameter(message):
    return ApiError(400, "invalid_parameter", message)


def authenticate():
    """Run the request as the caller: a Bearer API key first, else the session user
    (the framework has already checked the session). 401 when neither is valid."""
    header = request.httprequest.headers.get("Authorization", "")
    scheme, _sep, key = header.strip().partition(" ")
    if scheme.lower() == "bearer":
        key = key.strip()
        user_id = (
            request.env["res.users.apikeys"].sudo()._check_credentials(scope="rpc", key=key)
            if key
            else None
        )
        if not user_id:
            raise ApiError(
                401,
                "unauthenticated",
                _("The API key is not valid."),
                [("WWW-Authenticate", 'Bearer realm="odoo", error="invalid_token"')],
            )
    elif request.session.uid:
        user_id = request.session.uid
    else:
        raise ApiError(
            401,
            "unauthenticated",
            _("Authentication required: send 'Authorization: Bearer <API key>' or a session."),
            [("WWW-Authenticate", 'Bearer realm="odoo"')],
        )
    request.update_env(user=user_id)
    request.update_context(**request.env.user.context_get())
    return request.env.user


def require_analytics_user(user, what):
    if not user.has_group(ANALYTICS_GROUP):
        raise ApiError(
            403,
            "forbidden",
            _("%(what)s needs the B2B Analytics user group.", what=what),
        )


def require_analytics_or_portal_user(user):
    if not (user.has_group(ANALYTICS_GROUP) or user._is_portal()):
        raise ApiError(
            403,
            "forbidden",
            _("Customer analytics need the B2B Analytics user group or portal access."),
        )


def check_parameters(params, allowed):
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise bad_parameter(
            _(
                "Unknown parameter %(names)s; this endpoint takes %(allowed)s.",
                names=", ".join(unknown),
                allowed=", ".join(allowed) or _("none"),
            )
        )


def text_parameter(params, name):
    value = params.get(name)
    return value if value not in (None, "") else None


def filter_parameters(params):
    """The dashboard filters of a query (``region=dhaka,khulna&tier_id=3``), checked
    like the service checks them (a bad value: 400 naming the filter)."""
    filters = {}
    for key in FILTER_KEYS:
        text = text_parameter(params, key)
        if text is None:
            continue
        values = [part.strip() for part in text.split(",") if part.strip()]
        if key.endswith("_id"):
            values = [int(value) if value.isdigit() else value for value in values]
        filters[key] = values
    return parse_filters(filters)


class B2bAnalyticsApi(http.Controller):
    """``/api/v1/b2b/analytics/*``: see ``openapi.py`` for the contract."""

    def _serve(self, methods, handler, *args):
        """Method check, then the handler; every failure becomes the JSON error body."""
        method = request.httprequest.method
        try:
            if method not in methods and not (method == "HEAD" and "GET" in methods):
                raise ApiError(
                    405,
                    "method_not_allowed",
                    _("Use %(methods)s on this endpoint.", methods=" or ".join(methods)),
                    [("Allow", ", ".join(methods))],
                )
            return handler(*args)
        except ApiError as error:
            request.env.cr.rollback()
            return error_response(error.status, error.code, error.message, error.headers)
        except MissingError as error:
            request.env.cr.rollback()
            return error_response(404, "not_found", error.args[0])
        except (AccessError, AccessDenied) as error:
            request.env.cr.rollback()
            return error_response(403, "forbidden", error.args[0] or _("Access denied."))
        except UserError as error:  # the service's argument checks (ValidationError too)
            request.env.cr.rollback()
            return error_response(400, "invalid_parameter", error.args[0])
        except Exception:
            request.env.cr.rollback()
            _logger.exception("B2B analytics API: %s %s failed", method, request.httprequest.path)
            return error_response(500, "internal_error", _("Internal server error."))

    # Endpoints -------------------------------------------------------------------

    @http.route(f"{BASE_PATH}/dashboard", type="http", auth="none", csrf=False, save_session=False)
    def dashboard(self, **params):
        return self._serve(("GET",), self._dashboard, params)

    @http.route(
        f"{BASE_PATH}/customer/<string:customer_id>",
        type="http",
        auth="none",
        csrf=False,
        save_session=False,
    )
    def customer(self, customer_id, **params):
        return self._serve(("GET",), self._customer, customer_id, params)

    @http.route(f"{BASE_PATH}/overdue", type="http", auth="none", csrf=False, save_session=False)
    def overdue(self, **params):
        return self._serve(("GET",), self._overdue, params)

    @http.route(f"{BASE_PATH}/export", type="http", auth="none", csrf=False, save_session=False)
    def export(self, **params):
        return self._serve(("POST",), self._export, params)

    @http.route(
        f"{BASE_PATH}/openapi.json", type="http", auth="none", csrf=False, save_session=False
    )
    def openapi(self, **params):
        return self._serve(("GET",), self._openapi)

    # Handlers --------------------------------------------------------------------

    def _dashboard(self, params):
        user = authenticate()
        require_analytics_user(user, _("The executive dashboard"))
        check_parameters(params, ("date_from", "date_to", "compare", *FILTER_KEYS))
        date_from, date_to = text_parameter(params, "date_from"), text_parameter(params, "date_to")
        data = request.env["b2b.analytics.service"].get_executive_dashboard(
            date_from=date_from,
            date_to=date_to,
            compare=text_parameter(params, "compare"),
            filters=filter_parameters(params) or None,
        )
        return request.make_json_response(data, headers=NO_STORE)

    def _overdue(self, params):
        user = authenticate()
        require_analytics_user(user, _("The overdue customers"))
        check_parameters(params, ("limit",))
        data = request.env["b2b.analytics.service"].get_overdue_customers(
            limit=text_parameter(params, "limit")
        )
        return request.make_json_response(data, headers=NO_STORE)

    def _customer(self, customer_id, params):
        user = authenticate()
        require_analytics_or_portal_user(user)
        customer_id = parse_record_id(customer_id, "customer_id")
        check_parameters(params, ("date_from", "date_to"))
        date_from, date_to = text_parameter(params, "date_from"), text_parameter(params, "date_to")
        if user._is_portal():  # a buyer gets its own customer-facing view, never more
            data = request.env[PORTAL_VIEW]._customer_view(date_from, date_to, customer_id)
        else:
            data = request.env["b2b.analytics.service"].get_customer_summary(
                customer_id, date_from=date_from, date_to=date_to
            )
        return request.make_json_response(data, headers=NO_STORE)

    def _export(self, params):
        """The export service checks the body's values and the caller's rights to the
        report (a buyer's customer report is its own Purchase Report)."""
        user = authenticate()
        require_analytics_or_portal_user(user)
        check_parameters(params, ())
        body = self._json_body()
        check_parameters(body, EXPORT_KEYS)
        file_format = body.get("format")
        result = request.env[EXPORT_SERVICE]._export(
            body.get("report"),
            "xlsx" if file_format is None else file_format,
            date_from=body.get("date_from"),
            date_to=body.get("date_to"),
            customer_id=body.get("customer_id"),
            purchases=user._is_portal(),
        )
        return self._file_response(result)

    def _openapi(self):
        return request.make_json_response(
            openapi_document(request.httprequest.url_root),
            headers=[("Cache-Control", "public, max-age=300")],
        )

    # Helpers -----------------------------------------------------------------------

    def _json_body(self):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            raise bad_parameter(_("The request body may be at most %s bytes.", MAX_BODY_BYTES))
        raw = httprequest.get_data(cache=True)
        if len(raw) > MAX_BODY_BYTES:
            raise bad_parameter(_("The request body may be at most %s bytes.", MAX_BODY_BYTES))
        try:
            body = json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            raise bad_parameter(
                _(
                    'The request body must be a JSON object such as {"report": "executive", '
                    '"format": "xlsx"}.'
                )
            )
        return body

    def _file_response(self, result):
        try:
            content = base64.b64decode(result["content"], validate=False)
        except (binascii.Error, TypeError, KeyError) as error:
            raise ApiError(500, "internal_error", _("The report could not be rendered.")) from (
                error
            )
        limit = DEFAULT_MAX_EXPORT_BYTES
        configured = request.env["ir.config_parameter"].sudo().get_param(MAX_EXPORT_BYTES_PARAM)
        if configured and re.fullmatch(r"[0-9]{1,12}", configured.strip()):
            limit = int(configured)
        if len(content) > limit:
            raise ApiError(
                400,
                "export_too_large",
                _(
                    "The export is too large (%(size)s bytes, at most %(limit)s): narrow the "
                    "period with date_from and date_to.",
                    size=len(content),
                    limit=limit,
                ),
            )
        return request.make_response(
            content,
            headers=NO_STORE
            + [
                ("Content-Type", result.get("mimetype") or "application/octet-stream"),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(result.get("filename") or "report")),
            ],
        )
