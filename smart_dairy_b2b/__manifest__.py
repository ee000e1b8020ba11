{
    "name": "Smart Dairy B2B Analytics",
    "summary": "B2B customer master and sales analytics for a dairy: KPIs, CLV, "
    "RFM, cohorts, forecasts, reports, portal and API",
    "version": "17.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Smart Dairy",
    "website": "https://github.com/smart-dairy/smart_dairy_b2b",
    "license": "LGPL-3",
    "depends": ["sale_management", "sale_margin", "portal", "mail", "report_xlsx"],
    "external_dependencies": {
        "python": ["xlsxwriter", "dateutil", "psycopg2", "numpy", "scipy"],
    },
    "data": [
        "security/b2b_security.xml",
        "security/ir.model.access.csv",
        "security/b2b_rules.xml",
        "views/b2b_customer_tier_views.xml",
        "views/b2b_dashboard_views.xml",
        "views/b2b_customer_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "report/b2b_analytics_views.xml",
        "report/b2b_product_analytics_views.xml",
        "report/b2b_customer_metrics_views.xml",
        "views/b2b_customer_insight_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/b2b_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "smart_dairy_b2b/static/src/dashboard/**/*",
            "smart_dairy_b2b/static/src/customer_analytics/**/*",
        ],
        "web.assets_tests": ["smart_dairy_b2b/static/tests/tours/**/*"],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "application": True,
    "installable": True,
}
