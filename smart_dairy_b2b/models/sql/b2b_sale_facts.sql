-- Analytics facts of smart_dairy_b2b: the ONE place that turns sale orders into the
-- numbers of docs/definitions.md. Everything else (views, services, exports, API)
-- reads b2b_sale_fact (one row per counted line) or its rollups b2b_sale_daily (one row
-- per day x customer x company x tier at order), b2b_sale_monthly (the same per month,
-- dated the month's first day) and b2b_sale_product_daily (per day x company x product).
--
-- The facts are kept in step with sale_order / sale_order_line by statement-level
-- triggers, inside the transaction that changes the orders, whatever the path (ORM,
-- import, SQL). The rollups are defined by b2b_sale_rollups.sql (plain PostgreSQL:
-- tables moved by deltas) or b2b_sale_facts_timescale.sql (TimescaleDB: continuous
-- aggregates); each defines b2b_move_rollups() and b2b_rebuild_rollups() for this file.
-- b2b_sale_customer_stats.sql keeps each customer's statistics (b2b_sale_customer_stats)
-- with the same triggers.

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
    cost numeric NOT NULL,
    discount numeric NOT NULL DEFAULT 0,
    team_id integer,
    campaign_id integer,
    medium_id integer,
    source_id integer
);
-- Facts created before 17.0.1.3.0 get the discount and the order's channel and UTM
-- fields (filled by that version's migration, a rebuild).
ALTER TABLE b2b_sale_fact
    ADD COLUMN IF NOT EXISTS discount numeric NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS team_id integer,
    ADD COLUMN IF NOT EXISTS campaign_id integer,
    ADD COLUMN IF NOT EXISTS medium_id integer,
    ADD COLUMN IF NOT EXISTS source_id integer;
CREATE INDEX IF NOT EXISTS b2b_sale_fact_order_idx ON b2b_sale_fact (order_id);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_date_idx ON b2b_sale_fact (company_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_customer_idx ON b2b_sale_fact (customer_id, date);
CREATE INDEX IF NOT EXISTS b2b_sale_fact_product_idx ON b2b_sale_fact (product_id, date);

-- The day of each order's facts (every line of an order has its order's date): a
-- change deletes an order's facts by day and order, never by scanning every chunk.
CREATE TABLE IF NOT EXISTS b2b_sale_fact_order (
    order_id integer PRIMARY KEY,
    date date NOT NULL
);
-- Filled once where the facts predate it (17.0.1.2.0).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM b2b_sale_fact_order) THEN
        INSERT INTO b2b_sale_fact_order SELECT order_id, date FROM b2b_sale_fact GROUP BY 1, 2;
    END IF;
END
$$;

-- Bumped by every change of the facts: b2b.sale.facts._rebuilt_since_last_change()
-- compares it.
CREATE SEQUENCE IF NOT EXISTS b2b_facts_version;

-- What changed in the facts, by whom: one row per customer (and its earliest day) of
-- each change, the writing transaction's id, so that a result kept between calls knows
-- exactly which changes its snapshot did not see (b2b.analytics.reading._cached):
-- those committed after it and those in progress when it was read. A row without a
-- customer (and day): everything changed (a rebuild). Insert-only: confirmations of
-- different customers never wait for each other. The daily refit cron deletes the rows
-- every running transaction sees and raises the horizon: a result read before it is
-- read again.
CREATE TABLE IF NOT EXISTS b2b_facts_change (
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    customer_id integer,
    date date
);
CREATE INDEX IF NOT EXISTS b2b_facts_change_xid_idx ON b2b_facts_change (xid);
CREATE TABLE IF NOT EXISTS b2b_facts_change_horizon (xid xid8 NOT NULL);
INSERT INTO b2b_facts_change_horizon
SELECT '0'::xid8 WHERE NOT EXISTS (SELECT FROM b2b_facts_change_horizon);

