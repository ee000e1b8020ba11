from . import b2b_report_export_wizard
