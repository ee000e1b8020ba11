"""The dataset plan: which customers order what and when, decided from a seed.

Plain Python (no Odoo import). The same plan feeds the demo (through the ORM) and the large
generator (bulk SQL): ``build_plan(seed, end_date, ...)`` gives the same customers and orders
for the same arguments, down to the second.

Rules, per customer type (``rhythms.py``): on which weekdays a customer
usually orders (shops daily or every other day, HoReCa several days a week, institutions
twice or three times a week in term time, distributors weekly), at what local time
(Asia/Dhaka) deliveries happen, how many regular products it buys and how large its lines
are. Each order's probability also follows festivals (Ramadan, the week before each Eid, Eid
holidays when trade stops), school holidays for school and college canteens, the customer's
ramp-up when new and its decline before it churns; its size follows the customer's growth;
the product mix follows each product's seasonal profile (lassi and ice cream in summer, ghee
and mishti doi in the winter wedding season). Tiers follow each customer's spend over the
plan's last twelve months; sales teams, account managers and campaigns come from
``catalogue``.
"""

import dataclasses
import datetime
import heapq
import math
import random
from dataclasses import dataclass

import numpy as np

from . import catalogue, market, rhythms, seasons

SMART_DAIRY = "smart_dairy"  # the dairy company the plan is about (BDT)
TRADING = "trading"  # Odoo's main company, a trading arm selling in USD

CANCEL_SHARE = 0.03
# Quotations still open: this share of the orders of the plan's last day, of the day before...
OPEN_QUOTATION_SHARES = (0.5, 0.1)
TIER_HEADROOM = 1.02  # a tier needs its minimum spend and this much more

SCHOOL_HOLIDAY_FREQUENCY = 0.1  # school and college canteens in the holidays
# Customers that stop ordering for a while (a renovation, a dispute, a rival's offer)
# and come back: retention's won-back customers. Long enough to miss a calendar month.
LAPSE_SHARE = 0.12
LAPSE_DAYS = (45, 100)


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
    campaign: str | None = None  # market.Campaign name


@dataclass(frozen=True)
class PlannedCustomer:
    key: str
    name: str
    customer_type: str
    region: str
    city: str
    company: str  # SMART_DAIRY or TRADING
    currency: str  # the currency it is billed in
    tier: str | None  # tier code, from the spend of the plan's last twelve months
    team: str | None  # sales team key
    manager: str | None  # manager key
    state: str  # b2b.customer state
    start_date: datetime.date  # customer since
    churn_date: datetime.date | None  # stops ordering from that day
    contacts: tuple  # (name, job position) of its people
    weekdays: tuple  # chance of an order on each weekday, Monday first
    term_time: bool  # a school or college canteen: (almost) no orders in school holidays
    frequency: float  # order frequency multiplier
    volume: float  # quantity multiplier
    growth: float  # yearly growth of the order size
    contact_share: float  # share of the orders placed by one of its people
    assortment: tuple  # (product key, chance to be in an order): its regular products
    annual_spend: float = 0.0  # BDT (list prices less line discounts) of the last 12 months
    lapse: tuple | None = None  # (first day without orders, first day back) of a pause


