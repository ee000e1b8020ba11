"""Customer lifetime value: BG/NBD, Gamma-Gamma, historical and formula CLV.

Sources
-------
* BG/NBD: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "Counting Your Customers the
  Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284:
  likelihood (eq. 6) and conditional expected purchases (eq. 10); P(alive) from
  Fader, Hardie & Lee (2008), "Computing P(alive) Using the BG/NBD Model" (note 021).
* Gamma-Gamma: P. S. Fader, B. G. S. Hardie (2013), "The Gamma-Gamma Model of Monetary
  Value" (note 025): likelihood and conditional expected average order value.

Conventions (docs/predictive.md): ``frequency`` = number of repeat purchases,
``recency`` = time from the first to the last purchase, ``T`` = time from the first
purchase to the end of observation, all in one time unit (the addon uses weeks);
``monetary_value`` = mean value of the repeat purchases. Arrays or scalars in; a float
out when every input is a scalar, a numpy array otherwise. Nothing returns NaN or inf:
invalid input or a non-finite result raises ValueError.
"""

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, expit, gammaln, hyp2f1

DAYS_PER_MONTH = 365.25 / 12  # 30.4375
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7

# Below this distance of `a` from 1, eq. 10 cancels catastrophically; it is then
# evaluated at 1 +/- _A_NEAR_ONE and averaged (error O(_A_NEAR_ONE**2)).
_A_NEAR_ONE = 1e-5
_LOG_PARAM_BOUND = np.log(1e4)


def _result(values, scalar):
    values = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(values)):
        raise ValueError("the model produced a non-finite value for these inputs")
    return float(values) if scalar else values


def _is_scalar(*values):
    return all(np.ndim(v) == 0 for v in values)


def _customer_arrays(frequency, recency, T):
    """Validate and broadcast (frequency, recency, T) to float arrays."""
    x, t_x, T = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (frequency, recency, T)))
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(t_x)) and np.all(np.isfinite(T))):
        raise ValueError("frequency, recency and T must be finite numbers")
    if np.any(x < 0) or np.any(x != np.floor(x)):
        raise ValueError("frequency must be a non-negative whole number of repeat purchases")
    if np.any(t_x < 0) or np.any(t_x > T):
        raise ValueError("recency must be between 0 and T")
    if np.any((x == 0) & (t_x != 0)):
        raise ValueError("recency must be 0 for customers without repeat purchases")
    return x, t_x, T


def _positive_params(params, names):
    values = [float(params[name]) for name in names]
    if not all(np.isfinite(v) and v > 0 for v in values):
        raise ValueError(f"parameters {names} must be positive finite numbers, got {values}")
    return values


def _bgnbd_log_likelihood(r, alpha, a, b, x, t_x, T, repeat):
    """Per-customer BG/NBD log-likelihood, FHL 2005 eq. 6, in log space.

    ``x``, ``t_x`` and ``T`` are ``(distinct values, inverse)`` pairs from
    ``np.unique(..., return_inverse=True)``: the special functions and logs are
    evaluated once per distinct value, with the same per-customer arithmetic (and
    so the same floats) as on the full arrays. ``repeat`` is ``x > 0`` per customer.
    """
    (x_values, x_index), (t_x_values, t_x_index), (T_values, T_index) = x, t_x, T
    common = gammaln(r + x_values) - gammaln(r) + r * np.log(alpha)
    beta_ab = betaln(a, b)
    alive_beta = betaln(a, b + x_values) - beta_ab
    # Only used where x > 0; np.maximum keeps b + x - 1 > 0 for the others.
    died_beta = betaln(a + 1, b + np.maximum(x_values, 1) - 1) - beta_ab
    r_x = (r + x_values)[x_index]
    alive_at_T = alive_beta[x_index] - r_x * np.log(alpha + T_values)[T_index]
    died_after_t_x = died_beta[x_index] - r_x * np.log(alpha + t_x_values)[t_x_index]
    np.logaddexp(alive_at_T, died_after_t_x, out=alive_at_T, where=repeat)
    return common[x_index] + alive_at_T


