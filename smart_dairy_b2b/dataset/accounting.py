"""The demo's receivables: monthly invoices of the last months and the customers' payments.

Through the ORM (posting and reconciling are accounting's business), kept to what the credit
and payment analytics read: one posted invoice per customer on credit terms and month, with
one line per VAT rate summing the month's confirmed orders (they stay "to invoice" in the
sales screens: the invoices are not linked to the order lines), now and then a credit note
for returned goods, and payments in each customer's usual way (cash, bank transfer, bKash,
cheque): most within the payment terms, some late and some of those in two instalments,
and a few customers who stopped paying months ago (their old invoices half paid, the last
ones open: over their credit limit). Institutions buy without a credit limit. Shops pay
the van on delivery: they buy on no terms and get no invoice (that also keeps the demo's
install short: each ORM invoice and payment costs about a tenth of a second).
"""

import calendar
import datetime
import random

from odoo import Command
from odoo.tools import SQL

from . import market
from .plan import SMART_DAIRY

INVOICED_MONTHS = 2  # the complete months before today's that are invoiced
# Slow payers' invoices go back further: their old debts fill the ageing buckets.
OVERDUE_MONTHS = 5
RETURN_RATE = 1 / 25  # invoices followed by a credit note for returned goods
RETURNED_SHARE = 0.04  # the part of such an invoice returned
SPLIT_RATE = 1 / 3  # late payments made in two instalments
# Payment terms (the customer types buying on credit) and usual payment journals by customer
# type: (journal key, weight).
TERMS = {
    "horeca": "account.account_payment_term_15days",
    "supermarket": "account.account_payment_term_30days",
    "institution": "account.account_payment_term_45days",
    "distributor": "account.account_payment_term_30days",
}
METHODS = {
    "horeca": (("bkash", 6), ("cash", 3), ("bank", 1)),
    "supermarket": (("bank", 9), ("cheque", 1)),
    "institution": (("cheque", 7), ("bank", 3)),
    "distributor": (("bank", 6), ("cheque", 4)),
}
# Payment habits: (habit, weight). Prompt payers pay within the terms, late ones up to six
# weeks after, slow ones stop paying (their last months stay open, over their limit).
HABITS = (("prompt", 89), ("late", 8), ("slow", 3))
# Journals the payments go to: key -> (name, type, code).
JOURNALS = {
    "cash": ("Cash", "cash", "CSH1"),
    "bank": ("Bank", "bank", "BNK1"),
    "bkash": ("bKash", "bank", "BKSH"),
    "cheque": ("Cheques", "bank", "CHQ"),
}


def invoice_and_collect(env, data, plan, today):
    """Post the invoices of the last ``INVOICED_MONTHS`` complete months (Dhaka; of the
    last ``OVERDUE_MONTHS`` for slow payers), a few credit notes, and the
    payments made up to ``today``; returns (invoices and credit notes, payments)."""
    company = data.companies[SMART_DAIRY]
    env = env(context=dict(env.context, tracking_disable=True, allowed_company_ids=company.ids))
    journals = _journals(env, company)
    this_month = today.replace(day=1)
    first_month = _add_months(this_month, -INVOICED_MONTHS)
    sums = _monthly_sums(env, company, _add_months(this_month, -OVERDUE_MONTHS), this_month)
    customers = {
        c.key: c for c in plan.customers if c.company == SMART_DAIRY and c.customer_type in TERMS
    }
    by_partner = {data.partners[key, 0].id: customers[key] for key in customers}
    habits = {key: _habit(plan.seed, customer) for key, customer in customers.items()}
    invoices_values, positions = [], {}
    for (partner_id, month, currency_id), lines in sorted(sums.items()):
        customer = by_partner.get(partner_id)
        if not customer:
            continue  # paid on delivery
        if month < first_month and habits[customer.key][0] != "slow":
            continue  # paid long ago
        if partner_id not in positions:
            positions[partner_id] = _fiscal_position(env, company, partner_id)
        invoices_values.append(
            {
                **_invoice_values(env, customer, partner_id, month, currency_id, lines),
                "fiscal_position_id": positions[partner_id].id,
            }
        )
    invoices = env["account.move"].create(invoices_values)
    invoices.action_post()
    credit_notes = _returns(env, invoices, plan.seed, today)
    payments = _pay(env, invoices, by_partner, habits, journals, today)
    return invoices | credit_notes, payments


