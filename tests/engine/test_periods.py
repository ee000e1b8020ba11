"""KPI periods and formulas of docs/definitions.md, hand-computed."""

from datetime import date

import pytest
from engine import periods


@pytest.mark.parametrize(
    "date_from, date_to, expected",
    [
        # Month to date: the same day span of the previous month.
        (date(2024, 3, 1), date(2024, 3, 15), (date(2024, 2, 1), date(2024, 2, 15))),
        # Whole month: clamped to the previous month's end (leap and common years).
        (date(2024, 3, 1), date(2024, 3, 31), (date(2024, 2, 1), date(2024, 2, 29))),
        (date(2023, 3, 1), date(2023, 3, 31), (date(2023, 2, 1), date(2023, 2, 28))),
        (date(2024, 5, 1), date(2024, 5, 31), (date(2024, 4, 1), date(2024, 4, 30))),
        (date(2024, 1, 1), date(2024, 1, 31), (date(2023, 12, 1), date(2023, 12, 31))),
        (date(2024, 3, 1), date(2024, 3, 1), (date(2024, 2, 1), date(2024, 2, 1))),
        # Not from the 1st: the 6 days just before.
        (date(2024, 3, 5), date(2024, 3, 10), (date(2024, 2, 28), date(2024, 3, 4))),
        # From the 1st but across months: the 46 days just before.
        (date(2024, 3, 1), date(2024, 4, 15), (date(2024, 1, 15), date(2024, 2, 29))),
        # Calendar-aligned: a whole year is compared with the whole previous year (not
        # the 366 days before a leap year), year to date with the same days last year.
        (date(2024, 1, 1), date(2024, 12, 31), (date(2023, 1, 1), date(2023, 12, 31))),
        (date(2026, 1, 1), date(2026, 12, 2), (date(2025, 1, 1), date(2025, 12, 2))),
        # Within the first quarter, year to date is quarter to date (the smallest unit).
        (date(2024, 1, 1), date(2024, 2, 29), (date(2023, 10, 1), date(2023, 11, 29))),
        # Quarter to date: the same days of the previous quarter, clamped to the month.
        (date(2026, 10, 1), date(2026, 11, 15), (date(2026, 7, 1), date(2026, 8, 15))),
        (date(2026, 4, 1), date(2026, 5, 31), (date(2026, 1, 1), date(2026, 2, 28))),
        (date(2026, 1, 1), date(2026, 3, 30), (date(2025, 10, 1), date(2025, 12, 30))),
        # A whole quarter: the whole previous quarter (92 days against 90).
        (date(2026, 1, 1), date(2026, 3, 31), (date(2025, 10, 1), date(2025, 12, 31))),
        (date(2026, 4, 1), date(2026, 6, 30), (date(2026, 1, 1), date(2026, 3, 31))),
        # From a quarter's start across its end, not from 1 January: the span of equal
        # length just before (122 days).
        (date(2026, 4, 1), date(2026, 7, 31), (date(2025, 11, 30), date(2026, 3, 31))),
        # Across a year's end: the span of equal length just before.
        (date(2025, 12, 1), date(2026, 1, 31), (date(2025, 9, 30), date(2025, 11, 30))),
    ],
)
def test_previous_period(date_from, date_to, expected):
    assert periods.comparison_period(date_from, date_to, "previous_period") == expected


def test_previous_year():
    compare = "previous_year"
    assert periods.comparison_period(date(2024, 2, 1), date(2024, 2, 29), compare) == (
        date(2023, 2, 1),
        date(2023, 2, 28),
    )
    assert periods.comparison_period(date(2025, 3, 1), date(2025, 3, 12), compare) == (
        date(2024, 3, 1),
        date(2024, 3, 12),
    )


def test_no_comparison_and_bad_arguments():
    assert periods.comparison_period(date(2024, 3, 1), date(2024, 3, 5), "none") is None
    with pytest.raises(ValueError):
        periods.comparison_period(date(2024, 3, 1), date(2024, 3, 5), "last_week")
    with pytest.raises(ValueError):
        periods.comparison_period(date(2024, 3, 5), date(2024, 3, 1), "none")


