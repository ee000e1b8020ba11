"""The dataset plan: which customers order what and when, decided from a seed.

Plain Python (no Odoo import). The same plan feeds the demo (through the ORM) and the large
generator (bulk SQL): ``build_plan(seed, end_date, ...)`` gives the same customers and orders
for the same arguments, down to the second.

Rules, per customer type (``RHYTHMS``): how often it orders and on which weekdays, at what
local time (Asia/Dhaka) deliveries happen, how many regular products it buys and how large
its lines are. Each order's probability also follows seasons and festivals (Ramadan, the
week before each Eid, Eid holidays when trade stops), the customer's growth, its ramp-up when
new and its decline before it churns; the product mix follows each product's seasonal profile
(lassi and ice cream in summer, ghee and mishti doi in the winter wedding season).
"""

import datetime
import heapq
import math
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import catalogue

SMART_DAIRY = "smart_dairy"  # the dairy company the plan is about (BDT)
TRADING = "trading"  # Odoo's main company, a trading arm selling in USD

CANCEL_SHARE = 0.03
OPEN_QUOTATION_DAYS = 10  # quotations still open are placed in the last days before the end
OPEN_QUOTATION_SHARE = 0.6  # ... up to this share of the orders of the very last day

# Festival periods a day can be in (see ``festival_period``).
NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH, EID_HOLIDAY = range(5)
EID_HOLIDAY_DAYS = 3  # Eid day and the two days after: shops, offices and canteens close
EID_RUSH_DAYS = 6  # the days before Eid when households stock up


@dataclass(frozen=True)
class Rhythm:
    orders_per_week: float
    weekdays: tuple  # relative chance of a delivery, Monday to Sunday (Friday is the weekend)
    assortment: float  # regular products: this times (number of products) ** 0.6
    inclusion: float  # chance a regular product is in a given order
    line_value: float  # BDT of a typical line
    catering: float  # liking for catering packs compared with consumer packs
    slots: tuple  # (weight, from hour, to hour) of local delivery times; 24-25 is 00:xx
    festival_frequency: tuple  # frequency in NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH, EID_HOLIDAY
    family_liking: tuple = ()  # (family code, factor)


# fmt: off
RHYTHMS = {
    "retailer": Rhythm(
        4.5, (1, 1, 1, 1, 0.4, 0.9, 1), 1.0, 0.45, 1800, 0.05,
        ((86, 5, 7.5), (9, 15, 18), (5, 23, 25)),
        (1.0, 1.05, 1.35, 1.25, 0.15),
        (("COND", 1.5), ("ICEC", 1.5), ("CHM", 1.3)),
    ),
    "supermarket": Rhythm(
        3.5, (1, 0.8, 1, 1, 0.6, 1.2, 1.2), 2.5, 0.5, 6000, 0.1,
        ((70, 5.5, 9), (12, 13, 17), (18, 23, 25)),
        (1.0, 1.1, 1.5, 1.4, 0.25),
        (("GYOG", 2), ("CRCH", 2), ("FYOG", 1.5), ("CHED", 1.5)),
    ),
    "horeca": Rhythm(
        3.0, (0.9, 0.9, 1, 1.1, 1.3, 1.1, 0.9), 1.0, 0.5, 2500, 3.0,
        ((75, 6, 10), (20, 10, 14), (5, 23, 25)),
        (1.0, 1.0, 1.3, 1.3, 0.2),
        (("MOZZ", 3), ("CRM", 2), ("WHIP", 3), ("CHHA", 2.5), ("PANR", 2), ("BORH", 2),
         ("GHEE", 1.5), ("BUTR", 1.5), ("ICET", 0.5), ("ICEC", 0.3)),
    ),
    "institution": Rhythm(
        1.2, (1, 1, 1, 1, 0, 0.2, 1), 0.7, 0.65, 9000, 4.0,
        ((90, 5.5, 8), (10, 9, 12)),
        (1.0, 0.9, 1.0, 1.0, 0.0),
        (("FM", 2), ("FCMP", 2), ("TDOI", 1.5), ("COND", 2), ("ICEC", 0.2), ("ICET", 0.2),
         ("CRCH", 0.2), ("GYOG", 0.2)),
    ),
    "distributor": Rhythm(
        1.0, (1, 0.7, 1, 0.7, 0, 0.6, 1), 3.0, 0.55, 25000, 1.0,
        ((80, 4, 6.5), (12, 19, 22), (8, 23, 25)),
        (1.0, 1.1, 1.6, 1.5, 0.1),
        (("UHT", 1.5), ("FCMP", 1.5), ("COND", 1.5)),
    ),
}

