/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatCount, formatMonth, formatPct} from "../../utils/format";

// The groups drawn as stacked bars (churned below zero), in the server's order.
const BAR_GROUPS = {
  retained: "#714B67",
  new: "#017E84",
  won_back: "#E4A900",
  churned: "#E46E78",
};
const STARTING = "#5B899E";
const RETENTION = "#1E7B4F";

/**
 * The retention chart: per month, retained, new and won-back customers stacked above
 * zero, churned ones below it, the starting customers as a dashed line, and the
 * retention % on its own axis. ``labels`` are the server's group labels; each dataset
 * keeps its ``group`` key for the drill-down.
 */
export function retentionConfig(months, labels) {
  const monthLabels = months.map((row) => row.month);
  const datasets = Object.entries(BAR_GROUPS).map(([group, color]) => ({
    type: "bar",
    group,
    label: labels[group] || group,
    data: months.map((row) => (group === "churned" ? -row[group] : row[group])),
    backgroundColor: color,
    stack: "customers",
    borderRadius: 2,
    maxBarThickness: 40,
    order: 2,
  }));
  datasets.push(
    {
      type: "line",
      group: "starting",
      label: labels.starting || "starting",
      data: months.map((row) => row.starting),
      borderColor: STARTING,
      backgroundColor: STARTING,
      borderDash: [5, 4],
      borderWidth: 2,
      pointRadius: 3,
      order: 1,
    },
    {
      type: "line",
      label: _t("Retention %"),
      data: months.map((row) => row.retention_pct),
      yAxisID: "pct",
      borderColor: RETENTION,
      backgroundColor: RETENTION,
      borderWidth: 2,
      pointRadius: 3,
      tension: 0.25,
      spanGaps: true,
      order: 0,
    }
  );
  return {
    type: "bar",
    data: {labels: monthLabels, datasets},
    options: {
      interaction: {mode: "index", intersect: false},
      scales: {
        x: {
          stacked: true,
          ticks: {callback: (value, index) => formatMonth(monthLabels[index])},
          grid: {display: false},
        },
        y: {
          stacked: true,
          ticks: {callback: (value) => formatCount(Math.abs(value))},
          grid: {color: "rgba(0, 0, 0, 0.05)"},
        },
        pct: {
          position: "right",
          min: 0,
          max: 100,
          ticks: {callback: (value) => formatPct(value, 0)},
          grid: {display: false},
        },
      },
      plugins: {
        legend: {
          labels: {boxWidth: 12, usePointStyle: true, pointStyle: "rectRounded"},
        },
        tooltip: {
          callbacks: {
            title: (items) => formatMonth(monthLabels[items[0].dataIndex], true),
            label: (item) => {
              const value =
                item.dataset.yAxisID === "pct"
                  ? formatPct(item.raw)
                  : formatCount(Math.abs(item.raw));
              return `${item.dataset.label}: ${value}`;
            },
          },
        },
      },
    },
  };
}
