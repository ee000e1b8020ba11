from . import test_b2b_customer
from . import test_analytics_service
from . import test_predictive
