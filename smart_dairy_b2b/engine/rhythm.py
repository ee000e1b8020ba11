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

``rhythm`` takes a customer's window aggregates; ``rhythms`` every customer's order days
and revenues of the window as flat arrays, as ``b2b.analytics.rhythm`` reads them;
``rhythm_from_days`` a mapping of order days (the backtest uses it).
"""

import math
import statistics
from datetime import date, timedelta

import numpy as np

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


def _medians(groups, values, starts, counts):
    """The median of each group's values (``groups`` ascending, ``starts`` and
    ``counts`` of each group's run, every count at least 1)."""
    # sorted by group, then value: one sort of integer keys (the group in the high 32
    # bits, the value's rank among all in the low ones), much faster than np.lexsort
    by_value = np.argsort(values)
    rank = np.empty(len(values), dtype=np.int64)
    rank[by_value] = np.arange(len(values))
    keys = np.sort((groups.astype(np.int64) << 32) | rank)
    ordered = values[by_value][keys & 0xFFFFFFFF]
    low = ordered[starts + (counts - 1) // 2]
    high = ordered[starts + counts // 2]
    return (low + high) / 2


def rhythms(owners, days, revenues, today, overdue_only=False):
    """``{owner: rhythm}`` of every owner with a rhythm, from flat arrays of the windows'
    order days: ``owners`` (a customer id per day), ``days`` (``datetime64[D]``) and
    ``revenues``, in any order (a day given twice for one owner counts once, its
    revenues summed). All owners at once: each step one array operation, whatever
    their number. ``overdue_only``: only the overdue ones."""
    if not len(days):
        return {}
    # one entry per owner and day, sorted by owner then day (days since 1970 in the
    # low 32 bits of one key)
    key, which = np.unique(
        (owners.astype(np.int64) << 32) | days.astype(np.int64), return_inverse=True
    )
    owner, day = key >> 32, key & 0xFFFFFFFF
    day_revenue = np.bincount(which.ravel(), weights=revenues)
    ids, starts, counts = np.unique(owner, return_index=True, return_counts=True)
    kept = np.flatnonzero(counts >= MIN_ORDER_DAYS)
    # gaps between consecutive days of one owner: each owner's run of gaps is one
    # shorter than its run of days
    same_owner = owner[1:] == owner[:-1]
    gaps = _medians(
        owner[1:][same_owner], np.diff(day)[same_owner], starts[kept] - kept, counts[kept] - 1
    )
    revenue_medians = _medians(owner, day_revenue, starts[kept], counts[kept])
    last_days = day[starts[kept] + counts[kept] - 1]
    # day 0 (1970-01-01) was a Thursday: + 3 makes Monday 0
    weekdays = np.bincount(
        np.repeat(np.arange(len(ids)), counts) * 7 + (day + 3) % 7, minlength=len(ids) * 7
    ).reshape(-1, 7)
    epoch = date(1970, 1, 1).toordinal()
    result = {}
    for n, i in enumerate(kept):
        last_order_date = date.fromordinal(epoch + int(last_days[n]))
        gap_days = float(gaps[n])
        if overdue_only and (today - last_order_date).days <= overdue_threshold(gap_days):
            continue
        result[int(ids[i])] = rhythm(
            int(counts[i]),
            last_order_date,
            gap_days,
            float(revenue_medians[n]),
            weekdays[i].tolist(),
            today,
        )
    return result


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
