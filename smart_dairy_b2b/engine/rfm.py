"""RFM scoring and segments, exactly as docs/predictive.md.

Each score is ``1 + floor(5 * (rank - 1) / n)`` where ``rank`` is SQL ``RANK()``
ascending (1 + the number of strictly smaller values, so ties share the lowest rank and
the same score) and ``n`` is the population size. R ranks *minus* the days since the
last order, so the most recent customers score 5. FM = round-half-up((F + M) / 2).
With a single customer, or when everyone ties, every score is 1 (rank 1).
"""

import numpy as np

# The segment grid of docs/predictive.md: SEGMENT_GRID[r - 1][fm - 1].
SEGMENT_GRID = (
    ("Lost", "Hibernating", "At Risk", "Can't Lose Them", "Can't Lose Them"),
    ("Hibernating", "About to Sleep", "At Risk", "At Risk", "Can't Lose Them"),
    ("About to Sleep", "Need Attention", "Loyal Customers", "Loyal Customers", "Loyal Customers"),
    ("Promising", "Potential Loyalists", "Loyal Customers", "Loyal Customers", "Champions"),
    ("New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions"),
)

# Every segment of the grid, from the most to the least valuable.
SEGMENTS = [
    "Champions",
    "Loyal Customers",
    "Potential Loyalists",
    "New Customers",
    "Promising",
    "Need Attention",
    "About to Sleep",
    "At Risk",
    "Can't Lose Them",
    "Hibernating",
    "Lost",
]


def rank_scores(values):
    """Scores 1-5 of ``values``: 1 + floor(5 * (RANK() - 1) / n), RANK() ascending."""
    values = np.asarray(values, dtype=float)
    return _ranked_in(np.sort(values), values).tolist()


def _ranked_in(sorted_values, values):
    # RANK() - 1: how many values are strictly smaller, by bisection of the sorted values
    smaller = np.searchsorted(sorted_values, values, side="left")
    return 1 + (5 * smaller) // len(sorted_values)


def _ranked_values(recency_days, frequency, monetary):
    """The values each score ranks, as float arrays: R ranks minus the days."""
    return (
        -np.asarray(recency_days, dtype=float),
        np.asarray(frequency, dtype=float),
        np.asarray(monetary, dtype=float),
    )


def population(recency_days, frequency, monetary):
    """A population to score customers in: its R, F and M values, each sorted."""
    return tuple(np.sort(values) for values in _ranked_values(recency_days, frequency, monetary))


def moved(population_, before, after):
    """The ``population`` once some of its customers' values moved from ``before`` to
    ``after`` (each ``(recency_days, frequency, monetary)`` arrays of those customers):
    each value taken out and put back in its sorted place (a copy per customer)."""
    result = []
    for values, old, new in zip(
        population_, _ranked_values(*before), _ranked_values(*after), strict=True
    ):
        for old_value, new_value in zip(old, new, strict=True):
            values = np.delete(values, np.searchsorted(values, old_value))
            values = np.insert(values, np.searchsorted(values, new_value), new_value)
        result.append(values)
    return tuple(result)


def scores_in(population_, recency_days, frequency, monetary):
    """The scores of customers (``recency_days``, ``frequency``, ``monetary``: arrays)
    in a ``population``: ``{"r", "f", "m", "fm"}``, arrays of whole numbers 1-5."""
    r, f, m = (
        _ranked_in(sorted_values, values)
        for sorted_values, values in zip(
            population_, _ranked_values(recency_days, frequency, monetary), strict=True
        )
    )
    return {"r": r, "f": f, "m": m, "fm": (f + m + 1) // 2}  # round-half-up of (f + m) / 2


def score_arrays(recency_days, frequency, monetary):
    """The scores of a population given as three arrays, in the same order."""
    return scores_in(
        population(recency_days, frequency, monetary), recency_days, frequency, monetary
    )


def segment(r, fm):
    """Segment name for scores r and fm (1-5) from the grid of docs/predictive.md."""
    if not (1 <= r <= 5 and 1 <= fm <= 5):
        raise ValueError(f"RFM scores must be 1-5, got r={r}, fm={fm}")
    return SEGMENT_GRID[r - 1][fm - 1]


def score_rfm(rows):
    """Score a population.

    ``rows``: iterable of dicts with keys customer_id, recency_days, frequency, monetary,
    or tuples in that order. Returns, in input order, dicts with those four keys plus
    r, f, m, fm and segment.
    """
    keys = ("customer_id", "recency_days", "frequency", "monetary")
    customers = [
        dict(row) if isinstance(row, dict) else dict(zip(keys, row, strict=True)) for row in rows
    ]
    for customer in customers:
        values = [customer[key] for key in keys[1:]]
        if any(value is None or value != value for value in values):
            raise ValueError(f"missing recency, frequency or monetary value: {customer}")
    if not customers:
        return []
    scores = score_arrays(*(np.array([c[key] for c in customers], dtype=float) for key in keys[1:]))
    result = []
    for n, customer in enumerate(customers):
        r, f, m, fm = (int(scores[key][n]) for key in ("r", "f", "m", "fm"))
        result.append(
            {key: customer[key] for key in keys}
            | {"r": r, "f": f, "m": m, "fm": fm, "segment": segment(r, fm)}
        )
    return result
