"""RFM scores and segments against hand-computed examples (docs/predictive.md)."""

import random

import numpy as np
import pytest
from engine import rfm


def by_id(result):
    return {row["customer_id"]: row for row in result}


def test_distinct_values_score_by_rank():
    # n = 5 distinct values: score = 1 + floor(5 (rank - 1) / 5) = rank.
    rows = [
        (1, 3, 10, 500.0),  # most recent, most orders, most revenue
        (2, 10, 8, 400.0),
        (3, 30, 6, 300.0),
        (4, 60, 4, 200.0),
        (5, 200, 2, 100.0),
    ]
    result = by_id(rfm.score_rfm(rows))
    assert [result[i]["r"] for i in range(1, 6)] == [5, 4, 3, 2, 1]
    assert [result[i]["f"] for i in range(1, 6)] == [5, 4, 3, 2, 1]
    assert [result[i]["m"] for i in range(1, 6)] == [5, 4, 3, 2, 1]
    assert result[1]["segment"] == "Champions"
    assert result[3]["segment"] == "Loyal Customers"  # r 3, fm 3
    assert result[5]["segment"] == "Lost"


def test_seven_customers_hand_computed():
    # Ranks 1..7 of n = 7: 1 + floor(5 (k - 1) / 7) = 1, 1, 2, 3, 3, 4, 5.
    assert rfm.rank_scores([70, 10, 20, 30, 40, 50, 60]) == [5, 1, 1, 2, 3, 3, 4]


def test_ties_share_the_lowest_rank():
    # RANK() of [10, 10, 20, 30] is 1, 1, 3, 4 -> 1 + floor(5 * [0, 0, 2, 3] / 4).
    assert rfm.rank_scores([10, 10, 20, 30]) == [1, 1, 3, 4]
    assert rfm.rank_scores([5.0, 5.0, 5.0]) == [1, 1, 1]
    # Equal recency: equal R, ranked on minus days (fewer days scores higher).
    result = by_id(rfm.score_rfm([("a", 5, 1, 1.0), ("b", 5, 2, 2.0), ("c", 40, 3, 3.0)]))
    assert result["a"]["r"] == result["b"]["r"] == 2  # rank 2 of 3: 1 + floor(5/3)
    assert result["c"]["r"] == 1


def test_rank_scores_match_sql_rank_definition():
    rng = random.Random(7)
    values = [rng.randint(0, 20) for _ in range(97)]
    n = len(values)
    expected = [1 + (5 * sum(1 for other in values if other < v)) // n for v in values]
    assert rfm.rank_scores(values) == expected


def test_single_customer_scores_one():
    (row,) = rfm.score_rfm(
        [{"customer_id": 9, "recency_days": 2, "frequency": 12, "monetary": 9e5}]
    )
    assert (row["r"], row["f"], row["m"], row["fm"]) == (1, 1, 1, 1)
    assert row["segment"] == "Lost"
    assert rfm.score_rfm([]) == []


@pytest.mark.parametrize(
    "f, m, fm", [(1, 1, 1), (1, 2, 2), (2, 3, 3), (4, 5, 5), (3, 3, 3), (1, 4, 3)]
)
def test_fm_rounds_half_up(f, m, fm):
    # Five distinct values score by rank, so customer 0 gets exactly (f, m).
    frequencies = [f] + [k for k in range(1, 6) if k != f]
    monetaries = [m] + [k for k in range(1, 6) if k != m]
    rows = [(i, i, frequencies[i], monetaries[i] * 10.0) for i in range(5)]
    scored = rfm.score_rfm(rows)[0]
    assert (scored["f"], scored["m"], scored["fm"]) == (f, m, fm)


def test_fm_half_up_hand_example():
    # n = 4: F scores 1, 1, 3, 4 (ties); M scores 2, 1, 3, 4; customer "x" has F 1, M 2.
    rows = [("x", 1, 1, 20.0), ("y", 2, 1, 10.0), ("z", 3, 5, 30.0), ("w", 4, 9, 40.0)]
    result = by_id(rfm.score_rfm(rows))
    assert (result["x"]["f"], result["x"]["m"], result["x"]["fm"]) == (1, 2, 2)  # 1.5 -> 2
    assert (result["z"]["f"], result["z"]["m"], result["z"]["fm"]) == (3, 3, 3)


def test_segment_grid_matches_design():
    expected = {
        (5, 1): "New Customers",
        (5, 3): "Potential Loyalists",
        (5, 4): "Champions",
        (4, 1): "Promising",
        (4, 5): "Champions",
        (3, 1): "About to Sleep",
        (3, 2): "Need Attention",
        (3, 5): "Loyal Customers",
        (2, 1): "Hibernating",
        (2, 2): "About to Sleep",
        (2, 4): "At Risk",
        (2, 5): "Can't Lose Them",
        (1, 1): "Lost",
        (1, 2): "Hibernating",
        (1, 3): "At Risk",
        (1, 4): "Can't Lose Them",
    }
    for (r, fm), name in expected.items():
        assert rfm.segment(r, fm) == name
    used = {rfm.segment(r, fm) for r in range(1, 6) for fm in range(1, 6)}
    assert used == set(rfm.SEGMENTS)
    assert len(rfm.SEGMENTS) == len(set(rfm.SEGMENTS)) == 11
    with pytest.raises(ValueError):
        rfm.segment(0, 3)


def test_dicts_and_tuples_give_the_same_scores():
    tuples = [(1, 3, 4, 100.0), (2, 9, 2, 50.0), (3, 1, 1, 10.0)]
    keys = ("customer_id", "recency_days", "frequency", "monetary")
    dicts = [dict(zip(keys, t, strict=True)) for t in tuples]
    assert rfm.score_rfm(tuples) == rfm.score_rfm(dicts)


def test_missing_values_are_rejected():
    with pytest.raises(ValueError):
        rfm.score_rfm([(1, None, 1, 1.0)])
    with pytest.raises(ValueError):
        rfm.score_rfm([(1, 3, 1, float("nan"))])


def test_a_population_moved_for_some_customers_equals_the_population_of_their_new_values():
    rng = np.random.default_rng(3)
    before = (rng.integers(0, 400, 500), rng.integers(0, 50, 500), rng.random(500) * 1000)
    after = tuple(values.copy() for values in before)
    changed = [3, 77, 400]
    for values, new in zip(after, ([1, 1, 399], [5, 0, 49], [0.0, 5.5, 999.0]), strict=True):
        values[changed] = new
    moved = rfm.moved(
        rfm.population(*before),
        tuple(values[changed] for values in before),
        tuple(values[changed] for values in after),
    )
    for got, expected in zip(moved, rfm.population(*after), strict=True):
        assert got.tolist() == expected.tolist()
    scores = rfm.scores_in(moved, *after)
    for key, values in rfm.score_arrays(*after).items():
        assert scores[key].tolist() == values.tolist()
