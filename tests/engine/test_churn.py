"""Churn risk rule of docs/predictive.md at and around its thresholds."""

import pytest
from engine import churn


@pytest.mark.parametrize(
    "probability_alive, risk",
    [
        (0.0, "high"),
        (0.2999, "high"),
        (0.3, "medium"),
        (0.6999, "medium"),
        (0.7, "low"),
        (1.0, "low"),
    ],
)
def test_risk_from_probability_alive(probability_alive, risk):
    assert churn.churn_risk(probability_alive=probability_alive) == risk


def test_probability_alive_wins_over_the_gap_rule():
    assert churn.churn_risk(probability_alive=0.9, days_since_last_order=400, median_gap=7) == "low"


@pytest.mark.parametrize(
    "days, gap, risk",
    [
        (61, 20, "high"),  # > 3 x 20
        (60, 20, "medium"),  # not > 60, but > 1.5 x 20
        (31, 20, "medium"),
        (30, 20, "low"),
        (43, 10, "high"),  # gap floored at 14: > 42
        (42, 10, "medium"),
        (21, 10, "low"),  # not > 21
        (43, None, "high"),  # a single order date: the 14-day floor
        (0, 0, "low"),
    ],
)
def test_risk_from_gap(days, gap, risk):
    assert churn.churn_risk(days_since_last_order=days, median_gap=gap) == risk


def test_churn_risk_needs_some_evidence():
    with pytest.raises(ValueError):
        churn.churn_risk()
    with pytest.raises(ValueError):
        churn.churn_risk(probability_alive=1.2)
