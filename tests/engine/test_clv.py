"""BG/NBD, Gamma-Gamma and CLV helpers against published and independent numbers.

Reference run (recorded once; lifetimes is not a dependency of the addon):
``python3 -m venv /tmp/lt && /tmp/lt/bin/pip install lifetimes`` installed lifetimes 0.11.3
with numpy 2.4.6, scipy 1.17.1, pandas 3.1.1 on Python 3.11.7; then, on
``lifetimes.datasets.load_cdnow_summary_data_with_monetary_value()`` (the CSV in data/):
``BetaGeoFitter(penalizer_coef=0).fit(frequency, recency, T)``,
``GammaGammaFitter(penalizer_coef=0).fit(...)`` on the 946 customers with frequency > 0,
``conditional_expected_number_of_purchases_up_to_time(39, ...)``,
``conditional_probability_alive(...)``, ``conditional_expected_average_profit(...)`` and
``customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01, freq='W')``; the printed
values are pasted below.
"""

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from engine import clv
from scipy.special import hyp2f1

DATA = Path(__file__).parent / "data" / "cdnow_customers_summary_with_transactions.csv"

# Fader, Hardie & Lee (2005), Marketing Science 24(2), section 4: r, alpha, a, b and LL.
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_BGNBD_LL = -9582.4
# lifetimes 0.11.3, full precision.
LIFETIMES_BGNBD = {
    "r": 0.242592928279822,
    "alpha": 4.413532265271825,
    "a": 0.7928859664406758,
    "b": 2.4257523826258134,
}
LIFETIMES_GAMMA_GAMMA = {"p": 6.248802496075072, "q": 3.744588460923138, "v": 15.44774806492988}
# lifetimes outputs for some CDNOW customers, by ID: E[purchases in the next 39 weeks],
# P(alive), expected AOV, 12-month CLV (months of 4.345 weeks, 1% discount a month).
LIFETIMES_CUSTOMERS = {
    1: (1.2259104241744085, 0.7266091367990596, 24.658616189236568, 36.27849576362572),
    2: (0.20325062425619125, 0.21222738807220942, 18.91147986992935, 4.637466328569656),
    3: (0.19478085793947736, 1.0, 35.17100215250669, 8.344093121809827),
    6: (3.3372396465269505, 0.6418006393519167, 71.46285080453441, 283.5235925903879),
    7: (0.3015979310063126, 0.3149183003973106, 18.91147986992935, 6.881406907981215),
    9: (1.3241008543218786, 0.7848075681725668, 27.282407581073073, 43.35364239686157),
    18: (0.2977642307205768, 0.3109152809661484, 17.674697381967082, 6.349622110038317),
    1516: (20.75057049876324, 0.9689197159692108, 39.89027723016227, 972.1255634233828),
}


@pytest.fixture(scope="module")
def cdnow():
    return np.genfromtxt(DATA, delimiter=",", names=True)


@pytest.fixture(scope="module")
def customers(cdnow):
    """(frequency, recency, T, monetary) of those customers and the lifetimes columns."""
    rows = cdnow[np.searchsorted(cdnow["ID"], list(LIFETIMES_CUSTOMERS))]
    outputs = np.array(list(LIFETIMES_CUSTOMERS.values())).T
    return rows["x"], rows["t_x"], rows["T"], rows["zbar"], *outputs


def three_significant(value):
    return float(f"{value:.3g}")


def test_cdnow_sample_is_complete(cdnow):
    assert len(cdnow) == 2357
    assert int(np.sum(cdnow["x"] > 0)) == 946


def test_fit_bgnbd_cdnow_matches_published_and_lifetimes(cdnow):
    fit = clv.fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"])
    assert fit["converged"] is True
    for name, published in PUBLISHED_BGNBD.items():
        assert three_significant(fit[name]) == three_significant(published)
        assert fit[name] == pytest.approx(LIFETIMES_BGNBD[name], rel=1e-4)
    assert fit["log_likelihood"] == pytest.approx(PUBLISHED_BGNBD_LL, abs=0.05)


