/** @odoo-module **/

import {Component} from "@odoo/owl";
import {
  formatChange,
  formatCount,
  formatDay,
  formatMoney,
  formatNumber,
  formatPct,
} from "../utils/format";

const NUMERIC = new Set(["money", "count", "pct", "change", "number"]);

/**
 * A table of an analysis screen. ``columns`` are ``{key, label, kind, title?}`` with
 * kind money (company currency, no decimals), count, pct (0-100), change (signed %,
 * coloured; ``lowerIsBetter`` flips the colour), number, date (ISO) or text (default);
 * numeric columns align right. ``rows`` are the service's rows, ``rowKey`` the field
 * that identifies one (its value goes to ``data-row-key`` for tests). ``total`` is an
 * optional last row with the same keys (its label in the first column's key). ``onRowClick(row)`` makes rows clickable
 * (a drill-down); ``rowTitle`` is their tooltip.
 */
export class AnalysisTable extends Component {
  static template = "smart_dairy_b2b.AnalysisTable";
  static props = {
    columns: Array,
    rows: Array,
    rowKey: String,
    currencyId: {optional: true},
    total: {type: Object, optional: true},
    onRowClick: {type: Function, optional: true},
    rowTitle: {type: String, optional: true},
    className: {type: String, optional: true},
  };

  isNumeric(column) {
    return NUMERIC.has(column.kind);
  }

  format(column, value) {
    switch (column.kind) {
      case "money":
        return formatMoney(value, this.props.currencyId, {whole: true});
      case "count":
        return formatCount(value);
      case "pct":
        return formatPct(value);
      case "change":
        return value === null || value === undefined ? "—" : formatChange(value);
      case "number":
        return formatNumber(value);
      case "date":
        return value ? formatDay(value) : "—";
    }
    return value === null || value === undefined || value === false ? "—" : value;
  }

  cellClass(column, value) {
    const classes = [];
    if (this.isNumeric(column)) {
      classes.push("text-end", "text-nowrap");
    }
    if (column.kind === "change" && value) {
      const good = column.lowerIsBetter ? value < 0 : value > 0;
      classes.push(good ? "text-success" : "text-danger");
    }
    return classes.join(" ");
  }

  onClick(row) {
    if (this.props.onRowClick) {
      this.props.onRowClick(row);
    }
  }
}
