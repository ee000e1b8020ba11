from . import b2b_customer_tier
from . import b2b_customer
from . import sale_order
from . import b2b_sale_facts  # its SQL reads the columns the models above add
from . import b2b_analytics_settings
from . import b2b_analytics_scope
from . import b2b_analytics_reading
from . import b2b_analytics_descriptive
from . import b2b_analytics_breakdowns
from . import b2b_analytics_receivables
from . import b2b_analytics_predictive
from . import b2b_analytics_scoring
from . import b2b_analytics_service
from . import b2b_report_export_service
from . import b2b_portal_analytics
from . import b2b_report_schedule
from . import b2b_customer_insight
