"""The component schemas of the analytics API's OpenAPI document (``openapi.py``).

They list exactly the keys ``b2b.analytics.service`` (``get_executive_dashboard``,
``get_customer_summary``) and ``b2b.portal.analytics`` return, and take every enumeration
(KPI names, churn risks, reports, formats) from ``vocabulary.py``.
"""

from .. import vocabulary

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
    if "enum" in schema:  # an enum holds the values allowed, null included
        schema["enum"] = [*schema["enum"], None]
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


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


# Components ------------------------------------------------------------------------


def schemas():
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
            "volume_l": {
                "type": "number",
                "description": "quantity × the product's volume, in litres",
            },
            "weight_kg": {
                "type": "number",
                "description": "quantity × the product's weight, in kilograms",
            },
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
            "period": ref("Period"),
            "filters": _object(
                {},
                "The filters applied: a list of values per filter key.",
                closed=False,
            ),
            "kpis": _object({name: ref("Kpi") for name in vocabulary.KPI_NAMES}),
            "revenue_trend": _array(
                _object({"period": MONTH, "revenue": NUMBER, "orders": INTEGER}),
                "The 12 months up to date_to, zero-filled.",
            ),
            "revenue_trend_last_year": _array(
                _object({"period": MONTH, "revenue": NUMBER, "orders": INTEGER}),
                "The same 12 months a year earlier, whole months, under this year's month.",
            ),
            "targets": _object(
                {
                    "current": _object(
                        {
                            "month": MONTH,
                            "as_of": DATE,
                            "elapsed_days": INTEGER,
                            "days_in_month": INTEGER,
                            "actual": NUMBER,
                            "run_rate": NUMBER,
                            "target": _nullable(NUMBER),
                            "pct_reached": _nullable(NUMBER),
                            "run_rate_pct": _nullable(NUMBER),
                            "volume_actual": _nullable(NUMBER),
                            "volume_run_rate": _nullable(NUMBER),
                            "volume_target": _nullable(NUMBER),
                            "volume_pct_reached": _nullable(NUMBER),
                            "applies": BOOLEAN,
                            "note": _nullable(STRING),
                        },
                        "The current month (analytics timezone) as of today, whatever the "
                        "period: run_rate = actual / elapsed_days * days_in_month; the "
                        "quantity (volume_*) only with a quantity target.",
                    ),
                    "trend": _array(
                        _object({"period": MONTH, "target": _nullable(NUMBER)}),
                        "The target of each month of revenue_trend (null: none).",
                    ),
                }
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
            "top_products": _array(ref("ProductRow"), max_items=10),
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
                        "risk": {"type": "string", "enum": list(vocabulary.AT_RISK)},
                        "method": STRING,
                        "days_since_last_order": INTEGER,
                        "median_gap_days": _nullable(NUMBER),
                        "revenue_12m": NUMBER,
                    }
                ),
                max_items=10,
            ),
            "forecast": ref("Forecast"),
        },
        "The executive dashboard (docs/api.md).",
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
            "retention_rate": {
                **_nullable(NUMBER),
                "description": "The measured annual retention (0-1); null for users who "
                "do not see every customer: it is a company-wide figure",
            },
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
                "not: not_fitted, insufficient_data, not_converged, model_error, no_orders",
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
    weekdays = _array({"type": "integer", "minimum": 1, "maximum": 7})
    rhythm = _object(
        {
            "usual_gap_days": {
                **NUMBER,
                "description": "median of the days between order days in the last 180 days",
            },
            "usual_weekdays": {
                **weekdays,
                "description": "ISO weekdays (Monday 1 … Sunday 7) holding at least 20 % of "
                "the order days",
            },
            "order_days": INTEGER,
            "last_order_date": DATE,
            "due_date": DATE,
            "overdue": BOOLEAN,
            "days_overdue": INTEGER,
            "revenue_at_stake": NUMBER,
        },
        "The customer's ordering rhythm; null with fewer than 3 order days in 180 days.",
    )
    overdue = _object(
        {
            "as_of": DATE,
            "currency": STRING,
            "customers": _array(
                _object(
                    {
                        "customer_id": INTEGER,
                        "name": STRING,
                        "tier": _nullable(STRING),
                        "account_manager": _nullable(STRING),
                        "usual_gap_days": NUMBER,
                        "usual_weekdays": weekdays,
                        "last_order_date": DATE,
                        "due_date": DATE,
                        "days_overdue": INTEGER,
                        "revenue_at_stake": NUMBER,
                    }
                ),
                "The most revenue at stake first.",
            ),
        },
        "The customers overdue today against their own rhythm (docs/definitions.md).",
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
            "period": ref("Period"),
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
            "top_products": _array(ref("ProductRow"), max_items=10),
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
                    "risk": _nullable(
                        {"type": "string", "enum": list(vocabulary.keys(vocabulary.CHURN_RISKS))}
                    ),
                    "method": {
                        "type": "string",
                        "description": "bgnbd_gamma_gamma (P(alive) rule) or order_gap",
                    },
                },
                required=["probability_alive", "risk"],
            ),
            "rhythm": _nullable(rhythm),
        },
        "One customer's analytics (docs/api.md).",
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
                    "ageing": _array(
                        _object(
                            {
                                "bucket": {
                                    "type": "string",
                                    "enum": list(vocabulary.keys(vocabulary.AGEING_BUCKETS)),
                                },
                                "label": STRING,
                                "amount": NUMBER,
                            }
                        ),
                        max_items=len(vocabulary.AGEING_BUCKETS),
                    ),
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
                "Posted invoices and credit notes; open_balance = the open receivable "
                "items (credit notes and unmatched payments count negative), in the "
                "company currency, overdue = those past due, ageing = by days past due.",
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
            "report": {"type": "string", "enum": list(vocabulary.API_REPORTS)},
            "format": {
                "type": "string",
                "enum": list(vocabulary.keys(vocabulary.EXPORT_FORMATS)),
                "default": "xlsx",
            },
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
        "OverdueCustomers": overdue,
        "PortalCustomerView": portal_customer_view,
        "ExportRequest": export_request,
        "Error": error,
    }
