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

# A customer's risk is read from measures that answer different questions; each is
# named for what it measures wherever it is shown, with its definition as a tooltip,
# so "At Risk" (RFM) beside "Low" (churn) reads as two answers, not a contradiction
# (docs/definitions.md, "Risk: three measures"). Only approved customers are scored.
RISK_MEASURES = {
    "rfm_segment": (
        _lt("RFM segment"),
        _lt(
            "Spend pattern compared with the other customers: recency, frequency and "
            "revenue of the last 12 months, each scored 1 to 5 against all approved "
            "customers. 'At Risk' here means a customer who bought often and much but "
            "less lately than the others, not that it has stopped buying."
        ),
    ),
    "churn_risk": (
        _lt("Churn risk (model)"),
        _lt(
            "Whether the customer is still buying, judged on its own order history: the "
            "BG/NBD model's probability that it is still a customer, P(alive) (below "
            "30 % high, below 70 % medium, else low); without a fitted model, the days "
            "since its last order against its usual gap. The at-risk lists show the "
            "high and medium ones."
        ),
    ),
}

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
    ("overdue", _lt("Overdue Customers")),
    ("campaigns", _lt("Channels & Campaigns")),
    ("credit", _lt("Credit & Receivables")),
)
# The reports that are a snapshot as of today and take no period.
AS_OF_REPORTS = ("insights", "overdue")
# The names the HTTP API uses for the same reports (docs/api.md).
REPORT_ALIASES = {"rfm": "insights", "product": "products"}
API_REPORTS = ("executive", "customer", "products", "rfm", "overdue", "campaigns", "credit")

# The names of the "none" rows of the breakdowns by tier, sales team, medium and
# campaign (their ids are null).
NONE_LABELS = (
    ("tier", _lt("No tier")),
    ("team", _lt("No sales team")),
    ("medium", _lt("No medium")),
    ("campaign", _lt("No campaign")),
)

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

# The customer groups of a month of the retention trend (docs/definitions.md, *Retention
# over time*): its figures, its chart's series and its drill-downs.
RETENTION_GROUPS = (
    ("starting", _lt("Starting")),
    ("retained", _lt("Retained")),
    ("new", _lt("New")),
    ("won_back", _lt("Won back")),
    ("churned", _lt("Churned")),
)

# The named periods: one vocabulary, the same names for the same periods on every
# screen and file. The dashboard's period picker offers the first seven (its presets in
# static/src/utils/periods.js carry these very ids and labels, tests/repo checks it); a
# scheduled or exported report covers any of them, resolved on its run day.
PERIODS = (
    ("this_month", _lt("This month")),
    ("last_month", _lt("Last month")),
    ("last_30_days", _lt("Last 30 days")),
    ("last_90_days", _lt("Last 90 days")),
    ("this_quarter", _lt("This quarter")),
    ("this_year", _lt("This year")),
    ("last_12_months", _lt("Last 12 months")),
    ("yesterday", _lt("Yesterday")),
    ("last_week", _lt("Last week")),
    ("last_quarter", _lt("Last quarter")),
)
# The periods a scheduled or exported report may cover, relative to its run day.
RELATIVE_PERIODS = PERIODS

# ISO weekdays (Monday 1 … Sunday 7), as a rhythm's usual weekdays are numbered.
WEEKDAYS = (
    (1, _lt("Mon")),
    (2, _lt("Tue")),
    (3, _lt("Wed")),
    (4, _lt("Thu")),
    (5, _lt("Fri")),
    (6, _lt("Sat")),
    (7, _lt("Sun")),
)

# Why a follow-up activity was opened for a customer (docs/definitions.md, *Action*).
FOLLOWUP_REASONS = (
    ("overdue", _lt("Overdue")),
    ("churn_risk", _lt("High churn risk")),
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
        "risk_measures": {
            key: {"label": text(env, label), "definition": text(env, definition)}
            for key, (label, definition) in RISK_MEASURES.items()
        },
        "compare_modes": labels(env, COMPARE_MODES),
        "report_types": labels(env, REPORT_TYPES),
        "export_formats": labels(env, EXPORT_FORMATS),
        "periods": labels(env, PERIODS),
        "weekdays": labels(env, WEEKDAYS),
        "retention_groups": labels(env, RETENTION_GROUPS),
        "credit_segments": labels(env, CREDIT_SEGMENTS),
        "ageing_buckets": labels(env, AGEING_BUCKETS),
    }
