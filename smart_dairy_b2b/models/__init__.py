from . import b2b_customer_tier
from . import b2b_customer
from . import sale_order
from . import res_config_settings
from . import b2b_analytics_scope
from . import b2b_analytics_service
from . import b2b_analytics_predictive
from . import b2b_customer_insight
