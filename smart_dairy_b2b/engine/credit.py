"""Credit rules of docs/definitions.md, *Credit and receivables* (no Odoo import).

Utilisation % = outstanding / credit limit * 100, none without a limit; the segment
follows from it. An open item's ageing bucket follows from the days between its due
date and the as-of date (0 or less: not due).
"""

OVER_LIMIT, HIGH, MEDIUM, LOW, NO_LIMIT = "over_limit", "high", "medium", "low", "no_limit"
SEGMENTS = (OVER_LIMIT, HIGH, MEDIUM, LOW, NO_LIMIT)
# (bucket, last day past due it holds; None: no end), in order.
AGEING = (("not_due", 0), ("d1_30", 30), ("d31_60", 60), ("d61_90", 90), ("over_90", None))
BUCKETS = tuple(bucket for bucket, _last in AGEING)
# The receivables a customer's days to pay and DSO look back on, up to the as-of date.
LOOKBACK_DAYS = 90


def utilisation_pct(outstanding, credit_limit):
    """Outstanding as a percentage of the credit limit; None without a (positive) limit."""
    if not credit_limit or credit_limit <= 0:
        return None
    return outstanding / credit_limit * 100


def segment(utilisation):
    """The credit segment of a utilisation % (None: no limit)."""
    if utilisation is None:
        return NO_LIMIT
    if utilisation > 100:
        return OVER_LIMIT
    if utilisation >= 80:
        return HIGH
    if utilisation >= 50:
        return MEDIUM
    return LOW


def ageing_bucket(days_past_due):
    """The bucket of an item ``days_past_due`` days after its due date."""
    for bucket, last_day in AGEING:
        if last_day is None or days_past_due <= last_day:
            return bucket
    raise AssertionError("the last bucket has no end")


def dso(outstanding, revenue):
    """Days sales outstanding: outstanding / revenue of the last LOOKBACK_DAYS days *
    LOOKBACK_DAYS; None without revenue."""
    if not revenue:
        return None
    return outstanding / revenue * LOOKBACK_DAYS
