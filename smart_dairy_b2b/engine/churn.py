"""Churn risk rule of docs/predictive.md.

With a fitted BG/NBD model: ``high`` when P(alive) < 0.3, ``medium`` when < 0.7, else
``low``. Without it: the days since the last order are compared with the customer's
median gap between orders, floored at 14 days (also used when the customer has fewer
than two order dates): more than 3x the gap is ``high``, more than 1.5x ``medium``.
The median gap itself is measured in SQL over the customer's order days
(``b2b.analytics.predictive._customer_stats``).
"""

HIGH, MEDIUM, LOW = "high", "medium", "low"
MIN_GAP_DAYS = 14


def risk_from_probability_alive(probability_alive):
    if not 0 <= probability_alive <= 1:
        raise ValueError(f"probability_alive must be within 0-1, got {probability_alive}")
    if probability_alive < 0.3:
        return HIGH
    if probability_alive < 0.7:
        return MEDIUM
    return LOW


def risk_from_gap(days_since_last_order, median_gap):
    gap = max(median_gap or 0, MIN_GAP_DAYS)
    if days_since_last_order > 3 * gap:
        return HIGH
    if days_since_last_order > 1.5 * gap:
        return MEDIUM
    return LOW


def churn_risk(probability_alive=None, days_since_last_order=None, median_gap=None):
    """Risk level from P(alive) when given, else from the order-gap fallback."""
    if probability_alive is not None:
        return risk_from_probability_alive(probability_alive)
    if days_since_last_order is None:
        raise ValueError("churn risk needs probability_alive or days_since_last_order")
    return risk_from_gap(days_since_last_order, median_gap)
