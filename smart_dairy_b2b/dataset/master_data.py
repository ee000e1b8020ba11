"""The records a dataset plan stands for: companies, taxes, products, people, customers.

Created through the ORM and found again on the next run (by name, internal reference, login
or customer reference), so the demo and the large generator share them. ``MasterData``
turns planned orders into ``OrderSpec`` records that both order writers take: the ORM one
(``orm_loader``) and the bulk one (``bulk_writer``).
"""

import base64
import datetime
import logging
import time
from dataclasses import dataclass

from odoo import Command
from odoo.tools import file_open

from . import catalogue, customers, market
from .plan import SMART_DAIRY, TRADING

COMPANY_NAME = "Smart Dairy Ltd."
TRADING_NAME = "Smart Dairy Trading Ltd."  # Odoo's main company, when the demo names it
LOGO = "smart_dairy_b2b/static/description/logo.png"
ADDRESS = {
    "street": "Plot 28, Tejgaon Industrial Area",
    "city": "Dhaka",
    "zip": "1208",
    "phone": "+880 2 8870 1234",
    "email": "info@smartdairy.example",
}
CHART_TEMPLATE = "generic_coa"
# The demo's portal buyer: a person at the first customer, with a known password.
PORTAL_LOGIN = "buyer@padmasupershop.example"
PORTAL_PASSWORD = "buyer"
# The demo's account managers (salespeople seeing their own customers) log in with this
# password; the head of sales manages the B2B analytics without administering Odoo.
SALESPERSON_PASSWORD = "sales"
HEAD_OF_SALES = ("Mahmudul Karim", "head.of.sales@smartdairy.example", "manager")

_logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrderSpec:
    """An order to write, in database ids: what both order writers take."""

    company_id: int
    partner_id: int
    pricelist_id: int
    user_id: int | bool
    date_order: datetime.datetime
    state: str
    lines: tuple  # (product id, quantity, discount %)
    team_id: int | bool = False  # False: the ORM's default team
    campaign_id: int | bool = False  # with the campaign's medium and source
    medium_id: int | bool = False
    source_id: int | bool = False

    def values(self):
        """The order fields both writers give ``sale.order`` (lines apart)."""
        values = {
            "company_id": self.company_id,
            "partner_id": self.partner_id,
            "pricelist_id": self.pricelist_id,
            "user_id": self.user_id,
            "date_order": self.date_order,
        }
        for name in ("team_id", "campaign_id", "medium_id", "source_id"):
            if getattr(self, name):
                values[name] = getattr(self, name)
        return values


class MasterData:
    def __init__(self, env, plan):
        self.env = env
        self.plan = plan
        self.companies = {SMART_DAIRY: _smart_dairy(env), TRADING: env.ref("base.main_company")}
        company = self.companies[SMART_DAIRY]
        self.taxes = _taxes(env, company)
        _currency_rates(env, company, self.companies[TRADING])
        self.tiers = _tiers(env, company)
        self.pricelists = _pricelists(env, self.companies, self.tiers)
        self.pricelist_discounts = {
            self.pricelists[code].id: tier.discount_percent for code, tier in self.tiers.items()
        }
        self.users = _managers(env, company, plan.managers)
        self.teams = _teams(env, company, self.users)
        self.campaigns = _campaigns(env, plan)
        self.products = _products(env, self.companies, self.taxes, plan.products)
        started = time.monotonic(), time.process_time()
        self.partners = customers.partners(env, self.companies, self.users, plan.customers)
        _logger.info("%d partners in %.1f s (%.1f s CPU)", len(self.partners), *_since(started))
        started = time.monotonic(), time.process_time()
        self.customers = customers.b2b_customers(env, self, plan.customers)
        _logger.info(
            "%d B2B customers in %.1f s (%.1f s CPU)", len(self.customers), *_since(started)
        )
        self._by_key = {customer.key: customer for customer in plan.customers}

    def pricelist(self, customer, tier=None):
        """The customer's pricelist: its tier's (by default the tier it has in the
        database, which a customer found again keeps), or the one of its currency."""
        if customer.company == TRADING:
            return self.pricelists["trading"]
        if customer.currency != self.companies[SMART_DAIRY].currency_id.name:
            return self.pricelists["export"]
        tier = tier or self.customers[customer.key].tier_id.code
        return self.pricelists.get(tier, self.pricelists[market.TIERS[0][0]])

    def order_spec(self, order):
        customer = self._by_key[order.customer]
        manager = self.users.get(customer.manager)
        pricelist = self.pricelist(customer)
        team = self.teams.get(customer.team)
        campaign, medium, source = self.campaigns.get(order.campaign, (False, False, False))
        # A tier pricelist shows its discount on the lines: a line's own (promotion)
        # discount comes on top of it.
        tier_discount = self.pricelist_discounts.get(pricelist.id, 0.0)
        return OrderSpec(
            company_id=self.companies[customer.company].id,
            partner_id=self.partners[customer.key, order.contact].id,
            pricelist_id=pricelist.id,
            user_id=manager.id if manager else False,
            date_order=order.date_order,
            state=order.state,
            lines=tuple(
                (
                    self.products[customer.company, line.product].id,
                    line.qty,
                    _combined_discount(tier_discount, line.discount),
                )
                for line in order.lines
            ),
            team_id=team.id if team else False,
            campaign_id=campaign and campaign.id,
            medium_id=medium and medium.id,
            source_id=source and source.id,
        )


