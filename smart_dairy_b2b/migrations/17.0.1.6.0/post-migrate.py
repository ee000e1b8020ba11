"""17.0.1.6.0: each customer's statistics keep the revenue of each order day
(b2b_sale_customer_stats.day_revenues), which the rhythm reads instead of the daily
rollup. The module's SQL (run on upgrade) added the column and taught the triggers to
fill it; this fills it once (docs/facts.md gives the time it takes)."""

import logging
import time

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    started = time.monotonic()
    cr.execute(
        """UPDATE b2b_sale_customer_stats s SET day_revenues = c.day_revenues
             FROM b2b_compute_customer_stats(NULL) c
            WHERE (c.customer_id, c.company_id) = (s.customer_id, s.company_id)"""
    )
    _logger.info(
        "Filled the order-day revenues of %s B2B customer statistics in %.1f s",
        cr.rowcount,
        time.monotonic() - started,
    )
