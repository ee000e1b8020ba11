-- TimescaleDB for the analytics facts, run where the extension is available (instead of
-- b2b_sale_rollups.sql; b2b_sale_category_rollups.sql runs after it on both paths):
--
-- * the line facts are a hypertable partitioned by date (3-month chunks), compressed
--   after a year;
-- * the rollups are continuous aggregates of them: b2b_sale_daily_agg and
--   b2b_sale_product_daily_agg by day (old chunks compressed after a year too), and
--   b2b_sale_monthly_agg by month, built on the daily one;
-- * every change of the facts records its days in b2b_rollup_pending, in its own
--   transaction. A continuous aggregate shows a change only after its next refresh,
--   and a refresh cannot run inside the transaction that changed the orders; so the
--   readers (b2b.sale.facts._rollup_rows()) take the aggregates' rows for settled days
--   and sum the facts of pending days (months) on the fly. The answers equal the
--   plain-PostgreSQL rollup tables at every moment. b2b.sale.facts._refresh_rollups()
--   (a cron, and `odoo b2b_facts --refresh`) refreshes the aggregates for the pending
--   days, then forgets the pending rows it read, each refreshed after it was committed.
--
-- Confirming orders writes only facts and pending rows (inserts), and its customer's
-- statistics row (b2b_sale_customer_stats.sql): concurrent confirmations of different
-- customers never wait for each other.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                    WHERE hypertable_schema = current_schema()
                      AND hypertable_name = 'b2b_sale_fact') THEN
        -- a hypertable's unique indexes must include its time column
        ALTER TABLE b2b_sale_fact DROP CONSTRAINT IF EXISTS b2b_sale_fact_pkey;
        CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_fact_line_date_idx
            ON b2b_sale_fact (line_id, date);
        PERFORM create_hypertable('b2b_sale_fact', by_range('date', INTERVAL '3 months'),
                                  migrate_data => true);
        ALTER TABLE b2b_sale_fact SET (
            timescaledb.compress,
            timescaledb.compress_segmentby = 'company_id',
            timescaledb.compress_orderby = 'date, customer_id'
        );
        PERFORM add_compression_policy('b2b_sale_fact', INTERVAL '1 year', if_not_exists => true);
    END IF;
    -- A database that had the plain-PostgreSQL rollup tables (TimescaleDB installed
    -- later): they give way to the continuous aggregates.
    IF EXISTS (SELECT 1 FROM pg_class
                WHERE oid = to_regclass('b2b_sale_daily') AND relkind = 'r') THEN
        DROP TABLE b2b_sale_daily, b2b_sale_monthly, b2b_sale_product_daily;
        DROP FUNCTION IF EXISTS b2b_apply_rollup_delta, b2b_compact_product_daily,
            b2b_rebuild_monthly, b2b_rebuild_product_daily;
    END IF;
END
$$;

-- An order's change deletes its facts by day and order: in a compressed chunk that
-- decompresses only the batches of that day (a few thousand rows each), however many
-- days one transaction touches.
ALTER FUNCTION b2b_refresh_order_facts(integer[])
    SET timescaledb.max_tuples_decompressed_per_dml_transaction = 0;

-- Days whose rollup rows changed since the continuous aggregates were last refreshed
-- for them. Insert-only (one row per change and day): no two transactions ever wait
-- for the same row.
CREATE TABLE IF NOT EXISTS b2b_rollup_pending (
    id bigserial PRIMARY KEY,
    date date NOT NULL
);
CREATE INDEX IF NOT EXISTS b2b_rollup_pending_date_idx ON b2b_rollup_pending (date);

-- Aggregates created before 17.0.1.3.0 lack the discount and the orders' sales team
-- and UTM fields: they are created again below, every day of the facts pending until
-- their first refresh.
DO $$
BEGIN
    IF to_regclass('b2b_sale_daily_agg') IS NOT NULL
       AND NOT EXISTS (SELECT FROM pg_attribute
                        WHERE attrelid = to_regclass('b2b_sale_daily_agg')
                          AND attname = 'discount' AND NOT attisdropped) THEN
        DROP MATERIALIZED VIEW b2b_sale_monthly_agg;
        DROP MATERIALIZED VIEW b2b_sale_daily_agg;
        INSERT INTO b2b_rollup_pending (date) SELECT DISTINCT date FROM b2b_sale_fact;
    END IF;
