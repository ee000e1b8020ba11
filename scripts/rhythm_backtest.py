"""How many days earlier "overdue" (docs/definitions.md, *Rhythm*) flags the customers
who later churned than the churn-risk rule does, replayed day by day on a database's
history (the demo's):

    .venv/bin/python scripts/rhythm_backtest.py --db smart_dairy

A customer *churned* when its last order day L is at least ``--quiet-days`` (default 60)
before today and it had a rhythm on L (3 or more order days in the 180 days up to L). For
each, the replay finds the first day after L on which each rule flags it:
- overdue: the rhythm as of that day (the engine's ``rhythm_from_days`` on the order days
  up to it) says overdue;
- churn risk, gap rule (the rule without a model): days since L > 3 x max(median gap
  between all its order days up to L, 14);
- churn risk, P(alive) < 0.3 (the rule with the model): BG/NBD fitted once on the whole
  history (weeks), P(alive) replayed as of each day.
It prints the lead of "overdue" over each churn rule (median, mean, quartiles, in days).
It reads the daily rollup table directly (order days in the analytics timezone, revenue in
each company's currency); it writes nothing.
"""

import argparse
import configparser
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "smart_dairy_b2b"))

from engine import churn, clv, rhythm  # noqa: E402  (the addon's plain-Python engine)

HORIZON_DAYS = 365  # replay at most a year after the last order


def order_days(database):
    config = configparser.ConfigParser()
    config.read(ROOT / "odoo.conf")
    options = config["options"]
    connection = psycopg2.connect(
        dbname=database,
        host=options.get("db_host", "127.0.0.1"),
        port=options.get("db_port", "55432"),
        user=options.get("db_user", "odoo"),
        password=options.get("db_password", "odoo"),
    )
    with connection, connection.cursor() as cursor:
        cursor.execute(
            """SELECT d.customer_id, d.date, SUM(d.revenue)::float8
                 FROM b2b_sale_daily d JOIN b2b_customer c ON c.id = d.customer_id
                WHERE c.state = 'approved'
                GROUP BY 1, 2 ORDER BY 1, 2"""
        )
        history = {}
        for customer_id, day, revenue in cursor.fetchall():
            history.setdefault(customer_id, {})[day] = revenue
        cursor.execute("SELECT MAX(date) FROM b2b_sale_daily")
        today = cursor.fetchone()[0]
    connection.close()
    return history, today


def fit_model(history, today):
    first = np.array([(today - min(days)).days for days in history.values()], dtype=float)
    last = np.array([(today - max(days)).days for days in history.values()], dtype=float)
    frequency = np.array([len(days) - 1 for days in history.values()], dtype=float)
    return clv.fit_bgnbd(frequency, (first - last) / 7, first / 7)


def first_flag(last, rule):
    """Days after ``last`` to the first day ``rule(day)`` holds (None within the horizon)."""
    for offset in range(1, HORIZON_DAYS + 1):
        if rule(last + timedelta(days=offset)):
            return offset
    return None


def flags(days, params):
    """Days after its last order at which each rule flags a customer."""
    ordered = sorted(days)
    first, last = ordered[0], ordered[-1]
    gaps = [(b - a).days for a, b in zip(ordered, ordered[1:], strict=False)]
    median_gap = statistics.median(gaps) if gaps else None
    x, recency = len(ordered) - 1, (last - first).days / 7

    def overdue(day):
        found = rhythm.rhythm_from_days(days, day)
        return found is not None and found["overdue"]

    def gap_rule(day):
        return churn.risk_from_gap((day - last).days, median_gap) == churn.HIGH

    def alive_rule(day):
        return clv.bgnbd_probability_alive(params, x, recency, (day - first).days / 7) < 0.3

    return {
        "overdue": first_flag(last, overdue),
        "gap": first_flag(last, gap_rule),
        "alive": first_flag(last, alive_rule),
    }


def replay(history, today, quiet_days, params):
    leads = {"gap": [], "alive": []}
    flagged = {"overdue": 0, "gap": 0, "alive": 0}
    churned = 0
    for days in history.values():
        last = max(days)
        if (today - last).days < quiet_days or not rhythm.rhythm_from_days(days, last):
            continue
        churned += 1
        on = flags(days, params)
        for rule, offset in on.items():
            flagged[rule] += offset is not None
        for rule in ("gap", "alive"):
            if on["overdue"] is not None and on[rule] is not None:
                leads[rule].append(on[rule] - on["overdue"])
    return churned, flagged, leads


def summary(values):
    if not values:
        return "no customer flagged by both rules"
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return (
        f"median {statistics.median(values):.0f} days, mean {statistics.mean(values):.1f}, "
        f"quartiles {quartiles[0]:.0f} / {quartiles[2]:.0f} (n = {len(values)})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="smart_dairy")
    parser.add_argument("--quiet-days", type=int, default=60)
    args = parser.parse_args()
    history, today = order_days(args.db)
    today = today or date.today()
    params = fit_model(history, today)
    churned, flagged, leads = replay(history, today, args.quiet_days, params)
    print(f"database {args.db}, last order day {today}, {len(history)} approved customers")
    print(
        f"churned (no order for {args.quiet_days}+ days, a rhythm before): {churned}; "
        f"flagged by overdue {flagged['overdue']}, by the gap rule {flagged['gap']}, "
        f"by P(alive) < 0.3 {flagged['alive']}"
    )
    print(f"overdue ahead of the gap rule (3 x median gap, >= 14 days): {summary(leads['gap'])}")
    print(f"overdue ahead of P(alive) < 0.3 (BG/NBD): {summary(leads['alive'])}")


if __name__ == "__main__":
    main()
