-- The rollups of the analytics facts on plain PostgreSQL: tables kept in step with
-- b2b_sale_fact by the facts' triggers (b2b_move_rollups), in the same transaction.
-- The customer rollups are keyed by day (month) x customer x company x tier at order x
-- the orders' sales team, campaign, medium and source.
-- The customer rollups move by deltas (upserts adding and subtracting), so concurrent
-- transactions never overwrite each other's contributions. Where TimescaleDB is
-- available, b2b_sale_facts_timescale.sql defines the same relations and functions as
-- continuous aggregates instead.

CREATE TABLE IF NOT EXISTS b2b_sale_daily (
    id bigserial PRIMARY KEY,
    date date NOT NULL,
    company_id integer NOT NULL,
    customer_id integer NOT NULL,
    tier_id integer,
    order_count integer NOT NULL,
    line_count integer NOT NULL,
    quantity double precision NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL,
    discount numeric NOT NULL DEFAULT 0,
    team_id integer,
    campaign_id integer,
    medium_id integer,
    source_id integer
);
-- Rollups created before 17.0.1.3.0: the discount, and the orders' sales team and UTM
-- fields in the key (that version's migration rebuilds them).
ALTER TABLE b2b_sale_daily
    ADD COLUMN IF NOT EXISTS discount numeric NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS team_id integer,
    ADD COLUMN IF NOT EXISTS campaign_id integer,
    ADD COLUMN IF NOT EXISTS medium_id integer,
    ADD COLUMN IF NOT EXISTS source_id integer;
DROP INDEX IF EXISTS b2b_sale_daily_key;
-- One row per day x customer x company x tier at order x the orders' team, campaign,
-- medium and source (a customer's orders of a day mostly share them: about one row
-- per customer and day still).
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_daily_channel_key
    ON b2b_sale_daily (date, customer_id, company_id, tier_id, team_id, campaign_id,
                       medium_id, source_id) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS b2b_sale_daily_company_date_idx ON b2b_sale_daily (company_id, date);
-- A customer's history in date order, with what its statistics sum (index-only scans).
DROP INDEX IF EXISTS b2b_sale_daily_customer_idx;
CREATE INDEX IF NOT EXISTS b2b_sale_daily_customer_date_idx ON b2b_sale_daily (customer_id, date)
    INCLUDE (company_id, order_count, revenue, cost);
-- Most customers order at most once a day: without this the planner takes
-- (customer, date) for ten times fewer groups than there are rows, and sorts.
CREATE STATISTICS IF NOT EXISTS b2b_sale_daily_customer_date (ndistinct)
    ON customer_id, date FROM b2b_sale_daily;

CREATE TABLE IF NOT EXISTS b2b_sale_monthly (LIKE b2b_sale_daily INCLUDING DEFAULTS);
ALTER TABLE b2b_sale_monthly
    ADD COLUMN IF NOT EXISTS discount numeric NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS team_id integer,
    ADD COLUMN IF NOT EXISTS campaign_id integer,
    ADD COLUMN IF NOT EXISTS medium_id integer,
    ADD COLUMN IF NOT EXISTS source_id integer;
DROP INDEX IF EXISTS b2b_sale_monthly_key;
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_monthly_channel_key
    ON b2b_sale_monthly (date, customer_id, company_id, tier_id, team_id, campaign_id,
                         medium_id, source_id) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS b2b_sale_monthly_company_date_idx
    ON b2b_sale_monthly (company_id, date);
-- A customer's months (its summary's trend): without it the key's (date, customer_id)
-- is read for every customer of the months.
CREATE INDEX IF NOT EXISTS b2b_sale_monthly_customer_date_idx
    ON b2b_sale_monthly (customer_id, date);

