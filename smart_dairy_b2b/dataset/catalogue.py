"""What a Bangladeshi dairy sells, to whom, and when: the fixed facts the dataset plan uses.

Plain Python (no Odoo import). Prices are B2B list prices in BDT (taka), set from typical
2025-26 trade prices of Bangladeshi dairies (pasteurised milk about 90-100 BDT a litre,
ghee about 1,900 BDT a kilogram...); costs are what sale_margin reads as the product cost.
"""

import datetime
from dataclasses import dataclass

# VAT classes: fresh liquid milk is VAT exempt in Bangladesh, most processed dairy pays the
# standard 15% and a few basic items a reduced 5% (a demo classification, not tax advice).
VAT_EXEMPT = "exempt"
VAT_REDUCED = "reduced"
VAT_STANDARD = "standard"
VAT_RATES = {VAT_EXEMPT: 0.0, VAT_REDUCED: 5.0, VAT_STANDARD: 15.0}

CUSTOMER_TYPES = ("supermarket", "retailer", "horeca", "institution", "distributor")
REGIONS = (
    "dhaka",
    "chattogram",
    "khulna",
    "rajshahi",
    "barishal",
    "sylhet",
    "rangpur",
    "mymensingh",
)
TIMEZONE = "Asia/Dhaka"

# Demand multipliers by calendar month (January first).
MONTHLY_PROFILES = {
    "staple": (1.0, 1.0, 1.0, 1.0, 0.97, 0.95, 0.95, 0.97, 1.0, 1.0, 1.02, 1.03),
    # Lassi, yogurt, matha: the hot months, April to September.
    "summer": (0.7, 0.8, 1.0, 1.25, 1.4, 1.35, 1.25, 1.2, 1.1, 0.95, 0.8, 0.7),
    # Ice cream: summer, more sharply.
    "frozen": (0.45, 0.6, 0.95, 1.4, 1.7, 1.6, 1.45, 1.35, 1.15, 0.85, 0.6, 0.5),
    # Ghee, mishti doi, chhana, paneer: the winter wedding season, November to February.
    "winter_wedding": (1.45, 1.3, 1.05, 0.85, 0.75, 0.75, 0.75, 0.8, 0.9, 1.0, 1.25, 1.5),
}


@dataclass(frozen=True)
class Festivals:
    """Multipliers during Ramadan, the week before Eid al-Fitr and before Eid al-Adha."""

    ramadan: float = 1.0
    fitr: float = 1.0
    adha: float = 1.0


@dataclass(frozen=True)
class Pack:
    code: str
    label: str
    size: float  # in the family's base unit (litre or kilogram)
    catering: bool = False  # large packs for kitchens, canteens and wholesalers


@dataclass(frozen=True)
class Family:
    code: str
    name: str
    category: str
    vat: str
    season: str
    festivals: Festivals
    price_per_unit: float  # BDT per litre or kilogram of a 1-unit pack
    cost_ratio: float
    popularity: float
    packs: tuple  # the first one is the flagship product


@dataclass(frozen=True)
class Product:
    key: str  # also the internal reference (default_code)
    name: str
    family: str
    category: str
    vat: str
    season: str
    festivals: Festivals
    list_price: float
    cost: float
    popularity: float
    catering: bool


def _packs(*specs):
    return tuple(Pack(*spec) for spec in specs)