# fmt: on

# The tier a customer type gets: the first whose volume floor the customer's volume reaches.
TIER_BY_VOLUME = {
    "retailer": ((1.2, "SILVER"), (0, "BRONZE")),
    "supermarket": ((1.3, "PLATINUM"), (0.8, "GOLD"), (0, "SILVER")),
    "horeca": ((1.3, "GOLD"), (0.7, "SILVER"), (0, "BRONZE")),
    "institution": ((1.2, "GOLD"), (0, "SILVER")),
    "distributor": ((1.0, "PLATINUM"), (0, "GOLD")),
}
TRADING_FREQUENCY = 0.1  # the trading company's customers order now and then


@dataclass(frozen=True)
class PlannedLine:
    product: str  # catalogue product key
    qty: int
    discount: float


@dataclass(frozen=True)
class PlannedOrder:
    customer: str  # customer key
    contact: int  # 0: the customer's company, n: its n-th child contact placed the order
    date_order: datetime.datetime  # naive UTC, as Odoo stores it
    state: str  # 'sale', 'cancel', 'draft' or 'sent'
    lines: tuple


@dataclass(frozen=True)
class PlannedCustomer:
    key: str
    name: str
    customer_type: str
    region: str
    city: str
    company: str  # SMART_DAIRY or TRADING
    currency: str  # the currency it is billed in
    tier: str | None  # tier code
    manager: str | None  # manager key
    state: str  # b2b.customer state
    start_date: datetime.date  # customer since
    churn_date: datetime.date | None  # stops ordering from that day
    contacts: tuple  # (name, job position) of its people
    frequency: float  # order frequency multiplier
    volume: float  # quantity multiplier
    growth: float  # yearly growth of the order frequency
    contact_share: float  # share of the orders placed by one of its people
    assortment: tuple  # (product key, chance to be in an order): its regular products


@dataclass(frozen=True)
class Plan:
    seed: int
    start_date: datetime.date  # first day with orders
    end_date: datetime.date  # first day without orders
    scale: float
    products: tuple  # catalogue.Product
    managers: tuple  # catalogue.Manager
    customers: tuple  # PlannedCustomer

    def orders(self):
        """Every planned order, by date_order (then customer key)."""
        products = {p.key: p for p in self.products}
        calendar = _Calendar(self.start_date, self.end_date)
        streams = [
            _customer_orders(self, calendar, products, customer) for customer in self.customers
        ]
        return heapq.merge(*streams, key=lambda order: (order.date_order, order.customer))

    def expected_counted_lines(self):
        """The expected number of lines of confirmed orders: proportional to ``scale``."""
        products = {p.key: p for p in self.products}
        calendar = _Calendar(self.start_date, self.end_date)
        total = 0.0
        for customer in self.customers:
            mean_lines = _MeanLines(customer, products)
            for offset, rate in _daily_rates(self, calendar, customer):
                counted = (1 - calendar.open_share[offset]) * (1 - CANCEL_SHARE)
                total += rate * mean_lines.get(calendar, offset) * counted
        return total


def build_plan(seed, end_date, months=18, customers=60, scale=1.0, products=None):
    """The plan of ``months`` of orders up to (excluding) ``end_date``.

    ``customers`` counts Smart Dairy's customers (the named ones first, then generated ones);
    the trading company's few customers come on top. ``scale`` multiplies every customer's
    order frequency; ``products`` is the number of catalogue products on sale (default: the
    flagship of every product family).
    """
    if months <= 0 or customers <= 0 or scale <= 0:
        raise ValueError("months, customers and scale must be positive")
    start_date = _add_months(end_date, -months)
    product_list = catalogue.products(products)
    planned = tuple(
        _plan_customer(seed, key, spec, start_date, end_date, product_list)
        for key, spec in _customer_specs(seed, customers)
    )
    return Plan(seed, start_date, end_date, scale, product_list, catalogue.MANAGERS, planned)