@dataclass(frozen=True)
class Plan:
    seed: int
    start_date: datetime.date  # first day with orders
    end_date: datetime.date  # first day without orders
    scale: float
    products: tuple  # catalogue.Product
    managers: tuple  # market.Manager
    customers: tuple  # PlannedCustomer
    # Each customer's orders, when the plan keeps them (a small plan: the demo's).
    kept_orders: tuple | None = dataclasses.field(default=None, compare=False, repr=False)

    def orders(self):
        """Every planned order, by date_order (then customer key)."""
        if self.kept_orders is not None:
            streams = self.kept_orders
        else:
            products = {p.key: p for p in self.products}
            calendar = _PlanCalendar(self)
            streams = [
                _customer_orders(self, calendar, products, customer) for customer in self.customers
            ]
        return heapq.merge(*streams, key=lambda order: (order.date_order, order.customer))

    def _with_spend_tiers(self, keep_orders):
        """The plan with each customer's tier and annual spend from its orders of the last
        twelve months: the highest tier whose minimum its spend, less the tier's own
        discount, reaches."""
        products = {p.key: p for p in self.products}
        calendar = _PlanCalendar(self)
        since = seasons.utc_midnight(self.end_date - datetime.timedelta(days=365))
        customers, kept = [], []
        for customer in self.customers:
            orders = _customer_orders(self, calendar, products, customer)
            if keep_orders:
                orders = tuple(orders)
                kept.append(orders)
            spend = sum(
                line.qty * products[line.product].list_price * (1 - line.discount / 100)
                for order in orders
                if order.state == "sale" and order.date_order >= since
                for line in order.lines
            )
            tier = None if customer.company == TRADING else _tier(spend)
            customers.append(dataclasses.replace(customer, tier=tier, annual_spend=round(spend, 2)))
        return dataclasses.replace(
            self, customers=tuple(customers), kept_orders=tuple(kept) if keep_orders else None
        )

    def scaled(self, scale):
        """This plan (without tiers) at another scale, with the tiers its orders give: what
        ``build_plan`` gives for that scale, without planning the customers again."""
        return dataclasses.replace(self, scale=scale)._with_spend_tiers(keep_orders=False)

    def expected_counted_lines(self):
        """The expected number of lines of confirmed orders: proportional to ``scale``."""
        calendar = _PlanCalendar(self)
        total = 0.0
        for customer in self.customers:
            offsets, rates = _daily_rates(self, calendar, customer)
            mean_lines = _mean_lines(calendar, customer, offsets)
            # Added one day after the other, as a running total does: the same figure
            # (to the last bit) whatever the number of customers summed before.
            total = sum((rates * mean_lines * calendar.counted_share[offsets]).tolist(), total)
        return total


def build_plan(
    seed,
    end_date,
    months=18,
    customers=60,
    scale=1.0,
    products=None,
    keep_orders=False,
    tiers=True,
):
    """The plan of ``months`` of orders up to (excluding) ``end_date``.

    ``customers`` counts Smart Dairy's customers (the named ones first, then generated ones);
    the trading company's few customers come on top. ``scale`` multiplies every customer's
    order frequency; ``products`` is the number of catalogue products on sale (default: the
    flagship of every product family). ``keep_orders`` keeps the orders in memory
    (they are drawn once to find the tiers): for plans of up to some hundred thousand
    orders. Without ``tiers`` (a plan only sized, not written), customers have no tier.
    """
    if months <= 0 or customers <= 0 or scale <= 0:
        raise ValueError("months, customers and scale must be positive")
    start_date = seasons.add_months(end_date, -months)
    product_list = catalogue.products(products)
    weights = {
        customer_type: _assortment_weights(rhythm, product_list)
        for customer_type, rhythm in rhythms.RHYTHMS.items()
    }
    planned = tuple(
        _plan_customer(
            seed, key, spec, start_date, end_date, product_list, weights[spec.customer_type]
        )
        for key, spec in _customer_specs(seed, customers)
    )
    plan = Plan(seed, start_date, end_date, scale, product_list, market.MANAGERS, planned)
    return plan._with_spend_tiers(keep_orders) if tiers else plan


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
        if index < len(market.CUSTOMERS):
            name, ctype, region, city = market.CUSTOMERS[index]
            currency = "USD" if name in market.USD_CUSTOMERS else "BDT"
            spec = _CustomerSpec(name, ctype, region, city, currency=currency)
        else:
            spec = _generated_customer(random.Random(f"{seed}/name/{index}"), names)
        names.add(spec.name)
        specs.append((f"C{index + 1:05d}", spec))
    specs += [
        (f"T{index + 1:05d}", _CustomerSpec(*fields, company=TRADING, currency="USD"))
        for index, fields in enumerate(market.TRADING_CUSTOMERS)
    ]
    return specs