# fmt: off
FAMILIES = (
    Family(
        "FM", "Pasteurised Full Cream Milk", "Fresh Milk", VAT_EXEMPT, "staple",
        Festivals(ramadan=1.15, fitr=1.5, adha=1.1), 92, 0.80, 10,
        _packs(
            ("1L", "1 L pouch", 1), ("500", "500 ml pouch", 0.5), ("250", "250 ml pouch", 0.25),
            ("2L", "2 L jar", 2), ("5L", "5 L can", 5, True), ("20L", "20 L can", 20, True),
            ("40L", "40 L bulk can", 40, True),
        ),
    ),
    Family(
        "LFM", "Pasteurised Low Fat Milk", "Fresh Milk", VAT_EXEMPT, "staple",
        Festivals(ramadan=1.1, fitr=1.2), 98, 0.80, 3,
        _packs(
            ("1L", "1 L pouch", 1), ("500", "500 ml pouch", 0.5), ("2L", "2 L jar", 2),
            ("5L", "5 L can", 5, True),
        ),
    ),
    Family(
        "UHT", "UHT Milk", "UHT Milk", VAT_REDUCED, "staple",
        Festivals(ramadan=1.2, fitr=1.4, adha=1.1), 118, 0.78, 6,
        _packs(
            ("1L", "1 L carton", 1), ("500", "500 ml carton", 0.5), ("250", "250 ml carton", 0.25),
            ("200", "200 ml carton", 0.2), ("180", "180 ml tetra pack", 0.18),
            ("12X1L", "12 x 1 L case", 12, True), ("27X200", "27 x 200 ml case", 5.4, True),
        ),
    ),
    Family(
        "CHM", "Chocolate Milk", "Flavoured Milk", VAT_STANDARD, "summer",
        Festivals(ramadan=0.9, fitr=1.3), 150, 0.65, 4,
        _packs(
            ("200", "200 ml", 0.2), ("250", "250 ml", 0.25), ("500", "500 ml", 0.5),
            ("1L", "1 L", 1), ("180", "180 ml tetra pack", 0.18),
            ("12X200", "12 x 200 ml case", 2.4, True),
        ),
    ),
    Family(
        "FLM", "Flavoured Milk", "Flavoured Milk", VAT_STANDARD, "summer",
        Festivals(ramadan=0.9, fitr=1.3), 150, 0.65, 3,
        _packs(
            ("MNG200", "Mango 200 ml", 0.2), ("STR200", "Strawberry 200 ml", 0.2),
            ("BAN200", "Banana 200 ml", 0.2), ("MNG1L", "Mango 1 L", 1),
            ("STR1L", "Strawberry 1 L", 1), ("BAN1L", "Banana 1 L", 1),
            ("COF200", "Coffee 200 ml", 0.2), ("COF250", "Coffee 250 ml", 0.25),
            ("STR250", "Strawberry 250 ml", 0.25), ("MNG250", "Mango 250 ml", 0.25),
        ),
    ),
    Family(
        "TDOI", "Tok Doi (Sour Yogurt)", "Yogurt", VAT_REDUCED, "summer",
        Festivals(ramadan=1.3, fitr=1.2, adha=1.4), 210, 0.70, 5,
        _packs(
            ("500", "500 g", 0.5), ("250", "250 g", 0.25), ("1K", "1 kg", 1), ("2K", "2 kg", 2),
            ("5K", "5 kg catering tub", 5, True), ("LF500", "Low Fat 500 g", 0.5),
        ),
    ),
    Family(
        "MDOI", "Mishti Doi (Sweet Yogurt)", "Yogurt", VAT_REDUCED, "winter_wedding",
        Festivals(fitr=1.6, adha=1.4), 260, 0.68, 6,
        _packs(
            ("500", "500 g clay pot", 0.5), ("1K", "1 kg clay pot", 1), ("250", "250 g cup", 0.25),
            ("100", "100 g cup", 0.1), ("2K", "2 kg", 2), ("5K", "5 kg catering pot", 5, True),
            ("BOG1K", "Bogura Special 1 kg clay pot", 1), ("SF500", "Sugar Free 500 g", 0.5),
        ),
    ),
    Family(
        "FYOG", "Fruit Yogurt", "Yogurt", VAT_REDUCED, "summer",
        Festivals(ramadan=0.9, fitr=1.2), 330, 0.62, 3,
        _packs(
            ("STR100", "Strawberry 100 g", 0.1), ("MNG100", "Mango 100 g", 0.1),
            ("BLU100", "Blueberry 100 g", 0.1), ("STR500", "Strawberry 500 g", 0.5),
            ("MNG500", "Mango 500 g", 0.5), ("BLU500", "Blueberry 500 g", 0.5),
            ("LIT100", "Litchi 100 g", 0.1), ("PIN100", "Pineapple 100 g", 0.1),
            ("MIX100", "Mixed Fruit 100 g", 0.1),
        ),
    ),
    Family(
        "GYOG", "Greek Yogurt", "Yogurt", VAT_REDUCED, "summer",
        Festivals(), 600, 0.60, 1,
        _packs(("100", "100 g", 0.1), ("400", "400 g", 0.4), ("1K", "1 kg", 1, True)),
    ),
    Family(
        "LAS", "Sweet Lassi", "Dairy Drinks", VAT_REDUCED, "summer",
        Festivals(ramadan=1.5, fitr=1.2, adha=1.2), 140, 0.62, 4,
        _packs(
            ("250", "250 ml", 0.25), ("200", "200 ml", 0.2), ("500", "500 ml", 0.5),
            ("1L", "1 L", 1), ("MNG250", "Mango 250 ml", 0.25), ("5L", "5 L catering", 5, True),
            ("MNG500", "Mango 500 ml", 0.5), ("STR250", "Strawberry 250 ml", 0.25),
            ("SLT250", "Salted 250 ml", 0.25),
        ),
    ),
    Family(
        "MATH", "Matha (Buttermilk)", "Dairy Drinks", VAT_REDUCED, "summer",
        Festivals(ramadan=1.6, fitr=1.1, adha=1.2), 85, 0.60, 2,
        _packs(
            ("250", "250 ml", 0.25), ("500", "500 ml", 0.5), ("1L", "1 L", 1),
            ("5L", "5 L catering", 5, True), ("SPC250", "Spiced 250 ml", 0.25),
        ),
    ),
    Family(
        "BORH", "Borhani", "Dairy Drinks", VAT_REDUCED, "winter_wedding",
        Festivals(ramadan=1.2, fitr=1.5, adha=2.0), 120, 0.60, 2,
        _packs(
            ("250", "250 ml", 0.25), ("500", "500 ml", 0.5), ("1L", "1 L", 1),
            ("5L", "5 L catering", 5, True), ("20L", "20 L wedding can", 20, True),
            ("200", "200 ml", 0.2),
        ),
    ),
    Family(
        "CHED", "Cheddar Cheese", "Cheese", VAT_STANDARD, "staple",
        Festivals(ramadan=0.9), 1950, 0.74, 2,
        _packs(
            ("200", "200 g", 0.2), ("100SL", "100 g slices", 0.1), ("500", "500 g", 0.5),
            ("1K", "1 kg", 1), ("2500", "2.5 kg block", 2.5, True), ("200SL", "200 g slices", 0.2),
            ("200GR", "200 g grated", 0.2),
        ),
    ),
    Family(
        "MOZZ", "Mozzarella", "Cheese", VAT_STANDARD, "staple",
        Festivals(ramadan=0.9, fitr=1.2), 1150, 0.75, 1.5,
        _packs(
            ("500", "500 g", 0.5), ("200", "200 g", 0.2), ("1K", "1 kg", 1),
            ("2K", "2 kg", 2, True), ("5K", "5 kg", 5, True),
        ),
    ),
    Family(
        "CRCH", "Cream Cheese", "Cheese", VAT_STANDARD, "staple",
        Festivals(), 1900, 0.72, 1,
        _packs(("150", "150 g", 0.15), ("250", "250 g", 0.25), ("1K", "1 kg", 1, True)),
    ),
    Family(
        "PANR", "Paneer", "Cheese", VAT_REDUCED, "winter_wedding",
        Festivals(fitr=1.3, adha=1.2), 880, 0.72, 2,
        _packs(
            ("200", "200 g", 0.2), ("500", "500 g", 0.5), ("1K", "1 kg", 1),
            ("2K", "2 kg", 2, True), ("5K", "5 kg", 5, True), ("MAL200", "Malai 200 g", 0.2),
        ),
    ),
    Family(
        "BUTR", "Butter", "Butter & Ghee", VAT_STANDARD, "staple",
        Festivals(fitr=1.3), 1450, 0.78, 3,
        _packs(
            ("200", "200 g", 0.2), ("100", "100 g", 0.1), ("500", "500 g", 0.5),
            ("1K", "1 kg", 1, True), ("10K", "10 kg block", 10, True),
            ("UNS200", "Unsalted 200 g", 0.2), ("UNS500", "Unsalted 500 g", 0.5),
            ("GRL100", "Garlic 100 g", 0.1),
        ),
    ),
    Family(
        "GHEE", "Ghee", "Butter & Ghee", VAT_STANDARD, "winter_wedding",
        Festivals(ramadan=1.1, fitr=1.6, adha=1.8), 1900, 0.77, 4,
        _packs(
            ("400", "400 g jar", 0.4), ("200", "200 g jar", 0.2), ("900", "900 g jar", 0.9),
            ("2K", "2 kg jar", 2), ("5K", "5 kg tin", 5, True), ("15K", "15 kg tin", 15, True),
            ("PRM400", "Premium Cow Ghee 400 g", 0.4), ("100", "100 g jar", 0.1),
        ),
    ),
    Family(
        "CRM", "Fresh Cream", "Cream", VAT_STANDARD, "staple",
        Festivals(ramadan=1.2, fitr=1.8, adha=1.3), 600, 0.70, 2,
        _packs(
            ("250", "250 ml", 0.25), ("200", "200 ml", 0.2), ("500", "500 ml", 0.5),
            ("1L", "1 L", 1, True), ("CK1L", "Cooking Cream 1 L tetra", 1, True),
        ),
    ),
    Family(
        "WHIP", "Whipping Cream", "Cream", VAT_STANDARD, "winter_wedding",
        Festivals(fitr=1.4), 750, 0.72, 1,
        _packs(("1L", "1 L", 1), ("500", "500 ml", 0.5), ("5L", "5 L", 5, True)),
    ),
    Family(
        "FCMP", "Full Cream Milk Powder", "Milk Powder", VAT_REDUCED, "staple",
        Festivals(ramadan=1.3, fitr=1.5, adha=1.1), 870, 0.82, 3,
        _packs(
            ("500", "500 g pouch", 0.5), ("400", "400 g tin", 0.4), ("1K", "1 kg pouch", 1),
            ("2500", "2.5 kg tin", 2.5), ("25K", "25 kg bag", 25, True),
        ),
    ),
    Family(
        "SMP", "Skimmed Milk Powder", "Milk Powder", VAT_REDUCED, "staple",
        Festivals(ramadan=1.1, fitr=1.2), 780, 0.84, 1,
        _packs(
            ("500", "500 g pouch", 0.5), ("1K", "1 kg pouch", 1), ("25K", "25 kg bag", 25, True),
        ),
    ),
    Family(
        "ICET", "Ice Cream Tub", "Ice Cream", VAT_STANDARD, "frozen",
        Festivals(ramadan=0.7, fitr=1.4, adha=1.2), 320, 0.60, 2,
        _packs(
            ("VAN1L", "Vanilla 1 L", 1), ("CHO1L", "Chocolate 1 L", 1), ("MNG1L", "Mango 1 L", 1),
            ("STR1L", "Strawberry 1 L", 1), ("VAN2L", "Vanilla 2 L", 2),
            ("PIS1L", "Pistachio 1 L", 1), ("VAN5L", "Vanilla 5 L", 5, True),
            ("CHO2L", "Chocolate 2 L", 2), ("MNG2L", "Mango 2 L", 2),
            ("KSR1L", "Kesar Pista 1 L", 1),
        ),
    ),
    Family(
        "ICEC", "Ice Cream", "Ice Cream", VAT_STANDARD, "frozen",
        Festivals(ramadan=0.6, fitr=1.3, adha=1.2), 330, 0.55, 3,
        _packs(
            ("CHO80", "Chocolate Cup 80 ml", 0.08), ("VAN80", "Vanilla Cup 80 ml", 0.08),
            ("MNG60", "Mango Stick 60 ml", 0.06), ("KUL60", "Kulfi Stick 60 ml", 0.06),
            ("CON110", "Chocolate Cone 110 ml", 0.11), ("STR80", "Strawberry Cup 80 ml", 0.08),
            ("ORG60", "Orange Bar 60 ml", 0.06), ("VCN110", "Vanilla Cone 110 ml", 0.11),
            ("CHB70", "Chocolate Bar 70 ml", 0.07), ("MNG80", "Mango Cup 80 ml", 0.08),
        ),
    ),
    Family(
        "CHHA", "Chhana (Fresh Cottage Cheese)", "Cheese", VAT_REDUCED, "winter_wedding",
        Festivals(fitr=1.3, adha=1.2), 520, 0.75, 2,
        _packs(
            ("1K", "1 kg", 1), ("500", "500 g", 0.5), ("5K", "5 kg", 5, True),
            ("10K", "10 kg", 10, True),
        ),
    ),
    Family(
        "COND", "Sweetened Condensed Milk", "Milk Powder", VAT_STANDARD, "staple",
        Festivals(ramadan=1.3, fitr=1.4), 360, 0.78, 3,
        _packs(
            ("397", "397 g can", 0.397), ("1K", "1 kg pouch", 1), ("5K", "5 kg tin", 5, True),
            ("FIL397", "Filled Milk 397 g can", 0.397), ("200", "200 g tube", 0.2),
        ),
    ),
)