def test_fit_gamma_gamma_cdnow_matches_lifetimes(cdnow):
    fit = clv.fit_gamma_gamma(cdnow["x"], cdnow["zbar"])
    assert fit["converged"] is True
    for name, documented in {"p": 6.25, "q": 3.74, "v": 15.4}.items():
        assert three_significant(fit[name]) == documented
        assert fit[name] == pytest.approx(LIFETIMES_GAMMA_GAMMA[name], rel=1e-4)


def test_fit_bgnbd_does_not_depend_on_the_time_unit(cdnow):
    weeks = clv.fit_bgnbd(cdnow["x"], cdnow["t_x"], cdnow["T"])
    days = clv.fit_bgnbd(cdnow["x"], cdnow["t_x"] * 7, cdnow["T"] * 7)
    assert days["alpha"] / 7 == pytest.approx(weeks["alpha"], rel=1e-5)
    for name in ("r", "a", "b"):
        assert days[name] == pytest.approx(weeks[name], rel=1e-5)


def simulate_bgnbd(rng, n, r, alpha, a, b):
    """Draw (x, t_x, T) from the BG/NBD story of FHL 2005 section 3."""
    rate = rng.gamma(r, 1 / alpha, n)
    dropout = rng.beta(a, b, n)
    T = rng.uniform(20, 80, n)
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):
        t = rng.exponential(1 / rate[i])
        while t <= T[i]:
            x[i] += 1
            t_x[i] = t
            if rng.random() < dropout[i]:
                break
            t += rng.exponential(1 / rate[i])
    return x, t_x, T


def test_fit_bgnbd_recovers_simulated_parameters():
    x, t_x, T = simulate_bgnbd(np.random.default_rng(1), 3000, r=0.5, alpha=8.0, a=0.8, b=2.5)
    fit = clv.fit_bgnbd(x, t_x, T)
    assert fit["converged"]
    assert fit["r"] == pytest.approx(0.5, rel=0.15)
    assert fit["alpha"] == pytest.approx(8.0, rel=0.15)
    # a and b are weakly identified one by one; their mean dropout is not.
    assert fit["a"] / (fit["a"] + fit["b"]) == pytest.approx(0.8 / 3.3, abs=0.03)


def test_expected_purchases_matches_published_example():
    # FHL 2005 section 4: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
    expected = clv.bgnbd_expected_purchases(PUBLISHED_BGNBD, 39, 2, 30.43, 38.86)
    assert round(expected, 3) == 1.226


def test_bgnbd_customer_functions_match_lifetimes(customers):
    x, t_x, T, _, e39, p_alive, _, _ = customers
    expected = clv.bgnbd_expected_purchases(LIFETIMES_BGNBD, 39, x, t_x, T)
    alive = clv.bgnbd_probability_alive(LIFETIMES_BGNBD, x, t_x, T)
    assert isinstance(expected, np.ndarray) and isinstance(alive, np.ndarray)
    np.testing.assert_allclose(expected, e39, rtol=1e-9)
    np.testing.assert_allclose(alive, p_alive, rtol=1e-9)


def test_gamma_gamma_expected_aov_matches_lifetimes(customers):
    x, _, _, monetary, _, _, aov, _ = customers
    result = clv.gamma_gamma_expected_aov(LIFETIMES_GAMMA_GAMMA, x, monetary)
    np.testing.assert_allclose(result, aov, rtol=1e-9)
    p, q, v = LIFETIMES_GAMMA_GAMMA.values()
    assert clv.gamma_gamma_expected_aov(LIFETIMES_GAMMA_GAMMA, 0, 0) == pytest.approx(
        p * v / (q - 1)
    )


