"""The analytics facts: the bottom layer every analytics answer reads (docs/facts.md).

The model owns the SQL beside it in ``models/sql/`` through the module's whole life:
installs it (``init``, on install and on every upgrade: the SQL is idempotent), fills the
facts after installation (``_post_init``), rebuilds, refreshes and verifies them, reads
the rollups (``_rollup_rows``) and drops it all on uninstall (``_uninstall``).
"""

import logging
import os
from contextlib import closing, contextmanager
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models, sql_db, tools
from odoo.tools import SQL, file_open

_logger = logging.getLogger(__name__)

# The setting whose timezone the facts' dates and hours are in (read by the SQL function
# b2b_analytics_timezone()).
TIMEZONE_PARAM = "smart_dairy_b2b.analytics_timezone"

# The triggers of b2b_sale_facts.sql, by table: off during a bulk load (_bulk_load).
TRIGGERS = {
    "sale_order_line": (
        "b2b_sale_line_inserted",
        "b2b_sale_line_updated",
        "b2b_sale_line_deleted",
    ),
    "sale_order": ("b2b_sale_order_updated",),
    "product_template": ("b2b_product_category_updated",),
}

# The transaction's setting holding the facts' version its last rebuild reached.
REBUILT_SETTING = "smart_dairy_b2b.facts_rebuilt"

# Pending days closer than this are refreshed in one window.
REFRESH_GAP_DAYS = 7

# The customer rollups' key after day (month) and company (b2b_sale_rollups.sql).
KEY = "customer_id, tier_id, team_id, campaign_id, medium_id, source_id"

# TimescaleDB: a rollup's rows are its continuous aggregate's for the settled days and,
# summed from the facts, those of the pending days (%(days)s, constants in the query).
DAILY_SETTLED = SQL(
    f"""SELECT b2b_rollup_row_id(date, {KEY}) AS id, date, company_id, {KEY},
               order_count, line_count, quantity, revenue, cost, discount
          FROM b2b_sale_daily_agg"""
)
DAILY_PENDING = f"""
    SELECT b2b_rollup_row_id(date, {KEY}) AS id, date, company_id, {KEY},
           COUNT(DISTINCT order_id) AS order_count, COUNT(*) AS line_count,
           SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost,
           SUM(discount) AS discount
      FROM b2b_sale_fact
     WHERE date = ANY(%(days)s)
     GROUP BY date, company_id, {KEY}"""
PRODUCT_SETTLED = SQL(
    """SELECT date, company_id, product_id, line_count, quantity, revenue, cost
         FROM b2b_sale_product_daily_agg"""
)
PRODUCT_PENDING = """
    SELECT date, company_id, product_id, COUNT(*) AS line_count, SUM(quantity) AS quantity,
           SUM(revenue) AS revenue, SUM(cost) AS cost
      FROM b2b_sale_fact
     WHERE date = ANY(%(days)s)
     GROUP BY date, company_id, product_id"""
MONTHLY_SETTLED = SQL(
    f"""SELECT date, company_id, {KEY}, order_count, line_count, quantity, revenue, cost,
               discount
          FROM b2b_sale_monthly_agg"""
)
MONTHLY_PENDING = f"""
    SELECT date_trunc('month', date)::date AS date, company_id, {KEY},
           SUM(order_count) AS order_count, SUM(line_count) AS line_count,
           SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost,
           SUM(discount) AS discount
      FROM %(daily)s d
     WHERE date >= %(first)s AND date < %(after)s
       AND date_trunc('month', date)::date = ANY(%(days)s)
     GROUP BY 1, company_id, {KEY}"""


# The category rollups (b2b_sale_category_rollups.sql): tables on both paths.
CATEGORY_ROLLUPS = {"category_daily": "day", "category_monthly": "month"}

SETTLED = {"daily": DAILY_SETTLED, "monthly": MONTHLY_SETTLED, "product_daily": PRODUCT_SETTLED}
PENDING = {"daily": DAILY_PENDING, "product_daily": PRODUCT_PENDING}