# fmt: on


def _size_premium(size):
    """Small packs cost more per litre or kilogram, bulk packs less."""
    for limit, premium in ((0.1, 1.35), (0.25, 1.15), (0.5, 1.05), (1, 1.0), (2, 0.97), (5, 0.93)):
        if size <= limit:
            return premium
    return 0.88


def _round_price(price):
    step = 1 if price < 100 else 5 if price < 1000 else 10
    return round(price / step) * step


def _product(family, pack, rank):
    price = _round_price(family.price_per_unit * pack.size * _size_premium(pack.size))
    return Product(
        key=f"{family.code}-{pack.code}",
        name=f"{family.name} {pack.label}",
        family=family.code,
        category=family.category,
        vat=family.vat,
        season=family.season,
        festivals=family.festivals,
        list_price=float(price),
        cost=round(price * family.cost_ratio, 2),
        popularity=round(family.popularity * 0.7**rank, 4),
        catering=pack.catering,
    )


def products(count=None):
    """The first ``count`` products: every family's flagship first, then the other packs
    family by family in turn. ``None`` gives the flagships only."""
    count = len(FAMILIES) if count is None else count
    if not 0 < count <= MAX_PRODUCTS:
        raise ValueError(f"the catalogue has between 1 and {MAX_PRODUCTS} products, not {count}")
    ordered = []
    for rank in range(max(len(f.packs) for f in FAMILIES)):
        ordered += [_product(f, f.packs[rank], rank) for f in FAMILIES if rank < len(f.packs)]
    return tuple(ordered[:count])


