"""The dataset plan: which customers order what and when, decided from a seed.

Plain Python (no Odoo import). The same plan feeds the demo (through the ORM) and the large
generator (bulk SQL): ``build_plan(seed, end_date, ...)`` gives the same customers and orders
for the same arguments, down to the second.

Rules, per customer type (``RHYTHMS``, ``_usual_weekdays``): on which weekdays a customer
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

import bisect
import dataclasses
import datetime
import heapq
import itertools
import math
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import catalogue

SMART_DAIRY = "smart_dairy"  # the dairy company the plan is about (BDT)
TRADING = "trading"  # Odoo's main company, a trading arm selling in USD

CANCEL_SHARE = 0.03
# Quotations still open: this share of the orders of the plan's last day, of the day before...
OPEN_QUOTATION_SHARES = (0.5, 0.1)
TIER_HEADROOM = 1.02  # a tier needs its minimum spend and this much more

# Festival periods a day can be in (see ``festival_period``).
NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH, EID_HOLIDAY = range(5)
EID_HOLIDAY_DAYS = 3  # Eid day and the two days after: shops, offices and canteens close
EID_RUSH_DAYS = 6  # the days before Eid when households stock up
SCHOOL_HOLIDAY_FREQUENCY = 0.1  # school and college canteens in the holidays


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
    festival_frequency: tuple  # frequency in NORMAL, RAMADAN, FITR_RUSH, ADHA_RUSH, EID_HOLIDAY
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
    campaign: str | None = None  # catalogue.Campaign name


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


@dataclass(frozen=True)
class Plan:
    seed: int
    start_date: datetime.date  # first day with orders
    end_date: datetime.date  # first day without orders
    scale: float
    products: tuple  # catalogue.Product
    managers: tuple  # catalogue.Manager
    customers: tuple  # PlannedCustomer
    # Each customer's orders, when the plan keeps them (a small plan: the demo's).
    kept_orders: tuple | None = dataclasses.field(default=None, compare=False, repr=False)

    def orders(self):
        """Every planned order, by date_order (then customer key)."""
        if self.kept_orders is not None:
            streams = self.kept_orders
        else:
            products = {p.key: p for p in self.products}
            calendar = _Calendar(self.start_date, self.end_date)
            streams = [
                _customer_orders(self, calendar, products, customer) for customer in self.customers
            ]
        return heapq.merge(*streams, key=lambda order: (order.date_order, order.customer))

    def _with_spend_tiers(self, keep_orders):
        """The plan with each customer's tier and annual spend from its orders of the last
        twelve months: the highest tier whose minimum its spend, less the tier's own
        discount, reaches."""
        products = {p.key: p for p in self.products}
        calendar = _Calendar(self.start_date, self.end_date)
        since = _utc_midnight(self.end_date - datetime.timedelta(days=365))
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
    start_date = _add_months(end_date, -months)
    product_list = catalogue.products(products)
    planned = tuple(
        _plan_customer(seed, key, spec, start_date, end_date, product_list)
        for key, spec in _customer_specs(seed, customers)
    )
    plan = Plan(seed, start_date, end_date, scale, product_list, catalogue.MANAGERS, planned)
    return plan._with_spend_tiers(keep_orders) if tiers else plan


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


def school_holiday(day):
    """Whether schools and colleges are closed (Bangladesh): Ramadan and the Eid al-Fitr
    holidays, the days around Eid al-Adha, and the year-end holidays."""
    if (day.month, day.day) >= (12, 15) or (day.month, day.day) <= (1, 10):
        return True
    dates = catalogue.FESTIVALS.get(day.year)
    if not dates:
        return False
    ramadan, fitr, adha = dates
    return ramadan <= day <= fitr + datetime.timedelta(days=7) or -5 <= (day - adha).days <= 7


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
        weekdays=_usual_weekdays(rng, spec.customer_type),
        term_time=any(word in spec.name for word in catalogue.TERM_TIME_WORDS),
        frequency=round(
            rng.uniform(0.92, 1.05) * (TRADING_FREQUENCY if spec.company == TRADING else 1),
            4,
        ),
        volume=volume,
        growth=round(rng.gauss(0.08, 0.12), 4),
        contact_share=round(rng.uniform(0.15, 0.45), 4),
        assortment=_assortment(rng, rhythm, products),
    )


def _tier(spend):
    return next(
        code
        for code, _name, discount, minimum in reversed(catalogue.TIERS)
        if spend * (1 - discount / 100) >= minimum * TIER_HEADROOM
    )


def _team(rng, customer_type):
    if customer_type == "distributor":
        return "distributor"
    if customer_type in ("retailer", "horeca") and rng.random() < catalogue.ONLINE_SHARE:
        return "online"
    return "direct"


def _manager(rng, team, region):
    if rng.random() < 0.06:
        return None  # nobody manages it (yet)
    return next(m.key for m in catalogue.MANAGERS if m.team == team and region in m.regions)


def _usual_weekdays(rng, customer_type):
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
        self.school_holiday = [school_holiday(day) for day in self.days]
        self.utc_midnight = [_utc_midnight(day) for day in self.days]
        last = len(self.days)
        shares = OPEN_QUOTATION_SHARES
        self.open_share = [
            shares[last - 1 - offset] if last - 1 - offset < len(shares) else 0.0
            for offset in range(last)
        ]
        self.campaigns = catalogue.campaigns_by_day(self.days)

    def offset(self, day):
        return (day - self.start_date).days


def _daily_rates(plan, calendar, customer):
    """(day offset, expected number of orders) for the days the customer may order."""
    rhythm = RHYTHMS[customer.customer_type]
    per_weekday = [chance * customer.frequency * plan.scale for chance in customer.weekdays]
    first = max(0, calendar.offset(customer.start_date))
    last = len(calendar.days)
    if customer.churn_date:
        last = min(last, calendar.offset(customer.churn_date))
    for offset in range(first, last):
        rate = per_weekday[calendar.weekday[offset]]
        rate *= rhythm.festival_frequency[calendar.period[offset]]
        if customer.term_time and calendar.school_holiday[offset]:
            rate *= SCHOOL_HOLIDAY_FREQUENCY
        if not rate:
            continue
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
    # Campaigns draw from their own sequence: they do not move the orders.
    campaign_rng = random.Random(f"{plan.seed}/campaigns/{customer.key}")
    rhythm = RHYTHMS[customer.customer_type]
    yearly = math.log1p(max(customer.growth, -0.9)) / 365
    slots = _Slots(rhythm.slots)
    candidates = {}  # by (month, festival period)
    for offset, rate in _daily_rates(plan, calendar, customer):
        count = int(rate) + (rng.random() < rate - int(rate))
        if not count:
            continue
        month, period = calendar.month[offset], calendar.period[offset]
        if (month, period) not in candidates:
            chances = _line_chances(customer, products, month, period)
            candidates[month, period] = [
                (
                    key,
                    chance,
                    products[key].list_price,
                    seasonal_factor(products[key], month, period),
                )
                for (key, _regular), chance in zip(customer.assortment, chances, strict=True)
            ]
        value_scale = rhythm.line_value * customer.volume * math.exp(yearly * offset)
        promotion = period in (RAMADAN, FITR_RUSH)
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
                campaign=_campaign(campaign_rng, calendar.campaigns[offset], lines, products),
            )


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


_DHAKA = ZoneInfo(catalogue.TIMEZONE)
_UTC = ZoneInfo("UTC")


def _utc_midnight(day):
    """Local midnight starting ``day``, as naive UTC."""
    local = datetime.datetime.combine(day, datetime.time(), tzinfo=_DHAKA)
    return local.astimezone(_UTC).replace(tzinfo=None)


class _Slots:
    """A rhythm's delivery slots, drawn as time after local midnight."""

    def __init__(self, slots):
        self.slots = slots
        self.cumulative = list(itertools.accumulate(slot[0] for slot in slots))

    def draw(self, rng):
        index = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        _weight, start, end = self.slots[index]
        seconds = int(rng.uniform(start, end) * 3600) % 86400  # 24:xx is 00:xx of the same day
        return datetime.timedelta(seconds=seconds)


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