def _settled_and_pending(name, days, pending=None):
    """A rollup's parts: its aggregate rows outside ``days`` and its rows of ``days``
    (default: summed from the facts)."""
    if not days:
        return [SETTLED[name]]
    if pending is None:
        pending = SQL(PENDING[name], days=days)
    return [SQL("%s WHERE date <> ALL(%s)", SETTLED[name], days), pending]


def _day_ranges(days, gap_days=REFRESH_GAP_DAYS):
    """Sorted [start, end) windows covering ``days``, joining days less than
    ``gap_days`` apart."""
    ranges = []
    for day in sorted(set(days)):
        if ranges and (day - ranges[-1][1]).days < gap_days:
            ranges[-1][1] = day + timedelta(days=1)
        else:
            ranges.append([day, day + timedelta(days=1)])
    return [tuple(window) for window in ranges]


def _month_ranges(days):
    """[start, end) windows of whole months covering ``days``."""
    ranges = []
    for month in sorted({day.replace(day=1) for day in days}):
        if ranges and ranges[-1][1] == month:
            ranges[-1][1] = month + relativedelta(months=1)
        else:
            ranges.append([month, month + relativedelta(months=1)])
    return [tuple(window) for window in ranges]


class B2bSaleFacts(models.AbstractModel):
    """The analytics facts (table b2b_sale_fact and its rollups).

    Their definition lives in ``sql/b2b_sale_facts.sql``; PostgreSQL triggers keep them
    in step with the orders. The rollups are tables kept by the same triggers
    (``sql/b2b_sale_rollups.sql``) or, where TimescaleDB is available, continuous
    aggregates (``sql/b2b_sale_facts_timescale.sql``); the same triggers keep each
    customer's statistics (``sql/b2b_sale_customer_stats.sql``);
    ``sql/b2b_sale_facts_uninstall.sql`` drops whichever the database has.
    """

    _name = "b2b.sale.facts"
    _description = "B2B Analytics Facts"

    def init(self):
        # The functions name columns that other models of this module add.
        self.env.cr.execute("SET LOCAL check_function_bodies TO off")
        self.env.cr.execute(self._sql_file("b2b_sale_facts.sql"))
        if self._detect_hypertable() or self._timescale_available():
            self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
            self.env.cr.execute(self._sql_file("b2b_sale_facts_timescale.sql"))
            _logger.info("B2B analytics: TimescaleDB hypertable and continuous aggregates")
        else:
            self.env.cr.execute(self._sql_file("b2b_sale_rollups.sql"))
        self.env.cr.execute(self._sql_file("b2b_sale_customer_stats.sql"))
        self.env.cr.execute(self._sql_file("b2b_sale_category_rollups.sql"))
        self.env.registry.clear_cache()  # _is_hypertable() may have changed

    @api.model
    def _post_init(self):
        """After installation: the analytics timezone defaults to the installing user's
        (else UTC), then the facts of the orders already there are computed in it, and
        the model's cron is due (b2b.analytics.model.fit)."""
        params = self.env["ir.config_parameter"].sudo()
        # the predictions read stored parameters: their cron fits them once now
        self.env.ref("smart_dairy_b2b.b2b_model_fit_cron")._trigger()
        if not params.get_param(TIMEZONE_PARAM):
            params.set_param(TIMEZONE_PARAM, self.env.user.tz or "UTC")
        elif self._rebuilt_since_last_change():
            return  # by the demo's bulk load, just before this hook
        self._rebuild()

    @api.model
    def _uninstall(self):
        """Drop every table, aggregate, function, trigger and sequence of the facts."""
        self.env.cr.execute(self._sql_file("b2b_sale_facts_uninstall.sql"))

    @staticmethod
    def _sql_file(name):
        with file_open(f"smart_dairy_b2b/models/sql/{name}") as sql_file:
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

    @tools.ormcache()
    def _is_hypertable(self):
        """Whether the facts are a TimescaleDB hypertable (and the rollups continuous
        aggregates); known from the module's installation on."""
        return self._detect_hypertable()

    def _detect_hypertable(self):
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")
        if not self.env.cr.fetchone():
            return False
        self.env.cr.execute(
            """SELECT 1 FROM timescaledb_information.hypertables
                WHERE hypertable_schema = current_schema() AND hypertable_name = 'b2b_sale_fact'"""
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _rollup_rows(self, name, pending_days=None):
        """The rows of the rollup ``name`` (``daily``, ``monthly``, ``product_daily``,
        ``category_daily`` or ``category_monthly``), as SQL to select from, with the
        columns of the tables of b2b_sale_rollups.sql (b2b_sale_category_rollups.sql):
        the union of ``_rollup_parts``."""
        return SQL("(%s)", SQL(" UNION ALL ").join(self._rollup_parts(name, pending_days)))

    @api.model
    def _rollup_parts(self, name, pending_days=None):
        """The rows of the rollup ``name`` as SELECTs whose UNION ALL they are.

        On plain PostgreSQL, and for the category rollups on both paths, the table.
        With TimescaleDB, the continuous aggregate's rows of the settled days (months)
        and, summed now from the facts, those of the days changed since its last
        refresh (``pending_days``, default ``_pending_days()``): the same answers. The
        pending days are constants in the query, so the planner reads only their chunks
        of the facts. A reader that joins or filters the rows does so in each part,
        where the planner knows the part's statistics (a union hides them)."""
        if name in CATEGORY_ROLLUPS or not self._is_hypertable():
            return [SQL("SELECT * FROM %s", SQL.identifier(f"b2b_sale_{name}"))]
        days = self._pending_days() if pending_days is None else pending_days
        if name != "monthly":
            return _settled_and_pending(name, days)
        months = sorted({day.replace(day=1) for day in days})
        if not months:
            return _settled_and_pending("monthly", months)
        pending = SQL(
            MONTHLY_PENDING,
            daily=self._rollup_rows("daily", days),
            first=months[0],
            after=months[-1] + relativedelta(months=1),
            days=months,
        )
        return _settled_and_pending("monthly", months, pending)

    @api.model
    def _pending_days(self):
        """TimescaleDB: the days whose facts changed since the continuous aggregates'
        last refresh, sorted (b2b_rollup_pending). None on plain PostgreSQL."""
        if not self._is_hypertable():
            return None
        self.env.flush_all()  # changes reach the facts, and their days the pending list
        self.env.cr.execute("SELECT array_agg(DISTINCT date ORDER BY date) FROM b2b_rollup_pending")
        return self.env.cr.fetchone()[0] or []

    @contextmanager
    def _bulk_load(self):
        """For a load of thousands of orders (the demo, the generator): the facts'
        triggers are off while the block writes, then every fact is rebuilt once, one
        pass over the orders instead of a refresh per statement. The facts are behind
        only inside the block, in its transaction; ALTER TABLE is transactional, so an
        error that rolls the load back restores the triggers with it."""
        self.env.flush_all()
        self._set_triggers(enabled=False)
        yield
        self.env.flush_all()
        self._set_triggers(enabled=True)
        self._rebuild()

    def _set_triggers(self, enabled):
        action = "ENABLE TRIGGER %s" if enabled else "DISABLE TRIGGER %s"
        for table, triggers in TRIGGERS.items():
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s %s",
                    SQL.identifier(table),
                    SQL(", ").join(SQL(action, SQL.identifier(name)) for name in triggers),
                )
            )

    @api.model
    def _rebuild(self):
        """Recompute every fact and rollup from the orders. With TimescaleDB every day
        is then pending (read from the facts, exact but slower) until the rollup cron,
        triggered now, has refreshed the continuous aggregates after this transaction."""
        self.env.flush_all()
        # The version reached, for _rebuilt_since_last_change(): a setting local to the
        # transaction, undone with it or with a savepoint rolled back.
        self.env.cr.execute(
            "SELECT set_config(%s, b2b_rebuild_facts()::text, true)", [REBUILT_SETTING]
        )
        if self._is_hypertable():
            self.env.cr.execute(
                "ANALYZE b2b_sale_fact, b2b_rollup_pending, b2b_sale_customer_stats"
            )
            self.env.ref("smart_dairy_b2b.b2b_rollup_maintenance_cron")._trigger()
        else:
            self.env.cr.execute(
                "ANALYZE b2b_sale_fact, b2b_sale_daily, b2b_sale_monthly, b2b_sale_product_daily,"
                " b2b_sale_customer_stats"
            )
        self.env.cr.execute("ANALYZE b2b_sale_category_daily, b2b_sale_category_monthly")
        _logger.info("Rebuilt the B2B analytics facts")

    def _rebuilt_since_last_change(self):
        """Whether this transaction rebuilt the facts and nothing has changed them since
        (every change bumps the sequence b2b_facts_version)."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT current_setting(%s, true) = last_value::text FROM b2b_facts_version""",
            [REBUILT_SETTING],
        )
        return bool(self.env.cr.fetchone()[0])

    @api.model
    def _prune_changes(self):
        """Forget the logged changes of the facts (b2b_facts_change) every running
        transaction sees, and raise the horizon past them: a result kept from before
        is read again once (b2b.analytics.reading._facts_changes). The daily refit cron
        calls it, so the log holds about a day's changes."""
        self.env.cr.execute(
            """WITH gone AS (DELETE FROM b2b_facts_change
                              WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
                          RETURNING xid)
               UPDATE b2b_facts_change_horizon
                  SET xid = GREATEST(xid, pg_snapshot_xmin(pg_current_snapshot()))
                WHERE EXISTS (SELECT FROM gone)"""
        )

    @api.model
    def _maintain_rollups(self):
        """The rollup cron: refresh the continuous aggregates for the pending days
        (TimescaleDB), or merge the delta rows of the product rollup (plain tables)."""
        if self._is_hypertable():
            self._refresh_rollups()
        else:
            self.env.cr.execute("SELECT b2b_compact_product_daily()")

    @api.model
    def _refresh_rollups(self):
        """Refresh the continuous aggregates for the days pending now, then forget those
        pending rows. Returns how many days were refreshed.

        A refresh cannot run inside a transaction: it runs on a connection of its own,
        in autocommit, and sees only committed changes. Every pending row it forgets
        was committed before the refresh began, so the refresh covered its change; rows
        added meanwhile stay pending. One refresher at a time (advisory lock)."""
        connection = sql_db.db_connect(self.env.cr.dbname)
        with closing(connection.cursor()) as cr:
            cr._cnx.autocommit = True
            # rather fail (the cron tries again) than wait long behind a transaction
            cr.execute("SET lock_timeout = '30s'")
            try:
                cr.execute("SELECT pg_try_advisory_lock(hashtext('b2b_refresh_rollups'))")
                if not cr.fetchone()[0]:
                    _logger.info("B2B rollups: another refresh is running")
                    return 0
                try:
                    return self._refresh_pending(cr)
                finally:
                    cr.execute("SELECT pg_advisory_unlock(hashtext('b2b_refresh_rollups'))")
            finally:
                cr.execute("RESET lock_timeout")
                cr._cnx.autocommit = False

    @staticmethod
    def _refresh_pending(cr):
        cr.execute("SELECT array_agg(id), array_agg(DISTINCT date) FROM b2b_rollup_pending")
        pending, days = cr.fetchone()
        if not pending:
            return 0
        refresh = "CALL refresh_continuous_aggregate(%s, %s::date, %s::date)"
        for start, end in _day_ranges(days):
            cr.execute(refresh, ["b2b_sale_daily_agg", start, end])
            cr.execute(refresh, ["b2b_sale_product_daily_agg", start, end])
        for start, end in _month_ranges(days):
            cr.execute(refresh, ["b2b_sale_monthly_agg", start, end])
        cr.execute("DELETE FROM b2b_rollup_pending WHERE id = ANY(%s)", [pending])
        cr.execute("ANALYZE b2b_rollup_pending")
        _logger.info("B2B rollups: refreshed %s pending day(s)", len(days))
        return len(days)