def festival_period(day):
    """NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH or EID_HOLIDAY for a date (Bangladesh)."""
    dates = catalogue.FESTIVALS.get(day.year)
    if not dates:
        return NORMAL
    ramadan, fitr, adha = dates
    for eid in (fitr, adha):
        if 0 <= (day - eid).days < EID_HOLIDAY_DAYS:
            return EID_HOLIDAY
    if 0 < (fitr - day).days <= EID_RUSH_DAYS:
        return FITR_RUSH
    if 0 < (adha - day).days <= EID_RUSH_DAYS:
        return ADHA_RUSH
    if ramadan <= day < fitr:
        return RAMADAN
    return NORMAL


def seasonal_factor(product, month, period):
    """How much more (or less) of a product sells in a month and festival period."""
    factor = catalogue.MONTHLY_PROFILES[product.season][month - 1]
    festivals = product.festivals
    if period == RAMADAN:
        factor *= festivals.ramadan
    elif period == FITR_RUSH:
        factor *= festivals.fitr
    elif period == ADHA_RUSH:
        factor *= festivals.adha
    return factor


# Customers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CustomerSpec:
    name: str
    customer_type: str
    region: str
    city: str
    company: str = SMART_DAIRY
    currency: str = "BDT"


def _customer_specs(seed, count):
    """(key, spec) of Smart Dairy's customers (C00001...), then the trading company's
    (T00001...): a customer keeps its key whatever the number of customers."""
    specs = []
    names = set()
    for index in range(count):
        if index < len(catalogue.CUSTOMERS):
            name, ctype, region, city = catalogue.CUSTOMERS[index]
            currency = "USD" if name in catalogue.USD_CUSTOMERS else "BDT"
            spec = _CustomerSpec(name, ctype, region, city, currency=currency)
        else:
            spec = _generated_customer(random.Random(f"{seed}/name/{index}"), names)
        names.add(spec.name)
        specs.append((f"C{index + 1:05d}", spec))
    specs += [
        (f"T{index + 1:05d}", _CustomerSpec(*fields, company=TRADING, currency="USD"))
        for index, fields in enumerate(catalogue.TRADING_CUSTOMERS)
    ]
    return specs


def _generated_customer(rng, taken):
    ctype = _weighted_choice(rng, catalogue.TYPE_WEIGHTS)
    region = _weighted_choice(rng, catalogue.REGION_WEIGHTS)
    city = rng.choice(catalogue.LOCALITIES[region])
    base = f"{city} {rng.choice(catalogue.NAME_SUFFIXES[ctype])}"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base} {number}"
    return _CustomerSpec(name, ctype, region, city)


def _plan_customer(seed, key, spec, start_date, end_date, products):
    rng = random.Random(f"{seed}/customer/{key}")
    rhythm = RHYTHMS[spec.customer_type]
    window = (end_date - start_date).days
    # The customers in US dollars buy steadily all along: never new, never leaving.
    special = spec.company == TRADING or spec.currency != "BDT"
    newcomer = not special and rng.random() < 0.25
    if newcomer:
        start = start_date + datetime.timedelta(days=rng.randint(20, max(20, window - 30)))
    else:
        start = start_date - datetime.timedelta(days=rng.randint(60, 1500))
    churn = None
    first_active = max(start, start_date)
    if not special and rng.random() < 0.16 and (end_date - first_active).days > 100:
        earliest = first_active + datetime.timedelta(days=60)
        churn = earliest + datetime.timedelta(days=rng.randint(0, (end_date - earliest).days - 20))
    volume = round(rng.lognormvariate(0, 0.4), 4)
    return PlannedCustomer(
        key=key,
        name=spec.name,
        customer_type=spec.customer_type,
        region=spec.region,
        city=spec.city,
        company=spec.company,
        currency=spec.currency,
        tier=None if spec.company == TRADING else _tier(spec.customer_type, volume),
        manager=None if spec.company == TRADING else _manager(rng, spec.region),
        state=_state(rng, start, churn, end_date),
        start_date=start,
        churn_date=churn,
        contacts=_contacts(rng),
        frequency=round(
            rng.lognormvariate(0, 0.25) * (TRADING_FREQUENCY if spec.company == TRADING else 1),
            4,
        ),
        volume=volume,
        growth=round(rng.gauss(0.08, 0.12), 4),
        contact_share=round(rng.uniform(0.15, 0.45), 4),
        assortment=_assortment(rng, rhythm, products),
    )


