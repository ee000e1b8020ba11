"""17.0.1.4.0: each customer's statistics are kept in step with the facts
(b2b_sale_customer_stats, docs/facts.md). The module's SQL (run on upgrade) created the
table and its triggers' functions; this fills it once from the rollups (docs/facts.md
gives the time it takes)."""

import logging
import time

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    started = time.monotonic()
    cr.execute("SELECT b2b_rebuild_customer_stats()")
    cr.execute("ANALYZE b2b_sale_customer_stats")
    _logger.info("Filled the B2B customer statistics in %.1f s", time.monotonic() - started)
