-- TimescaleDB for the analytics facts, run where the extension is available: the line
-- facts become a hypertable partitioned by date (3-month chunks), compressed after a
-- year. The daily rollup stays a trigger-maintained table: a continuous aggregate would
-- show a back-dated change only after its next refresh, and DESIGN.md wants every
-- change in the very next call.
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
END
$$;
