from odoo import Command
from odoo.tests import new_test_user


def tour_company(test, name, prefix, currency=None):
    """A company of the tour's own (demo data, if any, changes nothing in it), with a
    sales manager who is not a system administrator (``test.manager``) and a
    salesperson who sees only their customers (``test.seller``), logins
    ``<prefix>_manager`` and ``<prefix>_seller`` (their passwords too); returns the
    company and an environment of it."""
    values = {"name": name}
    if currency:
        values["currency_id"] = test.env.ref(currency).id
    company = test.env["res.company"].create(values)
    test.manager, test.seller = (
        new_test_user(
            test.env,
            login=f"{prefix}_{role}",
            password=f"{prefix}_{role}",
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        for role, groups in (
            ("manager", "sales_team.group_sale_manager"),
            ("seller", "sales_team.group_sale_salesman"),
        )
    )
    test.assertFalse(test.manager.has_group("base.group_system"))
    return company, test.env(context=dict(test.env.context, allowed_company_ids=company.ids))
