"""Who buys from the dairy, through whom, when and at what rate: currencies, festivals,
tiers, sales teams, account managers, campaigns and the customers of the dataset plan.

Plain Python (no Odoo import), like ``catalogue.py`` (what the dairy sells).
"""

import datetime
from dataclasses import dataclass

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
    """The campaigns of a year: Ramadan and Eid promotions, the summer lassi push, the
    winter ghee push starting that year, and the Greek yogurt launch of 2026."""
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
    found.append(
        Campaign(
            f"Summer Lassi Push {year}", "SMS", "Van Sales",
            datetime.date(year, 4, 1), datetime.date(year, 6, 30), 0.4, "LAS",
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


# The campaign of a new shop's first order (any day): the field team's onboarding visit.
ONBOARDING = Campaign(
    "New-Shop Onboarding", "Field Visit", "Field Sales",
    datetime.date.min, datetime.date.max, 1.0,
)  # fmt: skip


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