def _monthly_sums(env, company, date_from, date_to):
    """{(customer partner, month, currency): {tax ids: untaxed amount}} of the confirmed
    orders of B2B customers by local month, from ``date_from`` up to ``date_to``."""
    env.cr.execute(
        SQL(
            """
            SELECT c.partner_id,
                   date_trunc('month', timezone(%(tz)s, timezone('UTC', o.date_order)))::date,
                   o.currency_id,
                   ARRAY(SELECT r.account_tax_id FROM account_tax_sale_order_line_rel r
                          WHERE r.sale_order_line_id = l.id ORDER BY 1) AS taxes,
                   SUM(l.price_subtotal)
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
              JOIN b2b_customer c ON c.id = o.b2b_customer_id
             WHERE o.state = 'sale' AND o.company_id = %(company)s
               AND l.display_type IS NULL
               AND o.date_order >= timezone('UTC', timezone(%(tz)s, %(start)s::timestamp))
               AND o.date_order < timezone('UTC', timezone(%(tz)s, %(end)s::timestamp))
             GROUP BY 1, 2, 3, 4
            """,
            tz=market.TIMEZONE,
            company=company.id,
            start=date_from,
            end=date_to,
        )
    )
    sums = {}
    for partner_id, month, currency_id, taxes, amount in env.cr.fetchall():
        sums.setdefault((partner_id, month, currency_id), {})[tuple(taxes)] = amount
    return sums


def _fiscal_position(env, company, partner_id):
    """What account.move computes for an invoice of the partner, given to ``create``:
    it would compute it twice for each of the partner's invoices."""
    partner = env["res.partner"].browse(partner_id)
    delivery = partner.browse(partner.address_get(["delivery"])["delivery"])
    Position = env["account.fiscal.position"].with_company(company)
    return Position._get_fiscal_position(partner, delivery=delivery)


def _invoice_values(env, customer, partner_id, month, currency_id, lines):
    last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    label = month.strftime("%B %Y")
    return {
        "move_type": "out_invoice",
        "partner_id": partner_id,
        "currency_id": currency_id,
        "invoice_date": last_day,
        "date": last_day,
        "invoice_payment_term_id": env.ref(TERMS[customer.customer_type]).id,
        "invoice_origin": f"Deliveries of {label}",
        "invoice_line_ids": [
            Command.create(
                {
                    "name": f"Dairy products delivered in {label}",
                    "quantity": 1,
                    "price_unit": amount,
                    "tax_ids": [Command.set(list(taxes))],
                }
            )
            for taxes, amount in sorted(lines.items())
        ],
    }


def _habit(seed, customer):
    rng = random.Random(f"{seed}/payments/{customer.key}")
    habit = _weighted(rng, HABITS)
    method = _weighted(rng, METHODS[customer.customer_type])
    return habit, method, rng


