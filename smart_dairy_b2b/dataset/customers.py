"""The plan's customers in Odoo: their company partners and people, and their B2B
customer records with tier, type, region, account manager, credit limit and pricelist.

Used by ``master_data.py``; ``data`` is its ``MasterData`` (companies, users, tiers,
pricelists).
"""

from odoo import Command

from . import bulk_records
from .plan import TRADING

# A credit limit covers this many months of the customer's purchases: a month invoiced and
# the next one's deliveries, with room for a busy season; late payers come near it.
CREDIT_MONTHS = 2.5
MIN_CREDIT_LIMIT = 50_000  # BDT
TRADING_CREDIT_LIMIT = 20_000  # USD


def partners(env, companies, users, customers):
    """Each customer's company contact (contact 0) and its people (contacts 1, 2...)."""
    Partner = env["res.partner"].with_context(active_test=False)
    existing = {
        p.ref: p
        for p in Partner.search(
            [("ref", "in", [c.key for c in customers]), ("is_company", "=", True)]
        )
    }
    missing = [c for c in customers if c.key not in existing]
    # The first through the ORM, the others copied from it (tens of thousands at once).
    created = _create_partners(env, companies, users, missing[:1])
    created |= _copy_partners(env, companies, users, missing[1:], created)
    existing.update({p.ref: p for p in created})
    # A customer found again may have fewer people than this plan gives it.
    Partner.create(
        [
            {"name": name, "function": role, "type": "contact", "parent_id": partner.id}
            for customer in customers
            for partner in [existing[customer.key]]
            for name, role in customer.contacts[len(partner.child_ids) :]
        ]
    )
    partners = {}
    for customer in customers:
        company_partner = existing[customer.key]
        people = company_partner | company_partner.child_ids.sorted("id")
        for index, person in enumerate(people[: len(customer.contacts) + 1]):
            partners[customer.key, index] = person
    return partners


def _create_partners(env, companies, users, customers):
    bd = env.ref("base.bd")
    return (
        env["res.partner"]
        .with_context(active_test=False)
        .create(
            [
                {
                    "name": customer.name,
                    "ref": customer.key,
                    "is_company": True,
                    "company_id": companies[customer.company].id,
                    "city": customer.city,
                    "country_id": bd.id,
                    "lang": "en_US",
                    "user_id": users[customer.manager].id if customer.manager else False,
                    "child_ids": [
                        Command.create({"name": name, "function": role, "type": "contact"})
                        for name, role in customer.contacts
                    ],
                }
                for customer in customers
            ]
        )
    )


def _copy_partners(env, companies, users, customers, template):
    """The partners ``_create_partners`` would create, copied from those it created for
    ``template`` (a customer's company contact with its people): what differs from one
    customer to the next as the ORM computes it (the people's commercial partner,
    complete name, address and salesperson come from their company)."""
    Partner = env["res.partner"].with_context(active_test=False)
    if not customers:
        return Partner
    ids = iter(
        bulk_records.reserve_ids(
            env, "res_partner", sum(1 + len(customer.contacts) for customer in customers)
        )
    )
    companies_rows, people_rows = [], []
    for customer in customers:
        company_id = next(ids)
        shared = {
            "commercial_partner_id": company_id,
            "commercial_company_name": customer.name,
            "city": customer.city,
            "user_id": users[customer.manager].id if customer.manager else None,
        }
        companies_rows.append(
            {
                **shared,
                "id": company_id,
                "name": customer.name,
                "complete_name": customer.name.strip(),
                "ref": customer.key,
                "company_id": companies[customer.company].id,
            }
        )
        people_rows += [
            {
                **shared,
                "id": next(ids),
                "name": name,
                "complete_name": f"{customer.name}, {name}".strip(),
                "function": role,
                "parent_id": company_id,
            }
            for name, role in customer.contacts
        ]
    for like, rows in ((template, companies_rows), (template.child_ids[:1], people_rows)):
        bulk_records.copy_like(env, "res_partner", like.id, rows)
        _copy_properties(env, like, [row["id"] for row in rows])
    return Partner.browse([row["id"] for row in companies_rows])


