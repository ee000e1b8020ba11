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
    return _rank_array(values).tolist()


def _rank_array(values):
    # RANK() - 1: how many values are strictly smaller, by bisection of the sorted values
    values = np.asarray(values, dtype=float)
    smaller = np.searchsorted(np.sort(values), values, side="left")
    return 1 + (5 * smaller) // len(values)


def score_arrays(recency_days, frequency, monetary):
    """The scores of a population given as three arrays: ``{"r", "f", "m", "fm"}``,
    arrays of whole numbers 1-5 in the same order."""
    r = _rank_array(-np.asarray(recency_days, dtype=float))
    f, m = _rank_array(frequency), _rank_array(monetary)
    return {"r": r, "f": f, "m": m, "fm": (f + m + 1) // 2}  # round-half-up of (f + m) / 2


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
