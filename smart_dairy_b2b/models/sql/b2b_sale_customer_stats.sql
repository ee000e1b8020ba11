-- Per-customer statistics of the analytics facts (docs/facts.md): one row per customer
-- and company with counted orders, what RFM, CLV, churn, the at-risk list and the
-- rhythm read of a customer's whole history, kept in step with the facts by their
-- triggers (b2b_refresh_order_facts), in the same transaction. Run after
-- b2b_sale_facts.sql and whichever of b2b_sale_rollups.sql or
-- b2b_sale_facts_timescale.sql the database has: each of those defines
-- b2b_sale_customer_days(), the order days this file's statistics are computed from.
--
-- A confirmation locks only its customer's row, first (b2b_lock_customer_stats), then
-- computes the row again from that customer's order days in a later statement, whose
-- snapshot holds every change committed by the transactions it waited for: concurrent
-- confirmations of different customers never wait for each other, those of one
-- customer one after the other, and no total is ever computed from a stale snapshot.

CREATE TABLE IF NOT EXISTS b2b_sale_customer_stats (
    customer_id integer NOT NULL,
    company_id integer NOT NULL,
    first_date date,
    last_date date,
    order_days integer NOT NULL DEFAULT 0,
    orders integer NOT NULL DEFAULT 0,
    revenue numeric NOT NULL DEFAULT 0,
    cost numeric NOT NULL DEFAULT 0,
    -- the revenue of the first order day: repeat revenue = revenue - this
    first_day_revenue numeric NOT NULL DEFAULT 0,
    -- the median of the days between consecutive order days (NULL with one order day)
    median_gap double precision,
    -- every order day, ascending: a customer's rows of several companies merge exactly
    -- (order days and their median gap), and the rhythm reads its window's days here
    days date[] NOT NULL DEFAULT '{}',
    -- the revenue of each of those days, in the same order (the rhythm's order-day
    -- revenue: the window's days and revenues are a slice of both arrays; floats, the
    -- rhythm's median is one, and eight bytes each read fast)
    day_revenues double precision[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (customer_id, company_id)
);
-- added in 17.0.1.6.0 (its migration fills it)
ALTER TABLE b2b_sale_customer_stats
    ADD COLUMN IF NOT EXISTS day_revenues double precision[] NOT NULL DEFAULT '{}';

-- The statistics of the customers ``customer_ids`` (NULL: of every customer) from their
-- order days, one row per customer and company. An SQL function the planner inlines:
-- called with constant ids it reads only their order days (an index range each).
CREATE OR REPLACE FUNCTION b2b_compute_customer_stats(customer_ids integer[])
RETURNS SETOF b2b_sale_customer_stats
LANGUAGE sql STABLE AS $$
    SELECT customer_id, company_id, MIN(date), MAX(date), COUNT(*)::integer,
           SUM(orders)::integer, SUM(revenue), SUM(cost),
           (array_agg(revenue ORDER BY date))[1],
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap),
           array_agg(date ORDER BY date),
           array_agg(revenue::double precision ORDER BY date)
      FROM (SELECT d.*, d.date - lag(d.date) OVER (PARTITION BY d.customer_id, d.company_id
                                                   ORDER BY d.date) AS gap
              FROM b2b_sale_customer_days(customer_ids) d) days
     GROUP BY customer_id, company_id
$$;

-- Lock the statistics rows of the customers (and companies) of an order's old and new
-- facts, in one order for every transaction; a customer's first order inserts its row.
CREATE OR REPLACE FUNCTION b2b_lock_customer_stats(
    old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE sql AS $$
    INSERT INTO b2b_sale_customer_stats AS s (customer_id, company_id)
    SELECT customer_id, company_id FROM unnest(old_facts)
     UNION
    SELECT customer_id, company_id FROM unnest(new_facts)
     ORDER BY 1, 2
        ON CONFLICT (customer_id, company_id) DO UPDATE SET customer_id = s.customer_id;
$$;

-- Compute the rows locked by b2b_lock_customer_stats() again (after the rollups moved);
-- a row left without order days goes.
CREATE OR REPLACE FUNCTION b2b_refresh_customer_stats(
    old_facts b2b_sale_fact[], new_facts b2b_sale_fact[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    customers integer[];
    companies integer[];
BEGIN
    SELECT array_agg(customer_id), array_agg(company_id) INTO customers, companies
      FROM (SELECT customer_id, company_id FROM unnest(old_facts)
             UNION
            SELECT customer_id, company_id FROM unnest(new_facts)) touched;
    -- planned with the ids as constants: only these customers' order days are read
    EXECUTE $sql$
        WITH computed AS (
            SELECT * FROM b2b_compute_customer_stats($1)
             WHERE (customer_id, company_id) IN (SELECT * FROM unnest($1, $2))
        ), updated AS (
            UPDATE b2b_sale_customer_stats s
               SET first_date = c.first_date, last_date = c.last_date,
                   order_days = c.order_days, orders = c.orders, revenue = c.revenue,
                   cost = c.cost, first_day_revenue = c.first_day_revenue,
                   median_gap = c.median_gap, days = c.days, day_revenues = c.day_revenues
              FROM computed c
             WHERE (s.customer_id, s.company_id) = (c.customer_id, c.company_id)
        )
        DELETE FROM b2b_sale_customer_stats s
         WHERE (s.customer_id, s.company_id) IN (SELECT * FROM unnest($1, $2))
           AND NOT EXISTS (SELECT FROM computed c
                            WHERE (c.customer_id, c.company_id) = (s.customer_id, s.company_id))
    $sql$ USING customers, companies;
END
$$;

-- Every row from the rollups (b2b_rebuild_facts() calls this after refilling them).
CREATE OR REPLACE FUNCTION b2b_rebuild_customer_stats() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE b2b_sale_customer_stats;
    INSERT INTO b2b_sale_customer_stats SELECT * FROM b2b_compute_customer_stats(NULL);
    INSERT INTO b2b_facts_change DEFAULT VALUES;  -- every result kept is stale
$$;