def _returns(env, invoices, seed, today):
    """Credit notes for goods returned a few days after some invoices, matched with
    their invoice (what Odoo's reversal does), posted; returns them."""
    rng = random.Random(f"{seed}/returns")
    returned = [
        (invoice, invoice.invoice_date + datetime.timedelta(days=rng.randint(2, 6)))
        for invoice in invoices.sorted("id")
        if rng.random() < RETURN_RATE
    ]
    returned = [(invoice, day) for invoice, day in returned if day <= today]
    credit_notes = env["account.move"].create(
        [
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "currency_id": invoice.currency_id.id,
                "invoice_date": day,
                "date": day,
                "reversed_entry_id": invoice.id,
                "fiscal_position_id": invoice.fiscal_position_id.id,
                "invoice_origin": invoice.name,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": f"Returned: {line.name}",
                            "quantity": 1,
                            "price_unit": round(line.price_subtotal * RETURNED_SHARE, 2),
                            "tax_ids": [Command.set(line.tax_ids.ids)],
                        }
                    )
                    for line in invoice.invoice_line_ids
                ],
            }
            for invoice, day in returned
        ]
    )
    credit_notes.action_post()
    env["account.move.line"]._reconcile_plan(
        [
            _open_receivable(invoice | credit_note)
            for (invoice, _day), credit_note in zip(returned, credit_notes, strict=True)
        ]
    )
    return credit_notes


def _instalments(invoice, habit, rng, last_month):
    """(day, share of the open amount) of the customer's payments of an invoice."""
    due, issued = invoice.invoice_date_due, invoice.invoice_date
    if habit == "prompt":
        return [(due - datetime.timedelta(days=rng.randint(0, (due - issued).days)), 1.0)]
    if habit == "late":
        if rng.random() < SPLIT_RATE:
            return [
                (due + datetime.timedelta(days=rng.randint(3, 20)), 0.5),
                (due + datetime.timedelta(days=rng.randint(25, 60)), 1.0),
            ]
        return [(due + datetime.timedelta(days=rng.randint(3, 45)), 1.0)]
    if invoice.invoice_date >= _add_months(last_month, -2):
        return []  # a slow payer's last three months stay open
    return [(due + datetime.timedelta(days=rng.randint(10, 40)), 0.5)]  # and older ones half


def _pay(env, invoices, by_partner, habits, journals, today):
    """Pay the invoices as their customers do (the credit notes deducted); returns the
    payments."""
    last_month = max(invoices.mapped("invoice_date")).replace(day=1)
    values, paid = [], []
    for invoice in invoices.sorted(lambda move: (move.invoice_date, move.id)):
        customer = by_partner[invoice.partner_id.id]
        habit, method, rng = habits[customer.key]
        left = invoice.amount_residual
        for day, share in _instalments(invoice, habit, rng, last_month):
            if day > today:
                break
            if rng.random() < 0.15:  # now and then another way
                method = _weighted(rng, METHODS[customer.customer_type])
            amount = left if share == 1.0 else invoice.currency_id.round(left * share)
            left -= amount
            values.append(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.partner_id.id,
                    "amount": amount,
                    "currency_id": invoice.currency_id.id,
                    "date": day,
                    "journal_id": journals[method].id,
                    "ref": invoice.name,
                }
            )
            paid.append(invoice)
    payments = env["account.payment"].create(values)
    payments.action_post()
    # Each invoice with its payments, all in one reconciliation pass: what reconcile()
    # does for one set of lines, for every invoice at once.
    by_invoice = {}
    for payment, invoice in zip(payments, paid, strict=True):
        by_invoice[invoice] = by_invoice.get(invoice, invoice) | payment.move_id
    env["account.move.line"]._reconcile_plan(
        [_open_receivable(moves) for moves in by_invoice.values()]
    )
    return payments


def _open_receivable(moves):
    return moves.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
    )


def _journals(env, company):
    """The payment journals by key: the chart's cash and bank ones, bKash and cheques."""
    Journal = env["account.journal"]
    found = {}
    for key, (name, journal_type, code) in JOURNALS.items():
        journal = Journal.search(
            [("company_id", "=", company.id), ("type", "=", journal_type), ("name", "=", name)],
            limit=1,
        )
        found[key] = journal or Journal.create(
            {"name": name, "type": journal_type, "code": code, "company_id": company.id}
        )
    return found


def _weighted(rng, choices):
    return rng.choices([key for key, _weight in choices], [w for _key, w in choices])[0]


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)
