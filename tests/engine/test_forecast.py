"""Forecasts: method choice, intervals, backtest, and graceful degradation."""

import json
import math

import numpy as np
import pandas as pd
import pytest
from engine.forecast import forecast
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

BANDS = ("point", "lower_80", "upper_80", "lower_95", "upper_95")


def weekly_series(seed, n=84, trend=1.5, amplitude=30.0, noise=5.0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return 200 + trend * t + amplitude * np.sin(2 * np.pi * t / 7) + rng.normal(0, noise, n)


def assert_clean(result, periods):
    """JSON-serialisable without NaN/inf, every band `periods` long."""
    json.dumps(result, allow_nan=False)
    for band in BANDS:
        assert len(result[band]) == periods
        assert all(isinstance(v, float) and math.isfinite(v) for v in result[band])


def test_holt_winters_beats_seasonal_naive_on_trend_and_weekly_season():
    result = forecast(weekly_series(seed=0), 14, season_length=7)
    assert result["method"] == "holt_winters" and result["season_length"] == 7
    backtest = result["backtest"]
    assert backtest["holdout"] == 7
    assert backtest["mase"] < backtest["baseline_mase"]
    assert_clean(result, 14)


def test_intervals_are_nested_and_widen_with_the_horizon():
    result = forecast(weekly_series(seed=1), 21, season_length=7)
    point, lo80, hi80, lo95, hi95 = (np.array(result[b]) for b in BANDS)
    assert np.all(lo95 <= lo80) and np.all(lo80 <= point) and np.all(point <= hi80)
    assert np.all(hi80 <= hi95)
    width = hi95 - lo95
    assert np.all(np.diff(width) >= 0) and width[-1] > width[0]


@pytest.mark.parametrize("season", [7, None])
def test_intervals_agree_with_statsmodels_analytic_intervals(season):
    # statsmodels' own prediction intervals (a separate code path) for the same model.
    y = weekly_series(seed=2)
    result = forecast(y, 10, season_length=season, nonnegative=False)
    fit = ETSModel(
        pd.Series(y),
        error="add",
        trend="add",
        seasonal="add" if season else None,
        seasonal_periods=season,
        initialization_method="heuristic",
    ).fit(disp=False)
    for alpha, suffix in ((0.2, "80"), (0.05, "95")):
        frame = fit.get_prediction(start=len(y), end=len(y) + 9).summary_frame(alpha=alpha)
        np.testing.assert_allclose(result[f"lower_{suffix}"], frame["pi_lower"], rtol=1e-6)
        np.testing.assert_allclose(result[f"upper_{suffix}"], frame["pi_upper"], rtol=1e-6)
    np.testing.assert_allclose(result["point"], frame["mean"], rtol=1e-9)


def test_trend_only_when_fewer_than_two_seasons():
    result = forecast(weekly_series(seed=3, n=13), 5, season_length=7)
    assert result["method"] == "holt" and result["season_length"] is None
    assert_clean(result, 5)


@pytest.mark.parametrize("values", [[5.0], [3.0, 7.0], [1.0, 2.0, 6.0]])
def test_very_short_series_use_the_mean(values):
    result = forecast(values, 4, season_length=7)
    assert result["method"] == "mean"
    assert result["point"] == [pytest.approx(np.mean(values))] * 4
    assert result["backtest"] == {"mase": None, "baseline_mase": None, "holdout": 0}
    assert_clean(result, 4)


def test_mean_interval_from_the_spread():
    # sd([1, 2, 6]) = sqrt(7); variance factor 1 + 1/3.
    result = forecast([1.0, 2.0, 6.0], 1, nonnegative=False)
    half_width = 1.959963984540054 * math.sqrt(7) * math.sqrt(4 / 3)
    assert result["upper_95"][0] == pytest.approx(3.0 + half_width)
    assert result["lower_95"][0] == pytest.approx(3.0 - half_width)


def test_all_zero_series():
    result = forecast([0.0] * 60, 7, season_length=7)
    assert result["method"] == "mean"
    for band in BANDS:
        assert result[band] == [0.0] * 7
    assert result["backtest"] == {"mase": None, "baseline_mase": None, "holdout": 7}
    assert_clean(result, 7)


def test_constant_series():
    result = forecast([250.0] * 30, 3, season_length=12)
    assert result["method"] == "mean"
    assert result["point"] == result["lower_95"] == result["upper_95"] == [250.0] * 3


def test_sparse_series_never_goes_negative():
    week = [0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    result = forecast(week * 3, 14, season_length=7)
    assert_clean(result, 14)
    for band in BANDS:
        assert min(result[band]) >= 0.0
    assert result["backtest"]["mase"] is not None


def test_downward_trend_is_clipped_at_zero_for_revenue():
    values = list(np.linspace(100, 5, 30))
    result = forecast(values, 12)
    assert result["method"] == "holt"
    assert min(result["point"]) == 0.0 and min(result["lower_95"]) == 0.0
    unclipped = forecast(values, 12, nonnegative=False)
    assert min(unclipped["point"]) < 0


def test_monthly_series_with_yearly_season():
    rng = np.random.default_rng(4)
    t = np.arange(36)
    y = 1000 + 20 * t + 150 * np.cos(2 * np.pi * t / 12) + rng.normal(0, 20, 36)
    result = forecast(y, 12, season_length=12)
    assert result["method"] == "holt_winters" and result["backtest"]["holdout"] == 12
    assert result["backtest"]["mase"] < result["backtest"]["baseline_mase"]
    assert_clean(result, 12)


def test_deterministic_and_zero_periods():
    y = weekly_series(seed=5)
    assert forecast(y, 7, season_length=7) == forecast(y, 7, season_length=7)
    empty = forecast(y, 0, season_length=7)
    assert all(empty[band] == [] for band in BANDS)
    assert empty["backtest"]["holdout"] == 7


@pytest.mark.parametrize(
    "values, periods", [([], 3), ([1.0, float("nan"), 2.0], 3), ([1.0, 2.0], -1), ([1.0, 2.0], 1.5)]
)
def test_bad_arguments(values, periods):
    with pytest.raises(ValueError):
        forecast(values, periods)