def _gamma_gamma_log_likelihood(p, q, v, x, m):
    """Per-customer Gamma-Gamma log-likelihood of the mean spend m over x purchases."""
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(v)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(v + m * x)
    )


def _maximise(mean_log_likelihood, n_params, penalizer):
    """Maximise a mean log-likelihood over log-parameters (all parameters start at 1).

    Nelder-Mead needs no gradient and copes with the flat, curved likelihood
    surfaces of these models; BFGS then polishes the optimum. Returns the parameters
    and whether the optimiser converged to an interior point: a parameter running off
    beyond 1e-4..1e4 (on the rescaled data) means the data do not identify the model,
    and the search stops there.
    """

    def objective(theta):
        # Trial points far out may overflow; they just score +inf.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            params = np.exp(theta)
            value = -mean_log_likelihood(*params) + penalizer * np.sum(params**2)
        return value if np.isfinite(value) else np.inf

    def stop_when_running_off(intermediate_result):
        # the best point has left the region where the model is identified: no need
        # to follow it for thousands of iterations
        if np.any(np.abs(intermediate_result.x) >= _LOG_PARAM_BOUND):
            raise StopIteration

    start = np.zeros(n_params)
    simplex = np.vstack([start, start + 0.5 * np.eye(n_params)])
    coarse = minimize(
        objective,
        start,
        method="Nelder-Mead",
        callback=stop_when_running_off,
        options={"initial_simplex": simplex, "xatol": 1e-6, "fatol": 1e-11, "maxiter": 4000},
    )
    results = [coarse]
    if np.all(np.abs(coarse.x) < _LOG_PARAM_BOUND):  # polish an interior optimum only
        results.append(minimize(objective, coarse.x, method="BFGS", options={"gtol": 1e-9}))
    best = min(results, key=lambda result: result.fun)
    params = np.exp(best.x)
    if not np.all(np.isfinite(params)):
        raise ValueError("the fit diverged: the data do not identify the model")
    interior = bool(np.all(np.abs(best.x) < _LOG_PARAM_BOUND))
    return params, interior and any(result.success for result in results)


def fit_bgnbd(frequency, recency, T, penalizer=0.0):
    """Fit the BG/NBD model by maximum likelihood (FHL 2005 eq. 6).

    Times are rescaled internally so that max(T) = 10 (alpha is scaled back), which
    keeps the optimiser well conditioned whatever the time unit; ``penalizer`` adds
    ``penalizer * sum(params**2)`` on that scale to the mean negative log-likelihood.

    Returns ``{'r', 'alpha', 'a', 'b', 'converged', 'log_likelihood'}`` with the total
    log-likelihood in the caller's time unit. Raises ValueError without any repeat
    purchase (the likelihood then has no maximum).
    """
    x, t_x, T = _customer_arrays(frequency, recency, T)
    x, t_x, T = x.ravel(), t_x.ravel(), T.ravel()
    if not np.any(x > 0):
        raise ValueError("BG/NBD needs at least one customer with a repeat purchase")
    scale = T.max() / 10.0 if T.max() > 0 else 1.0
    repeat = x > 0
    # customers share few distinct x (whole numbers) and t_x, T (whole days)
    x, t_x, T = (np.unique(v, return_inverse=True) for v in (x, t_x, T))
    t_x_scaled, T_scaled = ((values / scale, index) for values, index in (t_x, T))

    def mean_log_likelihood(r, alpha, a, b):
        return np.mean(_bgnbd_log_likelihood(r, alpha, a, b, x, t_x_scaled, T_scaled, repeat))

    (r, alpha, a, b), converged = _maximise(mean_log_likelihood, 4, penalizer)
    alpha *= scale
    log_likelihood = float(np.sum(_bgnbd_log_likelihood(r, alpha, a, b, x, t_x, T, repeat)))
    return {
        "r": float(r),
        "alpha": float(alpha),
        "a": float(a),
        "b": float(b),
        "converged": bool(converged and np.isfinite(log_likelihood)),
        "log_likelihood": log_likelihood,
    }


