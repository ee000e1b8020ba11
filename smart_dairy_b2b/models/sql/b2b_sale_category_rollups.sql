-- The category rollups of the analytics facts, on both paths (plain PostgreSQL and
-- TimescaleDB: run after b2b_sale_rollups.sql or b2b_sale_facts_timescale.sql, whose
-- b2b_move_rollups() and b2b_rebuild_rollups() call the functions below).
--
-- b2b_sale_category_daily: day x company x customer x the product's CURRENT category
-- (docs/definitions.md, *Category preferences*), with order_count = the customer's
-- orders of that day having a line in that category (additive over days and customers:
-- an order has one customer and one day), line_count and revenue (the order's company
-- currency) and prev_date: the key's (customer, company, category) last day with an order
-- before the row's day (month): the customers of a period [start, end] are its rows with
-- prev_date NULL or before start, each customer's first row in the period, counted
-- without DISTINCT. b2b_sale_category_monthly: the same per month, dated the month's
-- first day.
--
-- The category is the template's current one, not the facts' categ_id (the category of
-- the line's last write): the order triggers move the rows by deltas grouped by the
-- template's category now, and b2b_product_category_changed moves the past sales of a
-- product whose category changes. Plain tables on TimescaleDB too: a continuous
-- aggregate of the facts could not follow a product's category.

CREATE TABLE IF NOT EXISTS b2b_sale_category_daily (
    id bigserial PRIMARY KEY,
    date date NOT NULL,
    company_id integer NOT NULL,
    customer_id integer NOT NULL,
    categ_id integer,
    order_count integer NOT NULL,
    line_count integer NOT NULL,
    revenue numeric NOT NULL,
    prev_date date
);
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_category_daily_key
    ON b2b_sale_category_daily (date, customer_id, company_id, categ_id) NULLS NOT DISTINCT;
-- The readers' paths: a period with what it sums (index-only scans once vacuumed: the
-- 12 months at L are about 100,000 rows); one key's days in order (prev_date, and one
-- customer's period).
CREATE INDEX IF NOT EXISTS b2b_sale_category_daily_date_idx ON b2b_sale_category_daily (date)
    INCLUDE (customer_id, company_id, categ_id, order_count, revenue, prev_date);
CREATE INDEX IF NOT EXISTS b2b_sale_category_daily_customer_idx
    ON b2b_sale_category_daily (customer_id, categ_id, date);

CREATE TABLE IF NOT EXISTS b2b_sale_category_monthly (LIKE b2b_sale_category_daily INCLUDING DEFAULTS);
-- LIKE copies no primary key: the deltas delete and the prev_date updates find rows by id
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_category_monthly_id_idx
    ON b2b_sale_category_monthly (id);
CREATE UNIQUE INDEX IF NOT EXISTS b2b_sale_category_monthly_key
    ON b2b_sale_category_monthly (date, customer_id, company_id, categ_id) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS b2b_sale_category_monthly_date_idx ON b2b_sale_category_monthly (date)
    INCLUDE (customer_id, company_id, categ_id, order_count, revenue, prev_date);
CREATE INDEX IF NOT EXISTS b2b_sale_category_monthly_customer_idx
    ON b2b_sale_category_monthly (customer_id, categ_id, date);

-- The facts' lines with their template's current category.
CREATE OR REPLACE FUNCTION b2b_category_lines(facts b2b_sale_fact[])
RETURNS TABLE (date date, company_id integer, customer_id integer, order_id integer,
               revenue numeric, categ_id integer)
LANGUAGE sql STABLE AS $$
    SELECT f.date, f.company_id, f.customer_id, f.order_id, f.revenue, t.categ_id
      FROM unnest(facts) f
      JOIN product_template t ON t.id = f.product_tmpl_id
$$;

-- Add (sign = 1) or remove (sign = -1) facts' contribution to a category rollup
-- (b2b_sale_category_daily by day, b2b_sale_category_monthly by month), each line under
-- its category (b2b_category_lines). Whole orders only: order_count counts an order
-- once per category. Then drop the rows left without lines (a separate statement, as
-- b2b_apply_rollup_delta). prev_date is set afterwards (b2b_set_category_prev_dates).
CREATE OR REPLACE FUNCTION b2b_apply_category_delta(
    rollup regclass, period text, facts b2b_sale_fact[], sign integer)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    emptied bigint[];
