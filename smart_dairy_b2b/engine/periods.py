"""KPI period logic and KPI formulas of docs/definitions.md.

Periods are inclusive ``[date_from, date_to]`` pairs of ``datetime.date``. Rates and
shares returned here are percentages (0-100); an empty denominator gives None.
"""

import calendar
import math
from datetime import date, timedelta

COMPARE_MODES = ("previous_period", "previous_year", "none")
GRANULARITIES = ("day", "week", "month")
ABC_A_SHARE, ABC_B_SHARE = 0.80, 0.95  # cumulative revenue share closing classes A and B


def _check_period(date_from, date_to):
    if date_from > date_to:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_earlier(day):
    # 29 February maps to 28 February of the (non-leap) previous year.
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


# The calendar units a period can be "to date" of, smallest first, in months.
CALENDAR_UNITS = (1, 3, 12)


def _unit_start(day, months):
    """First day of the month, quarter (3) or year (12) holding ``day``."""
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def _months_earlier(day, months):
    """The same day ``months`` earlier (later when negative), clamped to that month's
    last day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _month_end(year, month + 1).day))


def comparison_period(date_from, date_to, compare="previous_period"):
    """The comparison period P' of P = [date_from, date_to], or None for 'none'.

    * previous_period, calendar-aligned: when P starts on the first day of a month,
      else of a quarter, else of a year, and ends within that unit (the smallest such
      unit), P' is the same span from the start of the previous unit, its end clamped
      to that unit's last day, and the whole previous unit when P ends on its unit's
      last day (year to date -> the same days last year; quarter to date -> the same
      days of the previous quarter; 1-31 March -> 1-28/29 February); otherwise the
      span of equal length just before P.
    * previous_year: the same dates a year earlier (29 February -> 28 February).
    """
    _check_period(date_from, date_to)
    if compare == "none":
        return None
    if compare == "previous_year":
        return _year_earlier(date_from), _year_earlier(date_to)
    if compare != "previous_period":
        raise ValueError(f"compare must be one of {COMPARE_MODES}, got {compare!r}")
    for months in CALENDAR_UNITS:
        start = _unit_start(date_from, months)
        if start == date_from and _unit_start(date_to, months) == start:
            previous_end = start - timedelta(days=1)
            if date_to == _months_earlier(start, -months) - timedelta(days=1):
                return _months_earlier(start, months), previous_end
            # The same day of the previous unit, clamped to its month's end.
            return _months_earlier(start, months), _months_earlier(date_to, months)
    length = date_to - date_from + timedelta(days=1)
    return date_from - length, date_from - timedelta(days=1)


def change_pct(value, previous):
    """(value - previous) / |previous| * 100; None when previous is 0 or absent."""
    if value is None or not previous:
        return None
    return (value - previous) / abs(previous) * 100


def safe_ratio(numerator, denominator):
    """numerator / denominator; None when the denominator is 0 or absent."""
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def month_range(date_from, date_to):
    """Every month touched by the period, as 'YYYY-MM' strings in order."""
    _check_period(date_from, date_to)
    months = []
    year, month = date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def bucket_start(day, granularity):
    """Start of the bucket holding ``day``: itself, its ISO week's Monday, or the 1st.

    Equal to PostgreSQL ``date_trunc(granularity, day)``.
    """
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    raise ValueError(f"granularity must be one of {GRANULARITIES}, got {granularity!r}")


def buckets(date_from, date_to, granularity):
    """The whole buckets covering the period, as (start, end) date pairs in order.

    The first and last bucket may reach outside the period (a week starting before
    date_from, a month ending after date_to); ``start`` is the zero-filling key.
    """
    _check_period(date_from, date_to)
    result = []
    start = bucket_start(date_from, granularity)
    while start <= date_to:
        if granularity == "day":
            end = start
        elif granularity == "week":
            end = start + timedelta(days=6)
        else:
            end = _month_end(start.year, start.month)
        result.append((start, end))
        start = end + timedelta(days=1)
    return result


def abc_classes(revenues):
    """ABC class of each revenue, in input order.

    Products are taken by revenue, highest first (ties keep input order). A product
    is 'A' while the cumulative revenue *before* it is below 80% of the total, so the
    product that crosses 80% is A; 'B' while that is below 95%; 'C' otherwise.
    Revenues <= 0 are always C and the total counts only positive revenues.
    """
    revenues = [float(revenue) for revenue in revenues]
    total = sum(revenue for revenue in revenues if revenue > 0)
    tolerance = 1e-9 * total  # float sums must not move a product across a boundary
    classes = ["C"] * len(revenues)
    before = 0.0
    for index in sorted(range(len(revenues)), key=lambda i: -revenues[i]):
        revenue = revenues[index]
        if revenue <= 0:
            break
        if before < ABC_A_SHARE * total - tolerance:
            classes[index] = "A"
        elif before < ABC_B_SHARE * total - tolerance:
            classes[index] = "B"
        before += revenue
    return classes


def pareto_share(values, top_fraction=0.2):
    """Share (%) of the total held by the top ``top_fraction`` of the items.

    The top group is the ceil(top_fraction * n) largest values (at least one item).
    None when there are no items or the total is not positive.
    """
    if not 0 < top_fraction <= 1:
        raise ValueError("top_fraction must be within (0, 1]")
    values = sorted((float(value) for value in values), reverse=True)
    total = sum(values)
    if not values or total <= 0:
        return None
    # The epsilon keeps e.g. 0.1 * 30 = 3.0000000000000004 from becoming 4 items.
    top = max(1, math.ceil(top_fraction * len(values) - 1e-9))
    return sum(values[:top]) / total * 100