def fit_gamma_gamma(frequency, monetary_value, penalizer=0.0):
    """Fit the Gamma-Gamma spend model by maximum likelihood (Fader & Hardie 2013).

    Only customers with frequency > 0 enter the fit; their monetary_value must be > 0.
    Monetary values are rescaled internally by their median (v is scaled back).
    Returns ``{'p', 'q', 'v', 'converged', 'log_likelihood'}``.
    """
    x, m = np.broadcast_arrays(np.asarray(frequency, float), np.asarray(monetary_value, float))
    x, m = x.ravel(), m.ravel()
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))) or np.any(x < 0):
        raise ValueError("frequency and monetary_value must be finite, frequency >= 0")
    repeat = x > 0
    x, m = x[repeat], m[repeat]
    if x.size < 2:
        raise ValueError("Gamma-Gamma needs at least two customers with a repeat purchase")
    if np.any(m <= 0):
        raise ValueError("monetary_value must be > 0 for customers with a repeat purchase")
    scale = float(np.median(m))
    m_scaled = m / scale

    def mean_log_likelihood(p, q, v):
        return np.mean(_gamma_gamma_log_likelihood(p, q, v, x, m_scaled))

    (p, q, v), converged = _maximise(mean_log_likelihood, 3, penalizer)
    v *= scale
    log_likelihood = float(np.sum(_gamma_gamma_log_likelihood(p, q, v, x, m)))
    return {
        "p": float(p),
        "q": float(q),
        "v": float(v),
        "converged": bool(converged and np.isfinite(log_likelihood)),
        "log_likelihood": log_likelihood,
    }


def bgnbd_probability_alive(params, frequency, recency, T):
    """P(alive | x, t_x, T) (FHL note 021): 1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).

    Evaluated as expit(-log of the second term), so large exponents cannot overflow.
    """
    r, alpha, a, b = _positive_params(params, ("r", "alpha", "a", "b"))
    scalar = _is_scalar(frequency, recency, T)
    x, t_x, T = _customer_arrays(frequency, recency, T)
    log_odds_dead = (
        np.log(a)
        - np.log(b + np.maximum(x, 1) - 1)
        + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
    )
    return _result(np.where(x > 0, expit(-log_odds_dead), 1.0), scalar)


def _expected_purchases(r, alpha, a, b, t, x, t_x, T, p_alive):
    # FHL 2005 eq. 10 after Euler's transformation
    # (1-z)^(r+x) 2F1(r+x, b+x; c; z) = (1-z)^(a-1) 2F1(a+b-1-r, a-1; c; z),
    # with c = a+b+x-1 and 1-z = (alpha+T)/(alpha+T+t): no factor grows with x.
    c = a + b + x - 1
    log_one_minus_z = np.log(alpha + T) - np.log(alpha + T + t)
    z = -np.expm1(log_one_minus_z)
    tail = np.exp((a - 1) * log_one_minus_z) * hyp2f1(a + b - 1 - r, a - 1, c, z)
    return p_alive * c / (a - 1) * (1 - tail)


def bgnbd_expected_purchases(params, t, frequency, recency, T):
    """E[purchases in (T, T+t] | x, t_x, T] for the BG/NBD model (FHL 2005 eq. 10)."""
    r, alpha, a, b = _positive_params(params, ("r", "alpha", "a", "b"))
    scalar = _is_scalar(t, frequency, recency, T)
    t = np.asarray(t, dtype=float)
    if not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("t must be a finite number >= 0")
    p_alive = bgnbd_probability_alive(params, frequency, recency, T)
    x, t_x, T = _customer_arrays(frequency, recency, T)
    if abs(a - 1) < _A_NEAR_ONE:
        expected = 0.5 * (
            _expected_purchases(r, alpha, 1 + _A_NEAR_ONE, b, t, x, t_x, T, p_alive)
            + _expected_purchases(r, alpha, 1 - _A_NEAR_ONE, b, t, x, t_x, T, p_alive)
        )
    else:
        expected = _expected_purchases(r, alpha, a, b, t, x, t_x, T, p_alive)
    return _result(expected, scalar)


