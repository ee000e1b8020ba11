import logging
import os

from odoo import api, models
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)


class B2bSaleFacts(models.AbstractModel):
    """The analytics facts (table b2b_sale_fact and its rollups).

    Their definition lives in ``b2b_sale_facts.sql``; PostgreSQL triggers keep them
    in step with the orders. This model installs that SQL, rebuilds the facts and
    verifies them against a from-scratch computation.
    """

    _name = "b2b.sale.facts"
    _description = "B2B Analytics Facts"

    def init(self):
        # The functions name columns that other models of this module add.
        self.env.cr.execute("SET LOCAL check_function_bodies TO off")
        self.env.cr.execute(self._sql_file("b2b_sale_facts.sql"))
        if self._timescale_available():
            self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
            self.env.cr.execute(self._sql_file("b2b_sale_facts_timescale.sql"))
            _logger.info("B2B analytics facts: TimescaleDB hypertable")

    @staticmethod
    def _sql_file(name):
        with file_open(f"smart_dairy_b2b/report/{name}") as sql_file:
            return sql_file.read()

    def _timescale_available(self):
        """Whether CREATE EXTENSION timescaledb can succeed here: the extension is
        installed on the server and preloaded. SMART_DAIRY_B2B_TIMESCALE=off in the
        environment keeps plain PostgreSQL tables."""
        if os.environ.get("SMART_DAIRY_B2B_TIMESCALE", "auto").lower() in ("off", "0", "no"):
            return False
        self.env.cr.execute(
            """SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                      AND current_setting('shared_preload_libraries') LIKE '%timescaledb%'"""
        )
        return self.env.cr.fetchone()[0]

    def _is_hypertable(self):
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")
        if not self.env.cr.fetchone():
            return False
        self.env.cr.execute(
            """SELECT 1 FROM timescaledb_information.hypertables
                WHERE hypertable_schema = current_schema() AND hypertable_name = 'b2b_sale_fact'"""
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _rebuild(self):
        """Recompute every fact and rollup from the orders."""
        self.env.flush_all()
        self.env.cr.execute("SELECT b2b_rebuild_facts()")
        self.env.cr.execute(
            "ANALYZE b2b_sale_fact, b2b_sale_daily, b2b_sale_monthly, b2b_sale_product_daily"
        )
        _logger.info("Rebuilt the B2B analytics facts")

    @api.model
    def _compact_product_rollup(self):
        """Merge the delta rows that order changes added to the product rollup."""
        self.env.cr.execute("SELECT b2b_compact_product_daily()")

    @api.model
    def _verify(self, limit=100):
        """Compare the stored facts with a fresh computation.

        Returns a list of differences (at most ``limit`` of each kind), each a dict
        with ``table``, ``key`` and ``problem``; empty when all is in step.
        """
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT 'b2b_sale_fact', COALESCE(e.line_id, f.line_id)::text,
                   CASE WHEN f.line_id IS NULL THEN 'missing'
                        WHEN e.line_id IS NULL THEN 'extra'
                        ELSE 'different' END
              FROM b2b_counted_lines(NULL) e
              FULL JOIN b2b_sale_fact f ON f.line_id = e.line_id
             WHERE ROW(e.*) IS DISTINCT FROM ROW(f.*)
             LIMIT %(limit)s
            """,
            {"limit": limit},
        )
        differences = self.env.cr.fetchall()
        for table, period in (("b2b_sale_daily", "day"), ("b2b_sale_monthly", "month")):
            self.env.cr.execute(
                SQL(
                    """
                    WITH expected AS (
                        SELECT date_trunc(%(period)s, date)::date AS date, company_id,
                               customer_id, COALESCE(tier_id, 0) AS tier_id,
                               COUNT(DISTINCT order_id) AS order_count, COUNT(*) AS line_count,
                               SUM(quantity) AS quantity, SUM(revenue) AS revenue,
                               SUM(cost) AS cost
                          FROM b2b_counted_lines(NULL)
                         GROUP BY 1, company_id, customer_id, COALESCE(tier_id, 0)
                    ), stored AS (
                        SELECT date, company_id, customer_id, COALESCE(tier_id, 0) AS tier_id,
                               order_count, line_count, quantity, revenue, cost
                          FROM %(table)s
                    )
                    SELECT %(name)s,
                           concat_ws('/', COALESCE(e.date, s.date),
                                     COALESCE(e.customer_id, s.customer_id),
                                     COALESCE(e.company_id, s.company_id),
                                     COALESCE(e.tier_id, s.tier_id)),
                           CASE WHEN s.date IS NULL THEN 'missing'
                                WHEN e.date IS NULL THEN 'extra'
                                ELSE 'different' END
                      FROM expected e
                      FULL JOIN stored s
                        ON (s.date, s.customer_id, s.company_id, s.tier_id)
                         = (e.date, e.customer_id, e.company_id, e.tier_id)
                     WHERE s.date IS NULL OR e.date IS NULL
                        OR (s.order_count, s.line_count, s.revenue, s.cost)
                           <> (e.order_count, e.line_count, e.revenue, e.cost)
                        OR abs(s.quantity - e.quantity) > 1e-6 * greatest(abs(e.quantity), 1)
                     LIMIT %(limit)s
                    """,
                    period=period,
                    table=SQL.identifier(table),
                    name=table,
                    limit=limit,
                )
            )
            differences += self.env.cr.fetchall()
        self.env.cr.execute(
            """
            WITH expected AS (
                SELECT date, company_id, product_id, COUNT(*) AS line_count,
                       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost
                  FROM b2b_counted_lines(NULL)
                 GROUP BY date, company_id, product_id
            ), stored AS (
                SELECT date, company_id, product_id, SUM(line_count) AS line_count,
                       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost
                  FROM b2b_sale_product_daily
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
            {"limit": limit},
        )
        differences += self.env.cr.fetchall()
        return [
            {"table": table, "key": key, "problem": problem} for table, key, problem in differences
        ]