def _since(started):
    """(wall, CPU) seconds since ``started``: (time.monotonic(), time.process_time())."""
    return time.monotonic() - started[0], time.process_time() - started[1]


def _combined_discount(first, second):
    """One discount % for two applied one after the other."""
    return round(100 - (100 - first) * (100 - second) / 100, 2)


def ensure_master_data(env, plan):
    """Create what is missing for the plan and return the ``MasterData``."""
    # No chatter for thousands of generated records (creation messages, followers,
    # assignment notifications).
    env = env(context=dict(env.context, tracking_disable=True))
    _unit_precisions(env)
    data = MasterData(env, plan)
    _make_company_visible(env, data.companies[SMART_DAIRY])
    return data


def _unit_precisions(env):
    """Digits enough for a 60 ml ice cream stick in cubic metres (0.00006) and a 397 g
    can in kilograms: Odoo rounds the products' volume and weight to these."""
    env.ref("product.decimal_volume").digits = max(env.ref("product.decimal_volume").digits, 5)
    weight = env.ref("product.decimal_stock_weight")
    weight.digits = max(weight.digits, 3)


def _smart_dairy(env):
    company = env["res.company"].search([("name", "=", COMPANY_NAME)], limit=1)
    if not company:
        bdt = env.ref("base.BDT")
        bdt.active = True
        company = env["res.company"].create(
            {
                "name": COMPANY_NAME,
                "currency_id": bdt.id,
                "country_id": env.ref("base.bd").id,
                # (a new company gets Odoo's "Your logo" picture otherwise)
                "logo": company_logo(),
                **ADDRESS,
            }
        )
    if not company.chart_template:
        env["account.chart.template"].try_loading(CHART_TEMPLATE, company, install_demo=False)
        # The generic chart is a USD one: back to taka, before any entry exists.
        company.currency_id = env.ref("base.BDT")
    return company


def company_logo():
    with file_open(LOGO, "rb") as logo:
        return base64.b64encode(logo.read())


def _taxes(env, company):
    """Sale taxes by VAT class: the chart's 15% renamed, a 5% one added, none when exempt."""
    Tax = env["account.tax"].with_context(active_test=False)
    domain = [("company_id", "=", company.id), ("type_tax_use", "=", "sale")]
    standard = Tax.search([*domain, ("name", "=", "VAT 15%")], limit=1)
    if not standard:
        standard = company.account_sale_tax_id
        standard.write({"name": "VAT 15%", "invoice_label": "VAT 15%"})
        standard.tax_group_id.name = "VAT 15%"
    reduced = Tax.search([*domain, ("name", "=", "VAT 5%")], limit=1)
    if not reduced:
        group = standard.tax_group_id.copy({"name": "VAT 5%"})
        reduced = standard.copy(
            {"name": "VAT 5%", "invoice_label": "VAT 5%", "amount": 5.0, "tax_group_id": group.id}
        )
    return {
        catalogue.VAT_STANDARD: standard,
        catalogue.VAT_REDUCED: reduced,
        catalogue.VAT_EXEMPT: Tax,
    }


