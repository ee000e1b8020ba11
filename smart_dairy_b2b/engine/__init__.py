"""Plain-Python analytics engine (no Odoo import): CLV, RFM, churn, forecasts, KPI periods.

The ORM service only gathers the data and calls these functions (docs/predictive.md).
"""
