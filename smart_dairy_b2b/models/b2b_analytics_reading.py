"""The reading layer of the analytics: what every question reads, and how.

Visible facts and rollups in the current company's currency (through the scope's
visibility and currency table), the analytics timezone and today, the checked period,
customer and names, the settings, and the results kept between calls. The questions
(``b2b_analytics_descriptive.py``, ``b2b_analytics_predictive.py``) are built on it and
it calls none of them (``tests/repo/test_layers.py`` keeps it so).
"""

from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.exceptions import MissingError
from odoo.tools import SQL

from .analytics_cache import RESULT_CACHE
from .analytics_params import parse_period, parse_record_id
from .b2b_sale_facts import TIMEZONE_PARAM


def num(value):
    """SQL numbers (Decimal, None) as JSON-friendly floats."""
    return float(value) if value is not None else 0.0


class B2bAnalyticsReading(models.AbstractModel):
    _name = "b2b.analytics.reading"
    _inherit = "b2b.analytics.scope"
    _description = "B2B Analytics: Visible Facts, Currency and Time"

    # Time ------------------------------------------------------------------------

    def _timezone(self):
        return self.env["ir.config_parameter"].sudo().get_param(TIMEZONE_PARAM) or "UTC"

    def _today(self):
        return datetime.now(pytz.timezone(self._timezone())).date()

    # Facts and rollups -------------------------------------------------------------

    def _fetch(self, query):
        """Run a query on up-to-date facts and return its rows as dicts."""
        self.env.flush_all()  # pending ORM writes reach the facts through their triggers
        # These queries run in milliseconds; compiling them (PostgreSQL's JIT, which
        # their cost estimates over many chunks can trigger) takes half a second. The
        # setting lasts until the transaction ends: once per call.
        self._once_per_call("jit off", lambda: self.env.cr.execute("SET LOCAL jit = off"))
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def _daily(self):
        """Visible daily rollup rows (date x customer x tier x the orders' team and UTM
        fields), company currency."""
        return self._rollup("daily")

    def _monthly(self):
        """Visible monthly rollup rows (month x customer x tier, dated the month's first
        day), company currency."""
        return self._rollup("monthly")

    def _period_rows(self, start, end, by_category=False, money=True):
        """Visible rollup rows covering [start, end] (``start`` None: all up to ``end``):
        the whole months from the monthly rollup, the days around them from the daily
        one; ``by_category``: of the category rollups (``_category_rollup``); without
        ``money``, only the date, customer, company and order count of each row (no
        currency to apply: what counting active customers reads). For sums only: a
        row's date is its month's first day or its own day."""
        if by_category:
            daily, monthly = self._category_rollup("daily"), self._category_rollup("monthly")
        elif money:
            daily, monthly = self._daily(), self._monthly()
        else:
            daily, monthly = self._order_counts("daily"), self._order_counts("monthly")
        after = end + timedelta(days=1)
        months_end = after if after.day == 1 else end.replace(day=1)
        months_start = (
            start if start is None or start.day == 1 else start + relativedelta(months=1, day=1)
        )
        if months_start is not None and months_start >= months_end:
            return SQL("(SELECT * FROM %s d WHERE date BETWEEN %s AND %s)", daily, start, end)
        return SQL(
            """(SELECT * FROM %(monthly)s m
                 WHERE (%(months_start)s::date IS NULL OR date >= %(months_start)s)
                   AND date < %(months_end)s
                UNION ALL
                SELECT * FROM %(daily)s d
                 WHERE date >= %(start)s::date AND date < %(months_start)s::date
                    OR date >= %(months_end)s AND date <= %(end)s)""",
            monthly=monthly,
            daily=daily,
            start=start,
            months_start=months_start,
            months_end=months_end,
            end=end,
        )

    def _rollup(self, name):
        return self._in_parts(
            """SELECT d.date, d.customer_id, d.tier_id, d.company_id, d.order_count,
                      d.line_count, d.quantity,
                      d.revenue * currency_table.rate AS revenue,
                      (d.revenue - d.cost) * currency_table.rate AS margin,
                      d.discount * currency_table.rate AS discount,
                      d.team_id, d.campaign_id, d.medium_id, d.source_id
                 FROM (%s) d
                 JOIN %s ON currency_table.company_id = d.company_id
                WHERE d.customer_id IN %s""",
            self._rollup_parts(name),
            self._currency_table(),
            self._visible_customers(),
        )

    def _order_counts(self, name):
        """The visible rows of the rollup ``name`` as (date, customer, company, order
        count): ``_rollup`` without the money."""
        return self._in_parts(
            """SELECT d.date, d.customer_id, d.company_id, d.order_count
                 FROM (%s) d
                WHERE d.customer_id IN %s AND d.company_id = ANY(%s)""",
            self._rollup_parts(name),
            self._visible_customers(),
            self.env.companies.ids,
        )

    @staticmethod
    def _in_parts(template, parts, *args):
        """``template`` applied to each of ``parts`` (its first argument), the union of
        the results as a derived table: each part joined and filtered where the planner
        knows its statistics."""
        return SQL("(%s)", SQL(" UNION ALL ").join(SQL(template, part, *args) for part in parts))

    def _rollup_parts(self, name):
        """The rollup ``name`` as SELECTs whose union it is (``b2b.sale.facts``); with a
        category filter, one: the same columns and key (day or month, customer, tier,
        company, team and UTM fields) summed from the facts of that category's lines
        (the rollups have no product)."""
        categories = self._category_lines()
        if categories is None:
            return self.env["b2b.sale.facts"]._rollup_parts(name, self._pending_days())
        day = SQL("date_trunc('month', f.date)::date" if name == "monthly" else "f.date")
        return [
            SQL(
                """SELECT %s AS date, f.customer_id, f.tier_id, f.company_id,
                          f.team_id, f.campaign_id, f.medium_id, f.source_id,
                          COUNT(DISTINCT f.order_id) AS order_count, COUNT(*) AS line_count,
                          SUM(f.quantity) AS quantity, SUM(f.revenue) AS revenue,
                          SUM(f.cost) AS cost, SUM(f.discount) AS discount
                     FROM b2b_sale_fact f
                    WHERE %s
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8""",
                day,
                categories,
            )
        ]

    def _every_customers_rollup(self, name):
        """The rows of the rollup ``name`` of every customer and company, in their
        companies' currencies (``b2b.sale.facts``): for readers that filter them
        themselves."""
        return self.env["b2b.sale.facts"]._rollup_rows(name, self._pending_days())

    def _pending_days(self):
        """The days the TimescaleDB rollups read from the facts, once per call."""
        return self._once_per_call("pending days", self.env["b2b.sale.facts"]._pending_days)

    def _category_rollup(self, name):
        """Visible category rollup rows (``daily`` or ``monthly``: day or month x
        customer x company x the product's current category, with order_count,
        line_count, revenue and prev_date: the customer's last day with an order in the
        category before the row's); with a category filter, only its categories' rows.
        The revenue is in the row's company's currency: readers sum it by company, then
        convert the sums (``_currency_table()``), a product per company, not per row of
        a year's 100,000."""
        categories = self._filtered_categories()
        return SQL(
            """(SELECT c.date, c.customer_id, c.company_id, c.categ_id, c.order_count,
                       c.line_count, c.revenue, c.prev_date
                  FROM %s c
                 WHERE c.customer_id IN %s AND %s)""",
            self.env["b2b.sale.facts"]._rollup_rows(f"category_{name}"),
            self._visible_customers(),
            SQL("c.categ_id IN %s", categories) if categories else SQL("TRUE"),
        )

    def _facts(self):
        """Visible counted lines, company currency."""
        return SQL(
            """(SELECT f.line_id, f.order_id, f.date, f.hour, f.customer_id, f.tier_id,
                       f.company_id, f.product_id, f.quantity,
                       f.revenue * currency_table.rate AS revenue,
                       (f.revenue - f.cost) * currency_table.rate AS margin,
                       f.discount * currency_table.rate AS discount,
                       f.team_id, f.campaign_id, f.medium_id, f.source_id
                  FROM b2b_sale_fact f
                  JOIN %s ON currency_table.company_id = f.company_id
                 WHERE f.customer_id IN %s AND %s)""",
            self._currency_table(),
            self._visible_customers(),
            self._category_lines() or SQL("TRUE"),
        )

    def _product_rollup(self):
        """Product rollup rows (date x company x product), company currency, shaped like
        ``_facts()``; only for users who see every customer and filter no customer
        (it has no customer: ``_reads_whole_company()``)."""
        categories = self._category_lines()
        return self._in_parts(
            """SELECT p.date, p.company_id, p.product_id, NULL::integer AS customer_id,
                      p.quantity, p.revenue * currency_table.rate AS revenue,
                      (p.revenue - p.cost) * currency_table.rate AS margin
                 FROM (%s) p
                 JOIN %s ON currency_table.company_id = p.company_id
                WHERE %s""",
            self.env["b2b.sale.facts"]._rollup_parts("product_daily", self._pending_days()),
            self._currency_table(),
            # the condition names f.product_tmpl_id, a column of product_product too
            SQL("p.product_id IN (SELECT f.id FROM product_product f WHERE %s)", categories)
            if categories
            else SQL("TRUE"),
        )

    def _reads_whole_company(self):
        """Whether the product rollup answers for this user: every customer seen, none
        filtered out."""
        return self._sees_every_customer() and not self._customer_filter_domain()

    # Arguments, names and settings --------------------------------------------------

    def _customer(self, customer_id):
        """The visible B2B customer with this id; the same error whether it does not
        exist or may not be read, so ids cannot be probed."""
        customer_id = parse_record_id(customer_id, "customer_id")
        customer = (
            self.env["b2b.customer"]
            .with_context(active_test=False)
            .search([("id", "=", customer_id), ("company_id", "in", self.env.companies.ids)])
        )
        if not customer:
            raise MissingError(_("No B2B customer %(id)s is available to you.", id=customer_id))
        return customer

    def _period(self, date_from, date_to, default_start=None):
        """The checked period; by default the 12 months up to ``date_to`` (today when
        absent), or ``default_start(date_to)`` when given."""
        return parse_period(
            date_from,
            date_to,
            default_start or (lambda end: end - relativedelta(months=12) + timedelta(days=1)),
            self._today(),
        )

    def _period_info(self, start, end, compare_period=None):
        return {
            "date_from": start.isoformat(),
            "date_to": end.isoformat(),
            "compare_from": compare_period[0].isoformat() if compare_period else None,
            "compare_to": compare_period[1].isoformat() if compare_period else None,
            "currency": self.env.company.currency_id.name,
            "timezone": self._timezone(),
        }

    def _names(self, model, ids):
        ids = [i for i in ids if i]
        if model == "b2b.customer":  # its display name is its name: one query for 50,000
            self.env[model].flush_model(["name"])
            self.env.cr.execute(SQL("SELECT id, name FROM b2b_customer WHERE id = ANY(%s)", ids))
            return dict(self.env.cr.fetchall())
        records = self.env[model].browse(ids).with_context(active_test=False)
        return {record.id: record.display_name for record in records.sudo()}

    @api.model
    def _selection_labels(self, field_name):
        field = self.env["b2b.customer"]._fields[field_name]
        return dict(field._description_selection(self.env))

    def _float_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return float(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    # Results kept between calls ------------------------------------------------------

    def _facts_changes(self, kept):
        """The changes of the facts a result kept by ``_keep`` did not see and this
        transaction does: those of the transactions its snapshot did not see
        (committed since, or in progress then) and those its own transaction made after
        keeping it, as [(customer_id, earliest day)]: (customer_id, None) when the
        customer itself changed (approved, moved to another salesperson...);
        [(None, None)] when every customer may have changed (a rebuild, or the log
        pruned past the snapshot). An index range of the log, whatever its size."""
        self.env.flush_all()  # pending ORM writes reach the log through the triggers
        self.env.cr.execute(
            """SELECT customer_id, date FROM b2b_facts_change
                WHERE xid >= pg_snapshot_xmin(%(s)s::pg_snapshot)
                  AND (NOT pg_visible_in_snapshot(xid, %(s)s::pg_snapshot)
                       OR xid = %(xid)s::xid8)
               UNION ALL
               SELECT NULL, NULL FROM b2b_facts_change_horizon
                WHERE xid > pg_snapshot_xmin(%(s)s::pg_snapshot)""",
            {"s": kept[0], "xid": kept[1]},
        )
        return self.env.cr.fetchall()

    def _keep(self, key, value):
        """Keep ``value`` under ``key`` with this transaction's snapshot and id, unless
        the transaction changed the facts itself (it may yet be rolled back)."""
        self.env.cr.execute(
            """SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned()::text,
                      EXISTS (SELECT FROM b2b_facts_change
                               WHERE xid = pg_current_xact_id_if_assigned())"""
        )
        snapshot, xid, changed_here = self.env.cr.fetchone()
        if not changed_here:
            RESULT_CACHE.put(key, (snapshot, xid, value))

    def _cache_key(self, key):
        # the currency table holds the selected companies' rates of the day
        return (self.env.cr.dbname, self._currency_table().code, *key)

    def _cached(self, key, compute, before=None, update=None):
        """``compute()``, reused only while no change of the facts it read has been made
        since (``before``: it read only the days before that one): the very next call
        after an order sees it, in any worker. ``key`` must hold everything else the
        result depends on (whose customers: ``_visibility_key()``; as of when; the
        stored model parameters). ``update(value, customer_ids)``: the value after
        changes of those customers' facts only, from the kept one (left unchanged);
        without it, or when it returns None, ``compute()`` again."""
        key = self._cache_key(key)
        kept = RESULT_CACHE.get(key)
        if kept is not None:
            changes = self._facts_changes(kept)
            read = [(c, day) for c, day in changes if day is None or before is None or day < before]
            value = kept[2]
            if read:
                customers = {customer for customer, _day in read}
                value = (
                    update(kept[2], sorted(customers))
                    if update is not None and None not in customers
                    else None
                )
            if value is not None:
                if changes:  # kept as of now: the next call reads less
                    self._keep(key, value)
                return value
        value = compute()
        self._keep(key, value)
        return value

    def _cached_by_customer(self, key, compute):
        """``compute(customer_ids)`` -> rows with a ``customer_id`` (None: of every
        customer), kept by customer: after a change only the changed customers' rows
        are computed again. Returns the rows ordered by customer."""

        def update(kept, ids):
            computed = {row["customer_id"]: row for row in compute(ids)}
            rows = dict(kept)  # a copy: the kept rows stay as they were
            for customer in set(ids) - computed.keys():  # no row any more
                rows.pop(customer, None)
            added = computed.keys() - rows.keys()
            rows.update(computed)  # a customer already there keeps its place
            if added:  # a customer new to the rows: sorted in
                rows = dict(sorted(rows.items()))
            return rows

        rows = self._cached(
            key, lambda: {row["customer_id"]: row for row in compute(None)}, update=update
        )
        return list(rows.values())
