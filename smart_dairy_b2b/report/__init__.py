from . import b2b_analytics_report
from . import b2b_analytics
from . import b2b_product_analytics
from . import b2b_customer_metrics
from . import b2b_report_xlsx