MAX_PRODUCTS = sum(len(f.packs) for f in FAMILIES)

# The trading company (Odoo's main company, in USD) prices the same goods at this reference
# rate, in BDT per USD.
TRADING_BDT_PER_USD = 120.0

# Interbank BDT per USD (Bangladesh Bank's reference averages, rounded): the taka slid from
# about 85 in 2020 to 107 in early 2023, 117 when the crawling peg started (May 2024) and
# about 122 since 2025. Dates are the first of the month the rate applies from.
# fmt: off
BDT_PER_USD = (
    ("2020-01", 84.9), ("2022-01", 86.2), ("2022-06", 93.5), ("2022-10", 104.0),
    ("2023-01", 103.5), ("2023-04", 106.5), ("2023-07", 108.8), ("2023-10", 110.5),
    ("2024-01", 110.0), ("2024-05", 117.0), ("2024-09", 119.5), ("2025-01", 121.8),
    ("2025-05", 122.3), ("2025-09", 121.9), ("2026-01", 122.2), ("2026-05", 122.6),
    ("2026-09", 122.9),
)

# fmt: on

# Islamic festivals as observed in Bangladesh, which follows its own National Moon Sighting
# Committee and usually celebrates one day after Saudi Arabia: (first day of Ramadan fasting,
# Eid al-Fitr, Eid al-Adha). 2023-2026 are the dates the committee announced (reported by
# Prothom Alo, bdnews24 and BSS); 2027-2028 are the expected dates, subject to moon sighting.
FESTIVALS = {
    2023: (datetime.date(2023, 3, 24), datetime.date(2023, 4, 22), datetime.date(2023, 6, 29)),
    2024: (datetime.date(2024, 3, 12), datetime.date(2024, 4, 11), datetime.date(2024, 6, 17)),
    2025: (datetime.date(2025, 3, 2), datetime.date(2025, 3, 31), datetime.date(2025, 6, 7)),
    2026: (datetime.date(2026, 2, 19), datetime.date(2026, 3, 21), datetime.date(2026, 5, 28)),
    2027: (datetime.date(2027, 2, 9), datetime.date(2027, 3, 10), datetime.date(2027, 5, 17)),
    2028: (datetime.date(2028, 1, 29), datetime.date(2028, 2, 27), datetime.date(2028, 5, 5)),
}


