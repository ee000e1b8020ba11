"""A customer's ordering rhythm and whether it is overdue (docs/definitions.md, *Rhythm*).

A customer with at least ``MIN_ORDER_DAYS`` order days in the ``WINDOW_DAYS`` days up to
today has a rhythm:
- usual gap = the median of the days between its consecutive order days in the window
  (a median between two gaps keeps its half day);
- usual weekdays = the ISO weekdays (Monday 1 … Sunday 7) holding at least
  ``USUAL_WEEKDAY_SHARE`` of its order days in the window;
- due date = last order day + the usual gap, rounded up to a whole day;
- overdue when today - last order day > gap + ceil(gap / 2) (a daily shop at 3 days, not
  2; a weekly one at 12 days, not 11);
- days overdue = today - due date;
- revenue at stake = the median revenue of its order days in the window x the order days
  missed (days overdue / gap, rounded down, at least 1).

``rhythm`` takes a customer's window aggregates; ``rhythm_from_offsets`` the order days
of the window as day numbers from its first day, as ``b2b.analytics.rhythm`` reads them
in one pass; ``rhythm_from_days`` a mapping of order days (the backtest uses it).
"""

import math
import statistics
from datetime import timedelta

WINDOW_DAYS = 180
MIN_ORDER_DAYS = 3
USUAL_WEEKDAY_SHARE = 0.2


def window_start(today):
    """The first day of the window of ``WINDOW_DAYS`` days ending today."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def overdue_threshold(gap):
    """Days since the last order day beyond which a customer is overdue."""
    return gap + math.ceil(gap / 2)


def usual_weekdays(weekday_counts):
    """ISO weekdays holding at least ``USUAL_WEEKDAY_SHARE`` of the order days, from the
    order days per ISO weekday (a mapping or a sequence of 7 counts, Monday first)."""
    if not isinstance(weekday_counts, dict):
        weekday_counts = {day: count for day, count in enumerate(weekday_counts, start=1)}
    total = sum(weekday_counts.values())
    if not total:
        return []
    return sorted(
        day for day, count in weekday_counts.items() if count >= USUAL_WEEKDAY_SHARE * total
    )


def rhythm(order_days, last_order_date, median_gap, median_day_revenue, weekday_counts, today):
    """The rhythm of a customer from its window's aggregates, or None without one.

    ``order_days``: its order days in the window; ``median_gap``: the median of the days
    between them; ``median_day_revenue``: the median revenue of an order day;
    ``weekday_counts``: order days per ISO weekday.
    """
    if order_days < MIN_ORDER_DAYS or not median_gap:
        return None
    gap = float(median_gap)
    days_since = (today - last_order_date).days
    due_date = last_order_date + timedelta(days=math.ceil(gap))
    overdue = days_since > overdue_threshold(gap)
    days_overdue = (today - due_date).days
    missed = max(1, math.floor(days_overdue / gap)) if overdue else 0
    return {
        "usual_gap_days": gap,
        "usual_weekdays": usual_weekdays(weekday_counts),
        "order_days": order_days,
        "last_order_date": last_order_date,
        "days_since_last_order": days_since,
        "due_date": due_date,
        "overdue": overdue,
        "days_overdue": max(days_overdue, 0),
        "median_day_revenue": float(median_day_revenue or 0.0),
        "revenue_at_stake": float(median_day_revenue or 0.0) * missed,
    }


def rhythm_from_offsets(offsets, revenues, today):
    """The rhythm from the window's order days as day numbers from ``window_start(today)``
    (ascending; a day given twice counts once, with its revenues summed) and their
    revenues."""
    if len(set(offsets)) < MIN_ORDER_DAYS:
        return None
    if len(set(offsets)) < len(offsets):
        merged = {}
        for offset, revenue in zip(offsets, revenues, strict=True):
            merged[offset] = merged.get(offset, 0.0) + revenue
        offsets, revenues = list(merged), list(merged.values())
    start = window_start(today)
    weekdays = {}
    first_weekday = start.isoweekday()
    for offset in offsets:
        day = (first_weekday - 1 + offset) % 7 + 1
        weekdays[day] = weekdays.get(day, 0) + 1
    return rhythm(
        len(offsets),
        start + timedelta(days=offsets[-1]),
        statistics.median(b - a for a, b in zip(offsets, offsets[1:], strict=False)),
        statistics.median(revenues),
        weekdays,
        today,
    )


def rhythm_from_days(day_revenue, today):
    """The rhythm from ``{order day: revenue}`` (days after today and before the window
    are left out), computed naively."""
    start = window_start(today)
    days = sorted(day for day in day_revenue if start <= day <= today)
    if len(days) < MIN_ORDER_DAYS:
        return None
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    weekdays = {}
    for day in days:
        weekdays[day.isoweekday()] = weekdays.get(day.isoweekday(), 0) + 1
    return rhythm(
        len(days),
        days[-1],
        statistics.median(gaps),
        statistics.median(day_revenue[day] for day in days),
        weekdays,
        today,
    )
