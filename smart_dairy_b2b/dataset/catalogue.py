"""What a Bangladeshi dairy sells: its product families, packs, prices, VAT and seasonality.

Plain Python (no Odoo import). Prices are B2B list prices in BDT (taka), set from typical
2025-26 trade prices of Bangladeshi dairies (pasteurised milk about 90-100 BDT a litre,
ghee about 1,900 BDT a kilogram...); costs are what sale_margin reads as the product cost.
"""

import re
from dataclasses import dataclass

# VAT classes: fresh liquid milk is VAT exempt in Bangladesh, most processed dairy pays the
# standard 15% and a few basic items a reduced 5% (a demo classification, not tax advice).
VAT_EXEMPT = "exempt"
VAT_REDUCED = "reduced"
VAT_STANDARD = "standard"
VAT_RATES = {VAT_EXEMPT: 0.0, VAT_REDUCED: 5.0, VAT_STANDARD: 15.0}

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
    litres: float = 0.0  # a liquid pack's volume (ml, L): 1 L pouch 1.0
    kilograms: float = 0.0  # a solid pack's weight (g, kg): 500 g 0.5


# A pack labelled in millilitres or litres is a liquid ("12 x 1 L case"); else solid.
LIQUID = re.compile(r"\d\s*(ml|L)\b")


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
        litres=pack.size if LIQUID.search(pack.label) else 0.0,
        kilograms=0.0 if LIQUID.search(pack.label) else pack.size,
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