# Customer tiers of Smart Dairy: (code, name, discount %, minimum annual spend in BDT).
TIERS = (
    ("BRONZE", "Bronze", 0.0, 0),
    ("SILVER", "Silver", 3.0, 1_000_000),
    ("GOLD", "Gold", 5.0, 5_000_000),
    ("PLATINUM", "Platinum", 8.0, 20_000_000),
)


# Sales teams: (key, name, leader's manager key).
TEAMS = (
    ("direct", "Direct Sales", "rahim"),
    ("distributor", "Distributor Channel", "shafiq"),
    ("online", "Online / Portal", "sadia"),
)
ONLINE_SHARE = 0.2  # shops and HoReCa ordering on the portal, served by the online team


@dataclass(frozen=True)
class Manager:
    key: str
    name: str
    login: str
    regions: tuple
    team: str = "direct"


# fmt: off
MANAGERS = (
    Manager("rahim", "Rahim Uddin", "rahim.uddin@smartdairy.example", ("dhaka", "mymensingh")),
    Manager("nusrat", "Nusrat Jahan", "nusrat.jahan@smartdairy.example", ("chattogram", "sylhet")),
    Manager("tanvir", "Tanvir Hasan", "tanvir.hasan@smartdairy.example", ("khulna", "barishal")),
    Manager("farhana", "Farhana Akter", "farhana.akter@smartdairy.example",
            ("rajshahi", "rangpur")),
    Manager("shafiq", "Shafiqul Islam", "shafiqul.islam@smartdairy.example",
            ("dhaka", "chattogram", "sylhet", "mymensingh"), "distributor"),
    Manager("moushumi", "Moushumi Das", "moushumi.das@smartdairy.example",
            ("khulna", "rajshahi", "barishal", "rangpur"), "distributor"),
    Manager("sadia", "Sadia Rahman", "sadia.rahman@smartdairy.example", REGIONS, "online"),
)
# fmt: on