def _currency_rates(env, company, trading):
    """USD in Smart Dairy's books (BDT) and BDT in the trading company's (USD)."""
    usd, bdt = env.ref("base.USD"), env.ref("base.BDT")
    Rate = env["res.currency.rate"]
    existing = {
        (rate.company_id, rate.currency_id, rate.name)
        for rate in Rate.search([("company_id", "in", (company | trading).ids)])
    }
    values = []
    for month, bdt_per_usd in market.BDT_PER_USD:
        day = datetime.date.fromisoformat(f"{month}-01")
        for rate_company, currency, rate in (
            (company, usd, 1 / bdt_per_usd),
            (trading, bdt, bdt_per_usd),
        ):
            if (rate_company, currency, day) not in existing:
                values.append(
                    {
                        "name": day,
                        "currency_id": currency.id,
                        "company_id": rate_company.id,
                        "rate": rate,
                    }
                )
    Rate.create(values)


def _tiers(env, company):
    Tier = env["b2b.customer.tier"].with_context(active_test=False)
    tiers = {t.code: t for t in Tier.search([("company_id", "=", company.id)])}
    missing = [
        {
            "name": name,
            "code": code,
            "sequence": sequence,
            "discount_percent": discount,
            "min_annual_spend": min_spend,
            "company_id": company.id,
        }
        for sequence, (code, name, discount, min_spend) in enumerate(market.TIERS, 1)
        if code not in tiers
    ]
    tiers.update({t.code: t for t in Tier.create(missing)})
    return tiers


def _pricelists(env, companies, tiers):
    """One pricelist per tier giving the tier discount (shown as the lines' discount), and
    the USD ones."""
    company, trading = companies[SMART_DAIRY], companies[TRADING]
    usd = env.ref("base.USD")
    wanted = {
        code: (f"{tier.name} Tier", company, company.currency_id, tier.discount_percent)
        for code, tier in tiers.items()
    }
    wanted["export"] = ("Export (USD)", company, usd, 0.0)
    wanted["trading"] = ("Trading (USD)", trading, usd, 0.0)
    Pricelist = env["product.pricelist"].with_context(active_test=False)
    pricelists = {}
    for key, (name, owner, currency, discount) in wanted.items():
        pricelist = Pricelist.search(
            [("name", "=", name), ("company_id", "=", owner.id)], limit=1
        ) or Pricelist.create(
            {
                "name": name,
                "company_id": owner.id,
                "currency_id": currency.id,
                # The order lines show the list price and the tier discount.
                "discount_policy": "without_discount",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": discount,
                        }
                    )
                ]
                if discount
                else [],
            }
        )
        pricelists[key] = pricelist
    return pricelists


def _managers(env, company, managers):
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    users = {u.login: u for u in Users.search([("login", "in", [m.login for m in managers])])}
    missing = [m for m in managers if m.login not in users]
    created = Users.create(
        [
            {
                "name": manager.name,
                "login": manager.login,
                "email": manager.login,
                "tz": market.TIMEZONE,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(env.ref("sales_team.group_sale_salesman").ids)],
            }
            for manager in missing
        ]
    )
    users.update({u.login: u for u in created})
    return {m.key: users[m.login] for m in managers}


def _teams(env, company, users):
    """The sales teams, each led by one of its account managers."""
    Team = env["crm.team"].with_context(active_test=False)
    existing = {t.name: t for t in Team.search([("company_id", "=", company.id)])}
    by_team = {}
    for manager in market.MANAGERS:
        by_team.setdefault(manager.team, []).append(users[manager.key].id)
    missing = [team for team in market.TEAMS if team[1] not in existing]
    created = Team.create(
        [
            {
                "name": name,
                "company_id": company.id,
                "user_id": users[leader].id,
                "member_ids": [Command.set(by_team.get(key, []))],
            }
            for key, name, leader in missing
        ]
    )
    existing.update({t.name: t for t in created})
    return {key: existing[name] for key, name, _leader in market.TEAMS}


