"""Orders written in bulk with PostgreSQL COPY, every stored field as the ORM would store it.

What depends only on the customer, the pricelist, the team, the campaign and the product
(addresses, fiscal position, team, campaign, medium and source, unit price, taxes, cost,
description...) is computed once by the ORM itself on prototype records (``new()``) and
reused; what depends on each order or line (name, state,
dates, amounts, taxes, margins, invoicing status, B2B customer and tier) is computed here
with the ORM's formulas and roundings (``sale``, ``sale_margin``, ``account.tax``
``compute_all`` for plain percentage taxes). ``tests/test_dataset.py`` checks both ways give
the same records.
"""

import io
import logging

from psycopg2.extras import Json

from odoo import Command, _
from odoo.exceptions import UserError
from odoo.tools import SQL, float_repr, float_round, split_every

from .bulk_load import analyze

_logger = logging.getLogger(__name__)

CHUNK_SIZE = 5000  # orders per COPY

# Stored fields computed here for each order or line, in the order the rows list them;
# every other stored field comes from the ORM's prototype.
ORDER_FIELDS = (
    "id", "name", "state", "date_order", "company_id", "partner_id", "pricelist_id",
    "user_id", "currency_rate", "amount_untaxed", "amount_tax", "amount_total",
    "amount_to_invoice", "margin", "margin_percent", "invoice_status", "locked",
    "b2b_customer_id", "b2b_tier_id", "campaign_id", "medium_id", "source_id",
    "create_uid", "create_date", "write_uid", "write_date",
)  # fmt: skip
LINE_FIELDS = (
    "id", "order_id", "company_id", "currency_id", "order_partner_id", "salesman_id",
    "state", "product_uom_qty", "discount", "price_subtotal", "price_tax", "price_total",
    "price_reduce_taxexcl", "price_reduce_taxinc", "margin", "margin_percent",
    "qty_to_invoice", "invoice_status", "untaxed_amount_to_invoice", "create_uid",
    "create_date", "write_uid", "write_date",
)  # fmt: skip

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


def write_orders(env, specs, chunk_size=CHUNK_SIZE):
    """Write the orders of ``OrderSpec``s; returns (number of orders, number of lines)."""
    env.flush_all()  # COPY bypasses the ORM: what it holds must be in the database first
    writer = _BulkWriter(env)
    orders = lines = analyzed = 0
    for chunk in split_every(chunk_size, specs, list):
        lines += writer.write_chunk(chunk)
        orders += len(chunk)
        if lines >= 2 * analyzed:
            # Queries running during the load (triggers on the order lines) are planned
            # with statistics that must see the rows this transaction added: without
            # them, they take the tables for empty and scan them whole, chunk after chunk.
            analyze(env)
            analyzed = lines
    env.invalidate_all()
    return orders, lines


def copy_rows(cr, table, columns, buffer):
    """COPY ``buffer`` (text format, one row a line) into ``table``'s ``columns``."""
    buffer.seek(0)
    cr._obj.copy_expert(
        SQL(
            "COPY %s (%s) FROM STDIN",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
        ).code,
        buffer,
    )


def _text(value):
    """A column value in COPY's text format."""
    if value is None:
        return NULL
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, Json):
        return value.dumps(value.adapted).translate(_ESCAPES)
    return str(value)


def _prototype_columns(model, computed_here):
    """The stored column fields of a model not computed here."""
    stored = {name for name, f in model._fields.items() if f.store and f.column_type}
    assert stored >= set(computed_here), set(computed_here) - stored
    return sorted(stored - set(computed_here))


def _unset_by_create(model, names, given=()):
    """The fields ``create`` leaves NULL when not ``given``: no default, not computed."""
    defaults = model.default_get(names)
    return {
        name
        for name in names
        if not model._fields[name].compute and name not in defaults and name not in given
    }


def _prototype_texts(record, names, unset):
    texts = []
    for name in names:
        if name in unset:
            texts.append(NULL)
            continue
        field = record._fields[name]
        value = field.convert_to_write(record[name], record)
        texts.append(_text(field.convert_to_column(value, record)))
    return texts