def b2b_customers(env, data, customers):
    Customer = env["b2b.customer"].with_context(active_test=False)
    partner_ids = [data.partners[c.key, 0].id for c in customers]
    existing = {
        (c.partner_id.id, c.company_id.id): c
        for c in Customer.search([("partner_id", "in", partner_ids)])
    }
    result, missing = {}, []
    for customer in customers:
        partner, company = data.partners[customer.key, 0], data.companies[customer.company]
        found = existing.get((partner.id, company.id))
        if found:
            result[customer.key] = found
        else:
            missing.append(customer)
    _set_pricelists(env, data, missing)
    # The first through the ORM, the others copied from it (tens of thousands at once).
    created = Customer.create([_customer_values(data, customer) for customer in missing[:1]])
    if missing[1:]:
        ids = bulk_records.reserve_ids(env, "b2b_customer", len(missing) - 1)
        bulk_records.copy_like(
            env,
            "b2b_customer",
            created.id,
            [
                {
                    **_customer_values(data, customer),
                    "id": customer_id,
                    "name": data.partners[customer.key, 0].name,  # computed from it
                }
                for customer_id, customer in zip(ids, missing[1:], strict=True)
            ],
        )
        copied = Customer.browse(ids)
        # what create checks and does after inserting its rows
        copied._check_one_customer_per_partner()
        copied._check_credit_limit()
        copied._link_orders()
        created |= copied
    result.update(zip([c.key for c in missing], created, strict=True))
    return result


def _customer_values(data, customer):
    return {
        "partner_id": data.partners[customer.key, 0].id,
        "company_id": data.companies[customer.company].id,
        "tier_id": data.tiers[customer.tier].id if customer.tier else None,
        "state": customer.state,
        "customer_type": customer.customer_type,
        "region": customer.region,
        "credit_limit": _credit_limit(customer),
        "user_id": data.users[customer.manager].id if customer.manager else None,
    }


def _copy_properties(env, template, partner_ids):
    """The company-dependent values ``create`` stored for ``template`` (a person's
    pricelist synced from its company, in the user's company), for these partners."""
    env.flush_all()
    env.cr.execute(
        "SELECT id FROM ir_property WHERE res_id = %s ORDER BY id", [f"res.partner,{template.id}"]
    )
    for (property_id,) in env.cr.fetchall():
        ids = bulk_records.reserve_ids(env, "ir_property", len(partner_ids))
        bulk_records.copy_like(
            env,
            "ir_property",
            property_id,
            [
                {"id": new_id, "res_id": f"res.partner,{partner_id}"}
                for new_id, partner_id in zip(ids, partner_ids, strict=True)
            ],
        )


def _set_pricelists(env, data, customers):
    """Each customer's pricelist on its partners, in its company: what saving it on the
    partner form stores, without syncing every contact one by one."""
    for key, company in data.companies.items():
        pricelists = {
            partner.id: data.pricelist(customer, customer.tier)
            for customer in customers
            if customer.company == key
            for index in range(len(customer.contacts) + 1)
            for partner in [data.partners[customer.key, index]]
        }
        _set_properties(
            env["ir.property"].with_company(company), "property_product_pricelist", pricelists
        )


def _set_properties(Property, name, values):
    """``Property._set_multi(name, "res.partner", values)`` for tens of thousands of
    partners: the first property it stores through the ORM, the others copied from it
    (partners that have one already, and values equal to the default, go through the ORM:
    it updates or drops those)."""
    field = Property.env["ir.model.fields"]._get("res.partner", name)
    default = Property._get(name, "res.partner")
    default = default.id if default else False
    refs = {f"res.partner,{partner_id}": partner_id for partner_id in values}
    having = {
        refs[prop.res_id]
        for prop in Property.sudo().search(
            [
                ("fields_id", "=", field.id),
                ("company_id", "=", Property.env.company.id),
                ("res_id", "in", list(refs)),
            ]
        )
    }
    new = [pid for pid, value in values.items() if pid not in having and value.id != default]
    copied = set(new[1:])
    Property._set_multi(
        name, "res.partner", {pid: value for pid, value in values.items() if pid not in copied}
    )
    if not new[1:]:
        return
    template = Property.sudo().search(
        [
            ("fields_id", "=", field.id),
            ("company_id", "=", Property.env.company.id),
            ("res_id", "=", f"res.partner,{new[0]}"),
        ]
    )
    ids = bulk_records.reserve_ids(Property.env, "ir_property", len(new) - 1)
    bulk_records.copy_like(
        Property.env,
        "ir_property",
        template.id,
        [
            {
                "id": property_id,
                "res_id": f"res.partner,{partner_id}",
                "value_reference": f"{values[partner_id]._name},{values[partner_id].id}",
            }
            for property_id, partner_id in zip(ids, new[1:], strict=True)
        ],
    )


def _credit_limit(customer):
    """Some weeks of the customer's purchases (VAT included), in its company's currency;
    none for institutions (schools, hospitals: they pay on their budget's terms)."""
    if customer.company == TRADING:
        return TRADING_CREDIT_LIMIT
    if customer.customer_type == "institution":
        return 0
    monthly = customer.annual_spend * 1.1 / 12
    return max(MIN_CREDIT_LIMIT, round(monthly * CREDIT_MONTHS, -4))