def test_discounted_clv_matches_lifetimes_convention(customers):
    # lifetimes discounts month i by (1 + 1%) ** i with 4.345-week months: the same as an
    # annual rate of 1.01 ** 12 - 1 compounded monthly.
    x, t_x, T, monetary, _, _, _, clv_12m = customers
    aov = clv.gamma_gamma_expected_aov(LIFETIMES_GAMMA_GAMMA, x, monetary)
    result = clv.discounted_clv_12m(
        LIFETIMES_BGNBD, x, t_x, T, aov, 1.01**12 - 1, units_per_month=4.345
    )
    np.testing.assert_allclose(result, clv_12m, rtol=1e-9)


def test_discounted_clv_without_discount_is_value_times_purchases():
    value = clv.discounted_clv_12m(PUBLISHED_BGNBD, 2, 30.43, 38.86, 10.0, 0.0)
    purchases = clv.bgnbd_expected_purchases(PUBLISHED_BGNBD, 365.25 / 7, 2, 30.43, 38.86)
    assert isinstance(value, float)
    assert value == pytest.approx(10.0 * purchases, rel=1e-12)
    assert clv.discounted_clv_12m(PUBLISHED_BGNBD, 2, 30.43, 38.86, 10.0, 0.1) < value


def direct_expected_purchases(params, t, x, t_x, T):
    """FHL 2005 eq. 10 exactly as printed (no transformation of 2F1)."""
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    z = t / (alpha + T + t)
    head = (a + b + x - 1) / (a - 1)
    body = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
    tail = 1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)
    return head * body / tail


@pytest.mark.parametrize("x, t_x", [(0, 0.0), (1, 3.0), (5, 20.0), (12, 36.0)])
@pytest.mark.parametrize("t", [1.0, 13.0, 52.0])
def test_expected_purchases_agrees_with_the_printed_formula(x, t_x, t):
    ours = clv.bgnbd_expected_purchases(PUBLISHED_BGNBD, t, x, t_x, 38.86)
    assert ours == pytest.approx(
        direct_expected_purchases(PUBLISHED_BGNBD, t, x, t_x, 38.86), rel=1e-9
    )


def test_no_repeat_purchase_closed_forms():
    # x = 0: P(alive) = 1 and eq. 10 reduces to (a+b-1)/(a-1) [1 - (1-z)^r 2F1(r, b; a+b-1; z)].
    params, T, t = PUBLISHED_BGNBD, 38.86, 52.0
    r, alpha, a, b = params.values()
    z = t / (alpha + T + t)
    closed = (a + b - 1) / (a - 1) * (1 - (1 - z) ** r * hyp2f1(r, b, a + b - 1, z))
    assert clv.bgnbd_probability_alive(params, 0, 0, T) == 1.0
    assert clv.bgnbd_expected_purchases(params, t, 0, 0, T) == pytest.approx(closed, rel=1e-12)
    assert clv.bgnbd_expected_purchases(params, 0, 0, 0, T) == 0.0


def test_expected_purchases_is_continuous_through_a_equal_one():
    near = [
        clv.bgnbd_expected_purchases({**PUBLISHED_BGNBD, "a": a}, 52, 3, 20.0, 38.86)
        for a in (1 - 1e-3, 1 - 1e-7, 1.0, 1 + 1e-7, 1 + 1e-3)
    ]
    assert all(np.isfinite(near))
    # E changes by about 0.5 per unit of a here: 1e-7 apart moves it by ~5e-8.
    assert near[1] == pytest.approx(near[2], rel=1e-6)
    assert near[3] == pytest.approx(near[2], rel=1e-6)
    assert near[2] == pytest.approx((near[0] + near[4]) / 2, rel=1e-6)
    assert near[0] > near[1] > near[2] > near[3] > near[4]