@dataclass(frozen=True)
class Campaign:
    name: str
    medium: str
    source: str
    start: datetime.date
    end: datetime.date  # last day
    share: float  # share of the orders in its window that answer it
    family: str | None = None  # only orders with a product of this family


def campaigns(year):
    """The campaigns of a year: Ramadan and Eid promotions, the winter ghee push starting
    that year, and the Greek yogurt launch of 2026."""
    found = []
    dates = FESTIVALS.get(year)
    if dates:
        ramadan, fitr, adha = dates
        found += [
            Campaign(
                f"Ramadan & Eid-ul-Fitr {year}", "SMS", "Field Sales",
                ramadan - datetime.timedelta(days=7), fitr, 0.3,
            ),
            Campaign(
                f"Eid-ul-Adha {year}", "Facebook", "Facebook",
                adha - datetime.timedelta(days=14), adha, 0.25,
            ),
        ]  # fmt: skip
    found.append(
        Campaign(
            f"Winter Ghee Push {year}", "Field Visit", "Field Sales",
            datetime.date(year, 11, 15), datetime.date(year + 1, 1, 31), 0.5, "GHEE",
        )
    )  # fmt: skip
    if year == 2026:
        found.append(
            Campaign(
                "Greek Yogurt Launch", "Portal Banner", "Customer Portal",
                datetime.date(2026, 4, 15), datetime.date(2026, 7, 15), 0.6, "GYOG",
            )
        )  # fmt: skip
    return found


def campaigns_by_day(days):
    """The campaigns running on each of ``days``."""
    running = (
        [
            campaign
            for year in range(days[0].year - 1, days[-1].year + 1)
            for campaign in campaigns(year)
        ]
        if days
        else []
    )
    return [tuple(c for c in running if c.start <= day <= c.end) for day in days]


# fmt: off

