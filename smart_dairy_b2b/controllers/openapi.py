"""The OpenAPI 3.1 document of the analytics API (docs/api.md).

Built in Python rather than kept as a static file so the enumerations (reports,
formats, comparison modes, KPI names, churn risks, error codes) are the very constants
the controller checks against, from ``vocabulary.py``. The response schemas are in
``openapi_schemas.py``; the live tests validate every answer of the running server
against this document.
"""

import copy

from .. import vocabulary
from ..models.b2b_customer import CUSTOMER_TYPES, REGIONS
from .openapi_schemas import DATE, ref, schemas

API_VERSION = "1.0.0"
BASE_PATH = "/api/v1/b2b/analytics"
REPORTS = vocabulary.API_REPORTS
REGION_KEYS = [key for key, _label in REGIONS]
TYPE_KEYS = [key for key, _label in CUSTOMER_TYPES]
FORMATS = vocabulary.keys(vocabulary.EXPORT_FORMATS)


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


ERROR_RESPONSES = {
    "400": "A parameter is invalid (the message names it), the period spans more than "
    "10 years, or the export is too large.",
    "401": "No credentials, or a session or API key that is not valid.",
    "403": "Authenticated, but the user may not use this endpoint (no B2B Analytics "
    "group, or a portal user asking for more than its own customer).",
    "404": "No such record, or a record the user may not see (the same answer).",
    "405": "Wrong HTTP method.",
}


def _responses(ok, *errors):
    responses = {"200": ok}
    responses.update({code: {"$ref": f"#/components/responses/E{code}"} for code in errors})
    responses["default"] = _error_response("Any other error (500: internal_error).")
    return responses


def _query(name, schema, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


DATE_FROM = _query("date_from", DATE, "first day of the period (inclusive), YYYY-MM-DD")
DATE_TO = _query("date_to", DATE, "last day of the period (inclusive), YYYY-MM-DD")
# The dashboard filters (docs/definitions.md, *Filters*): comma-separated values each.
_ID_LIST = {"type": "string", "pattern": r"^[0-9]+(,[0-9]+)*$"}
FILTER_PARAMETERS = [
    _query(
        "region",
        {"type": "string"},
        "customers of these regions (comma-separated: " + ", ".join(REGION_KEYS) + ")",
    ),
    _query(
        "customer_type",
        {"type": "string"},
        "customers of these types (comma-separated: " + ", ".join(TYPE_KEYS) + ")",
    ),
    _query("tier_id", _ID_LIST, "customers now in these tiers (ids)"),
    _query("account_manager_id", _ID_LIST, "customers of these account managers (user ids)"),
    _query("categ_id", _ID_LIST, "order lines of these product categories and their subcategories"),
]

_DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Smart Dairy B2B Analytics API",
        "version": API_VERSION,
        "description": (
            "Read-only analytics of the B2B customers the caller may see, in the "
            "currency of the caller's company. Authenticate with an Odoo user API key "
            "(`Authorization: Bearer <key>`, *Preferences → Account Security → New API "
            "Key*) or an Odoo session cookie; the request runs with that user's rights. "
            "Periods may span at most 10 years."
        ),
    },
    "security": [{"apiKey": []}, {"session": []}],
    "paths": {
        f"{BASE_PATH}/dashboard": {
            "get": {
                "operationId": "getExecutiveDashboard",
                "summary": "Executive dashboard: KPIs with comparison, trends, top lists",
                "description": "Needs the B2B Analytics user group. Default period: month to date.",
                "parameters": [
                    DATE_FROM,
                    DATE_TO,
                    _query(
                        "compare",
                        {
                            "type": "string",
                            "enum": list(vocabulary.keys(vocabulary.COMPARE_MODES)),
                            "default": "previous_period",
                        },
                        "comparison period",
                    ),
                    *FILTER_PARAMETERS,
                ],
                "responses": _responses(
                    {
                        "description": "The dashboard.",
                        "content": {"application/json": {"schema": ref("ExecutiveDashboard")}},
                    },
                    "400",
                    "401",
                    "403",
                    "405",
                ),
            }
        },
        f"{BASE_PATH}/customer/{{customer_id}}": {
            "get": {
                "operationId": "getCustomerSummary",
                "summary": "One B2B customer's analytics",
                "description": "B2B Analytics users read the customers their record "
                "rules allow (CustomerSummary); a portal user reads only its own "
                "company's customer, as the customer-facing PortalCustomerView. "
                "Default period: the last 12 months.",
                "parameters": [
                    {
                        "name": "customer_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                    },
                    DATE_FROM,
                    DATE_TO,
                ],
                "responses": _responses(
                    {
                        "description": "The customer summary (portal users: their view).",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "oneOf": [ref("CustomerSummary"), ref("PortalCustomerView")]
                                }
                            }
                        },
                    },
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                ),
            }
        },
        f"{BASE_PATH}/overdue": {
            "get": {
                "operationId": "getOverdueCustomers",
                "summary": "Customers overdue today against their usual ordering rhythm",
                "description": "Needs the B2B Analytics user group; a salesperson gets the "
                "customers they see. As of today (the analytics timezone).",
                "parameters": [
                    _query(
                        "limit",
                        {"type": "integer", "minimum": 1, "maximum": 100000},
                        "at most this many customers (default: all)",
                    )
                ],
                "responses": _responses(
                    {
                        "description": "The overdue customers.",
                        "content": {"application/json": {"schema": ref("OverdueCustomers")}},
                    },
                    "400",
                    "401",
                    "403",
                    "405",
                ),
            }
        },
        f"{BASE_PATH}/export": {
            "post": {
                "operationId": "exportReport",
                "summary": "A report as a file (XLSX, PDF or CSV)",
                "description": "executive, products, rfm, overdue, campaigns (channels "
                "and campaigns) and credit need the B2B Analytics user group; customer is "
                "also open to a portal user for its own customer, who gets its "
                "customer-facing purchase report. credit: the receivables as of date_to "
                "(default today) and the payment methods of the period.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("ExportRequest")}},
                },
                "responses": _responses(
                    {
                        "description": "The file; Content-Disposition names it.",
                        "headers": {
                            "Content-Disposition": {
                                "schema": {"type": "string"},
                                "description": "attachment; filename=...",
                            }
                        },
                        "content": {
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "text/csv": {"schema": {"type": "string"}},
                        },
                    },
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                ),
            }
        },
        f"{BASE_PATH}/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This document",
                "security": [],
                "responses": _responses(
                    {
                        "description": "The OpenAPI document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "405",
                ),
            }
        },
    },
    "components": {
        "securitySchemes": {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "An Odoo user API key (res.users.apikeys, scope rpc).",
            },
            "session": {"type": "apiKey", "in": "cookie", "name": "session_id"},
        },
        "schemas": schemas(),
        "responses": {
            f"E{code}": _error_response(description)
            for code, description in ERROR_RESPONSES.items()
        },
    },
}


def openapi_document(server_url=None):
    """The OpenAPI document; ``server_url`` (e.g. the database's web.base.url) is
    advertised as the server when given."""
    document = copy.deepcopy(_DOCUMENT)
    if server_url:
        document["servers"] = [{"url": server_url.rstrip("/")}]
    return document
