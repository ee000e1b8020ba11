/** @odoo-module **/

import {Component} from "@odoo/owl";
import {formatCount, formatMonth, formatPct} from "../../utils/format";

const MAX_MONTHS = 13;

/** Cohort retention: one row per first-order month, one column per month after it. */
export class CohortHeatmap extends Component {
  static template = "smart_dairy_b2b.CohortHeatmap";
  static props = {
    cohorts: Array,
    onCellClick: {type: Function, optional: true},
  };

  get columns() {
    const longest = Math.max(0, ...this.props.cohorts.map((c) => c.retention.length));
    return [...Array(Math.min(longest, MAX_MONTHS)).keys()];
  }

  get rows() {
    return this.props.cohorts.map((cohort) => ({
      cohort: cohort.cohort,
      label: formatMonth(cohort.cohort),
      size: formatCount(cohort.size),
      cells: this.columns.map((k) => {
        const value = cohort.retention[k];
        return {k, value, text: value === undefined ? "" : formatPct(value, 0)};
      }),
    }));
  }

  cellStyle(value) {
    if (value === undefined || value === null) {
      return "";
    }
    const alpha = 0.06 + (0.84 * Math.min(value, 100)) / 100;
    const color = value > 55 ? "#fff" : "inherit";
    return `background-color: rgba(113, 75, 103, ${alpha.toFixed(3)}); color: ${color};`;
  }

  onClick(row, cell) {
    if (this.props.onCellClick && cell.value !== undefined) {
      this.props.onCellClick(row.cohort, cell.k);
    }
  }
}