# Smart Dairy's customers (fictitious names): (name, type, region, city).
CUSTOMERS = (
    ("Padma Super Shop", "supermarket", "dhaka", "Dhanmondi"),
    ("Rahman General Store", "retailer", "dhaka", "Mirpur"),
    ("Shahi Biryani House", "horeca", "dhaka", "Old Dhaka"),
    ("Bogura Dairy Distribution", "distributor", "rajshahi", "Bogura"),
    ("Dhaka Central Hospital Canteen", "institution", "dhaka", "Shahbagh"),
    ("Karnaphuli Daily Mart", "supermarket", "chattogram", "Agrabad"),
    ("Bismillah Dairy Corner", "retailer", "chattogram", "Halishahar"),
    ("Mezban Bari Restaurant", "horeca", "chattogram", "GEC Circle"),
    ("Chattogram Cold Chain Ltd.", "distributor", "chattogram", "Patenga"),
    ("Rupsha Family Mart", "supermarket", "khulna", "Khulna"),
    ("Haque Store", "retailer", "khulna", "Jessore"),
    ("Sundarban Hotel & Resort", "horeca", "khulna", "Mongla"),
    ("Jessore Milk Distributors", "distributor", "khulna", "Jessore"),
    ("Rajshahi Cadet School Mess", "institution", "rajshahi", "Rajshahi"),
    ("Varendra Superstore", "supermarket", "rajshahi", "Rajshahi"),
    ("Maa Enterprise", "retailer", "rajshahi", "Natore"),
    ("Kirtankhola Super Bazar", "supermarket", "barishal", "Barishal"),
    ("Bhai Bhai Store", "retailer", "barishal", "Patuakhali"),
    ("Barishal River Traders", "distributor", "barishal", "Barishal"),
    ("Surma Fresh Bazar", "supermarket", "sylhet", "Zindabazar"),
    ("Tea Garden Resort Srimangal", "horeca", "sylhet", "Srimangal"),
    ("Sylhet Medical College Hostel", "institution", "sylhet", "Sylhet"),
    ("Sylhet Hill Distribution", "distributor", "sylhet", "Moulvibazar"),
    ("Teesta Superstore", "supermarket", "rangpur", "Rangpur"),
    ("Amin Mudi Dokan", "retailer", "rangpur", "Dinajpur"),
    ("Rangpur Regional Distribution", "distributor", "rangpur", "Saidpur"),
    ("Brahmaputra Super Bazar", "supermarket", "mymensingh", "Mymensingh"),
    ("Shapla Departmental Store", "retailer", "mymensingh", "Jamalpur"),
    ("Mymensingh Agricultural Hostel", "institution", "mymensingh", "Mymensingh"),
    ("Mymensingh Agro Distribution", "distributor", "mymensingh", "Netrokona"),
    ("Meghna Hypermart", "supermarket", "dhaka", "Uttara"),
    ("Jamuna Store", "retailer", "dhaka", "Mohammadpur"),
    ("Nawabi Kitchen", "horeca", "dhaka", "Gulshan"),
    ("Gazipur Garments Workers Canteen", "institution", "dhaka", "Gazipur"),
    ("Narayanganj Food Distribution", "distributor", "dhaka", "Narayanganj"),
    ("Sheikh Traders", "retailer", "dhaka", "Savar"),
    ("Kamal Dairy Point", "retailer", "dhaka", "Tangail"),
    ("Jhaal Muri Cafe", "horeca", "dhaka", "Banani"),
    ("Hotel Coxview Bay", "horeca", "chattogram", "Cox's Bazar"),
    ("Comilla Wholesale Dairy", "distributor", "chattogram", "Comilla"),
    ("Nur Store", "retailer", "chattogram", "Feni"),
    ("Hossain Confectionery", "retailer", "chattogram", "Noakhali"),
    ("Kushtia Sweets & Dairy", "horeca", "khulna", "Kushtia"),
    ("Satkhira Shishu Hospital Canteen", "institution", "khulna", "Satkhira"),
    ("Pabna Mudi Ghor", "retailer", "rajshahi", "Pabna"),
    ("Naogaon Rice Mill Canteen", "institution", "rajshahi", "Naogaon"),
    ("Barishal Milk Corner", "retailer", "barishal", "Barishal"),
    ("Kuakata Beach Hotel", "horeca", "barishal", "Kuakata"),
    ("Habiganj Tea Stall Supply", "retailer", "sylhet", "Habiganj"),
    ("Panch Bhai Restaurant", "horeca", "sylhet", "Sylhet"),
    ("Thakurgaon Fresh Shop", "retailer", "rangpur", "Thakurgaon"),
    ("Rangpur Cantonment Canteen", "institution", "rangpur", "Rangpur"),
    ("Sherpur Dairy Store", "retailer", "mymensingh", "Sherpur"),
    ("Netrokona Mishti Ghor", "horeca", "mymensingh", "Netrokona"),
    ("Sonar Bangla Superstore", "supermarket", "dhaka", "Motijheel"),
    ("Nobanno Fresh Mart", "supermarket", "dhaka", "Bashundhara"),
    ("Dhanmondi Bakers", "horeca", "dhaka", "Dhanmondi"),
    ("Keraniganj Wholesale", "distributor", "dhaka", "Keraniganj"),
    ("Chattogram Port Export Traders", "distributor", "chattogram", "Chattogram Port"),
    ("Uttara Model School Canteen", "institution", "dhaka", "Uttara"),
)

