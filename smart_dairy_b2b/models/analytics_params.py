"""Checks of the analytics' arguments, the one place the service, the exports and the
HTTP API validate what a caller sends: each bad value gets a UserError that names the
parameter and says what is expected, before anything is computed.

"No value" is None, or False (what XML-RPC clients send, having no None), or "".
"""

import re
from datetime import date, datetime, timedelta

from odoo import _
from odoo.exceptions import UserError

MAX_RANGE_YEARS = 10
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2999, 12, 31)
MAX_RECORD_ID = 2**31 - 1  # PostgreSQL integer ids
# YYYY-MM-DD only: date.fromisoformat would also take 20260301 and 2026-W10-1.
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MONTH_PATTERN = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
INTEGER_PATTERN = re.compile(r"[0-9]{1,12}")


def is_absent(value):
    return value is None or value is False or (isinstance(value, str) and not value)


def _shown(value):
    """The caller's value, short enough for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_date(value, name):
    """A ``YYYY-MM-DD`` string (or a date) between 1900 and 2999 as a date; None when
    absent."""
    if is_absent(value):
        return None
    day = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and DATE_PATTERN.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise UserError(
            _(
                "%(name)s must be a date written YYYY-MM-DD, not %(value)s.",
                name=name,
                value=_shown(value),
            )
        )
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise UserError(
            _(
                "%(name)s must be between %(earliest)s and %(latest)s, not %(value)s.",
                name=name,
                earliest=EARLIEST_DATE,
                latest=LATEST_DATE,
                value=day,
            )
        )
    return day


def parse_month(value, name):
    """A ``YYYY-MM`` string as the month's first day; None when absent."""
    if is_absent(value):
        return None
    if isinstance(value, str) and MONTH_PATTERN.fullmatch(value.strip()):
        return parse_date(value.strip() + "-01", name)
    raise UserError(
        _(
            "%(name)s must be a month written YYYY-MM, not %(value)s.",
            name=name,
            value=_shown(value),
        )
    )


def parse_period(date_from, date_to, default_start, default_end):
    """The inclusive period [date_from, date_to], checked. An absent ``date_to`` is
    ``default_end``; an absent ``date_from`` is ``default_start(end)``, so a
    ``date_to`` given alone keeps the default span, ending there."""
    end = parse_date(date_to, "date_to") or default_end
    start = parse_date(date_from, "date_from") or max(default_start(end), EARLIEST_DATE)
    if start > end:
        raise UserError(
            _("date_from (%(start)s) must not be after date_to (%(end)s).", start=start, end=end)
        )
    if end - start > timedelta(days=366 * MAX_RANGE_YEARS):
        raise UserError(_("The period may span at most %(years)s years.", years=MAX_RANGE_YEARS))
    return start, end


def parse_choice(value, name, choices, default=None):
    """One of ``choices``; ``default`` when absent and a default is given."""
    if default is not None and is_absent(value):
        return default
    if not isinstance(value, str) or value not in choices:
        raise UserError(
            _(
                "%(name)s must be one of %(choices)s, not %(value)s.",
                name=name,
                choices=", ".join(choices),
                value=_shown(value),
            )
        )
    return value


def parse_int(value, name, minimum=0, maximum=None, default=None):
    """A whole number (or its decimal digits) within [minimum, maximum]; ``default``
    when absent and a default is given."""
    if default is not None and (value is None or value is False):
        return default
    if isinstance(value, str) and INTEGER_PATTERN.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise UserError(
            _("%(name)s must be a whole number, not %(value)s.", name=name, value=_shown(value))
        )
    if value < minimum or (maximum is not None and value > maximum):
        raise UserError(
            _(
                "%(name)s must be between %(minimum)s and %(maximum)s, not %(value)s.",
                name=name,
                minimum=minimum,
                maximum=maximum if maximum is not None else "∞",
                value=value,
            )
        )
    return value


def parse_record_id(value, name):
    """A database id: a whole number within PostgreSQL's positive integers."""
    return parse_int(value, name, minimum=1, maximum=MAX_RECORD_ID)


def parse_flag(value, name):
    """True or False (absent: False)."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise UserError(
            _("%(name)s must be true or false, not %(value)s.", name=name, value=_shown(value))
        )
    return value