def _tier(customer_type, volume):
    return next(tier for floor, tier in TIER_BY_VOLUME[customer_type] if volume >= floor)


def _manager(rng, region):
    if rng.random() < 0.06:
        return None  # nobody manages it (yet)
    return next(m.key for m in catalogue.MANAGERS if region in m.regions)


def _state(rng, start, churn, end_date):
    draw = rng.random()
    if churn:
        return "suspended" if draw < 0.4 else "approved"
    if (end_date - start).days < 120:
        return "pending" if draw < 0.4 else "draft" if draw < 0.65 else "approved"
    return "pending" if draw < 0.02 else "draft" if draw < 0.035 else "approved"


def _contacts(rng):
    return tuple(
        (
            f"{rng.choice(catalogue.FIRST_NAMES)} {rng.choice(catalogue.LAST_NAMES)}",
            rng.choice(catalogue.CONTACT_ROLES),
        )
        for _i in range(rng.randint(1, 2))
    )


def _assortment(rng, rhythm, products):
    """The customer's regular products, most often bought first."""
    liking = dict(rhythm.family_liking)
    weights = {
        p.key: p.popularity * (rhythm.catering if p.catering else 1) * liking.get(p.family, 1)
        for p in products
    }
    size = round(rhythm.assortment * len(products) ** 0.6 * rng.uniform(0.7, 1.3))
    size = max(1, min(len(products), size))
    # Weighted sampling without replacement (Efraimidis-Spirakis).
    chosen = heapq.nlargest(size, weights, key=lambda key: rng.random() ** (1 / weights[key]))
    mean = sum(weights[key] for key in chosen) / size
    chances = [
        (key, round(min(0.95, rhythm.inclusion * (weights[key] / mean) ** 0.5), 4))
        for key in chosen
    ]
    return tuple(sorted(chances, key=lambda item: (-item[1], item[0])))


# Orders ------------------------------------------------------------------------------------


class _Calendar:
    """Per-day facts of the plan's window, computed once."""

    def __init__(self, start_date, end_date):
        self.start_date = start_date
        self.days = [
            start_date + datetime.timedelta(days=offset)
            for offset in range((end_date - start_date).days)
        ]
        self.period = [festival_period(day) for day in self.days]
        self.month = [day.month for day in self.days]
        self.weekday = [day.weekday() for day in self.days]
        last = len(self.days)
        self.open_share = [
            OPEN_QUOTATION_SHARE * (OPEN_QUOTATION_DAYS + 1 - (last - offset)) / OPEN_QUOTATION_DAYS
            if last - offset <= OPEN_QUOTATION_DAYS
            else 0.0
            for offset in range(last)
        ]

    def offset(self, day):
        return (day - self.start_date).days


def _daily_rates(plan, calendar, customer):
    """(day offset, expected number of orders) for the days the customer may order."""
    rhythm = RHYTHMS[customer.customer_type]
    week = sum(rhythm.weekdays)
    per_weekday = [
        rhythm.orders_per_week * weight / week * customer.frequency * plan.scale
        for weight in rhythm.weekdays
    ]
    first = max(0, calendar.offset(customer.start_date))
    last = len(calendar.days)
    if customer.churn_date:
        last = min(last, calendar.offset(customer.churn_date))
    yearly = math.log1p(max(customer.growth, -0.9)) / 365
    for offset in range(first, last):
        rate = per_weekday[calendar.weekday[offset]]
        rate *= rhythm.festival_frequency[calendar.period[offset]]
        if not rate:
            continue
        rate *= math.exp(yearly * offset)
        since_start = offset - calendar.offset(customer.start_date)
        if since_start < 60:  # a new customer ramps up
            rate *= 0.4 + 0.6 * since_start / 60
        if customer.churn_date:
            before_churn = calendar.offset(customer.churn_date) - offset
            if before_churn < 90:  # a leaving customer orders less and less
                rate *= 0.3 + 0.7 * before_churn / 90
        yield offset, rate