def _generated_customer(rng, taken):
    ctype = _weighted_choice(rng, market.TYPE_WEIGHTS)
    region = _weighted_choice(rng, market.REGION_WEIGHTS)
    city = rng.choice(market.LOCALITIES[region])
    base = f"{city} {rng.choice(market.NAME_SUFFIXES[ctype])}"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base} {number}"
    return _CustomerSpec(name, ctype, region, city)


def _plan_customer(seed, key, spec, start_date, end_date, products, weights):
    rng = random.Random(f"{seed}/customer/{key}")
    rhythm = rhythms.RHYTHMS[spec.customer_type]
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
    team = None if spec.company == TRADING else _team(rng, spec.customer_type)
    return PlannedCustomer(
        key=key,
        name=spec.name,
        customer_type=spec.customer_type,
        region=spec.region,
        city=spec.city,
        company=spec.company,
        currency=spec.currency,
        tier=None,  # from its spend, once its orders are known (Plan._with_spend_tiers)
        team=team,
        manager=team and _manager(rng, team, spec.region),
        state=_state(rng, start, churn, end_date),
        start_date=start,
        churn_date=churn,
        contacts=_contacts(rng),
        weekdays=rhythms.usual_weekdays(rng, spec.customer_type),
        term_time=any(word in spec.name for word in market.TERM_TIME_WORDS),
        frequency=round(
            rng.uniform(0.92, 1.05) * (TRADING_FREQUENCY if spec.company == TRADING else 1),
            4,
        ),
        volume=volume,
        growth=round(rng.gauss(0.08, 0.12), 4),
        contact_share=round(rng.uniform(0.15, 0.45), 4),
        assortment=_assortment(rng, rhythm, products, weights),
        lapse=None if special or churn else _lapse(seed, key, first_active, end_date),
    )


def _lapse(seed, key, first_active, end_date):
    """A pause of some customers, over and done a month before the plan's end (its own
    random stream: the other customers' plans stay as they were)."""
    rng = random.Random(f"{seed}/lapse/{key}")
    if rng.random() >= LAPSE_SHARE:
        return None
    days = rng.randint(*LAPSE_DAYS)
    earliest = first_active + datetime.timedelta(days=60)
    latest = end_date - datetime.timedelta(days=30 + days)
    if latest < earliest:
        return None
    start = earliest + datetime.timedelta(days=rng.randint(0, (latest - earliest).days))
    return start, start + datetime.timedelta(days=days)


def _tier(spend):
    return next(
        code
        for code, _name, discount, minimum in reversed(market.TIERS)
        if spend * (1 - discount / 100) >= minimum * TIER_HEADROOM
    )


def _team(rng, customer_type):
    if customer_type == "distributor":
        return "distributor"
    if customer_type in ("retailer", "horeca") and rng.random() < market.ONLINE_SHARE:
        return "online"
    return "direct"


def _manager(rng, team, region):
    if rng.random() < 0.06:
        return None  # nobody manages it (yet)
    return next(m.key for m in market.MANAGERS if m.team == team and region in m.regions)


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
            f"{rng.choice(market.FIRST_NAMES)} {rng.choice(market.LAST_NAMES)}",
            rng.choice(market.CONTACT_ROLES),
        )
        for _i in range(rng.randint(1, 2))
    )


def _assortment_weights(rhythm, products):
    """(weight, its inverse) of each product in the assortments of a customer type."""
    liking = dict(rhythm.family_liking)
    weights = {
        p.key: p.popularity * (rhythm.catering if p.catering else 1) * liking.get(p.family, 1)
        for p in products
    }
    return weights, {key: 1 / weight for key, weight in weights.items()}