CREATE OR REPLACE FUNCTION b2b_log_facts_change(
    old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE sql AS $$
    INSERT INTO b2b_facts_change (customer_id, date)
    SELECT customer_id, MIN(date)
      FROM (SELECT customer_id, date FROM unnest(old_facts)
            UNION ALL
            SELECT customer_id, date FROM unnest(new_facts)) touched
     GROUP BY customer_id;
$$;

-- A change of B2B customers (created, approved, moved to another salesperson or tier,
-- deleted...) is logged too, without a day: what was kept of them is read again, and a
-- result keyed by whose customers a user sees needs no digest of every customer.
CREATE OR REPLACE FUNCTION b2b_customer_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO b2b_facts_change (customer_id) SELECT id FROM new_rows;
    ELSE
        INSERT INTO b2b_facts_change (customer_id) SELECT id FROM old_rows;
    END IF;
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER b2b_customer_inserted AFTER INSERT ON b2b_customer
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_customer_changed();
CREATE OR REPLACE TRIGGER b2b_customer_updated AFTER UPDATE ON b2b_customer
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_customer_changed();
CREATE OR REPLACE TRIGGER b2b_customer_deleted AFTER DELETE ON b2b_customer
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_customer_changed();

-- The analytics timezone (setting smart_dairy_b2b.analytics_timezone, default UTC).
CREATE OR REPLACE FUNCTION b2b_analytics_timezone() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT COALESCE(
        (SELECT value FROM ir_config_parameter
          WHERE key = 'smart_dairy_b2b.analytics_timezone' AND value <> ''),
        'UTC')
$$;

-- Counted lines of the given orders (NULL: of all orders), docs/definitions.md:
-- confirmed orders of a B2B customer; product lines only (no section, note or
-- down payment); revenue = untaxed subtotal in the company currency; cost from
-- sale_margin's purchase_price; quantity in the product's UoM; date and hour in the
-- analytics timezone; discount = list price x quantity x discount % in the company
-- currency (sale.report's discount_amount); the order's sales team and UTM fields.
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
           COALESCE(l.purchase_price, 0) * l.product_uom_qty / rate.value,
           COALESCE(l.price_unit * l.product_uom_qty * l.discount / 100, 0) / rate.value,
           o.team_id,
           o.campaign_id,
           o.medium_id,
           o.source_id
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

-- Recompute the facts of the given orders and move their rollup contributions.
CREATE OR REPLACE FUNCTION b2b_refresh_order_facts(order_ids integer[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    old_dates date[];
    old_facts b2b_sale_fact[];
    new_facts b2b_sale_fact[];
BEGIN
    IF order_ids IS NULL OR cardinality(order_ids) = 0 THEN
        RETURN;
    END IF;
    WITH gone AS (
        DELETE FROM b2b_sale_fact_order WHERE order_id = ANY(order_ids) RETURNING date
    )
    SELECT array_agg(DISTINCT date) INTO old_dates FROM gone;
    IF old_dates IS NOT NULL THEN
        -- by day and order, planned for these days: only their chunks (and, compressed,
        -- only their batches) are read
        EXECUTE 'WITH gone AS (DELETE FROM b2b_sale_fact
                                WHERE date = ANY($1) AND order_id = ANY($2) RETURNING *)
                 SELECT array_agg(gone) FROM gone'
           INTO old_facts USING old_dates, order_ids;
    END IF;
    WITH added AS (
        INSERT INTO b2b_sale_fact SELECT * FROM b2b_counted_lines(order_ids) RETURNING *
    )
    SELECT array_agg(added) INTO new_facts FROM added;
    IF old_facts IS NULL AND new_facts IS NULL THEN
        RETURN;  -- quotations, cancelled orders: no facts before, none now
    END IF;
    INSERT INTO b2b_sale_fact_order SELECT DISTINCT order_id, date FROM unnest(new_facts);
    PERFORM nextval('b2b_facts_version');
    PERFORM b2b_log_facts_change(old_facts, new_facts);
    -- the customers' statistics rows first: one order of row locks for every transaction
    -- (b2b_sale_customer_stats.sql)
    PERFORM b2b_lock_customer_stats(old_facts, new_facts);
    PERFORM b2b_move_rollups(old_facts, new_facts);
    PERFORM b2b_refresh_customer_stats(old_facts, new_facts);
END
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
                    n.price_subtotal, n.purchase_price, n.display_type, n.is_downpayment,
                    n.price_unit, n.discount)
                   IS DISTINCT FROM
                   (o.order_id, o.product_id, o.product_uom_qty, o.product_uom,
                    o.price_subtotal, o.purchase_price, o.display_type, o.is_downpayment,
                    o.price_unit, o.discount)
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
                n.b2b_tier_id, n.user_id, n.team_id, n.campaign_id, n.medium_id, n.source_id)
               IS DISTINCT FROM
               (o.state, o.date_order, o.currency_rate, o.company_id, o.b2b_customer_id,
                o.b2b_tier_id, o.user_id, o.team_id, o.campaign_id, o.medium_id,
                o.source_id)));
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
    TRUNCATE b2b_sale_fact, b2b_sale_fact_order;
    INSERT INTO b2b_sale_fact SELECT * FROM b2b_counted_lines(NULL);
    INSERT INTO b2b_sale_fact_order SELECT order_id, date FROM b2b_sale_fact GROUP BY 1, 2;
    PERFORM b2b_rebuild_rollups();
    PERFORM b2b_rebuild_customer_stats();
    RETURN nextval('b2b_facts_version');
END
$$;