END
$$;

CREATE MATERIALIZED VIEW IF NOT EXISTS b2b_sale_daily_agg
WITH (timescaledb.continuous, timescaledb.materialized_only = true,
      timescaledb.create_group_indexes = false, timescaledb.chunk_interval = '6 months') AS
SELECT time_bucket('1 day', date) AS date, company_id, customer_id, tier_id, team_id,
       campaign_id, medium_id, source_id,
       COUNT(DISTINCT order_id) AS order_count, COUNT(*) AS line_count,
       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost,
       SUM(discount) AS discount
  FROM b2b_sale_fact
 GROUP BY 1, company_id, customer_id, tier_id, team_id, campaign_id, medium_id, source_id
WITH NO DATA;

CREATE MATERIALIZED VIEW IF NOT EXISTS b2b_sale_monthly_agg
WITH (timescaledb.continuous, timescaledb.materialized_only = true,
      timescaledb.create_group_indexes = false, timescaledb.chunk_interval = '6 months') AS
SELECT time_bucket('1 month', date) AS date, company_id, customer_id, tier_id, team_id,
       campaign_id, medium_id, source_id,
       SUM(order_count) AS order_count, SUM(line_count) AS line_count,
       SUM(quantity) AS quantity, SUM(revenue) AS revenue, SUM(cost) AS cost,
       SUM(discount) AS discount
  FROM b2b_sale_daily_agg
 GROUP BY 1, company_id, customer_id, tier_id, team_id, campaign_id, medium_id, source_id
WITH NO DATA;

CREATE MATERIALIZED VIEW IF NOT EXISTS b2b_sale_product_daily_agg
WITH (timescaledb.continuous, timescaledb.materialized_only = true,
      timescaledb.create_group_indexes = false, timescaledb.chunk_interval = '6 months') AS
SELECT time_bucket('1 day', date) AS date, company_id, product_id,
       COUNT(*) AS line_count, SUM(quantity) AS quantity, SUM(revenue) AS revenue,
       SUM(cost) AS cost
  FROM b2b_sale_fact
 GROUP BY 1, company_id, product_id
WITH NO DATA;