def _assortment(rng, rhythm, products, weights):
    """The customer's regular products, most often bought first; ``weights``: those of
    ``_assortment_weights`` for its type (once for all its customers)."""
    weights, inverse = weights
    size = round(rhythm.assortment * len(products) ** 0.6 * rng.uniform(0.7, 1.3))
    size = max(1, min(len(products), size))
    # Weighted sampling without replacement (Efraimidis-Spirakis).
    chosen = heapq.nlargest(size, weights, key=lambda key: rng.random() ** inverse[key])
    mean = sum(weights[key] for key in chosen) / size
    chances = [
        (key, round(min(0.95, rhythm.inclusion * (weights[key] / mean) ** 0.5), 4))
        for key in chosen
    ]
    return tuple(sorted(chances, key=lambda item: (-item[1], item[0])))


# Orders ------------------------------------------------------------------------------------


class _PlanCalendar(seasons.Calendar):
    """The plan's calendar with its days as arrays, for the per-day rules of tens of
    thousands of customers: numpy's float64 arithmetic is Python's, value for value, so
    the rates below are the very ones a loop over the days gives."""

    def __init__(self, plan):
        super().__init__(plan.start_date, plan.end_date, OPEN_QUOTATION_SHARES)
        self.weekday_array = np.array(self.weekday)
        self.period_array = np.array(self.period)
        self.school_holiday_array = np.array(self.school_holiday, dtype=bool)
        # The share of a day's orders that are confirmed and stay so.
        self.counted_share = np.array(
            [(1 - share) * (1 - CANCEL_SHARE) for share in self.open_share]
        )
        self.keys = sorted(set(zip(self.month, self.period, strict=True)))
        index = {key: number for number, key in enumerate(self.keys)}
        self.key_index = np.array([index[key] for key in zip(self.month, self.period, strict=True)])
        # Each product's seasonal factor on each (month, festival period), by product index.
        self.product_index = {product.key: number for number, product in enumerate(plan.products)}
        self.factor_rows = [
            [seasons.seasonal_factor(product, month, period) for product in plan.products]
            for month, period in self.keys
        ]
        self.factors = np.array(self.factor_rows)
        self.key_number = index


def _daily_rates(plan, calendar, customer):
    """(day offsets, expected numbers of orders), as arrays, of the days the customer may
    order."""
    rhythm = rhythms.RHYTHMS[customer.customer_type]
    per_weekday = np.array(
        [chance * customer.frequency * plan.scale for chance in customer.weekdays]
    )
    start = calendar.offset(customer.start_date)
    last = len(calendar.days)
    if customer.churn_date:
        last = min(last, calendar.offset(customer.churn_date))
    offsets = np.arange(max(0, start), last)
    if customer.lapse:
        away, back = (calendar.offset(day) for day in customer.lapse)
        offsets = offsets[(offsets < away) | (offsets >= back)]
    rates = per_weekday[calendar.weekday_array[offsets]]
    rates *= np.array(rhythm.festival_frequency, dtype=float)[calendar.period_array[offsets]]
    if customer.term_time:
        closed = calendar.school_holiday_array[offsets]
        rates[closed] *= SCHOOL_HOLIDAY_FREQUENCY
    kept = rates != 0
    offsets, rates = offsets[kept], rates[kept]
    since_start = offsets - start
    new = since_start < 60  # a new customer ramps up
    rates[new] *= 0.4 + 0.6 * since_start[new] / 60
    if customer.churn_date:
        before_churn = calendar.offset(customer.churn_date) - offsets
        leaving = before_churn < 90  # a leaving customer orders less and less
        rates[leaving] *= 0.3 + 0.7 * before_churn[leaving] / 90
    return offsets, rates


def _mean_lines(calendar, customer, offsets):
    """Expected lines of an order of the customer on each of these days (they depend on
    the month and the festival period): those ``_line_chances`` give, by key at once."""
    keys = calendar.key_index[offsets]
    used = np.unique(keys)
    columns = [calendar.product_index[key] for key, _chance in customer.assortment]
    regular = np.array([chance for _key, chance in customer.assortment])
    chances = np.minimum(0.95, regular * calendar.factors[used][:, columns])
    by_key = np.zeros(len(calendar.keys))
    # An order with no regular product gets the first one (see _order_lines). Running
    # sums and products, as Python's sum() and math.prod() add and multiply.
    by_key[used] = np.cumsum(chances, axis=1)[:, -1] + np.cumprod(1 - chances, axis=1)[:, -1]
    return by_key[keys]


