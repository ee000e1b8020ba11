"""Verify: the stored facts, rollups, customer statistics and category rollups compared
with a fresh computation from the orders (docs/facts.md, *Life cycle*), what
``odoo b2b_facts --verify`` and the tests after concurrent confirmations run."""

from odoo import api, models
from odoo.tools import SQL

from .b2b_sale_facts import CATEGORY_ROLLUPS, KEY

# The rollup key's parts after the customer, NULL as 0: rows compare with =.
ROLLUP_KEY_COMPARED = SQL(
    ", ".join(f"COALESCE({column}, 0) AS {column}" for column in KEY.split(", ")[1:])
)


class B2bSaleFactsVerify(models.AbstractModel):
    _inherit = "b2b.sale.facts"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _verify(self, limit=100):
        """Compare the stored facts with a fresh computation.

        Returns a list of differences (at most ``limit`` of each kind), each a dict
        with ``table``, ``key`` and ``problem``; empty when all is in step.
        """
        self.env.flush_all()
        # the fresh computation, once for every comparison below
        self.env.cr.execute(
            """CREATE TEMPORARY TABLE b2b_expected_fact ON COMMIT DROP AS
               SELECT * FROM b2b_counted_lines(NULL)"""
        )
        self.env.cr.execute("ANALYZE b2b_expected_fact")
        self.env.cr.execute(
            """
            SELECT 'b2b_sale_fact', COALESCE(e.line_id, f.line_id)::text,
                   CASE WHEN f.line_id IS NULL THEN 'missing'
                        WHEN e.line_id IS NULL THEN 'extra'
                        ELSE 'different' END
              FROM b2b_expected_fact e
              -- a subquery, not the hypertable: the whole row is then built from the
              -- columns, which TimescaleDB (2.28) plans over compressed chunks too (a
              -- whole-row reference to the hypertable on the nullable side of an outer
              -- join fails there: "cache lookup failed for attribute 0")
              FULL JOIN (SELECT * FROM b2b_sale_fact) f ON f.line_id = e.line_id
             -- categ_id is the category of the line's last write (the template's may
             -- have changed since): the category rollups are checked below
             WHERE to_jsonb(e) - 'categ_id' IS DISTINCT FROM to_jsonb(f) - 'categ_id'
             LIMIT %(limit)s
            """,
            {"limit": limit},
        )
        differences = self.env.cr.fetchall()
        self.env.cr.execute(
            """
            SELECT 'b2b_sale_fact_order', COALESCE(e.order_id, s.order_id)::text,
                   CASE WHEN s.order_id IS NULL THEN 'missing'
                        WHEN e.order_id IS NULL THEN 'extra'
                        ELSE 'different' END
              FROM (SELECT order_id, date FROM b2b_expected_fact GROUP BY 1, 2) e
              FULL JOIN b2b_sale_fact_order s ON s.order_id = e.order_id
             WHERE s.date IS DISTINCT FROM e.date
             LIMIT %(limit)s
            """,
            {"limit": limit},
        )
        differences += self.env.cr.fetchall()
        for rollup, period in (("daily", "day"), ("monthly", "month")):
            self.env.cr.execute(
                SQL(
                    """
                    WITH expected AS (
                        SELECT date_trunc(%(period)s, date)::date AS date, company_id,
                               customer_id, %(key)s,
                               COUNT(DISTINCT order_id) AS order_count, COUNT(*) AS line_count,
                               SUM(quantity) AS quantity, SUM(revenue) AS revenue,
                               SUM(cost) AS cost, SUM(discount) AS discount
                          FROM b2b_expected_fact
                         GROUP BY 1, company_id, customer_id, %(key_columns)s
                    ), stored AS (
                        SELECT date, company_id, customer_id, %(key)s,
                               order_count, line_count, quantity, revenue, cost, discount
                          FROM %(table)s r
                    )
                    SELECT %(name)s,
                           concat_ws('/', COALESCE(e.date, s.date),
                                     COALESCE(e.customer_id, s.customer_id),
                                     COALESCE(e.company_id, s.company_id),
                                     COALESCE(e.tier_id, s.tier_id),
                                     COALESCE(e.team_id, s.team_id),
                                     COALESCE(e.campaign_id, s.campaign_id),
                                     COALESCE(e.medium_id, s.medium_id),
                                     COALESCE(e.source_id, s.source_id)),
                           CASE WHEN s.date IS NULL THEN 'missing'
                                WHEN e.date IS NULL THEN 'extra'
                                ELSE 'different' END
                      FROM expected e
                      FULL JOIN stored s
                        ON (s.date, s.customer_id, s.company_id, s.tier_id, s.team_id,
                            s.campaign_id, s.medium_id, s.source_id)
                         = (e.date, e.customer_id, e.company_id, e.tier_id, e.team_id,
                            e.campaign_id, e.medium_id, e.source_id)
                     WHERE s.date IS NULL OR e.date IS NULL
                        OR (s.order_count, s.line_count, s.revenue, s.cost, s.discount)
                           <> (e.order_count, e.line_count, e.revenue, e.cost, e.discount)
                        OR abs(s.quantity - e.quantity) > 1e-6 * greatest(abs(e.quantity), 1)
                     LIMIT %(limit)s
                    """,
                    period=period,
                    key=ROLLUP_KEY_COMPARED,
                    key_columns=SQL(KEY),
                    table=self._rollup_rows(rollup),
                    name=f"b2b_sale_{rollup}",
                    limit=limit,
                )
            )
            differences += self.env.cr.fetchall()
        self.env.cr.execute(
            SQL(
                """
            WITH expected AS (
                SELECT date, company_id, product_id, COUNT(*) AS line_count,
                       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost
                  FROM b2b_expected_fact
                 GROUP BY date, company_id, product_id
            ), stored AS (
                SELECT date, company_id, product_id, SUM(line_count) AS line_count,
                       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost
                  FROM %(rows)s p
                 GROUP BY date, company_id, product_id
                HAVING (SUM(line_count), SUM(quantity), SUM(revenue), SUM(cost))
                       <> (0, 0, 0, 0)
            )
            SELECT 'b2b_sale_product_daily',
                   concat_ws('/', COALESCE(e.date, s.date), COALESCE(e.company_id, s.company_id),
                             COALESCE(e.product_id, s.product_id)),
                   CASE WHEN s.date IS NULL THEN 'missing'
                        WHEN e.date IS NULL THEN 'extra'
                        ELSE 'different' END
              FROM expected e
              FULL JOIN stored s
                ON (s.date, s.company_id, s.product_id) = (e.date, e.company_id, e.product_id)
             WHERE s.date IS NULL OR e.date IS NULL
                OR (s.line_count, s.revenue, s.cost) <> (e.line_count, e.revenue, e.cost)
                OR abs(s.quantity - e.quantity) > 1e-6 * greatest(abs(e.quantity), 1)
             LIMIT %(limit)s
            """,
                rows=self._rollup_rows("product_daily"),
                limit=limit,
            )
        )
        differences += self.env.cr.fetchall()
        differences += self._verify_customer_stats(limit)
        differences += self._verify_category_rollups(limit)
        self.env.cr.execute("DROP TABLE b2b_expected_fact")
        return [
            {"table": table, "key": key, "problem": problem} for table, key, problem in differences
        ]

    def _verify_customer_stats(self, limit):
        """The differences between b2b_sale_customer_stats and its rows computed naively
        from the fresh facts (b2b_expected_fact, made by ``_verify``)."""
        self.env.cr.execute(
            """
            WITH days AS (
                SELECT customer_id, company_id, date, COUNT(DISTINCT order_id) AS orders,
                       SUM(revenue) AS revenue, SUM(cost) AS cost
                  FROM b2b_expected_fact
                 GROUP BY customer_id, company_id, date
            ), expected AS (
                SELECT customer_id, company_id, MIN(date) AS first_date,
                       MAX(date) AS last_date, COUNT(*) AS order_days, SUM(orders) AS orders,
                       SUM(revenue) AS revenue, SUM(cost) AS cost,
                       SUM(revenue) FILTER (WHERE previous IS NULL) AS first_day_revenue,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY date - previous)
                           AS median_gap,
                       array_agg(date ORDER BY date) AS days,
                       array_agg(revenue::double precision ORDER BY date) AS day_revenues
                  FROM (SELECT *, lag(date) OVER (PARTITION BY customer_id, company_id
                                                  ORDER BY date) AS previous
                          FROM days) d
                 GROUP BY customer_id, company_id
            )
            SELECT 'b2b_sale_customer_stats',
                   concat_ws('/', COALESCE(e.customer_id, s.customer_id),
                             COALESCE(e.company_id, s.company_id)),
                   CASE WHEN s.customer_id IS NULL THEN 'missing'
                        WHEN e.customer_id IS NULL THEN 'extra'
                        ELSE 'different' END
              FROM expected e
              FULL JOIN b2b_sale_customer_stats s
                ON (s.customer_id, s.company_id) = (e.customer_id, e.company_id)
             WHERE (e.first_date, e.last_date, e.order_days, e.orders, e.revenue, e.cost,
                    e.first_day_revenue, e.median_gap, e.days, e.day_revenues)
                   IS DISTINCT FROM
                   (s.first_date, s.last_date, s.order_days, s.orders, s.revenue, s.cost,
                    s.first_day_revenue, s.median_gap, s.days, s.day_revenues)
             LIMIT %(limit)s
            """,
            {"limit": limit},
        )
        return self.env.cr.fetchall()

    def _verify_category_rollups(self, limit):
        """The differences of the category rollups with the fresh facts of ``_verify``
        (``b2b_expected_fact``, whose categ_id is the template's current one)."""
        differences = []
        for rollup, period in CATEGORY_ROLLUPS.items():
            self.env.cr.execute(
                SQL(
                    """
                    WITH days AS (
                        SELECT date, company_id, customer_id, categ_id,
                               COUNT(DISTINCT order_id) AS order_count, COUNT(*) AS line_count,
                               SUM(revenue) AS revenue
                          FROM b2b_expected_fact
                         GROUP BY date, company_id, customer_id, categ_id
                    ), periods AS (
                        SELECT date_trunc(%(period)s, date)::date AS date, company_id,
                               customer_id, categ_id, SUM(order_count) AS order_count,
                               SUM(line_count) AS line_count, SUM(revenue) AS revenue,
                               MAX(date) AS last_date
                          FROM days
                         GROUP BY 1, company_id, customer_id, categ_id
                    ), expected AS (
                        SELECT *, lag(last_date) OVER (
                                      PARTITION BY customer_id, company_id, categ_id
                                      ORDER BY date) AS prev_date
                          FROM periods
                    )
                    SELECT %(name)s,
                           concat_ws('/', COALESCE(e.date, s.date),
                                     COALESCE(e.customer_id, s.customer_id),
                                     COALESCE(e.company_id, s.company_id),
                                     COALESCE(e.categ_id, s.categ_id)),
                           CASE WHEN s.date IS NULL THEN 'missing'
                                WHEN e.date IS NULL THEN 'extra'
                                ELSE 'different' END
                      FROM expected e
                      FULL JOIN %(table)s s
                        ON (s.date, s.customer_id, s.company_id, COALESCE(s.categ_id, 0))
                         = (e.date, e.customer_id, e.company_id, COALESCE(e.categ_id, 0))
                     WHERE s.date IS NULL OR e.date IS NULL
                        OR (s.order_count, s.line_count, s.revenue)
                           <> (e.order_count, e.line_count, e.revenue)
                        OR s.prev_date IS DISTINCT FROM e.prev_date
                     LIMIT %(limit)s
                    """,
                    period=period,
                    table=self._rollup_rows(rollup),
                    name=f"b2b_sale_{rollup}",
                    limit=limit,
                )
            )
            differences += self.env.cr.fetchall()
        return differences
