"""The demo's receivables: monthly invoices of the last months and the customers' payments.

Through the ORM (posting and reconciling are accounting's business), kept to what the credit
and payment analytics read: one posted invoice per customer on credit terms and month, with
one line per VAT rate summing the month's confirmed orders (they stay "to invoice" in the
sales screens: the invoices are not linked to the order lines), and payments in each
customer's usual way (cash, bank transfer, bKash, cheque), most within the payment terms,
some late, a few customers not paying for months and over their credit limit. Shops pay
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
    """Post the invoices of the last ``INVOICED_MONTHS`` complete months (Dhaka) and
    the payments made up to ``today``; returns (invoices, payments)."""
    company = data.companies[SMART_DAIRY]
    env = env(context=dict(env.context, tracking_disable=True, allowed_company_ids=company.ids))
    journals = _journals(env, company)
    first_month = _add_months(today.replace(day=1), -INVOICED_MONTHS)
    sums = _monthly_sums(env, company, first_month, today.replace(day=1))
    customers = {
        c.key: c for c in plan.customers if c.company == SMART_DAIRY and c.customer_type in TERMS
    }
    by_partner = {data.partners[key, 0].id: customers[key] for key in customers}
    invoices_values, habits, positions = [], {}, {}
    for (partner_id, month, currency_id), lines in sorted(sums.items()):
        customer = by_partner.get(partner_id)
        if not customer:
            continue  # paid on delivery
        if partner_id not in positions:
            positions[partner_id] = _fiscal_position(env, company, partner_id)
        invoices_values.append(
            {
                **_invoice_values(env, customer, partner_id, month, currency_id, lines),
                "fiscal_position_id": positions[partner_id].id,
            }
        )
        habits.setdefault(customer.key, _habit(plan.seed, customer))
    invoices = env["account.move"].create(invoices_values)
    invoices.action_post()
    payments = _pay(env, invoices, by_partner, habits, journals, today)
    return invoices, payments


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


def _pay(env, invoices, by_partner, habits, journals, today):
    """Pay the invoices as their customers do; returns the payments."""
    last_month = max(invoices.mapped("invoice_date")).replace(day=1)
    values, paid = [], []
    for invoice in invoices.sorted(lambda move: (move.invoice_date, move.id)):
        customer = by_partner[invoice.partner_id.id]
        habit, method, rng = habits[customer.key]
        due = invoice.invoice_date_due
        if habit == "slow" and invoice.invoice_date >= _add_months(last_month, -2):
            continue  # a slow payer's last three months stay open
        if habit == "prompt":
            day = due - datetime.timedelta(days=rng.randint(0, (due - invoice.invoice_date).days))
        else:
            day = due + datetime.timedelta(days=rng.randint(3, 45))
        if day > today:
            continue
        if rng.random() < 0.15:  # now and then another way
            method = _weighted(rng, METHODS[customer.customer_type])
        values.append(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": invoice.partner_id.id,
                "amount": invoice.amount_total,
                "currency_id": invoice.currency_id.id,
                "date": day,
                "journal_id": journals[method].id,
                "ref": invoice.name,
            }
        )
        paid.append(invoice)
    payments = env["account.payment"].create(values)
    payments.action_post()
    # Each payment with its invoice, all in one reconciliation pass: what reconcile()
    # does for one set of lines, for every pair at once.
    env["account.move.line"]._reconcile_plan(
        [
            (payment.line_ids | invoice.line_ids).filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable" and not line.reconciled
                )
            )
            for payment, invoice in zip(payments, paid, strict=True)
        ]
    )
    return payments


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
