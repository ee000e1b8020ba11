-- Analytics facts of smart_dairy_b2b: the ONE place that turns sale orders into the
-- numbers of DESIGN.md section 5. Everything else (views, services, exports, API)
-- reads b2b_sale_fact (one row per counted line) or its rollups b2b_sale_daily (one row
-- per day x customer x company x tier at order), b2b_sale_monthly (the same per month,
-- dated the month's first day) and b2b_sale_product_daily (per day x company x product).
--
-- Kept in step with sale_order / sale_order_line by statement-level triggers, inside
-- the transaction that changes the orders, whatever the path (ORM, import, SQL).
-- The rollup is updated by deltas (upserts adding and subtracting), so concurrent
-- transactions never overwrite each other's contributions.

CREATE TABLE IF NOT EXISTS b2b_sale_fact (
    line_id integer PRIMARY KEY,
    order_id integer NOT NULL,
    company_id integer NOT NULL,
    customer_id integer NOT NULL,
    tier_id integer,
    salesperson_id integer,
    product_id integer NOT NULL,
    product_tmpl_id integer NOT NULL,
    categ_id integer,
    date date NOT NULL,
    hour smallint NOT NULL,
    quantity double precision NOT NULL,
    revenue numeric NOT NULL,
    cost numeric NOT NULL
);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_order_idx ON b2b_sale_fact (order_id);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_date_idx ON b2b_sale_fact (company_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_customer_idx ON b2b_sale_fact (customer_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_product_idx ON b2b_sale_fact (product_id, date);

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
    cost numeric NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_daily_key
    ON b2b_sale_daily (date, customer_id, company_id, tier_id) NULLS NOT DISTINCT;
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
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_monthly_key
    ON b2b_sale_monthly (date, customer_id, company_id, tier_id) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS b2b_sale_monthly_company_date_idx
    ON b2b_sale_monthly (company_id, date);

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

-- Bumped by every change of the facts: caches of derived results (model fits) compare it.
CREATE SEQUENCE IF NOT EXISTS b2b_facts_version;

-- The analytics timezone (setting smart_dairy_b2b.analytics_timezone, default UTC).
CREATE OR REPLACE FUNCTION b2b_analytics_timezone() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT COALESCE(
        (SELECT value FROM ir_config_parameter
          WHERE key = 'smart_dairy_b2b.analytics_timezone' AND value <> ''),
        'UTC')
$$;

-- Counted lines of the given orders (NULL: of all orders), DESIGN.md section 5:
-- confirmed orders of a B2B customer; product lines only (no section, note or
-- down payment); revenue = untaxed subtotal in the company currency; cost from
-- sale_margin's purchase_price; quantity in the product's UoM; date and hour in the
-- analytics timezone.
CREATE OR REPLACE FUNCTION b2b_counted_lines(order_ids integer[])
RETURNS SETOF b2b_sale_fact
LANGUAGE sql STABLE AS $$
    SELECT l.id,
           o.id,
           o.company_id,
           o.b2b_customer_id,
           o.b2b_tier_id,
           o.user_id,
           l.product_id,
           p.product_tmpl_id,
           t.categ_id,
           (o.date_order AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date,
           extract(hour FROM o.date_order AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::smallint,
           l.product_uom_qty / COALESCE(u.factor, 1) * COALESCE(u2.factor, 1),
           l.price_subtotal / rate.value,
           COALESCE(l.purchase_price, 0) * l.product_uom_qty / rate.value
      FROM sale_order_line l
      JOIN sale_order o ON o.id = l.order_id
      JOIN product_product p ON p.id = l.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id
      LEFT JOIN uom_uom u ON u.id = l.product_uom
      LEFT JOIN uom_uom u2 ON u2.id = t.uom_id
     CROSS JOIN (SELECT b2b_analytics_timezone() AS name) tz
     CROSS JOIN LATERAL (
            SELECT CASE COALESCE(o.currency_rate, 0) WHEN 0 THEN 1.0
                        ELSE o.currency_rate::numeric END AS value) rate
     WHERE o.state = 'sale'
       AND o.b2b_customer_id IS NOT NULL
       AND l.display_type IS NULL
       AND NOT COALESCE(l.is_downpayment, false)
       AND (order_ids IS NULL OR o.id = ANY(order_ids))
$$;

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
                   f.tier_id,
                   $2 * COUNT(DISTINCT f.order_id) AS order_count,
                   $2 * COUNT(*) AS line_count,
                   $2 * SUM(f.quantity) AS quantity,
                   $2 * SUM(f.revenue) AS revenue,
                   $2 * SUM(f.cost) AS cost
              FROM unnest($1) f
             GROUP BY 1, f.company_id, f.customer_id, f.tier_id
             -- a fixed order of upserts: concurrent transactions lock rows in one order
             ORDER BY 1, f.customer_id, f.company_id, f.tier_id
        ), upsert AS (
            INSERT INTO %1$s AS r
                   (date, company_id, customer_id, tier_id,
                    order_count, line_count, quantity, revenue, cost)
            SELECT * FROM delta
            ON CONFLICT (date, customer_id, company_id, tier_id) DO UPDATE
               SET order_count = r.order_count + EXCLUDED.order_count,
                   line_count = r.line_count + EXCLUDED.line_count,
                   quantity = r.quantity + EXCLUDED.quantity,
                   revenue = r.revenue + EXCLUDED.revenue,
                   cost = r.cost + EXCLUDED.cost
            RETURNING r.id, r.order_count
        )
        SELECT array_agg(id) FROM upsert WHERE order_count = 0
    $sql$, rollup, period) INTO emptied USING facts, sign;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %s WHERE id = ANY($1)', rollup) USING emptied;
    END IF;
END
$$;

-- Both rollups, in one order (day rows, then month rows) for every transaction.
CREATE OR REPLACE FUNCTION b2b_apply_rollups(facts b2b_sale_fact[], sign integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM b2b_apply_rollup_delta('b2b_sale_daily', 'day', facts, sign);
    PERFORM b2b_apply_rollup_delta('b2b_sale_monthly', 'month', facts, sign);
END
$$;

-- Recompute the facts of the given orders and move their rollup contributions.
CREATE OR REPLACE FUNCTION b2b_refresh_order_facts(order_ids integer[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    old_facts b2b_sale_fact[];
    new_facts b2b_sale_fact[];
BEGIN
    IF order_ids IS NULL OR cardinality(order_ids) = 0 THEN
        RETURN;
    END IF;
    PERFORM nextval('b2b_facts_version');
    WITH gone AS (
        DELETE FROM b2b_sale_fact WHERE order_id = ANY(order_ids) RETURNING *
    )
    SELECT array_agg(gone) INTO old_facts FROM gone;
    WITH added AS (
        INSERT INTO b2b_sale_fact SELECT * FROM b2b_counted_lines(order_ids) RETURNING *
    )
    SELECT array_agg(added) INTO new_facts FROM added;
    IF old_facts IS NOT NULL THEN
        PERFORM b2b_apply_rollups(old_facts, -1);
    END IF;
    IF new_facts IS NOT NULL THEN
        PERFORM b2b_apply_rollups(new_facts, 1);
    END IF;
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

CREATE OR REPLACE FUNCTION b2b_sale_line_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM b2b_refresh_order_facts(ARRAY(SELECT DISTINCT order_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM b2b_refresh_order_facts(ARRAY(SELECT DISTINCT order_id FROM old_rows));
    ELSE
        PERFORM b2b_refresh_order_facts(ARRAY(
            SELECT n.order_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.order_id, n.product_id, n.product_uom_qty, n.product_uom,
                    n.price_subtotal, n.purchase_price, n.display_type, n.is_downpayment)
                   IS DISTINCT FROM
                   (o.order_id, o.product_id, o.product_uom_qty, o.product_uom,
                    o.price_subtotal, o.purchase_price, o.display_type, o.is_downpayment)
            UNION
            SELECT o.order_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.order_id IS DISTINCT FROM o.order_id));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION b2b_sale_order_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM b2b_refresh_order_facts(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.state, n.date_order, n.currency_rate, n.company_id, n.b2b_customer_id,
                n.b2b_tier_id, n.user_id)
               IS DISTINCT FROM
               (o.state, o.date_order, o.currency_rate, o.company_id, o.b2b_customer_id,
                o.b2b_tier_id, o.user_id)));
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER b2b_sale_line_inserted AFTER INSERT ON sale_order_line
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_sale_line_changed();
CREATE OR REPLACE TRIGGER b2b_sale_line_updated AFTER UPDATE ON sale_order_line
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_sale_line_changed();
CREATE OR REPLACE TRIGGER b2b_sale_line_deleted AFTER DELETE ON sale_order_line
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_sale_line_changed();
CREATE OR REPLACE TRIGGER b2b_sale_order_updated AFTER UPDATE ON sale_order
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_sale_order_changed();

-- Rebuild everything from the orders (after a bulk load or a timezone change).
CREATE OR REPLACE FUNCTION b2b_rebuild_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    -- PL/pgSQL plans each statement when it runs: TRUNCATE may drop hypertable chunks.
    TRUNCATE b2b_sale_fact, b2b_sale_daily;
    INSERT INTO b2b_sale_fact SELECT * FROM b2b_counted_lines(NULL);
    INSERT INTO b2b_sale_daily
           (date, company_id, customer_id, tier_id,
            order_count, line_count, quantity, revenue, cost)
    SELECT date, company_id, customer_id, tier_id, COUNT(DISTINCT order_id), COUNT(*),
           SUM(quantity), SUM(revenue), SUM(cost)
      FROM b2b_sale_fact
     GROUP BY date, company_id, customer_id, tier_id;
    PERFORM b2b_rebuild_monthly();
    PERFORM b2b_rebuild_product_daily();
    RETURN nextval('b2b_facts_version');
END
$$;

-- The monthly rollup from the daily one.
CREATE OR REPLACE FUNCTION b2b_rebuild_monthly() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE b2b_sale_monthly;
    INSERT INTO b2b_sale_monthly
           (date, company_id, customer_id, tier_id,
            order_count, line_count, quantity, revenue, cost)
    SELECT date_trunc('month', date)::date, company_id, customer_id, tier_id,
           SUM(order_count), SUM(line_count), SUM(quantity), SUM(revenue), SUM(cost)
      FROM b2b_sale_daily
     GROUP BY 1, company_id, customer_id, tier_id;
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
