"""The OpenAPI 3.1 document of the analytics API (DESIGN.md section 8).

Built in Python rather than kept as a static file so the enumerations (reports,
formats, comparison modes, error codes) are the very constants the controller checks
against. The response schemas list exactly the keys ``b2b.analytics.service`` returns
(``get_executive_dashboard``, ``get_customer_summary``); the live tests validate every
answer of the running server against this document.
"""

import copy

from ..engine import periods as P

API_VERSION = "1.0.0"
BASE_PATH = "/api/v1/b2b/analytics"
REPORTS = ("executive", "customer", "products", "rfm")
FORMATS = ("xlsx", "pdf", "csv")
ERROR_CODES = (
    "invalid_parameter",
    "export_too_large",
    "unauthenticated",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "internal_error",
)


# Schema helpers -----------------------------------------------------------------


def _nullable(schema):
    schema = dict(schema)
    kind = schema.get("type")
    if kind is None:
        return {"anyOf": [schema, {"type": "null"}]}
    schema["type"] = [*kind, "null"] if isinstance(kind, list) else [kind, "null"]
    return schema


NUMBER = {"type": "number"}
INTEGER = {"type": "integer"}
STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}


def _object(properties, description=None, closed=True, required=None):
    """An object with these properties, all required unless ``required`` says which."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties if required is None else required),
        "additionalProperties": not closed,
    }
    if description:
        schema["description"] = description
    return schema


def _array(items, description=None, max_items=None):
    schema = {"type": "array", "items": items}
    if max_items:
        schema["maxItems"] = max_items
    if description:
        schema["description"] = description
    return schema


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


# Components ------------------------------------------------------------------------

KPI_NAMES = (
    "revenue",
    "orders",
    "aov",
    "gross_margin",
    "margin_pct",
    "active_customers",
    "new_customers",
    "retention_rate",
    "churned_customers",
    "repeat_purchase_rate",
)


def _schemas():
    period = _object(
        {
            "date_from": DATE,
            "date_to": DATE,
            "compare_from": _nullable(DATE),
            "compare_to": _nullable(DATE),
            "currency": {**STRING, "description": "ISO code of the company currency"},
            "timezone": {**STRING, "description": "the analytics timezone"},
        },
        "The period analysed (inclusive calendar dates of the analytics timezone) and "
        "its comparison period.",
    )
    kpi = _object(
        {
            "value": _nullable(NUMBER),
            "previous": _nullable(NUMBER),
            "change_pct": {
                **_nullable(NUMBER),
                "description": "(value - previous) / |previous| * 100; null when previous "
                "is 0 or absent",
            },
        }
    )
    product = _object(
        {
            "product_id": INTEGER,
            "name": _nullable(STRING),
            "quantity": NUMBER,
            "revenue": NUMBER,
            "margin": NUMBER,
        }
    )
    forecast = _object(
        {
            "method": {
                "type": "string",
                "description": "holt_winters, holt (trend only), mean (very short "
                "history) or no_data",
            },
            "season_length": _nullable(INTEGER),
            "periods": _array(MONTH),
            "point": _array(NUMBER),
            "lower_80": _array(NUMBER),
            "upper_80": _array(NUMBER),
            "lower_95": _array(NUMBER),
            "upper_95": _array(NUMBER),
            "backtest": _object(
                {
                    "mase": _nullable(NUMBER),
                    "baseline_mase": _nullable(NUMBER),
                    "holdout": INTEGER,
                }
            ),
        },
        "Monthly revenue forecast after the last complete month (80% and 95% "
        "intervals, backtest MASE next to a seasonal-naive baseline); only method, "
        "periods and point when there is no history.",
        required=["method", "periods", "point"],
    )
    dashboard = _object(
        {
            "period": _ref("Period"),
            "kpis": _object({name: _ref("Kpi") for name in KPI_NAMES}),
            "revenue_trend": _array(
                _object({"period": MONTH, "revenue": NUMBER, "orders": INTEGER}),
                "The 12 months up to date_to, zero-filled.",
            ),
            "top_customers": _array(
                _object(
                    {
                        "customer_id": INTEGER,
                        "name": STRING,
                        "tier": _nullable(STRING),
                        "revenue": NUMBER,
                        "orders": INTEGER,
                        "share_pct": _nullable(NUMBER),
                    }
                ),
                max_items=10,
            ),
            "top_products": _array(_ref("ProductRow"), max_items=10),
            "tier_distribution": _array(
                _object(
                    {
                        "tier_id": _nullable(INTEGER),
                        "name": STRING,
                        "customers": INTEGER,
                        "revenue": NUMBER,
                    }
                )
            ),
            "at_risk_customers": _array(
                _object(
                    {
                        "customer_id": INTEGER,
                        "name": STRING,
                        "tier": _nullable(STRING),
                        "probability_alive": _nullable(
                            {"type": "number", "minimum": 0, "maximum": 1}
                        ),
                        "risk": {"type": "string", "enum": ["high", "medium"]},
                        "method": STRING,
                        "days_since_last_order": INTEGER,
                        "median_gap_days": _nullable(NUMBER),
                        "revenue_12m": NUMBER,
                    }
                ),
                max_items=10,
            ),
            "forecast": _ref("Forecast"),
        },
        "The executive dashboard (DESIGN.md section 7).",
    )
    historical_clv = _object(
        {
            "lifespan_months": NUMBER,
            "avg_monthly_revenue": NUMBER,
            "purchase_frequency": NUMBER,
            "aov": _nullable(NUMBER),
            "projected_clv_36m": NUMBER,
            "total_revenue": NUMBER,
            "orders": INTEGER,
            "first_order_date": DATE,
            "last_order_date": DATE,
        }
    )
    formula_clv = _object(
        {
            "annual_revenue": NUMBER,
            "margin_pct": _nullable(NUMBER),
            "annual_margin": NUMBER,
            "discount_rate": NUMBER,
            "retention_rate": NUMBER,
            "retention_source": {"type": "string", "enum": ["tier", "overall", "fallback"]},
            "clv": _nullable(NUMBER),
            "clv_revenue": _nullable(NUMBER),
        }
    )
    predictive_clv = _object(
        {
            "method": {
                "type": "string",
                "description": "bgnbd_gamma_gamma when the model predicts; otherwise why "
                "not: insufficient_data, not_converged, model_error, no_orders",
            },
            "probability_alive": {"type": "number", "minimum": 0, "maximum": 1},
            "expected_orders_12m": NUMBER,
            "expected_aov": NUMBER,
            "clv_12m": NUMBER,
            "clv_12m_margin": NUMBER,
            "converged": BOOLEAN,
        },
        "BG/NBD + Gamma-Gamma predictions; only ``method`` when the model is not available.",
        required=["method"],
    )
    customer_summary = _object(
        {
            "customer": _object(
                {
                    "id": INTEGER,
                    "name": STRING,
                    "tier": _nullable(STRING),
                    "customer_type": STRING,
                    "state": {
                        "type": "string",
                        "enum": ["draft", "pending", "approved", "suspended"],
                    },
                }
            ),
            "period": _ref("Period"),
            "summary": _object(
                {
                    "total_revenue": NUMBER,
                    "order_count": INTEGER,
                    "avg_order_value": _nullable(NUMBER),
                    "total_margin": NUMBER,
                    "first_order_date": _nullable(DATE),
                    "last_order_date": _nullable(DATE),
                    "days_since_last_order": _nullable(INTEGER),
                    "avg_days_between_orders": _nullable(NUMBER),
                }
            ),
            "top_products": _array(_ref("ProductRow"), max_items=10),
            "monthly_trend": _array(
                _object({"month": MONTH, "orders": INTEGER, "revenue": NUMBER}),
                "Every month of the period, zero-filled.",
            ),
            "clv": _object(
                {
                    "customer_id": INTEGER,
                    "currency": STRING,
                    "historical": _nullable(historical_clv),
                    "formula": _nullable(formula_clv),
                    "predictive": predictive_clv,
                }
            ),
            "rfm": _object(
                {
                    "r": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                    "f": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                    "m": _nullable({"type": "integer", "minimum": 1, "maximum": 5}),
                    "segment": _nullable(STRING),
                }
            ),
            "churn": _object(
                {
                    "probability_alive": _nullable({"type": "number", "minimum": 0, "maximum": 1}),
                    "risk": _nullable({"type": "string", "enum": ["high", "medium", "low"]}),
                    "method": {
                        "type": "string",
                        "description": "bgnbd_gamma_gamma (P(alive) rule) or order_gap",
                    },
                },
                required=["probability_alive", "risk"],
            ),
        },
        "One customer's analytics (DESIGN.md section 7).",
    )
    portal_customer_view = _object(
        {
            "customer": _object({"id": INTEGER, "name": STRING, "tier": _nullable(STRING)}),
            "period": _object(
                {"date_from": DATE, "date_to": DATE, "currency": STRING, "timezone": STRING}
            ),
            "summary": _object(
                {
                    "spend_untaxed": NUMBER,
                    "spend_total": {**NUMBER, "description": "spend including taxes"},
                    "order_count": INTEGER,
                    "avg_order_value": _nullable(NUMBER),
                    "first_order_date": _nullable(DATE),
                    "last_order_date": _nullable(DATE),
                }
            ),
            "monthly_trend": _array(
                _object(
                    {
                        "month": MONTH,
                        "orders": INTEGER,
                        "spend_untaxed": NUMBER,
                        "spend_total": NUMBER,
                    }
                ),
                "Every month of the period, zero-filled.",
            ),
            "products": _array(
                _object(
                    {
                        "product_id": INTEGER,
                        "name": STRING,
                        "uom": STRING,
                        "quantity": NUMBER,
                        "spend_untaxed": NUMBER,
                        "orders": INTEGER,
                    }
                )
            ),
            "tier_progress": _object(
                {
                    "tiers": _array(
                        _object({"name": STRING, "min_annual_spend": NUMBER, "current": BOOLEAN})
                    ),
                    "current": _nullable(STRING),
                    "spend_12m": NUMBER,
                    "next": _nullable(STRING),
                    "threshold": _nullable(NUMBER),
                    "remaining": NUMBER,
                    "percent": NUMBER,
                }
            ),
            "recent_orders": _array(
                _object(
                    {
                        "id": INTEGER,
                        "name": STRING,
                        "date": DATE,
                        "amount_untaxed": NUMBER,
                        "amount_total": NUMBER,
                        "currency": STRING,
                        "url": STRING,
                    }
                ),
                max_items=10,
            ),
            "invoices": _object(
                {
                    "count": INTEGER,
                    "open_balance": NUMBER,
                    "overdue": NUMBER,
                    "url": STRING,
                    "items": _array(
                        _object(
                            {
                                "id": INTEGER,
                                "name": STRING,
                                "type": {"type": "string", "enum": ["invoice", "credit_note"]},
                                "date": _nullable(DATE),
                                "due_date": _nullable(DATE),
                                "amount_total": NUMBER,
                                "amount_due": NUMBER,
                                "status": STRING,
                                "url": STRING,
                            }
                        ),
                        max_items=10,
                    ),
                },
                "Posted invoices and credit notes; open_balance = what is still due "
                "(credit notes count negative), in the company currency.",
            ),
            "currency_format": _object(
                {"name": STRING, "symbol": STRING, "position": STRING, "decimals": INTEGER}
            ),
        },
        "What a portal user (a B2B customer's buyer) gets for its own customer: its "
        "purchases, tier progress, orders and invoices; no internal assessment.",
    )
    export_request = _object(
        {
            "report": {"type": "string", "enum": list(REPORTS)},
            "format": {"type": "string", "enum": list(FORMATS), "default": "xlsx"},
            "date_from": _nullable(DATE),
            "date_to": _nullable(DATE),
            "customer_id": {
                **_nullable({"type": "integer", "minimum": 1, "maximum": 2**31 - 1}),
                "description": "required when report is 'customer', not allowed otherwise",
            },
        },
        required=["report"],
    )
    error = _object(
        {
            "error": _object(
                {
                    "code": {"type": "string", "enum": list(ERROR_CODES)},
                    "message": {"type": "string", "minLength": 1},
                }
            )
        },
        "Every error has this body; 400 messages name the parameter at fault.",
    )
    return {
        "Period": period,
        "Kpi": kpi,
        "ProductRow": product,
        "Forecast": forecast,
        "ExecutiveDashboard": dashboard,
        "CustomerSummary": customer_summary,
        "PortalCustomerView": portal_customer_view,
        "ExportRequest": export_request,
        "Error": error,
    }


def _error_response(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
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
                            "enum": list(P.COMPARE_MODES),
                            "default": "previous_period",
                        },
                        "comparison period",
                    ),
                ],
                "responses": _responses(
                    {
                        "description": "The dashboard.",
                        "content": {"application/json": {"schema": _ref("ExecutiveDashboard")}},
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
                                    "oneOf": [_ref("CustomerSummary"), _ref("PortalCustomerView")]
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
        f"{BASE_PATH}/export": {
            "post": {
                "operationId": "exportReport",
                "summary": "A report as a file (XLSX, PDF or CSV)",
                "description": "executive, products and rfm need the B2B Analytics user "
                "group; customer is also open to a portal user for its own customer, "
                "who gets its customer-facing purchase report.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("ExportRequest")}},
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
        "schemas": _schemas(),
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