-- Per day x company x product, for users who see every customer. Insert-only: each
-- change adds its net delta as new rows, so confirmations that share a product never
-- wait for each other; b2b_compact_product_daily() merges each key's rows into one.
CREATE TABLE IF NOT EXISTS b2b_sale_product_daily (
    date date NOT NULL,
    company_id integer NOT NULL,
    product_id integer NOT NULL,
    line_count integer NOT NULL,
    quantity double precision NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS b2b_sale_product_daily_company_date_idx
    ON b2b_sale_product_daily (company_id, date);

-- Add (sign = 1) or remove (sign = -1) facts' contribution to a rollup (b2b_sale_daily
-- by day, b2b_sale_monthly by month), then drop the rows left without orders (a separate
-- statement: a row updated by the upsert cannot be deleted by the same statement).
CREATE OR REPLACE FUNCTION b2b_apply_rollup_delta(
    rollup regclass, period text, facts b2b_sale_fact[], sign integer)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    emptied bigint[];
BEGIN
    EXECUTE format($sql$
        WITH delta AS (
            SELECT date_trunc(%2$L, f.date)::date AS date, f.company_id, f.customer_id,
                   f.tier_id, f.team_id, f.campaign_id, f.medium_id, f.source_id,
                   $2 * COUNT(DISTINCT f.order_id) AS order_count,
                   $2 * COUNT(*) AS line_count,
                   $2 * SUM(f.quantity) AS quantity,
                   $2 * SUM(f.revenue) AS revenue,
                   $2 * SUM(f.cost) AS cost,
                   $2 * SUM(f.discount) AS discount
              FROM unnest($1) f
             GROUP BY 1, f.company_id, f.customer_id, f.tier_id, f.team_id, f.campaign_id,
                      f.medium_id, f.source_id
             -- a fixed order of upserts: concurrent transactions lock rows in one order
             ORDER BY 1, f.customer_id, f.company_id, f.tier_id, f.team_id, f.campaign_id,
                      f.medium_id, f.source_id
        ), upsert AS (
            INSERT INTO %1$s AS r
                   (date, company_id, customer_id, tier_id, team_id, campaign_id,
                    medium_id, source_id, order_count, line_count, quantity, revenue, cost,
                    discount)
            SELECT * FROM delta
            ON CONFLICT (date, customer_id, company_id, tier_id, team_id, campaign_id,
                         medium_id, source_id) DO UPDATE
               SET order_count = r.order_count + EXCLUDED.order_count,
                   line_count = r.line_count + EXCLUDED.line_count,
                   quantity = r.quantity + EXCLUDED.quantity,
                   revenue = r.revenue + EXCLUDED.revenue,
                   cost = r.cost + EXCLUDED.cost,
                   discount = r.discount + EXCLUDED.discount
            RETURNING r.id, r.order_count
        )
        SELECT array_agg(id) FROM upsert WHERE order_count = 0
    $sql$, rollup, period) INTO emptied USING facts, sign;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %s WHERE id = ANY($1)', rollup) USING emptied;
    END IF;
END
$$;


