"""How each type of customer orders: its usual weekdays, assortment, line sizes, delivery
times and festival behaviour (retailers daily or every other day, HoReCa several days a
week, institutions two or three working days, distributors weekly).

Plain Python (no Odoo import), used by ``plan.py``.
"""

import bisect
import datetime
import itertools
from dataclasses import dataclass

# Weekdays as Python numbers them: Monday 0 ... Friday 4 (the weekend), Saturday 5, Sunday 6.
WORKDAYS = (5, 6, 0, 1, 2, 3)  # Saturday to Thursday
ALTERNATE_DAYS = ((5, 0, 2), (6, 1, 3))  # every other day: Sat-Mon-Wed or Sun-Tue-Thu


@dataclass(frozen=True)
class Rhythm:
    assortment: float  # regular products: this times (number of products) ** 0.6
    inclusion: float  # chance a regular product is in a given order
    line_value: float  # BDT of a typical line
    catering: float  # liking for catering packs compared with consumer packs
    slots: tuple  # (weight, from hour, to hour) of local delivery times; 24-25 is 00:xx
    festival_frequency: tuple  # frequency in each festival period (seasons.NORMAL...)
    family_liking: tuple = ()  # (family code, factor)


# fmt: off
RHYTHMS = {
    "retailer": Rhythm(
        1.0, 0.45, 1800, 0.05,
        ((86, 5, 7.5), (9, 15, 18), (5, 23, 25)),
        (1.0, 1.05, 1.35, 1.25, 0.15),
        (("COND", 1.5), ("ICEC", 1.5), ("CHM", 1.3)),
    ),
    "supermarket": Rhythm(
        2.5, 0.5, 6000, 0.1,
        ((70, 5.5, 9), (12, 13, 17), (18, 23, 25)),
        (1.0, 1.1, 1.5, 1.4, 0.25),
        (("GYOG", 2), ("CRCH", 2), ("FYOG", 1.5), ("CHED", 1.5)),
    ),
    "horeca": Rhythm(
        1.0, 0.5, 2500, 3.0,
        ((75, 6, 10), (20, 10, 14), (5, 23, 25)),
        (1.0, 1.0, 1.3, 1.3, 0.2),
        (("MOZZ", 3), ("CRM", 2), ("WHIP", 3), ("CHHA", 2.5), ("PANR", 2), ("BORH", 2),
         ("GHEE", 1.5), ("BUTR", 1.5), ("ICET", 0.5), ("ICEC", 0.3)),
    ),
    "institution": Rhythm(
        0.7, 0.65, 9000, 4.0,
        ((90, 5.5, 8), (10, 9, 12)),
        (1.0, 0.9, 1.0, 1.0, 0.0),
        (("FM", 2), ("FCMP", 2), ("TDOI", 1.5), ("COND", 2), ("ICEC", 0.2), ("ICET", 0.2),
         ("CRCH", 0.2), ("GYOG", 0.2)),
    ),
    "distributor": Rhythm(
        3.0, 0.55, 25000, 1.0,
        ((80, 4, 6.5), (12, 19, 22), (8, 23, 25)),
        (1.0, 1.1, 1.6, 1.5, 0.1),
        (("UHT", 1.5), ("FCMP", 1.5), ("COND", 1.5)),
    ),
}

# fmt: on


def usual_weekdays(rng, customer_type):
    """The chance of an order on each weekday (Monday first): high on the customer's usual
    days, low or nil on the others."""
    if customer_type == "retailer":  # daily but Friday, or every other day
        days = WORKDAYS if rng.random() < 0.55 else rng.choice(ALTERNATE_DAYS)
        usual, other = 0.9, 0.04
    elif customer_type == "supermarket":  # every day, Friday included
        days, usual, other = range(7), 0.93, 0.0
    elif customer_type == "horeca":  # three to five days a week
        days, usual, other = rng.sample(range(7), rng.randint(3, 5)), 0.85, 0.04
    elif customer_type == "institution":  # two or three working days
        days, usual, other = rng.sample(WORKDAYS, rng.randint(2, 3)), 0.9, 0.0
    else:  # distributors: weekly, a few twice a week
        days, usual, other = rng.sample(WORKDAYS, 1 if rng.random() < 0.8 else 2), 0.95, 0.0
    return tuple(usual if day in days else other for day in range(7))


class Slots:
    """A rhythm's delivery slots, drawn as time after local midnight."""

    def __init__(self, slots):
        self.slots = slots
        self.cumulative = list(itertools.accumulate(slot[0] for slot in slots))

    def draw(self, rng):
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        _weight, start, end = self.slots[index]
        seconds = int(rng.uniform(start, end) * 3600) % 86400  # 24:xx is 00:xx of the same day
        return datetime.timedelta(seconds=seconds)
