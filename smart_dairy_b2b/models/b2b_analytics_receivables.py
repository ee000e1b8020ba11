"""The descriptive questions of live accounting: credit and receivables, and how
customers pay (docs/definitions.md, *Credit and receivables*, *Payment methods*).

They read posted journal items and payments, not the facts: a customer's items are
those on receivable accounts whose partner's commercial partner is the customer's
partner, in the customer's company. Only visible customers (record rules, selected
companies) are read; amounts are converted to the current company's currency with the
scope's currency table.

As of a date D, an item counts when dated up to D, and its open amount is its balance
less the reconciliations (``account.partial.reconcile``) dated up to D; as of today
that is Odoo's ``amount_residual``. An invoice is *fully paid* on the date of the
latest reconciliation that brought its receivable items to zero.
"""

from datetime import timedelta

from odoo import models
from odoo.tools import SQL

from ..engine import credit
from ..engine import periods as P
from .b2b_analytics_reading import num

# Open amounts below half a cent are settled.
SETTLED = 0.005


class B2bAnalyticsDescriptive(models.AbstractModel):
    # One module per topic on one model, as the layers' plan has it (docs/architecture.md).
    _inherit = "b2b.analytics.descriptive"  # pylint: disable=consider-merging-classes-inherited

    # The customers and their items ----------------------------------------------------

    def _credit_customers(self, customer=None):
        """Visible B2B customers (one given, or all), with their partner, company,
        limit and the rate converting their company's currency."""
        return SQL(
            """(SELECT c.id, c.partner_id, c.company_id, c.credit_limit, currency_table.rate
                  FROM b2b_customer c
                  JOIN %(currency_table)s ON currency_table.company_id = c.company_id
                 WHERE c.id IN %(visible)s
                   AND (%(customer)s::integer IS NULL OR c.id = %(customer)s))""",
            currency_table=self._currency_table(),
            visible=self._visible_customers(),
            customer=customer.id if customer else None,
        )

    def _receivable_items(self, as_of, customer=None):
        """Each visible customer's posted receivable items dated up to ``as_of``, with
        their open amount as of then (the item's company currency)."""
        return SQL(
            """(SELECT cu.id AS customer_id, cu.rate, l.id, l.move_id,
                       COALESCE(l.date_maturity, l.date) AS due_date,
                       l.balance
                       - COALESCE((SELECT SUM(pr.amount) FROM account_partial_reconcile pr
                                    WHERE pr.debit_move_id = l.id AND pr.max_date <= %(as_of)s),
                                  0)
                       + COALESCE((SELECT SUM(pr.amount) FROM account_partial_reconcile pr
                                    WHERE pr.credit_move_id = l.id
                                      AND pr.max_date <= %(as_of)s), 0) AS residual
                  FROM account_move_line l
                  JOIN account_account a ON a.id = l.account_id
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN %(customers)s cu ON cu.partner_id = p.commercial_partner_id
                                      AND cu.company_id = l.company_id
                 WHERE a.account_type = 'asset_receivable'
                   AND l.parent_state = 'posted'
                   AND l.date <= %(as_of)s)""",
            customers=self._credit_customers(customer),
            as_of=as_of,
        )

    # Credit and receivables -------------------------------------------------------------

    def _credit_analysis(self, as_of, customer=None):
        """Outstanding, ageing, utilisation, segment, days to pay and DSO of each visible
        customer with receivable items up to ``as_of`` (or of ``customer`` alone):
        the customers over their limit first, then by outstanding."""
        items = self._receivable_items(as_of, customer)
        open_rows = self._fetch(
            SQL(
                """SELECT i.customer_id, %(as_of)s::date - i.due_date AS days_past_due,
                          SUM(i.residual) AS own_amount, SUM(i.residual * i.rate) AS amount
                     FROM %(items)s i
                    GROUP BY 1, 2""",
                items=items,
                as_of=as_of,
            )
        )
        window_start = as_of - timedelta(days=credit.LOOKBACK_DAYS - 1)
        days_to_pay = self._days_to_pay(items, window_start, as_of)
        revenue = {
            row["customer_id"]: num(row["revenue"])
            for row in self._fetch(
                SQL(
                    """SELECT customer_id, SUM(revenue) AS revenue FROM %s d
                        WHERE date BETWEEN %s AND %s
                          AND (%s::integer IS NULL OR customer_id = %s)
                        GROUP BY 1""",
                    self._daily(),
                    window_start,
                    as_of,
                    customer.id if customer else None,
                    customer.id if customer else None,
                )
            )
        }
        customers = self._credit_rows(open_rows, days_to_pay, revenue)
        return {
            "as_of": as_of.isoformat(),
            "currency": self.env.company.currency_id.name,
            "total": {
                "outstanding": sum(row["outstanding"] for row in customers),
                "overdue": sum(row["overdue"] for row in customers),
                "customers_over_limit": sum(
                    1 for row in customers if row["segment"] == credit.OVER_LIMIT
                ),
            },
            "segments": [
                {
                    "segment": segment,
                    "customers": sum(1 for row in customers if row["segment"] == segment),
                    "outstanding": sum(
                        row["outstanding"] for row in customers if row["segment"] == segment
                    ),
                }
                for segment in credit.SEGMENTS
            ],
            "customers": customers,
        }

    def _days_to_pay(self, items, window_start, as_of):
        """{customer id: average days from invoice date to the date fully paid} over the
        customer's invoices fully paid in [window_start, as_of]. Invoices a credit note
        cancelled entirely (``reversed``) were not paid and do not count."""
        rows = self._fetch(
            SQL(
                """SELECT customer_id, AVG(paid_on - invoice_date) AS days
                     FROM (SELECT i.customer_id, i.move_id, m.invoice_date,
                                  MAX((SELECT MAX(pr.max_date) FROM account_partial_reconcile pr
                                        WHERE (pr.debit_move_id = i.id OR pr.credit_move_id = i.id)
                                          AND pr.max_date <= %(as_of)s)) AS paid_on
                             FROM %(items)s i
                             JOIN account_move m ON m.id = i.move_id
                            WHERE m.move_type = 'out_invoice' AND m.payment_state != 'reversed'
                            GROUP BY 1, 2, 3
                           HAVING MAX(ABS(i.residual)) < %(settled)s) invoices
                    WHERE paid_on BETWEEN %(window_start)s AND %(as_of)s
                    GROUP BY 1""",
                items=items,
                as_of=as_of,
                window_start=window_start,
                settled=SETTLED,
            )
        )
        return {row["customer_id"]: num(row["days"]) for row in rows}

    def _credit_rows(self, open_rows, days_to_pay, revenue):
        by_customer = {}
        for row in open_rows:
            figures = by_customer.setdefault(
                row["customer_id"],
                {"own": 0.0, "ageing": dict.fromkeys(credit.BUCKETS, 0.0)},
            )
            figures["own"] += num(row["own_amount"])
            figures["ageing"][credit.ageing_bucket(row["days_past_due"])] += num(row["amount"])
        records = self.env["b2b.customer"].browse(list(by_customer)).sudo()
        names = self._names("b2b.customer", list(by_customer))
        rates = {
            row["company_id"]: num(row["rate"])
            for row in self._fetch(SQL("SELECT company_id, rate FROM %s", self._currency_table()))
        }
        customers = []
        for record in records:
            figures = by_customer[record.id]
            ageing = figures["ageing"]
            outstanding = sum(ageing.values())
            utilisation = credit.utilisation_pct(figures["own"], record.credit_limit)
            customers.append(
                {
                    "customer_id": record.id,
                    "name": names[record.id],
                    "credit_limit": (
                        record.credit_limit * rates[record.company_id.id]
                        if record.credit_limit
                        else None
                    ),
                    "outstanding": outstanding,
                    "overdue": outstanding - ageing["not_due"],
                    "utilisation_pct": utilisation,
                    "segment": credit.segment(utilisation),
                    "ageing": ageing,
                    "days_to_pay": days_to_pay.get(record.id),
                    "dso": credit.dso(outstanding, revenue.get(record.id)),
                }
            )
        customers.sort(
            key=lambda row: (row["segment"] != credit.OVER_LIMIT, -row["outstanding"], row["name"])
        )
        return customers

    # Payment methods -------------------------------------------------------------------

    def _payment_preferences(self, start, end, customer=None):
        """The visible customers' (or ``customer``'s) posted inbound payments dated in
        [start, end], by journal: payments, amount, share of the amount, average."""
        rows = self._fetch(
            SQL(
                """SELECT m.journal_id, COUNT(*) AS payments,
                          SUM(pay.amount_company_currency_signed * cu.rate) AS amount
                     FROM account_payment pay
                     JOIN account_move m ON m.id = pay.move_id
                     JOIN res_partner p ON p.id = pay.partner_id
                     JOIN %(customers)s cu ON cu.partner_id = p.commercial_partner_id
                                         AND cu.company_id = m.company_id
                    WHERE m.state = 'posted'
                      AND pay.payment_type = 'inbound' AND pay.partner_type = 'customer'
                      AND NOT COALESCE(pay.is_internal_transfer, FALSE)
                      AND m.date BETWEEN %(start)s AND %(end)s
                    GROUP BY 1
                    ORDER BY amount DESC, 1""",
                customers=self._credit_customers(customer),
                start=start,
                end=end,
            )
        )
        names = self._names("account.journal", [row["journal_id"] for row in rows])
        total = sum(num(row["amount"]) for row in rows)
        return {
            "period": self._period_info(start, end),
            "methods": [
                {
                    "journal_id": row["journal_id"],
                    "name": names.get(row["journal_id"]),
                    "payments": row["payments"],
                    "amount": num(row["amount"]),
                    "share_pct": P.safe_ratio(num(row["amount"]) * 100, total),
                    "avg_amount": P.safe_ratio(num(row["amount"]), row["payments"]),
                }
                for row in rows
            ],
        }
