"""What each day of a dataset plan is, in Bangladesh: its festival period (Ramadan, the
rush before each Eid, the Eid holidays), whether schools are closed, how much each product
sells in its season, its local midnight in UTC and the campaigns running.

Plain Python (no Odoo import), used by ``plan.py``.
"""

import datetime
from zoneinfo import ZoneInfo

from . import catalogue, market

# Festival periods a day can be in (see ``festival_period``).
NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH, EID_HOLIDAY = range(5)
EID_HOLIDAY_DAYS = 3  # Eid day and the two days after: shops, offices and canteens close
EID_RUSH_DAYS = 6  # the days before Eid when households stock up


def festival_period(day):
    """NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH or EID_HOLIDAY for a date (Bangladesh)."""
    dates = market.FESTIVALS.get(day.year)
    if not dates:
        return NORMAL
    ramadan, fitr, adha = dates
    for eid in (fitr, adha):
        if 0 <= (day - eid).days < EID_HOLIDAY_DAYS:
            return EID_HOLIDAY
    if 0 < (fitr - day).days <= EID_RUSH_DAYS:
        return FITR_RUSH
    if 0 < (adha - day).days <= EID_RUSH_DAYS:
        return ADHA_RUSH
    if ramadan <= day < fitr:
        return RAMADAN
    return NORMAL


def school_holiday(day):
    """Whether schools and colleges are closed (Bangladesh): Ramadan and the Eid al-Fitr
    holidays, the days around Eid al-Adha, and the year-end holidays."""
    if (day.month, day.day) >= (12, 15) or (day.month, day.day) <= (1, 10):
        return True
    dates = market.FESTIVALS.get(day.year)
    if not dates:
        return False
    ramadan, fitr, adha = dates
    return ramadan <= day <= fitr + datetime.timedelta(days=7) or -5 <= (day - adha).days <= 7


def seasonal_factor(product, month, period):
    """How much more (or less) of a product sells in a month and festival period."""
    factor = catalogue.MONTHLY_PROFILES[product.season][month - 1]
    festivals = product.festivals
    if period == RAMADAN:
        factor *= festivals.ramadan
    elif period == FITR_RUSH:
        factor *= festivals.fitr
    elif period == ADHA_RUSH:
        factor *= festivals.adha
    return factor


_DHAKA = ZoneInfo(market.TIMEZONE)
_UTC = ZoneInfo("UTC")


def utc_midnight(day):
    """Local midnight starting ``day``, as naive UTC."""
    local = datetime.datetime.combine(day, datetime.time(), tzinfo=_DHAKA)
    return local.astimezone(_UTC).replace(tzinfo=None)


def add_months(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


class Calendar:
    """Per-day facts of the plan's window, computed once."""

    def __init__(self, start_date, end_date, open_quotation_shares):
        self.start_date = start_date
        self.days = [
            start_date + datetime.timedelta(days=offset)
            for offset in range((end_date - start_date).days)
        ]
        self.period = [festival_period(day) for day in self.days]
        self.month = [day.month for day in self.days]
        self.weekday = [day.weekday() for day in self.days]
        self.school_holiday = [school_holiday(day) for day in self.days]
        self.utc_midnight = [utc_midnight(day) for day in self.days]
        last = len(self.days)
        self.open_share = [
            open_quotation_shares[last - 1 - offset]
            if last - 1 - offset < len(open_quotation_shares)
            else 0.0
            for offset in range(last)
        ]
        self.campaigns = market.campaigns_by_day(self.days)

    def offset(self, day):
        return (day - self.start_date).days