BEGIN
    EXECUTE format($sql$
        WITH delta AS (
            SELECT date_trunc(%2$L, date)::date AS date, company_id, customer_id, categ_id,
                   $2 * COUNT(DISTINCT order_id) AS order_count, $2 * COUNT(*) AS line_count,
                   $2 * SUM(revenue) AS revenue
              FROM b2b_category_lines($1)
             GROUP BY 1, company_id, customer_id, categ_id
             -- a fixed order of upserts: concurrent transactions lock rows in one order
             ORDER BY 1, customer_id, company_id, categ_id
        ), upsert AS (
            INSERT INTO %1$s AS r
                   (date, company_id, customer_id, categ_id, order_count, line_count, revenue)
            SELECT * FROM delta
            ON CONFLICT (date, customer_id, company_id, categ_id) DO UPDATE
               SET order_count = r.order_count + EXCLUDED.order_count,
                   line_count = r.line_count + EXCLUDED.line_count,
                   revenue = r.revenue + EXCLUDED.revenue
            RETURNING r.id, r.line_count
        )
        SELECT array_agg(id) FROM upsert WHERE line_count = 0
    $sql$, rollup, period) INTO emptied USING facts, sign;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %s WHERE id = ANY($1)', rollup) USING emptied;
    END IF;
END
$$;

-- After days of keys (customer, company, category) gained or lost their row: the
-- prev_date of the rows it may change, each key's first two daily rows from that day on
-- and first two monthly rows from that month on, each by the key's index (ordered by
-- it: by date alone, the planner walks the date index past every other customer's
-- rows). (categ_id is required on product templates: compared with =.)
CREATE OR REPLACE FUNCTION b2b_set_category_prev_dates(
    customer_ids integer[], company_ids integer[], categ_ids integer[], days date[])
RETURNS void
LANGUAGE sql AS $$
    WITH touched AS (
        SELECT DISTINCT * FROM unnest(customer_ids, company_ids, categ_ids, days)
                               a(customer_id, company_id, categ_id, date)
    ), fixed AS (
        SELECT r.id, (SELECT p.date FROM b2b_sale_category_daily p
                       WHERE p.customer_id = r.customer_id AND p.categ_id = r.categ_id
                         AND p.company_id = r.company_id AND p.date < r.date
                       ORDER BY p.customer_id DESC, p.categ_id DESC, p.date DESC
                       LIMIT 1) AS prev_date
          FROM touched a
         CROSS JOIN LATERAL (
                SELECT r.id, r.customer_id, r.company_id, r.categ_id, r.date
                  FROM b2b_sale_category_daily r
                 WHERE r.customer_id = a.customer_id AND r.categ_id = a.categ_id
                   AND r.company_id = a.company_id AND r.date >= a.date
                 ORDER BY r.customer_id, r.categ_id, r.date LIMIT 2) r
    )
    UPDATE b2b_sale_category_daily r SET prev_date = fixed.prev_date FROM fixed
     WHERE r.id = fixed.id AND r.prev_date IS DISTINCT FROM fixed.prev_date;
    WITH touched AS (
        SELECT DISTINCT customer_id, company_id, categ_id, date_trunc('month', date)::date AS date
          FROM unnest(customer_ids, company_ids, categ_ids, days)
               a(customer_id, company_id, categ_id, date)
    ), fixed AS (
        SELECT r.id, (SELECT p.date FROM b2b_sale_category_daily p
                       WHERE p.customer_id = r.customer_id AND p.categ_id = r.categ_id
                         AND p.company_id = r.company_id AND p.date < r.date
                       ORDER BY p.customer_id DESC, p.categ_id DESC, p.date DESC
                       LIMIT 1) AS prev_date
          FROM touched a
         CROSS JOIN LATERAL (
                SELECT r.id, r.customer_id, r.company_id, r.categ_id, r.date
                  FROM b2b_sale_category_monthly r
                 WHERE r.customer_id = a.customer_id AND r.categ_id = a.categ_id
                   AND r.company_id = a.company_id AND r.date >= a.date
                 ORDER BY r.customer_id, r.categ_id, r.date LIMIT 2) r
    )
    UPDATE b2b_sale_category_monthly r SET prev_date = fixed.prev_date FROM fixed
     WHERE r.id = fixed.id AND r.prev_date IS DISTINCT FROM fixed.prev_date;
$$;

