from . import test_b2b_customer
from . import test_analytics_service
from . import test_report_export
from . import test_report_schedule
from . import test_predictive
from . import test_dashboard_tour
from . import test_portal
from . import test_api_controller