-- The readers' access paths: by company and period, and a customer's history in date
-- order with what its statistics sum (index-only scans).
CREATE INDEX IF NOT EXISTS b2b_sale_daily_agg_company_date_idx
    ON b2b_sale_daily_agg (company_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_daily_agg_customer_date_idx
    ON b2b_sale_daily_agg (customer_id, date) INCLUDE (company_id, order_count, revenue, cost);
CREATE INDEX IF NOT EXISTS b2b_sale_monthly_agg_company_date_idx
    ON b2b_sale_monthly_agg (company_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_monthly_agg_customer_date_idx
    ON b2b_sale_monthly_agg (customer_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_product_daily_agg_company_date_idx
    ON b2b_sale_product_daily_agg (company_id, date);

-- Old chunks of the daily aggregates compressed after a year, segmented by what their
-- readers filter on; a refresh of an old day writes into them all the same. (The
-- monthly one is small, a few rows per customer and chunk: compressing it would make
-- it larger.)
DO $$
DECLARE
    agg record;
BEGIN
    FOR agg IN SELECT * FROM (VALUES ('b2b_sale_daily_agg', 'customer_id'),
                                     ('b2b_sale_product_daily_agg', 'company_id')) a(name, segment)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM timescaledb_information.continuous_aggregates
                        WHERE view_name = agg.name AND compression_enabled) THEN
            EXECUTE format('ALTER MATERIALIZED VIEW %I SET (timescaledb.compress = true, '
                           'timescaledb.compress_segmentby = %L, '
                           'timescaledb.compress_orderby = %L)',
                           agg.name, agg.segment, 'date');
            PERFORM add_compression_policy(agg.name::regclass, compress_after => INTERVAL '1 year',
                                           if_not_exists => true);
        END IF;
    END LOOP;
END
$$;

-- The id of a daily row (b2b.analytics lists them): a 53-bit hash of its key (exact in
-- JavaScript). Its key has too many parts to pack; two of a million rows share an id
-- with a chance of about one in 20,000. (Days as numbers, no value as 0: the text hashed
-- depends on no setting, and no two keys give the same text.)
DROP FUNCTION IF EXISTS b2b_rollup_row_id(date, integer, integer);
CREATE OR REPLACE FUNCTION b2b_rollup_row_id(
    date date, customer_id integer, tier_id integer, team_id integer, campaign_id integer,
    medium_id integer, source_id integer)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT hashtextextended(concat_ws('/', date - DATE '2000-01-01', customer_id,
                                      COALESCE(tier_id, 0), COALESCE(team_id, 0),
                                      COALESCE(campaign_id, 0), COALESCE(medium_id, 0),
                                      COALESCE(source_id, 0)), 0)
           & ((1::bigint << 53) - 1)
$$;

-- What the facts' triggers call: the days of the facts an order had and has now are
-- pending until the aggregates are refreshed for them. The category rollups are plain
-- tables on this path too (b2b_sale_category_rollups.sql: a continuous aggregate could
-- not follow a product's category), moved by deltas in the same transaction.
CREATE OR REPLACE FUNCTION b2b_move_rollups(old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE sql AS $$
    INSERT INTO b2b_rollup_pending (date)
    SELECT date FROM unnest(old_facts)
     UNION
    SELECT date FROM unnest(new_facts);
    SELECT b2b_move_category_rollups(old_facts, new_facts);
$$;

-- After the facts were refilled: every day they have, or the aggregates have, is
-- pending; the category rollups are rebuilt.
CREATE OR REPLACE FUNCTION b2b_rebuild_rollups() RETURNS void
LANGUAGE sql AS $$
    INSERT INTO b2b_rollup_pending (date)
    SELECT date FROM b2b_sale_fact
     UNION
    SELECT date FROM b2b_sale_daily_agg;
    SELECT b2b_rebuild_category_rollups();
$$;

-- Aggregates never refreshed while there are facts (a database converted from the
-- plain tables above, or one whose refresh never ran): every day of the facts is
-- pending until the first refresh.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM b2b_sale_daily_agg)
       AND NOT EXISTS (SELECT FROM b2b_rollup_pending) THEN
        INSERT INTO b2b_rollup_pending (date) SELECT DISTINCT date FROM b2b_sale_fact;
    END IF;
END
$$;

-- The order days of the customers ``customer_ids`` (NULL: of every customer) per
-- company, with their orders, revenue and cost: what b2b_sale_customer_stats.sql
-- computes its statistics from. The daily aggregate's rows of the settled days
-- (segmented by customer when compressed) and the facts of the pending days, as
-- b2b.sale.facts._rollup_rows() reads them: the same answers as the plain rollup. A
-- refresh commits the aggregate before it forgets the pending rows, so one snapshot
-- sees each day exactly once.
CREATE OR REPLACE FUNCTION b2b_sale_customer_days(customer_ids integer[])
RETURNS TABLE (customer_id integer, company_id integer, date date, orders bigint,
               revenue numeric, cost numeric)
LANGUAGE sql STABLE AS $$
    SELECT a.customer_id, a.company_id, a.date, SUM(a.order_count)::bigint, SUM(a.revenue),
           SUM(a.cost)
      FROM b2b_sale_daily_agg a
     WHERE (customer_ids IS NULL OR a.customer_id = ANY(customer_ids))
       AND NOT EXISTS (SELECT FROM b2b_rollup_pending p WHERE p.date = a.date)
     GROUP BY a.customer_id, a.company_id, a.date
     UNION ALL
    SELECT f.customer_id, f.company_id, f.date, COUNT(DISTINCT f.order_id), SUM(f.revenue),
           SUM(f.cost)
      FROM b2b_sale_fact f
     WHERE (customer_ids IS NULL OR f.customer_id = ANY(customer_ids))
       AND f.date IN (SELECT p.date FROM b2b_rollup_pending p)
     GROUP BY f.customer_id, f.company_id, f.date
$$;