def _line_chances(calendar, customer, month, period):
    """The chance of each of the customer's regular products to be in an order."""
    factors = calendar.factor_rows[calendar.key_number[month, period]]
    return [
        min(0.95, chance * factors[calendar.product_index[key]])
        for key, chance in customer.assortment
    ]


def _customer_orders(plan, calendar, products, customer):
    rng = random.Random(f"{plan.seed}/orders/{customer.key}")
    # Campaigns draw from their own sequence: they do not move the orders.
    campaign_rng = random.Random(f"{plan.seed}/campaigns/{customer.key}")
    rhythm = rhythms.RHYTHMS[customer.customer_type]
    yearly = math.log1p(max(customer.growth, -0.9)) / 365
    slots = rhythms.Slots(rhythm.slots)
    # A shop won during the window came through the field team's onboarding visit.
    onboarding = market.ONBOARDING.name if customer.start_date > plan.start_date else None
    candidates = {}  # by (month, festival period)
    offsets, rates = _daily_rates(plan, calendar, customer)
    whole = np.trunc(rates)
    draw = rng.random  # one draw a day, in this loop of every day of every customer
    for offset, orders, fraction in zip(
        offsets.tolist(), whole.astype(int).tolist(), (rates - whole).tolist(), strict=True
    ):
        count = orders + (draw() < fraction)
        if not count:
            continue
        month, period = calendar.month[offset], calendar.period[offset]
        if (month, period) not in candidates:
            chances = _line_chances(calendar, customer, month, period)
            factors = calendar.factor_rows[calendar.key_number[month, period]]
            candidates[month, period] = [
                (key, chance, products[key].list_price, factors[calendar.product_index[key]])
                for (key, _regular), chance in zip(customer.assortment, chances, strict=True)
            ]
        value_scale = rhythm.line_value * customer.volume * math.exp(yearly * offset)
        promotion = period in (seasons.RAMADAN, seasons.FITR_RUSH)
        midnight = calendar.utc_midnight[offset]
        for moment in sorted(midnight + slots.draw(rng) for _i in range(count)):
            contact = _ordering_contact(rng, customer)
            state = _order_state(rng, calendar.open_share[offset])
            lines = _order_lines(rng, value_scale, candidates[month, period], promotion)
            yield PlannedOrder(
                customer=customer.key,
                contact=contact,
                date_order=moment,
                state=state,
                lines=lines,
                campaign=(onboarding if state == "sale" else None)
                or _campaign(campaign_rng, calendar.campaigns[offset], lines, products),
            )
            if state == "sale":
                onboarding = None  # its first confirmed order only


def _campaign(rng, campaigns, lines, products):
    """The campaign an order answers, if any: one running that day, for a family the order
    has (when it is about one)."""
    families = {products[line.product].family for line in lines}
    for campaign in campaigns:
        if (campaign.family is None or campaign.family in families) and (
            rng.random() < campaign.share
        ):
            return campaign.name
    return None


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


def _order_lines(rng, value_scale, candidates, promotion):
    """The lines of an order from its ``candidates``: (product key, chance, list price,
    seasonal factor) of the customer's regular products."""
    picked = [item for item in candidates if rng.random() < item[1]] or candidates[:1]
    lines = []
    for key, _chance, price, season in picked:
        value = value_scale * season**0.5 * rng.lognormvariate(0, 0.35)
        draw = rng.random()
        if promotion and draw < 0.2:
            discount = 5.0
        elif draw < 0.06:
            discount = rng.choice((2.5, 5.0, 10.0))
        else:
            discount = 0.0
        lines.append(PlannedLine(key, max(1, round(value / price)), discount))
    return tuple(lines)


# Helpers -----------------------------------------------------------------------------------


def _weighted_choice(rng, weights):
    keys = sorted(weights)
    return rng.choices(keys, [weights[key] for key in keys])[0]