class _BulkWriter:
    def __init__(self, env):
        self.env = env
        self.cr = env.cr
        self.now = env.cr.now()
        self.order_proto = _prototype_columns(env["sale.order"], ORDER_FIELDS)
        self.line_proto = _prototype_columns(env["sale.order.line"], LINE_FIELDS)
        self.order_unset = _unset_by_create(env["sale.order"], self.order_proto)
        self.line_unset = _unset_by_create(
            env["sale.order.line"], self.line_proto, given=("product_id",)
        )
        precision = env["decimal.precision"].precision_get
        self.price_digits = precision("Product Price")
        self.qty_digits = precision("Product Unit of Measure")
        self.discount_digits = precision("Discount")
        self.lock_confirmed = env.user.has_group("sale.group_auto_done_setting")
        self.order_prototypes = {}
        self.line_prototypes = {}
        self.rates = {}
        self.taxes = {}
        self.b2b = {
            (c.partner_id.id, c.company_id.id): (c.id, c.tier_id.id or None)
            for c in env["b2b.customer"].sudo().search([])
        }

    # Prototypes ----------------------------------------------------------------------------

    def _order_prototypes(self, specs):
        """The prototype of each order; the missing ones are computed together. (The
        campaign, medium and source are the spec's: nothing else depends on them.)"""
        keys = [(s.company_id, s.partner_id, s.pricelist_id, s.user_id, s.team_id) for s in specs]
        missing = {}
        for key, spec in zip(keys, specs, strict=True):
            if key not in self.order_prototypes:
                missing.setdefault(spec.company_id, {})[key] = spec
        for company_id, company_specs in missing.items():
            SaleOrder = self.env["sale.order"].with_company(company_id)
            orders = SaleOrder.concat(
                *(self._new_order(spec, []) for spec in company_specs.values())
            )
            for key, order in zip(company_specs, orders, strict=True):
                self.order_prototypes[key] = self._order_prototype(order)
        return [self.order_prototypes[key] for key in keys]

    def _order_prototype(self, order):
        company = order.company_id
        if company.tax_calculation_rounding_method != "round_per_line":
            raise UserError(
                _(
                    "%(company)s rounds taxes globally: the bulk writer only computes taxes "
                    "rounded per line.",
                    company=company.name,
                )
            )
        pricelist = order.pricelist_id
        return {
            "texts": _prototype_texts(order, self.order_proto, self.order_unset),
            "currency": order.currency_id,
            "company_currency": company.currency_id,
            "b2b": self.b2b.get(
                (order.partner_id.commercial_partner_id.id, company.id), (None, None)
            ),
            "line_key": (
                company.id,
                pricelist.id,
                order.fiscal_position_id.id,
                order.partner_id.lang,
            ),
            "date_dependent": _prices_depend_on_date(pricelist),
            # in another currency than the company's, prices and costs are converted at
            # the day's rate: the same on every day of one rate
            "rate_dependent": pricelist.currency_id != company.currency_id,
            "quantity_dependent": _prices_depend_on_quantity(pricelist),
        }

    def _new_order(self, spec, lines):
        return (
            self.env["sale.order"]
            .with_company(spec.company_id)
            .new(
                {
                    **spec.values(),
                    "order_line": [
                        Command.create({"product_id": product_id, "product_uom_qty": qty})
                        for product_id, qty in lines
                    ],
                }
            )
        )

    def _line_prototypes(self, spec, proto):
        """{(product id, quantity): prototype} for the lines of an order."""
        if proto["date_dependent"]:
            when = spec.date_order.date()
        elif proto["rate_dependent"]:
            when = self._currency_rate(proto, spec)
        else:
            when = None
        by_quantity = proto["quantity_dependent"]
        keys = {}
        for product_id, qty, _discount in spec.lines:
            item = (product_id, qty if by_quantity else None)
            keys[item] = (*proto["line_key"], when, *item)
        missing = {
            (product_id, qty): key
            for (product_id, qty), key in keys.items()
            if key not in self.line_prototypes
        }
        if missing:
            order = self._new_order(spec, [(key[-2], key[-1] or 1.0) for key in missing.values()])
            for line, key in zip(order.order_line, missing.values(), strict=True):
                self.line_prototypes[key] = {
                    "texts": _prototype_texts(line, self.line_proto, self.line_unset),
                    "price_unit": line.price_unit,
                    "purchase_price": line.purchase_price,
                    "taxes": [self._tax(tax) for tax in line.tax_id._origin],
                    "invoice_policy": line.product_id.invoice_policy,
                }
        return {item: self.line_prototypes[key] for item, key in keys.items()}

    def _tax(self, tax):
        """(id, percentage) of a tax the writer knows how to compute."""
        if tax.id not in self.taxes:
            repartition = tax.invoice_repartition_line_ids.filtered(
                lambda line: line.repartition_type == "tax"
            )
            if (
                tax.amount_type != "percent"
                or tax.price_include
                or tax.include_base_amount
                or sum(repartition.mapped("factor")) != 1
            ):
                raise UserError(
                    _(
                        "Tax %(tax)s: the bulk writer only computes plain percentage taxes "
                        "excluded from the price.",
                        tax=tax.name,
                    )
                )
            self.taxes[tax.id] = (tax.id, tax.amount)
        return self.taxes[tax.id]

    def _currency_rate(self, proto, spec):
        key = (spec.company_id, proto["currency"].id, spec.date_order.date())
        if key not in self.rates:
            self.rates[key] = self.env["res.currency"]._get_conversion_rate(
                proto["company_currency"],
                proto["currency"],
                self.env["res.company"].browse(spec.company_id),
                spec.date_order.date(),
            )
        return self.rates[key]

    # Writing -------------------------------------------------------------------------------

    def write_chunk(self, specs):
        """COPY the orders of ``specs``; returns the number of lines written."""
        line_count = sum(len(spec.lines) for spec in specs)
        order_ids = self._next_ids("sale_order", len(specs))
        line_ids = iter(self._next_ids("sale_order_line", line_count))
        names = self._next_names(specs)
        orders, lines, taxes = io.StringIO(), io.StringIO(), io.StringIO()
        prototypes = self._order_prototypes(specs)
        for spec, proto, order_id, name in zip(specs, prototypes, order_ids, names, strict=True):
            totals = self._write_lines(spec, proto, order_id, line_ids, lines, taxes)
            self._write_order(spec, proto, order_id, name, totals, orders)
        for table, columns, buffer in (
            ("sale_order", ORDER_FIELDS + tuple(self.order_proto), orders),
            ("sale_order_line", LINE_FIELDS + tuple(self.line_proto), lines),
            ("account_tax_sale_order_line_rel", ["sale_order_line_id", "account_tax_id"], taxes),
        ):
            copy_rows(self.cr, table, columns, buffer)
        return line_count

    def _next_ids(self, table, count):
        self.cr.execute(
            SQL(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                table,
                count,
            )
        )
        return [row[0] for row in self.cr.fetchall()]

    def _next_names(self, specs):
        """Order names from the sale.order sequence, as ``create`` numbers them."""
        names = []
        for company_id, count in _runs([spec.company_id for spec in specs]):
            sequence = (
                self.env["ir.sequence"]
                .with_company(company_id)
                .search(
                    [("code", "=", "sale.order"), ("company_id", "in", [company_id, False])],
                    order="company_id",
                    limit=1,
                )
            )
            if not sequence or sequence.use_date_range:
                raise UserError(
                    _("The bulk writer needs a sale.order sequence without date ranges.")
                )
            prefix, suffix = sequence._get_prefix_suffix()
            names += [
                f"{prefix}{number:0{sequence.padding}d}{suffix}"
                for number in self._reserve_numbers(sequence, count)
            ]
        return names

    def _reserve_numbers(self, sequence, count):
        step = sequence.number_increment
        if sequence.implementation == "standard":
            self.cr.execute(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    f"ir_sequence_{sequence.id:03d}",
                    count,
                )
            )
            return [row[0] for row in self.cr.fetchall()]
        self.cr.execute(
            SQL(
                "UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s"
                " RETURNING number_next - %s",
                step * count,
                sequence.id,
                step * count,
            )
        )
        first = self.cr.fetchone()[0]
        sequence.invalidate_recordset(["number_next"])
        return range(first, first + step * count, step)

    def _write_lines(self, spec, proto, order_id, line_ids, buffer, tax_buffer):
        currency = proto["currency"]
        rounding, places = currency.rounding, currency.decimal_places
        confirmed = spec.state == "sale"
        head = [
            str(order_id),
            str(spec.company_id),
            str(currency.id),
            str(spec.partner_id),
            _text(spec.user_id or None),
            spec.state,
        ]
        meta = [str(self.env.uid), str(self.now), str(self.env.uid), str(self.now)]
        untaxed = tax_total = margin_total = 0.0
        to_invoice = False
        prototypes = self._line_prototypes(spec, proto)
        for product_id, qty, discount in spec.lines:
            line_id = next(line_ids)
            line = prototypes[product_id, qty if proto["quantity_dependent"] else None]
            price_reduce = line["price_unit"] * (1 - discount / 100.0)
            subtotal = float_round(price_reduce * qty, precision_rounding=rounding)
            tax = 0.0
            for tax_id, percent in line["taxes"]:
                tax += float_round(subtotal * percent / 100.0, precision_rounding=rounding)
                tax_buffer.write(f"{line_id}\t{tax_id}\n")
            total = subtotal + tax
            margin = float_round(
                subtotal - line["purchase_price"] * qty, precision_digits=self.price_digits
            )
            invoiced_on_order = confirmed and line["invoice_policy"] == "order"
            qty_to_invoice = qty if invoiced_on_order else 0.0
            to_invoice = to_invoice or bool(qty_to_invoice)
            untaxed += subtotal
            tax_total += tax
            margin_total += margin
            row = [
                str(line_id),
                *head,
                float_repr(qty, self.qty_digits),
                float_repr(discount, self.discount_digits),
                float_repr(subtotal, places),
                repr(tax),
                float_repr(float_round(total, precision_rounding=rounding), places),
                float_repr(
                    float_round(subtotal / qty, precision_rounding=rounding) if qty else 0.0,
                    places,
                ),
                float_repr(
                    float_round(total / qty, precision_rounding=rounding) if qty else 0.0,
                    places,
                ),
                float_repr(margin, self.price_digits),
                repr(margin / subtotal if subtotal else 0.0),
                float_repr(qty_to_invoice, self.qty_digits),
                "to invoice" if qty_to_invoice else "no",
                float_repr(
                    float_round(price_reduce * qty, precision_rounding=rounding)
                    if invoiced_on_order
                    else 0.0,
                    places,
                ),
                *meta,
                *line["texts"],
            ]
            buffer.write("\t".join(row))
            buffer.write("\n")
        return untaxed, tax_total, margin_total, to_invoice

    def _write_order(self, spec, proto, order_id, name, totals, buffer):
        currency = proto["currency"]
        rounding, places = currency.rounding, currency.decimal_places
        untaxed, tax, margin, to_invoice = totals
        untaxed = float_round(untaxed, precision_rounding=rounding)
        tax = float_round(tax, precision_rounding=rounding)
        total = float_round(untaxed + tax, precision_rounding=rounding)
        margin = float_round(margin, precision_rounding=rounding)
        confirmed = spec.state == "sale"
        customer_id, tier_id = proto["b2b"]
        row = [
            str(order_id),
            _text(name),
            spec.state,
            str(spec.date_order),
            str(spec.company_id),
            str(spec.partner_id),
            str(spec.pricelist_id),
            _text(spec.user_id or None),
            repr(float(self._currency_rate(proto, spec))),
            float_repr(untaxed, places),
            float_repr(tax, places),
            float_repr(total, places),
            float_repr(total, places),  # amount_to_invoice: nothing is invoiced yet
            float_repr(margin, places),
            repr(margin / untaxed if untaxed else 0.0),
            "to invoice" if confirmed and to_invoice else "no",
            _text(confirmed and self.lock_confirmed),
            _text(customer_id),
            _text(tier_id if confirmed else None),
            _text(spec.campaign_id or None),
            _text(spec.medium_id or None),
            _text(spec.source_id or None),
            str(self.env.uid),
            str(self.now),
            str(self.env.uid),
            str(self.now),
            *proto["texts"],
        ]
        buffer.write("\t".join(row))
        buffer.write("\n")


def _runs(values):
    """(value, count) of the runs of equal consecutive values."""
    runs = []
    for value in values:
        if runs and runs[-1][0] == value:
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    return runs


def _prices_depend_on_date(pricelist):
    """Whether a pricelist's rules change from day to day."""
    return any(item.date_start or item.date_end for item in _pricelist_items(pricelist))


def _prices_depend_on_quantity(pricelist):
    return any(item.min_quantity > 1 for item in _pricelist_items(pricelist))


def _pricelist_items(pricelist, seen=None):
    """The items of a pricelist and of the pricelists it is based on."""
    seen = seen or set()
    seen.add(pricelist.id)
    items = list(pricelist.item_ids)
    for base in pricelist.item_ids.base_pricelist_id:
        if base.id not in seen:
            items += _pricelist_items(base, seen)
    return items
