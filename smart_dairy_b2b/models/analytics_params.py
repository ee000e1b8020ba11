"""Checks of the analytics service's arguments: each bad value gets a UserError that
names the parameter and says what is expected, before anything is computed."""

import contextlib
from datetime import date, datetime, timedelta

from odoo import _
from odoo.exceptions import UserError

MAX_RANGE_YEARS = 10


def parse_date(value, name):
    """A ``YYYY-MM-DD`` string (or a date) as a date; None, False and "" mean absent."""
    if value is None or value is False or value == "":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if len(text) == 10:  # fromisoformat alone would also take 20260301
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    raise UserError(
        _("%(name)s must be a date written YYYY-MM-DD, not %(value)r.", name=name, value=value)
    )


def parse_period(date_from, date_to, default_from, default_to):
    """The inclusive period [date_from, date_to], defaults filled in and checked."""
    start = parse_date(date_from, "date_from") or default_from
    end = parse_date(date_to, "date_to") or default_to
    if start > end:
        raise UserError(
            _("date_from (%(start)s) must not be after date_to (%(end)s).", start=start, end=end)
        )
    if end - start > timedelta(days=366 * MAX_RANGE_YEARS):
        raise UserError(_("The period may span at most %(years)s years.", years=MAX_RANGE_YEARS))
    return start, end


def parse_choice(value, name, choices):
    if value not in choices:
        raise UserError(
            _(
                "%(name)s must be one of %(choices)s, not %(value)r.",
                name=name,
                choices=", ".join(choices),
                value=value,
            )
        )
    return value


def parse_int(value, name, minimum=0, maximum=None, default=None):
    if (value is None or value is False) and default is not None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        else:
            raise UserError(
                _("%(name)s must be a whole number, not %(value)r.", name=name, value=value)
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