def _campaigns(env, plan):
    """{campaign name: (utm.campaign, utm.medium, utm.source)} of the plan's window."""
    wanted = {
        campaign.name: campaign
        for year in range(plan.start_date.year - 1, plan.end_date.year + 1)
        for campaign in market.campaigns(year)
    }
    wanted[market.ONBOARDING.name] = market.ONBOARDING

    def records(model, names, field="name"):
        Model = env[model].with_context(active_test=False)
        found = {r[field]: r for r in Model.search([(field, "in", list(names))])}
        missing = sorted(set(names) - set(found))
        found.update({r[field]: r for r in Model.create([{field: n} for n in missing])})
        return found

    campaigns = records("utm.campaign", wanted, field="title")  # its name is made unique
    mediums = records("utm.medium", {c.medium for c in wanted.values()})
    sources = records("utm.source", {c.source for c in wanted.values()})
    return {
        name: (campaigns[name], mediums[c.medium], sources[c.source]) for name, c in wanted.items()
    }


def _categories(env, names):
    Category = env["product.category"]
    dairy = Category.search([("name", "=", "Dairy"), ("parent_id", "=", False)], limit=1)
    dairy = dairy or Category.create({"name": "Dairy"})
    found = {c.name: c for c in Category.search([("parent_id", "=", dairy.id)])}
    missing = sorted(set(names) - set(found))
    found.update(
        {c.name: c for c in Category.create([{"name": n, "parent_id": dairy.id} for n in missing])}
    )
    return found


def _products(env, companies, taxes, products):
    """The catalogue's products, in each company: Smart Dairy's in BDT, the trading
    company's in USD at the catalogue's reference rate."""
    categories = _categories(env, [p.category for p in products])
    result = {}
    for key, company in companies.items():
        Product = env["product.product"].with_company(company).with_context(active_test=False)
        existing = {
            p.default_code: p
            for p in Product.search(
                [
                    ("company_id", "=", company.id),
                    ("default_code", "in", [p.key for p in products]),
                ]
            )
        }
        divisor = 1 if key == SMART_DAIRY else market.TRADING_BDT_PER_USD
        missing = [p for p in products if p.key not in existing]
        created = Product.create(
            [
                {
                    "name": product.name,
                    "default_code": product.key,
                    "company_id": company.id,
                    "categ_id": categories[product.category].id,
                    "detailed_type": "consu",
                    "sale_ok": True,
                    "purchase_ok": False,
                    "invoice_policy": "order",
                    "list_price": round(product.list_price / divisor, 2),
                    "standard_price": round(product.cost / divisor, 2),
                    # Odoo keeps volume in cubic metres: 1 L is 0.001
                    "volume": product.litres / 1000,
                    "weight": product.kilograms,
                    "taxes_id": [Command.set(_product_taxes(company, taxes, product).ids)],
                }
                for product in missing
            ]
        )
        existing.update({p.default_code: p for p in created})
        result.update({(key, p.key): existing[p.key] for p in products})
    return result


def _product_taxes(company, taxes, product):
    if product.vat == catalogue.VAT_EXEMPT:
        return taxes[catalogue.VAT_EXEMPT]
    if company == taxes[catalogue.VAT_STANDARD].company_id:
        return taxes[product.vat]
    return company.account_sale_tax_id  # the trading company's own sales tax


def _make_company_visible(env, company):
    """Admin works in Smart Dairy (keeping the main company), in Dhaka time; the analytics
    use Dhaka time; pricelists and line discounts show in the sales screens."""
    env.ref("base.user_admin").write(
        {
            "company_ids": [Command.link(company.id)],
            "company_id": company.id,
            "tz": market.TIMEZONE,
        }
    )
    env["ir.config_parameter"].sudo().set_param(
        "smart_dairy_b2b.analytics_timezone", market.TIMEZONE
    )
    env.ref("base.group_user").write(
        {
            "implied_ids": [
                Command.link(env.ref("product.group_product_pricelist").id),
                Command.link(env.ref("product.group_discount_per_so_line").id),
            ]
        }
    )