def test_extreme_histories_stay_finite():
    params = PUBLISHED_BGNBD
    # A very frequent buyer who stopped long ago: P(alive) underflows to 0, no overflow.
    assert clv.bgnbd_probability_alive(params, 5000, 1.0, 1000.0) == 0.0
    assert clv.bgnbd_expected_purchases(params, 52, 5000, 1.0, 1000.0) == 0.0
    # A very frequent buyer still active: many purchases, finite.
    busy = clv.bgnbd_expected_purchases(params, [1.0, 52.0, 1e6], 5000, 100.0, 100.0)
    assert np.all(np.isfinite(busy)) and np.all(np.diff(busy) > 0)


@pytest.mark.parametrize(
    "frequency, recency, T",
    [
        ([1, -1], [1, 0], [5, 5]),  # negative frequency
        ([1.5], [1], [5]),  # not a count
        ([2], [6], [5]),  # recency after T
        ([0], [2], [5]),  # recency without repeat purchase
        ([1, np.nan], [1, 0], [5, 5]),
        ([0, 0], [0, 0], [5, 5]),  # no repeat purchase at all: no maximum
    ],
)
def test_fit_bgnbd_rejects_bad_input(frequency, recency, T):
    with pytest.raises(ValueError):
        clv.fit_bgnbd(frequency, recency, T)


def test_gamma_gamma_rejects_bad_input():
    with pytest.raises(ValueError):
        clv.fit_gamma_gamma([1, 2, 3], [10.0, 0.0, 5.0])  # a repeat customer without spend
    with pytest.raises(ValueError):
        clv.fit_gamma_gamma([0, 0, 1], [0.0, 0.0, 5.0])  # one repeat customer
    with pytest.raises(ValueError):
        clv.gamma_gamma_expected_aov({"p": 2.0, "q": 0.5, "v": 10.0}, 0, 0)  # mean undefined
    with pytest.raises(ValueError):
        clv.bgnbd_probability_alive({**PUBLISHED_BGNBD, "r": -1.0}, 1, 1, 5)


def test_degenerate_fit_is_flagged_not_converged():
    # Every customer active up to the end: the dropout parameter runs off to 0.
    rng = np.random.default_rng(3)
    x = rng.integers(1, 10, 60).astype(float)
    T = rng.uniform(10, 50, 60)
    fit = clv.fit_bgnbd(x, T, T)
    assert fit["converged"] is False
    assert all(np.isfinite(fit[k]) for k in ("r", "alpha", "a", "b", "log_likelihood"))


def test_historical_clv_hand_computed():
    result = clv.historical_clv(date(2024, 1, 1), date(2024, 12, 31), 12000.0, 24)
    lifespan = 365 / 30.4375  # 11.9917864...
    assert result["lifespan_months"] == pytest.approx(lifespan)
    assert result["avg_monthly_revenue"] == pytest.approx(1000.6849315, rel=1e-9)
    assert result["purchase_frequency"] == pytest.approx(24 / lifespan)
    assert result["aov"] == 500.0
    assert result["projected_clv_36m"] == pytest.approx(36024.657534, rel=1e-9)


def test_historical_clv_lifespan_is_at_least_one_month():
    result = clv.historical_clv(date(2024, 3, 1), date(2024, 3, 11), 900.0, 3)
    assert result["lifespan_months"] == 1.0
    assert result["avg_monthly_revenue"] == 900.0
    assert result["projected_clv_36m"] == 32400.0
    assert clv.historical_clv(date(2024, 3, 1), date(2024, 3, 1), 0.0, 0)["aov"] is None
    with pytest.raises(ValueError):
        clv.historical_clv(date(2024, 3, 2), date(2024, 3, 1), 1.0, 1)


def test_formula_clv():
    assert clv.formula_clv(1000.0, 0.10, 0.85) == pytest.approx(4000.0)
    assert clv.formula_clv(1200.0, 0.0, 0.0) == pytest.approx(1200.0)
    with pytest.raises(ValueError):
        clv.formula_clv(1000.0, 0.0, 1.0)  # no discount and no churn: infinite
    with pytest.raises(ValueError):
        clv.formula_clv(1000.0, 0.1, 1.2)