class _MeanLines:
    """Expected lines of an order of a customer, by month and festival period."""

    def __init__(self, customer, products):
        self.customer = customer
        self.products = products
        self.cache = {}

    def get(self, calendar, offset):
        key = (calendar.month[offset], calendar.period[offset])
        if key not in self.cache:
            chances = _line_chances(self.customer, self.products, *key)
            # An order with no regular product gets the first one (see _order_lines).
            self.cache[key] = sum(chances) + math.prod(1 - chance for chance in chances)
        return self.cache[key]


def _line_chances(customer, products, month, period):
    return [
        min(0.95, chance * seasonal_factor(products[key], month, period))
        for key, chance in customer.assortment
    ]


def _customer_orders(plan, calendar, products, customer):
    rng = random.Random(f"{plan.seed}/orders/{customer.key}")
    rhythm = RHYTHMS[customer.customer_type]
    for offset, rate in _daily_rates(plan, calendar, customer):
        count = int(rate) + (rng.random() < rate - int(rate))
        if not count:
            continue
        day = calendar.days[offset]
        month, period = calendar.month[offset], calendar.period[offset]
        chances = _line_chances(customer, products, month, period)
        for moment in sorted(_delivery_time(rng, rhythm, day) for _i in range(count)):
            yield PlannedOrder(
                customer=customer.key,
                contact=_ordering_contact(rng, customer),
                date_order=moment,
                state=_order_state(rng, calendar.open_share[offset]),
                lines=_order_lines(rng, customer, rhythm, products, chances, month, period),
            )


_DHAKA = ZoneInfo(catalogue.TIMEZONE)
_UTC = ZoneInfo("UTC")


def _delivery_time(rng, rhythm, day):
    """A local delivery time on ``day``, as naive UTC."""
    _weight, start, end = rng.choices(rhythm.slots, [slot[0] for slot in rhythm.slots])[0]
    seconds = int(rng.uniform(start, end) * 3600) % 86400  # 24:xx is 00:xx of the same day
    local = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(seconds=seconds)
    return local.replace(tzinfo=_DHAKA).astimezone(_UTC).replace(tzinfo=None)


def _ordering_contact(rng, customer):
    if rng.random() < customer.contact_share:
        return rng.randint(1, len(customer.contacts))
    return 0


def _order_state(rng, open_share):
    draw = rng.random()
    if draw < open_share:
        return "sent" if draw < open_share * 0.4 else "draft"
    if rng.random() < CANCEL_SHARE:
        return "cancel"
    return "sale"


def _order_lines(rng, customer, rhythm, products, chances, month, period):
    picked = [
        (key, chance)
        for (key, _regular), chance in zip(customer.assortment, chances, strict=True)
        if rng.random() < chance
    ] or [(customer.assortment[0][0], chances[0])]
    promotion = period in (RAMADAN, FITR_RUSH)
    lines = []
    for key, _chance in picked:
        product = products[key]
        season = seasonal_factor(product, month, period)
        value = rhythm.line_value * customer.volume * season**0.5 * rng.lognormvariate(0, 0.35)
        draw = rng.random()
        if promotion and draw < 0.2:
            discount = 5.0
        elif draw < 0.06:
            discount = rng.choice((2.5, 5.0, 10.0))
        else:
            discount = 0.0
        lines.append(PlannedLine(key, max(1, round(value / product.list_price)), discount))
    return tuple(lines)


# Helpers -----------------------------------------------------------------------------------


def _add_months(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def _weighted_choice(rng, weights):
    keys = sorted(weights)
    return rng.choices(keys, [weights[key] for key in keys])[0]
