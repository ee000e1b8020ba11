"""Credit rules of docs/definitions.md (*Credit and receivables*), hand-computed."""

import pytest
from engine import credit


@pytest.mark.parametrize(
    "utilisation, segment",
    [
        (None, "no_limit"),
        (100.01, "over_limit"),
        (100, "high"),  # at the limit is not over it
        (80, "high"),
        (79.99, "medium"),
        (50, "medium"),
        (49.99, "low"),
        (0, "low"),
        (-10, "low"),  # a customer in credit
    ],
)
def test_segment(utilisation, segment):
    assert credit.segment(utilisation) == segment


@pytest.mark.parametrize(
    "days, bucket",
    [
        (-5, "not_due"),
        (0, "not_due"),  # due today
        (1, "d1_30"),
        (30, "d1_30"),
        (31, "d31_60"),
        (60, "d31_60"),
        (61, "d61_90"),
        (90, "d61_90"),
        (91, "over_90"),
        (400, "over_90"),
    ],
)
def test_ageing_bucket(days, bucket):
    assert credit.ageing_bucket(days) == bucket


def test_utilisation_and_dso():
    assert credit.utilisation_pct(2700, 10_000) == pytest.approx(27)
    assert credit.utilisation_pct(2700, 0) is None
    assert credit.utilisation_pct(2700, None) is None
    assert credit.dso(2700, 900) == pytest.approx(270)
    assert credit.dso(2700, 0) is None