-- Move the category rollups from the facts an order had to those it has now (by day,
-- then by month: one order of row locks for every transaction), then the prev_date of
-- the keys and days they touched.
CREATE OR REPLACE FUNCTION b2b_move_category_rollups(
    old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF old_facts IS NOT NULL THEN
        PERFORM b2b_apply_category_delta('b2b_sale_category_daily', 'day', old_facts, -1);
        PERFORM b2b_apply_category_delta('b2b_sale_category_monthly', 'month', old_facts, -1);
    END IF;
    IF new_facts IS NOT NULL THEN
        PERFORM b2b_apply_category_delta('b2b_sale_category_daily', 'day', new_facts, 1);
        PERFORM b2b_apply_category_delta('b2b_sale_category_monthly', 'month', new_facts, 1);
    END IF;
    PERFORM b2b_set_category_prev_dates(array_agg(customer_id), array_agg(company_id),
                                        array_agg(categ_id), array_agg(date))
       FROM (SELECT customer_id, company_id, categ_id, date
               FROM b2b_category_lines(old_facts)
              UNION
             SELECT customer_id, company_id, categ_id, date
               FROM b2b_category_lines(new_facts)) touched;
END
$$;

-- A product template moved to another category: the rows of its former and new
-- categories are computed again from the facts (past sales included: every key of those
-- categories, prev_date with them). The facts keep their categ_id (the category of the
-- line's last write). The lock makes order changes wait for this transaction (or this
-- wait for theirs), so no order's delta is computed with the category being replaced; a
-- category change is rare. (Moving each order's delta instead takes minutes at L for a
-- product in half the orders: every key and day of those orders.)
CREATE OR REPLACE FUNCTION b2b_product_category_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    categ_ids integer[];
BEGIN
    SELECT array_agg(DISTINCT c) INTO categ_ids
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (o.categ_id), (n.categ_id)) v(c)
     WHERE n.categ_id IS DISTINCT FROM o.categ_id;
    IF categ_ids IS NULL THEN
        RETURN NULL;
    END IF;
    LOCK TABLE b2b_sale_category_daily IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO b2b_facts_change DEFAULT VALUES;  -- results kept between calls are stale
    PERFORM b2b_rebuild_category_rollups(categ_ids);
    RETURN NULL;
END
$$;

-- No column list: a trigger with transition tables cannot have one (the function
-- returns at once when no category changed).
CREATE OR REPLACE TRIGGER b2b_product_category_updated AFTER UPDATE ON product_template
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION b2b_product_category_changed();

-- The category rollups from the facts, by the templates' current categories: every row
-- (categ_ids NULL), or the rows of those categories (a product's category changed;
-- through the facts' product index).
CREATE OR REPLACE FUNCTION b2b_rebuild_category_rollups(categ_ids integer[] DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF categ_ids IS NULL THEN
        TRUNCATE b2b_sale_category_daily, b2b_sale_category_monthly;
    ELSE
        DELETE FROM b2b_sale_category_daily WHERE categ_id = ANY(categ_ids);
        DELETE FROM b2b_sale_category_monthly WHERE categ_id = ANY(categ_ids);
    END IF;
    INSERT INTO b2b_sale_category_daily
           (date, company_id, customer_id, categ_id, order_count, line_count, revenue,
            prev_date)
    SELECT f.date, f.company_id, f.customer_id, t.categ_id, COUNT(DISTINCT f.order_id),
           COUNT(*), SUM(f.revenue),
           lag(f.date) OVER (PARTITION BY f.customer_id, f.company_id, t.categ_id
                             ORDER BY f.date)
      FROM b2b_sale_fact f
      JOIN product_product p ON p.id = f.product_id
      JOIN product_template t ON t.id = p.product_tmpl_id
     WHERE categ_ids IS NULL
        OR f.product_id IN (SELECT pp.id FROM product_product pp
                              JOIN product_template pt ON pt.id = pp.product_tmpl_id
                             WHERE pt.categ_id = ANY(categ_ids))
     GROUP BY f.date, f.company_id, f.customer_id, t.categ_id;
    INSERT INTO b2b_sale_category_monthly
           (date, company_id, customer_id, categ_id, order_count, line_count, revenue,
            prev_date)
    SELECT month, company_id, customer_id, categ_id, order_count, line_count, revenue,
           lag(last_date) OVER (PARTITION BY customer_id, company_id, categ_id ORDER BY month)
      FROM (SELECT date_trunc('month', date)::date AS month, company_id, customer_id,
                   categ_id, SUM(order_count) AS order_count, SUM(line_count) AS line_count,
                   SUM(revenue) AS revenue, MAX(date) AS last_date
              FROM b2b_sale_category_daily
             WHERE categ_ids IS NULL OR categ_id = ANY(categ_ids)
             GROUP BY 1, company_id, customer_id, categ_id) m;
END
$$;