-- Move the rollups from the facts an order had (old_facts) to those it has now: the
-- customer rollups by day, then by month, then the category rollups
-- (b2b_sale_category_rollups.sql; one order of row locks for every transaction), the
-- product rollup by insert-only delta rows.
CREATE OR REPLACE FUNCTION b2b_move_rollups(old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF old_facts IS NOT NULL THEN
        PERFORM b2b_apply_rollup_delta('b2b_sale_daily', 'day', old_facts, -1);
        PERFORM b2b_apply_rollup_delta('b2b_sale_monthly', 'month', old_facts, -1);
    END IF;
    IF new_facts IS NOT NULL THEN
        PERFORM b2b_apply_rollup_delta('b2b_sale_daily', 'day', new_facts, 1);
        PERFORM b2b_apply_rollup_delta('b2b_sale_monthly', 'month', new_facts, 1);
    END IF;
    PERFORM b2b_move_category_rollups(old_facts, new_facts);
    INSERT INTO b2b_sale_product_daily
           (date, company_id, product_id, line_count, quantity, revenue, cost)
    SELECT date, company_id, product_id, SUM(sign), SUM(sign * quantity),
           SUM(sign * revenue), SUM(sign * cost)
      FROM (SELECT f.*, -1 AS sign FROM unnest(old_facts) f
            UNION ALL
            SELECT f.*, 1 FROM unnest(new_facts) f) delta
     GROUP BY date, company_id, product_id
    HAVING (SUM(sign), SUM(sign * quantity), SUM(sign * revenue), SUM(sign * cost))
           <> (0, 0, 0, 0);
END
$$;

-- Merge the delta rows of each day x company x product into one (dropping zeros).
-- Rows added meanwhile by other transactions are not in this snapshot: they stay.
CREATE OR REPLACE FUNCTION b2b_compact_product_daily() RETURNS void
LANGUAGE sql AS $$
    WITH merged AS (
        DELETE FROM b2b_sale_product_daily
         WHERE (date, company_id, product_id) IN (
                SELECT date, company_id, product_id FROM b2b_sale_product_daily
                 GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)
        RETURNING *
    )
    INSERT INTO b2b_sale_product_daily
    SELECT date, company_id, product_id, SUM(line_count), SUM(quantity), SUM(revenue),
           SUM(cost)
      FROM merged
     GROUP BY date, company_id, product_id
    HAVING (SUM(line_count), SUM(quantity), SUM(revenue), SUM(cost)) <> (0, 0, 0, 0);
$$;

-- Every rollup from the facts (b2b_rebuild_facts() calls this after refilling them).
CREATE OR REPLACE FUNCTION b2b_rebuild_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE b2b_sale_daily;
    INSERT INTO b2b_sale_daily
           (date, company_id, customer_id, tier_id, team_id, campaign_id, medium_id,
            source_id, order_count, line_count, quantity, revenue, cost, discount)
    SELECT date, company_id, customer_id, tier_id, team_id, campaign_id, medium_id,
           source_id, COUNT(DISTINCT order_id), COUNT(*), SUM(quantity), SUM(revenue),
           SUM(cost), SUM(discount)
      FROM b2b_sale_fact
     GROUP BY date, company_id, customer_id, tier_id, team_id, campaign_id, medium_id,
              source_id;
    PERFORM b2b_rebuild_monthly();
    PERFORM b2b_rebuild_product_daily();
    PERFORM b2b_rebuild_category_rollups();
END
$$;

-- The monthly rollup from the daily one.
CREATE OR REPLACE FUNCTION b2b_rebuild_monthly() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE b2b_sale_monthly;
    INSERT INTO b2b_sale_monthly
           (date, company_id, customer_id, tier_id, team_id, campaign_id, medium_id,
            source_id, order_count, line_count, quantity, revenue, cost, discount)
    SELECT date_trunc('month', date)::date, company_id, customer_id, tier_id, team_id,
           campaign_id, medium_id, source_id, SUM(order_count), SUM(line_count),
           SUM(quantity), SUM(revenue), SUM(cost), SUM(discount)
      FROM b2b_sale_daily
     GROUP BY 1, company_id, customer_id, tier_id, team_id, campaign_id, medium_id,
              source_id;
$$;

-- The product rollup from the facts, one row per key.
CREATE OR REPLACE FUNCTION b2b_rebuild_product_daily() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE b2b_sale_product_daily;
    INSERT INTO b2b_sale_product_daily
    SELECT date, company_id, product_id, COUNT(*), SUM(quantity), SUM(revenue), SUM(cost)
      FROM b2b_sale_fact
     GROUP BY date, company_id, product_id;
$$;

-- The order days of the customers ``customer_ids`` (NULL: of every customer) per
-- company, with their orders, revenue and cost: what b2b_sale_customer_stats.sql
-- computes its statistics from. Here from the daily rollup (index-only, a customer's
-- rows in date order).
CREATE OR REPLACE FUNCTION b2b_sale_customer_days(customer_ids integer[])
RETURNS TABLE (customer_id integer, company_id integer, date date, orders bigint,
               revenue numeric, cost numeric)
LANGUAGE sql STABLE AS $$
    SELECT d.customer_id, d.company_id, d.date, SUM(d.order_count), SUM(d.revenue),
           SUM(d.cost)
      FROM b2b_sale_daily d
     WHERE customer_ids IS NULL OR d.customer_id = ANY(customer_ids)
     GROUP BY d.customer_id, d.company_id, d.date
$$;
