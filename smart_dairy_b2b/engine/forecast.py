"""Exponential-smoothing forecasts with intervals and a backtest (docs/predictive.md).

Method, by series length n and season length m:

* ``holt_winters``: additive-error ETS(A,A,A) when m >= 2 and n >= 2 m;
* ``holt``: ETS(A,A,N), additive trend without season, when n >= 4;
* ``mean``: the series mean when n < 4, the series is constant (all zero included),
  or a smoothing fit fails.

Models: Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential
Smoothing", fitted by maximum likelihood with statsmodels' ``ETSModel`` (heuristic
initial states of Hyndman & Athanasopoulos, FPP section 8.6, when the series allows it).

Intervals: forecast variance at horizon h is sigma^2 (1 + sum_{j<h} c_j^2) with
c_j = alpha + beta j + gamma [j mod m == 0] (Hyndman et al. 2008, ch. 6, class 1), sigma
the root mean square of the in-sample one-step residuals; bounds are
point +/- z sigma sqrt(variance factor), z the normal quantile. The mean method uses the
residual spread around the mean, sigma^2 (1 + 1/n), constant with h.

Backtest: the same method choice is refitted without the last season (the last fifth
of the series without a season) and scored on it with MASE (Hyndman & Koehler 2006:
mean absolute error over the in-sample mean absolute seasonal-naive error), next to the
MASE of the seasonal-naive forecast (naive when there is no season). MASE is None when
undefined (no held-out points, or a training part without variation).

With ``nonnegative`` (revenue, order counts) the point forecast and both bounds are
clipped at 0. Every number returned is a finite Python float.
"""

import warnings

import numpy as np
from scipy.special import ndtri
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

Z80 = float(ndtri(0.90))
Z95 = float(ndtri(0.975))
MIN_SMOOTHING_POINTS = 4
HEURISTIC_MIN_POINTS = 10  # statsmodels' heuristic initialisation needs 10 points


def _fit_ets(y, m):
    """Fit ETS(A,A,A) when m is given, ETS(A,A,N) otherwise; None when the fit fails."""
    heuristic = len(y) >= max(HEURISTIC_MIN_POINTS, 10 + 2 * (m // 2) if m else 0)
    model = ETSModel(
        y,
        error="add",
        trend="add",
        seasonal="add" if m else None,
        seasonal_periods=m,
        initialization_method="heuristic" if heuristic else "estimated",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return model.fit(disp=False)
    except (ValueError, np.linalg.LinAlgError):
        return None


def _predict(y, periods, m):
    """(method, season_length, point, sigma, variance factors) for the next periods."""
    n = len(y)
    if n >= MIN_SMOOTHING_POINTS and np.ptp(y) > 0:
        for season in ([m] if m and n >= 2 * m else []) + [None]:
            fit = _fit_ets(y, season)
            if fit is None:
                continue
            point = np.asarray(fit.forecast(periods), dtype=float) if periods else np.zeros(0)
            sigma = float(np.sqrt(np.mean(np.asarray(fit.resid, dtype=float) ** 2)))
            j = np.arange(1, periods)
            c = fit.smoothing_level + fit.smoothing_trend * j
            if season:
                c = c + fit.smoothing_seasonal * (j % season == 0)
            factors = np.concatenate([[1.0], 1.0 + np.cumsum(c**2)])[:periods]
            if np.all(np.isfinite(point)) and np.isfinite(sigma) and np.all(np.isfinite(factors)):
                return ("holt_winters" if season else "holt"), season, point, sigma, factors
    sigma = float(np.std(y, ddof=1)) if n > 1 else 0.0
    factors = np.full(periods, 1.0 + 1.0 / n)
    return "mean", None, np.full(periods, float(np.mean(y))), sigma, factors


def _backtest(y, m, nonnegative):
    """MASE of the method and of the seasonal-naive baseline on the held-out tail."""
    lag = m or 1
    holdout = m if m else max(1, len(y) // 5)
    train, actual = y[:-holdout], y[-holdout:]
    if len(train) <= lag:
        return {"mase": None, "baseline_mase": None, "holdout": 0}
    scale = float(np.mean(np.abs(train[lag:] - train[:-lag])))
    if scale == 0:
        return {"mase": None, "baseline_mase": None, "holdout": holdout}
    point = _predict(train, holdout, m)[2]
    if nonnegative:
        point = np.maximum(point, 0)
    naive = train[len(train) - lag + np.arange(holdout) % lag]
    return {
        "mase": float(np.mean(np.abs(actual - point)) / scale),
        "baseline_mase": float(np.mean(np.abs(actual - naive)) / scale),
        "holdout": holdout,
    }


def forecast(values, periods, season_length=None, nonnegative=True):
    """Forecast ``periods`` steps after ``values`` (equally spaced, zero-filled buckets).

    ``season_length``: 7 for daily data, 12 for monthly data, None for no season.
    Returns {method, season_length, point, lower_80, upper_80, lower_95, upper_95,
    backtest: {mase, baseline_mase, holdout}}; see the module docstring.
    """
    y = np.asarray(values, dtype=float).ravel()
    if y.size == 0:
        raise ValueError("cannot forecast an empty series")
    if not np.all(np.isfinite(y)):
        raise ValueError("the series must contain finite numbers only")
    if isinstance(periods, bool) or int(periods) != periods or periods < 0:
        raise ValueError(f"periods must be a whole number >= 0, got {periods!r}")
    periods = int(periods)
    m = int(season_length) if season_length and season_length >= 2 else None
    method, season, point, sigma, factors = _predict(y, periods, m)
    spread = sigma * np.sqrt(factors)
    bands = {
        "point": point,
        "lower_80": point - Z80 * spread,
        "upper_80": point + Z80 * spread,
        "lower_95": point - Z95 * spread,
        "upper_95": point + Z95 * spread,
    }
    result = {"method": method, "season_length": season}
    for name, band in bands.items():
        result[name] = [float(v) for v in (np.maximum(band, 0) if nonnegative else band)]
    result["backtest"] = _backtest(y, m, nonnegative)
    return result
