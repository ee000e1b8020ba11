"""The demo's monthly sales targets: for each of the last twelve months and the current
one, the company's target is the same month a year earlier plus 10 % (else the month
before plus 5 %), rounded to 100,000; this month also has a target per tier, in the
same proportion as the tiers' revenue of the last month."""

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL


def _round(amount):
    return round(amount, -5)


def create_targets(env, company, today):
    first = today.replace(day=1)
    env.cr.execute(
        SQL(
            "SELECT date, tier_id, SUM(revenue) FROM %s m WHERE company_id = %s GROUP BY 1, 2",
            env["b2b.sale.facts"]._rollup_rows("monthly"),
            company.id,
        )
    )
    by_month, by_tier = {}, {}
    last_month = first - relativedelta(months=1)
    for month, tier_id, revenue in env.cr.fetchall():
        by_month[month] = by_month.get(month, 0) + float(revenue)
        if month == last_month and tier_id:
            by_tier[tier_id] = float(revenue)
    values = []
    for back in range(12, -1, -1):
        month = first - relativedelta(months=back)
        year_ago = by_month.get(month - relativedelta(years=1))
        before = by_month.get(month - relativedelta(months=1))
        base = year_ago * 1.10 if year_ago else (before or 0) * 1.05
        if base:
            values.append(
                {"company_id": company.id, "month": month, "revenue_target": _round(base)}
            )
    company_target = values[-1]["revenue_target"] if values and values[-1]["month"] == first else 0
    total = sum(by_tier.values())
    for tier_id, revenue in by_tier.items():
        values.append(
            {
                "company_id": company.id,
                "month": first,
                "tier_id": tier_id,
                "revenue_target": _round(company_target * revenue / total),
            }
        )
    env["b2b.sales.target"].create(values)