# Customers billed by Smart Dairy in US dollars (an export trader with a USD price list).
USD_CUSTOMERS = ("Chattogram Port Export Traders",)

# Customers of the trading company (Odoo's main company, in USD): (name, type, region, city).
TRADING_CUSTOMERS = (
    ("Bengal Export House", "distributor", "chattogram", "Chattogram"),
    ("Diplomatic Commissary Dhaka", "supermarket", "dhaka", "Baridhara"),
    ("Gulf Line Catering", "horeca", "dhaka", "Hazrat Shahjalal Airport"),
)

# Where generated customers (beyond the named ones) are: towns or areas by division, and
# how the customers spread over the divisions.
LOCALITIES = {
    "dhaka": ("Mirpur", "Dhanmondi", "Uttara", "Gulshan", "Mohammadpur", "Narayanganj",
              "Gazipur", "Savar", "Tangail", "Faridpur", "Badda", "Jatrabari", "Tejgaon"),
    "chattogram": ("Agrabad", "Halishahar", "Cox's Bazar", "Comilla", "Feni", "Noakhali",
                   "Rangamati", "Chandpur", "Pahartali"),
    "khulna": ("Khulna", "Jessore", "Kushtia", "Satkhira", "Bagerhat", "Jhenaidah"),
    "rajshahi": ("Rajshahi", "Bogura", "Pabna", "Natore", "Naogaon", "Sirajganj"),
    "barishal": ("Barishal", "Patuakhali", "Bhola", "Pirojpur", "Jhalokati"),
    "sylhet": ("Sylhet", "Srimangal", "Moulvibazar", "Habiganj", "Sunamganj"),
    "rangpur": ("Rangpur", "Dinajpur", "Saidpur", "Kurigram", "Thakurgaon", "Gaibandha"),
    "mymensingh": ("Mymensingh", "Jamalpur", "Netrokona", "Sherpur", "Trishal"),
}
REGION_WEIGHTS = {
    "dhaka": 36, "chattogram": 20, "khulna": 9, "rajshahi": 9, "barishal": 5, "sylhet": 7,
    "rangpur": 7, "mymensingh": 7,
}
NAME_SUFFIXES = {
    "supermarket": ("Super Shop", "Fresh Mart", "Superstore", "Hypermart", "Family Mart"),
    "retailer": ("General Store", "Dairy Corner", "Mudi Dokan", "Traders", "Store",
                 "Departmental Store", "Tea Stall Supply"),
    "horeca": ("Restaurant", "Hotel", "Cafe", "Sweets", "Biryani House", "Bakers", "Kitchen"),
    "institution": ("Hospital Canteen", "School Canteen", "Factory Canteen", "Hostel Mess",
                    "College Canteen"),
    "distributor": ("Distribution", "Wholesale", "Dairy Distributors", "Cold Chain"),
}
TYPE_WEIGHTS = {"retailer": 45, "supermarket": 12, "horeca": 20, "institution": 10,
                "distributor": 13}

# People at customers (child contacts of the customer's company).
FIRST_NAMES = ("Abdul", "Ayesha", "Mizanur", "Sharmin", "Kamrul", "Tahmina", "Shafiqul",
               "Rokeya", "Jahid", "Nasrin", "Imran", "Sadia", "Arif", "Moushumi", "Habib",
               "Taslima", "Rafiq", "Shirin", "Sohel", "Laila")
LAST_NAMES = ("Hossain", "Rahman", "Islam", "Ahmed", "Chowdhury", "Khan", "Sarker", "Akter",
              "Mia", "Begum", "Talukder", "Bhuiyan", "Sikder", "Das", "Roy")
# Words in the names of canteens that close in the school holidays.
TERM_TIME_WORDS = ("School", "College", "Cadet", "Hostel")
CONTACT_ROLES = ("Purchase Manager", "Store Manager", "Accounts Officer", "Owner",
                 "Head Chef", "Procurement Officer")
# fmt: on
