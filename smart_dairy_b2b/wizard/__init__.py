from . import b2b_report_export_wizard
from . import b2b_overdue_customer
