/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {PALETTE} from "../components/chart/chart_configs";
import {formatMoney, formatMonth} from "../utils/format";

/** The b2b.analytics domain of a breakdown row: its id, or no value for a "none" row. */
export function rowDomain(field, id) {
  return [[field, "=", id || false]];
}

/** Pivot layout of the sales analysis a breakdown drills into. */
export function pivotContext(rowGroupBy, measures) {
  return {
    pivot_row_groupby: [rowGroupBy],
    pivot_column_groupby: ["date:month"],
    pivot_measures: measures,
  };
}

function moneyAxis(currencyId) {
  return {
    beginAtZero: true,
    stacked: true,
    ticks: {callback: (value) => formatMoney(value, currencyId, {compact: true})},
  };
}

/** Bars of ``rows`` (one per row, labelled by ``name``), one dataset per measure. */
export function barConfig(rows, measures, currencyId) {
  return {
    type: "bar",
    data: {
      labels: rows.map((row) => row.name),
      datasets: measures.map(({key, label}, index) => ({
        label,
        data: rows.map((row) => row[key]),
        backgroundColor: PALETTE[index % PALETTE.length],
        borderRadius: 3,
        maxBarThickness: 48,
      })),
    },
    options: {
      scales: {
        x: {stacked: true},
        y: moneyAxis(currencyId),
      },
      plugins: {legend: {display: measures.length > 1}},
    },
  };
}

/**
 * Monthly revenue stacked by sales team, from ``trend`` rows ({month, team_id, name,
 * revenue}); ``teamIds[i]`` is the team of dataset i (for the click handler).
 */
export function teamTrendConfig(trend, currencyId) {
  const months = [...new Set(trend.map((row) => row.month))].sort();
  const teams = [];
  for (const row of trend) {
    if (!teams.some((team) => team.id === row.team_id)) {
      teams.push({id: row.team_id, name: row.name});
    }
  }
  const revenue = (month, teamId) =>
    trend.find((row) => row.month === month && row.team_id === teamId)?.revenue || 0;
  return {
    teamIds: teams.map((team) => team.id),
    months,
    config: {
      type: "bar",
      data: {
        labels: months.map((month) => formatMonth(month)),
        datasets: teams.map((team, index) => ({
          label: team.name || _t("No sales team"),
          data: months.map((month) => revenue(month, team.id)),
          backgroundColor: PALETTE[index % PALETTE.length],
          borderRadius: 2,
          maxBarThickness: 48,
        })),
      },
      options: {
        scales: {x: {stacked: true}, y: moneyAxis(currencyId)},
        plugins: {legend: {position: "bottom"}},
      },
    },
  };
}
