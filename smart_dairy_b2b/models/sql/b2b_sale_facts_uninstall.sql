-- Undoes b2b_sale_facts.sql, b2b_sale_category_rollups.sql, b2b_sale_customer_stats.sql
-- and whichever of b2b_sale_rollups.sql (plain PostgreSQL) or b2b_sale_facts_timescale.sql
-- (TimescaleDB) the database has: run by b2b.sale.facts._uninstall() from the module's
-- uninstall hook. Every name any of them creates is here, IF EXISTS, so one list serves
-- both paths; the test TestUninstall checks that nothing named b2b_sale_*, b2b_rollup_*
-- or b2b_* (functions, triggers) is left.

DROP TRIGGER IF EXISTS b2b_sale_line_inserted ON sale_order_line;
DROP TRIGGER IF EXISTS b2b_sale_line_updated ON sale_order_line;
DROP TRIGGER IF EXISTS b2b_sale_line_deleted ON sale_order_line;
DROP TRIGGER IF EXISTS b2b_sale_order_updated ON sale_order;
DROP TRIGGER IF EXISTS b2b_product_category_updated ON product_template;
DROP TRIGGER IF EXISTS b2b_customer_inserted ON b2b_customer;
DROP TRIGGER IF EXISTS b2b_customer_updated ON b2b_customer;
DROP TRIGGER IF EXISTS b2b_customer_deleted ON b2b_customer;
DROP FUNCTION IF EXISTS b2b_sale_line_changed, b2b_sale_order_changed,
    b2b_product_category_changed, b2b_move_category_rollups, b2b_apply_category_delta,
    b2b_rebuild_category_rollups, b2b_category_lines, b2b_set_category_prev_dates,
    b2b_refresh_order_facts, b2b_move_rollups, b2b_apply_rollup_delta,
    b2b_rebuild_facts, b2b_rebuild_rollups, b2b_rebuild_monthly,
    b2b_rebuild_product_daily, b2b_compact_product_daily, b2b_rollup_row_id,
    b2b_counted_lines, b2b_analytics_timezone, b2b_sale_customer_days,
    b2b_compute_customer_stats, b2b_lock_customer_stats, b2b_refresh_customer_stats,
    b2b_rebuild_customer_stats, b2b_log_facts_change, b2b_customer_changed;
-- plain PostgreSQL's rollup tables (together: one's id default uses another's
-- sequence), TimescaleDB's continuous aggregates (the monthly one first: it is
-- built on the daily one)
DROP TABLE IF EXISTS b2b_sale_daily, b2b_sale_monthly, b2b_sale_product_daily,
    b2b_sale_category_daily, b2b_sale_category_monthly;
DROP MATERIALIZED VIEW IF EXISTS b2b_sale_monthly_agg;
DROP MATERIALIZED VIEW IF EXISTS b2b_sale_daily_agg;
DROP MATERIALIZED VIEW IF EXISTS b2b_sale_product_daily_agg;
DROP TABLE IF EXISTS b2b_sale_fact, b2b_sale_fact_order, b2b_rollup_pending,
    b2b_sale_customer_stats, b2b_facts_change, b2b_facts_change_horizon;
DROP SEQUENCE IF EXISTS b2b_facts_version;
