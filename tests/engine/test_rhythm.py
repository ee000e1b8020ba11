"""The rhythm rule of docs/definitions.md at and around its thresholds, with the
expected figures worked out by hand."""

import random
from datetime import date, timedelta

import numpy as np
import pytest
from engine import rhythm

TODAY = date(2026, 12, 2)  # a Wednesday


def every(step, last, count, revenue=100.0):
    """``count`` order days ``step`` days apart, the last one ``last``."""
    return {last - timedelta(days=step * i): revenue for i in range(count)}


@pytest.mark.parametrize("days_since, overdue", [(2, False), (3, True)])
def test_daily_shop_is_overdue_at_three_days_not_two(days_since, overdue):
    result = rhythm.rhythm_from_days(every(1, TODAY - timedelta(days=days_since), 30), TODAY)
    assert result["usual_gap_days"] == 1
    assert result["overdue"] is overdue
    assert result["due_date"] == TODAY - timedelta(days=days_since - 1)


@pytest.mark.parametrize("days_since, overdue", [(11, False), (12, True)])
def test_weekly_distributor_is_overdue_at_twelve_days_not_eleven(days_since, overdue):
    result = rhythm.rhythm_from_days(every(7, TODAY - timedelta(days=days_since), 10), TODAY)
    assert result["usual_gap_days"] == 7
    assert result["overdue"] is overdue


def test_fewer_than_three_order_days_in_the_window_is_no_rhythm():
    days = every(1, TODAY - timedelta(days=1), 2)
    days[TODAY - timedelta(days=180)] = 50.0  # one day before the window
    assert rhythm.rhythm_from_days(days, TODAY) is None
    days[TODAY - timedelta(days=179)] = 50.0  # the window's first day
    assert rhythm.rhythm_from_days(days, TODAY)["order_days"] == 3


def test_weekly_distributor_due_date_days_overdue_and_stake():
    # Mondays, last on 2026-11-02 (30 days ago); revenue 100, 200, 300, 400, 500 → median 300
    last = date(2026, 11, 2)
    days = {last - timedelta(days=7 * i): 100.0 * (5 - i) for i in range(5)}
    result = rhythm.rhythm_from_days(days, TODAY)
    assert result["usual_weekdays"] == [1]
    assert result["due_date"] == date(2026, 11, 9)
    assert result["days_overdue"] == 23
    # 23 days overdue / 7 → 3 order days missed
    assert result["revenue_at_stake"] == 900.0


def test_a_median_between_two_gaps_and_the_weekday_shares():
    # gaps 1, 2, 1, 2 → median 1.5; threshold 1.5 + 1 = 2.5 → overdue at 3 days
    last = TODAY - timedelta(days=3)  # Sunday 2026-11-29
    days = {last - timedelta(days=d): 10.0 for d in (0, 1, 3, 4, 6)}
    result = rhythm.rhythm_from_days(days, TODAY)
    assert result["usual_gap_days"] == 1.5
    assert result["due_date"] == last + timedelta(days=2)
    assert result["overdue"] is True
    assert result["days_overdue"] == 1
    assert result["revenue_at_stake"] == 10.0  # floor(1 / 1.5) = 0 → at least 1
    # Sun 29, Sat 28, Thu 26, Wed 25, Mon 23: 1 of 5 each, 20 % each
    assert result["usual_weekdays"] == [1, 3, 4, 6, 7]


def test_usual_weekdays_need_a_fifth_of_the_order_days():
    assert rhythm.usual_weekdays([5, 0, 1, 0, 4, 0, 0]) == [1, 5]  # 1 of 10 is not 20 %
    assert rhythm.usual_weekdays({}) == []


def test_aggregates_and_naive_agree():
    days = every(2, TODAY - timedelta(days=9), 20, revenue=40.0)
    naive = rhythm.rhythm_from_days(days, TODAY)
    direct = rhythm.rhythm(20, TODAY - timedelta(days=9), 2, 40.0, [3, 3, 3, 3, 3, 3, 2], TODAY)
    assert naive["overdue"] and direct["overdue"]
    assert naive["due_date"] == direct["due_date"] == TODAY - timedelta(days=7)
    assert naive["revenue_at_stake"] == direct["revenue_at_stake"] == 40.0 * 3


def flat(windows):
    """``rhythms``' arrays from ``{owner: {day: revenue}}``, the days shuffled."""
    entries = [
        (owner, day, revenue) for owner, days in windows.items() for day, revenue in days.items()
    ]
    random.Random(7).shuffle(entries)
    owners, days, revenues = zip(*entries, strict=True)
    return (
        np.array(owners),
        np.array(days, dtype="datetime64[D]"),
        np.array(revenues, dtype=float),
    )


def test_all_at_once_and_one_by_one_agree():
    generator = random.Random(11)
    windows = {}
    for owner in range(1, 301):
        step = generator.choice([1, 1, 2, 3, 7, 14])
        count = generator.randint(1, 40)
        last = TODAY - timedelta(days=generator.randint(0, 30))
        windows[owner] = {
            last - timedelta(days=step * i + generator.randint(0, 1)): generator.uniform(10, 500)
            for i in range(count)
            if step * i < 150
        }
    expected = {
        owner: rhythm.rhythm_from_days(days, TODAY)
        for owner, days in windows.items()
        if rhythm.rhythm_from_days(days, TODAY)
    }
    got = rhythm.rhythms(*flat(windows), TODAY)
    assert got.keys() == expected.keys() and len(got) > 200
    for owner, value in got.items():
        assert value == pytest.approx(expected[owner]), owner
    overdue = rhythm.rhythms(*flat(windows), TODAY, overdue_only=True)
    assert overdue.keys() == {owner for owner, value in expected.items() if value["overdue"]}
    assert 0 < len(overdue) < len(expected)


def test_a_day_twice_counts_once_with_its_revenues():
    day = TODAY - timedelta(days=10)
    owners = np.array([5, 5, 5, 5])
    days = np.array(
        [day, day + timedelta(days=5), day + timedelta(days=5), day], dtype="datetime64[D]"
    )
    assert rhythm.rhythms(owners, days, np.array([1.0, 2.0, 3.0, 4.0]), TODAY) == {}
    owners = np.append(owners, 5)
    days = np.append(days, np.datetime64(day + timedelta(days=10), "D"))
    merged = rhythm.rhythms(owners, days, np.array([1.0, 2.0, 3.0, 4.0, 1.0]), TODAY)[5]
    assert (merged["order_days"], merged["usual_gap_days"]) == (3, 5)
    assert merged["median_day_revenue"] == 5.0
    nothing = np.array([], dtype="datetime64[D]")
    assert rhythm.rhythms(np.array([]), nothing, np.array([]), TODAY) == {}
