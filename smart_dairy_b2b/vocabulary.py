"""The addon's words: the one home of every name a screen, a file or the API shows.

KPI names and labels, churn-risk labels, comparison modes, report types, formats and
relative periods are defined here once. The service answers them to the OWL client
(``b2b.analytics.service.get_definitions``), the exports label their columns with them,
the OpenAPI document lists them as enums, and the wizards' selections are built from
them. What each KPI counts is in ``docs/definitions.md``.
"""

from odoo.tools.translate import _lt, code_translations

from .engine import churn, periods

# name, label, kind ("money", "count" or "pct"), True when a rise is good, definition
KPIS = (
    (
        "revenue",
        _lt("Revenue"),
        "money",
        True,
        _lt(
            "Untaxed amount after discount of the product lines of confirmed B2B sales "
            "orders dated in the period, in the company currency. Quotations, cancelled "
            "orders, sections, notes and down payments do not count."
        ),
    ),
    (
        "orders",
        _lt("Orders"),
        "count",
        True,
        _lt("Number of confirmed B2B sales orders dated in the period."),
    ),
    (
        "aov",
        _lt("Average order value"),
        "money",
        True,
        _lt("Revenue divided by the number of orders of the period."),
    ),
    (
        "gross_margin",
        _lt("Gross margin"),
        "money",
        True,
        _lt("Revenue minus cost, the cost being the order line's product cost times the quantity."),
    ),
    (
        "margin_pct",
        _lt("Margin %"),
        "pct",
        True,
        _lt("Gross margin as a percentage of revenue."),
    ),
    (
        "active_customers",
        _lt("Active customers"),
        "count",
        True,
        _lt("B2B customers with at least one confirmed order in the period."),
    ),
    (
        "new_customers",
        _lt("New customers"),
        "count",
        True,
        _lt("B2B customers whose first confirmed order ever falls in the period."),
    ),
    (
        "retention_rate",
        _lt("Retention rate"),
        "pct",
        True,
        _lt(
            "Customers active in both this period and the comparison period, as a "
            "percentage of the customers active in the comparison period; none without a "
            "comparison."
        ),
    ),
    (
        "churned_customers",
        _lt("Churned customers"),
        "count",
        False,
        _lt(
            "Customers active in the comparison period with no order in this period; none "
            "without a comparison."
        ),
    ),
    (
        "repeat_purchase_rate",
        _lt("Repeat purchase rate"),
        "pct",
        True,
        _lt(
            "Customers with two or more orders in the period, as a percentage of the "
            "active customers."
        ),
    ),
)
KPI_NAMES = tuple(kpi[0] for kpi in KPIS)

# The engine names the levels and the comparison modes (its rules decide them); the
# labels are the addon's. A level or mode without a label fails here, at import.
_CHURN_RISK_LABELS = {churn.HIGH: _lt("High"), churn.MEDIUM: _lt("Medium"), churn.LOW: _lt("Low")}
CHURN_RISKS = tuple(
    (risk, _CHURN_RISK_LABELS[risk]) for risk in (churn.HIGH, churn.MEDIUM, churn.LOW)
)
# The levels the at-risk lists show.
AT_RISK = (churn.HIGH, churn.MEDIUM)

_COMPARE_MODE_LABELS = {
    "previous_period": _lt("Previous period"),
    "previous_year": _lt("Previous year"),
    "none": _lt("No comparison"),
}
COMPARE_MODES = tuple((mode, _COMPARE_MODE_LABELS[mode]) for mode in periods.COMPARE_MODES)

REPORT_TYPES = (
    ("executive", _lt("Executive")),
    ("customer", _lt("Customer")),
    ("products", _lt("Product Performance")),
    ("insights", _lt("Customer Insights (RFM, CLV, Churn)")),
    ("credit", _lt("Credit & Receivables")),
)
# The names the HTTP API uses for the same reports (docs/api.md).
REPORT_ALIASES = {"rfm": "insights", "product": "products"}
API_REPORTS = ("executive", "customer", "products", "rfm", "credit")

EXPORT_FORMATS = (("xlsx", _lt("Excel (XLSX)")), ("pdf", _lt("PDF")), ("csv", _lt("CSV")))
MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv",
}

# Credit segments by utilisation of the credit limit, highest first (docs/definitions.md,
# *Credit and receivables*; the thresholds are in engine/credit.py).
CREDIT_SEGMENTS = (
    ("over_limit", _lt("Over limit")),
    ("high", _lt("High")),
    ("medium", _lt("Medium")),
    ("low", _lt("Low")),
    ("no_limit", _lt("No limit")),
)
# Ageing buckets of open receivable items by days past their due date.
AGEING_BUCKETS = (
    ("not_due", _lt("Not due")),
    ("d1_30", _lt("1-30 days")),
    ("d31_60", _lt("31-60 days")),
    ("d61_90", _lt("61-90 days")),
    ("over_90", _lt("Over 90 days")),
)

# The periods a scheduled or exported report may cover, relative to its run day.
RELATIVE_PERIODS = (
    ("yesterday", _lt("Yesterday")),
    ("last_week", _lt("Last Week")),
    ("last_month", _lt("Last Month")),
    ("last_quarter", _lt("Last Quarter")),
    ("month_to_date", _lt("Month to Date")),
    ("last_12_months", _lt("Last 12 Months")),
)


def keys(pairs):
    """The keys of (key, label) pairs, for validating a choice."""
    return tuple(key for key, _label in pairs)


def selection(pairs):
    """(key, label) pairs as a ``fields.Selection`` list (English source labels)."""
    return [(key, str(label)) for key, label in pairs]


def text(env, label):
    """A label of this module in ``env``'s language."""
    source = label._source
    if not env.lang or env.lang == "en_US":
        return source
    translations = code_translations.get_python_translations("smart_dairy_b2b", env.lang)
    return translations.get(source, source)


def labels(env, pairs):
    """{key: label} in ``env``'s language."""
    return {key: text(env, label) for key, label in pairs}


def definitions(env):
    """Every vocabulary as JSON, labels in ``env``'s language: the OWL client's copy."""
    return {
        "kpis": [
            {
                "name": name,
                "label": text(env, label),
                "format": kind,
                "higher_is_better": higher_is_better,
                "definition": text(env, definition),
            }
            for name, label, kind, higher_is_better, definition in KPIS
        ],
        "churn_risks": labels(env, CHURN_RISKS),
        "compare_modes": labels(env, COMPARE_MODES),
        "report_types": labels(env, REPORT_TYPES),
        "export_formats": labels(env, EXPORT_FORMATS),
        "credit_segments": labels(env, CREDIT_SEGMENTS),
        "ageing_buckets": labels(env, AGEING_BUCKETS),
    }