@pytest.mark.parametrize(
    "value, previous, expected",
    [
        (120, 100, 20.0),
        (80, 100, -20.0),
        (0, 50, -100.0),
        (50, -100, 150.0),
        (5, 0, None),
        (5, None, None),
        (None, 5, None),
    ],
)
def test_change_pct(value, previous, expected):
    result = periods.change_pct(value, previous)
    assert result == (pytest.approx(expected) if expected is not None else None)


def test_safe_ratio():
    assert periods.safe_ratio(3, 4) == 0.75
    assert periods.safe_ratio(3, 0) is None
    assert periods.safe_ratio(3, None) is None
    assert periods.safe_ratio(0, 4) == 0


def test_month_range():
    assert periods.month_range(date(2023, 11, 15), date(2024, 2, 1)) == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]
    assert periods.month_range(date(2024, 5, 31), date(2024, 5, 31)) == ["2024-05"]


def test_buckets():
    assert periods.buckets(date(2024, 2, 27), date(2024, 3, 1), "day") == [
        (date(2024, 2, d), date(2024, 2, d)) for d in (27, 28, 29)
    ] + [(date(2024, 3, 1), date(2024, 3, 1))]
    # 3 Jan 2024 is a Wednesday: ISO weeks start on Monday 1, 8 and 15 January.
    assert periods.buckets(date(2024, 1, 3), date(2024, 1, 15), "week") == [
        (date(2024, 1, 1), date(2024, 1, 7)),
        (date(2024, 1, 8), date(2024, 1, 14)),
        (date(2024, 1, 15), date(2024, 1, 21)),
    ]
    # ISO week 1 of 2021 starts on Monday 4 January; 1-3 January belong to 2020-W53.
    assert periods.buckets(date(2021, 1, 1), date(2021, 1, 4), "week")[0][0] == date(2020, 12, 28)
    assert periods.buckets(date(2024, 1, 31), date(2024, 3, 1), "month") == [
        (date(2024, 1, 1), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 31)),
    ]
    with pytest.raises(ValueError):
        periods.buckets(date(2024, 1, 1), date(2024, 1, 2), "quarter")


def test_abc_classes():
    # Cumulative revenue before each product: 0, 50, 80, 90, 95, 98 (% of 100).
    assert periods.abc_classes([50, 30, 10, 5, 3, 2]) == ["A", "A", "B", "B", "C", "C"]
    # The product that crosses 80% (70 -> 90) is A; input order is kept.
    assert periods.abc_classes([10, 70, 20]) == ["B", "A", "A"]
    # Ten 10% products: A while before < 80%, B while before < 95% (80% and 90%).
    assert periods.abc_classes([0.1] * 10) == ["A"] * 8 + ["B"] * 2
    # Twenty 5% products, whose float sums must not shift the boundaries.
    assert periods.abc_classes([0.05] * 20) == ["A"] * 16 + ["B"] * 3 + ["C"]
    assert periods.abc_classes([100.0, 0.0, -5.0]) == ["A", "C", "C"]
    assert periods.abc_classes([0, 0]) == ["C", "C"]
    assert periods.abc_classes([]) == []


def test_pareto_share():
    assert periods.pareto_share([50, 20, 10, 10, 5, 5], 0.2) == pytest.approx(70.0)  # top 2 of 6
    assert periods.pareto_share([10] * 10, 0.2) == pytest.approx(20.0)
    assert periods.pareto_share([1] * 30, 0.1) == pytest.approx(10.0)  # 3 items, not 4
    assert periods.pareto_share([5], 0.2) == 100.0
    assert periods.pareto_share([], 0.2) is None
    assert periods.pareto_share([0, 0], 0.2) is None
    with pytest.raises(ValueError):
        periods.pareto_share([1, 2], 0)