def gamma_gamma_expected_aov(params, frequency, monetary_value):
    """E[order value | x, m_x] = p (v + x m_x) / (p x + q - 1) (Fader & Hardie 2013).

    For x = 0 this is the population mean p v / (q - 1); it is undefined (ValueError)
    where p x + q <= 1.
    """
    p, q, v = _positive_params(params, ("p", "q", "v"))
    scalar = _is_scalar(frequency, monetary_value)
    x, m = np.broadcast_arrays(np.asarray(frequency, float), np.asarray(monetary_value, float))
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))) or np.any(x < 0) or np.any(m < 0):
        raise ValueError("frequency and monetary_value must be finite and >= 0")
    denominator = p * x + q - 1
    if np.any(denominator <= 0):
        raise ValueError("expected order value undefined: the fitted q is <= 1")
    return _result(p * (v + x * m) / denominator, scalar)


def discounted_clv_12m(
    params,
    frequency,
    recency,
    T,
    value_per_purchase,
    annual_discount_rate,
    units_per_month=WEEKS_PER_MONTH,
):
    """Discounted value of the next 12 months of purchases.

    Month i (i = 1..12) covers (T + (i-1) u, T + i u] with u = ``units_per_month``
    (default: weeks in an average month, 365.25 / 12 / 7). Its expected purchases
    E(i u) - E((i-1) u) (BG/NBD eq. 10) times ``value_per_purchase`` (expected order
    value for revenue, times the margin ratio for margin) are counted at the end of the
    month and discounted by (1 + d) ** (i / 12): the monthly rate equivalent to the
    annual rate d.
    """
    d = float(annual_discount_rate)
    if not np.isfinite(d) or d <= -1:
        raise ValueError("annual_discount_rate must be a finite number > -1")
    scalar = _is_scalar(frequency, recency, T, value_per_purchase)
    ndim = np.broadcast(frequency, recency, T, value_per_purchase).ndim
    months = np.arange(13).reshape((13,) + (1,) * ndim)
    cumulative = np.asarray(
        bgnbd_expected_purchases(params, months * units_per_month, frequency, recency, T)
    )
    per_month = np.diff(cumulative, axis=0)
    discount = (1 + d) ** (-months[1:] / 12)
    value = np.sum(per_month * discount, axis=0) * np.asarray(value_per_purchase, float)
    return _result(value, scalar)


def historical_clv(first_date, last_date, revenue, orders):
    """Historical CLV of docs/predictive.md from a customer's counted orders.

    lifespan_months = max((last_date - first_date).days / 30.4375, 1);
    avg_monthly_revenue = revenue / lifespan_months; purchase_frequency = orders per
    month; aov = revenue / orders (None without orders); projected_clv_36m =
    36 x avg_monthly_revenue.
    """
    days = (last_date - first_date).days
    if days < 0:
        raise ValueError("last_date is before first_date")
    lifespan_months = max(days / DAYS_PER_MONTH, 1.0)
    avg_monthly_revenue = revenue / lifespan_months
    return {
        "lifespan_months": lifespan_months,
        "avg_monthly_revenue": avg_monthly_revenue,
        "purchase_frequency": orders / lifespan_months,
        "aov": revenue / orders if orders else None,
        "projected_clv_36m": avg_monthly_revenue * 36,
    }


def formula_clv(annual_value, discount_rate, retention):
    """Simple retention CLV m / (1 + d - r) (Gupta & Lehmann 2003, infinite horizon).

    m = annual value (margin or revenue), d = annual discount rate, r = annual
    retention in [0, 1].
    """
    if not 0 <= retention <= 1:
        raise ValueError("retention must be between 0 and 1")
    denominator = 1 + discount_rate - retention
    if not denominator > 0:
        raise ValueError("1 + discount_rate - retention must be > 0")
    return annual_value / denominator
