"""17.0.1.3.0: the scheduled reports name their periods as the dashboard does
(vocabulary.PERIODS): "Month to Date" is the dashboard's "This month"."""


def migrate(cr, version):
    cr.execute(
        "UPDATE b2b_report_schedule SET period = 'this_month' WHERE period = 'month_to_date'"
    )
