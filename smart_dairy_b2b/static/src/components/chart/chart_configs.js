/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatCount, formatMoney, formatMonth, formatPct} from "../../utils/format";

export const PALETTE = [
  "#714B67",
  "#017E84",
  "#E4A900",
  "#E46E78",
  "#5B899E",
  "#8A9A5B",
  "#A27EB8",
  "#D88C5A",
];
const PRIMARY = "#714B67";
const PRIMARY_LIGHT = "rgba(113, 75, 103, 0.35)";
const FORECAST = "#017E84";
const TARGET = "#E4A900";
const LAST_YEAR = "#8F8F8F";

function rgba(hex, alpha) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

function moneyAxis(currencyId) {
  return {
    beginAtZero: true,
    ticks: {callback: (value) => formatMoney(value, currencyId, {compact: true})},
    grid: {color: "rgba(0, 0, 0, 0.05)"},
  };
}

/**
 * Monthly revenue bars (the last one "to date" when the month is not over) and the
 * forecast line with its 80% and 95% bands. A month not over is drawn as what it made
 * so far, with the forecast for the rest of it on top (a floating bar up to the
 * month's forecast), never as a forecast replacing it. ``labels`` are 'YYYY-MM' months;
 * ``months`` lists each label's role for the click handler. ``targets`` (the monthly
 * target, [{period, target}]) and ``lastYear`` (the same months a year earlier,
 * [{period, revenue}]) add a stepped target line and a line of last year's months.
 */
export function revenueTrendConfig(
  trend,
  forecast,
  currencyId,
  periodEnd,
  {targets = [], lastYear = []} = {}
) {
  const months = trend.map((row) => row.period);
  const forecastMonths = (forecast && forecast.periods) || [];
  const labels = [...new Set([...months, ...forecastMonths])].sort();
  const actual = labels.map(
    (m) => trend.find((row) => row.period === m)?.revenue ?? null
  );
  const partialMonth =
    periodEnd && months.length && !isMonthEnd(periodEnd)
      ? months[months.length - 1]
      : null;
  const hasForecast = forecastMonths.length > 0 && forecast.point?.length;
  const series = (key) =>
    labels.map((m) => {
      const index = forecastMonths.indexOf(m);
      return index >= 0 ? forecast[key][index] : null;
    });
  const datasets = [
    {
      type: "bar",
      label: _t("Revenue"),
      data: actual,
      backgroundColor: labels.map((m) =>
        m === partialMonth ? PRIMARY_LIGHT : PRIMARY
      ),
      borderRadius: 3,
      maxBarThickness: 42,
      order: 2,
    },
  ];
  const partialForecast = hasForecast ? forecastMonths.indexOf(partialMonth) : -1;
  if (partialForecast >= 0) {
    const soFar = actual[labels.indexOf(partialMonth)] || 0;
    const expected = Math.max(forecast.point[partialForecast], soFar);
    datasets.push({
      type: "bar",
      label: _t("Forecast for the rest of the month"),
      remainder: true,
      data: labels.map((m) => (m === partialMonth ? [soFar, expected] : null)),
      grouped: false,
      backgroundColor: rgba(FORECAST, 0.12),
      borderColor: FORECAST,
      borderWidth: 1,
      borderRadius: 3,
      maxBarThickness: 42,
      order: 2,
    });
  }
  if (hasForecast) {
    // The line starts at the last complete month, so it continues the bars.
    const point = series("point");
    const anchor = labels.indexOf(forecastMonths[0]) - 1;
    if (anchor >= 0 && actual[anchor] !== null) {
      point[anchor] = actual[anchor];
    }
    const band = (key, label, color, fill) => ({
      type: "line",
      label,
      bandKey: key,
      isLower: key.startsWith("lower"),
      data: series(key),
      borderWidth: 0,
      borderColor: FORECAST,
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      backgroundColor: color,
      fill,
      spanGaps: false,
      order: 1,
    });
    datasets.push(
      {
        type: "line",
        label: _t("Forecast"),
        data: point,
        borderColor: FORECAST,
        backgroundColor: FORECAST,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 3,
        tension: 0.25,
        order: 0,
      },
      band("upper_95", _t("95% interval"), rgba(FORECAST, 0.1), "+1"),
      band("lower_95", "", rgba(FORECAST, 0.1), false),
      band("upper_80", _t("80% interval"), rgba(FORECAST, 0.2), "+1"),
      band("lower_80", "", rgba(FORECAST, 0.2), false)
    );
  }
  // After the bands: their fills point at their neighbours by position.
  // (A month without sales last year, before the history starts, draws no point.)
  const byMonth = (rows, key) =>
    labels.map((m) => rows.find((row) => row.period === m)?.[key] || null);
  if (targets.some((row) => row.target !== null)) {
    datasets.push({
      type: "line",
      label: _t("Target"),
      data: byMonth(targets, "target"),
      borderColor: TARGET,
      backgroundColor: TARGET,
      borderWidth: 2,
      stepped: "middle",
      pointRadius: 0,
      spanGaps: false,
      order: 0,
    });
  }
  if (lastYear.some((row) => row.revenue)) {
    datasets.push({
      ...{type: "line", label: _t("Last year"), data: byMonth(lastYear, "revenue")},
      ...{borderColor: LAST_YEAR, backgroundColor: LAST_YEAR, borderWidth: 1.5},
      ...{borderDash: [2, 3], pointRadius: 2, tension: 0.25, order: 0},
    });
  }
  return {
    type: "bar",
    data: {labels, datasets},
    options: {
      interaction: {mode: "index", intersect: false},
      scales: {
        x: {
          ticks: {callback: (value, index) => formatMonth(labels[index])},
          grid: {display: false},
        },
        y: moneyAxis(currencyId),
      },
      plugins: {
        legend: {
          labels: {
            boxWidth: 12,
            usePointStyle: true,
            pointStyle: "rectRounded",
            filter: (item, data) => !data.datasets[item.datasetIndex].isLower,
            sort: (a, b) => a.datasetIndex - b.datasetIndex,
          },
        },
        tooltip: {
          filter: (item) => item.raw !== null && !item.dataset.isLower,
          callbacks: {
            title: (items) => {
              const month = labels[items[0].dataIndex];
              const suffix = month === partialMonth ? ` (${_t("to date")})` : "";
              return formatMonth(month, true) + suffix;
            },
            label: (item) => {
              const {bandKey, label, remainder} = item.dataset;
              if (remainder) {
                const [soFar, expected] = item.raw;
                return `${label}: ${formatMoney(expected - soFar, currencyId, {
                  whole: true,
                })}`;
              }
              if (bandKey) {
                const index = forecastMonths.indexOf(labels[item.dataIndex]);
                const lower = forecast[bandKey.replace("upper", "lower")][index];
                return `${label}: ${formatMoney(lower, currencyId, {
                  whole: true,
                })} – ${formatMoney(item.raw, currencyId, {whole: true})}`;
              }
              return `${label}: ${formatMoney(item.raw, currencyId, {whole: true})}`;
            },
          },
        },
      },
    },
    months: labels,
  };
}

function isMonthEnd(isoDate) {
  const day = luxon.DateTime.fromISO(isoDate);
  return day.plus({days: 1}).day === 1;
}

// Tiers named after metals get their metal's colour; others take the palette.
const METAL_COLORS = {
  bronze: "#B87333",
  silver: "#9AA5B1",
  gold: "#D4A017",
  platinum: "#5C7A99",
  diamond: "#4FB3BF",
};

function tierColor(name, index) {
  const metal = Object.keys(METAL_COLORS).find((key) =>
    (name || "").toLowerCase().includes(key)
  );
  return metal ? METAL_COLORS[metal] : PALETTE[index % PALETTE.length];
}

/** Revenue by tier (doughnut). */
export function tierConfig(tiers, currencyId) {
  const total = tiers.reduce((sum, tier) => sum + tier.revenue, 0);
  return {
    type: "doughnut",
    data: {
      labels: tiers.map((tier) => tier.name),
      datasets: [
        {
          label: _t("Revenue"),
          data: tiers.map((tier) => tier.revenue),
          backgroundColor: tiers.map((tier, i) => tierColor(tier.name, i)),
          borderWidth: 2,
          hoverOffset: 6,
        },
      ],
    },
    options: {
      cutout: "62%",
      plugins: {
        legend: {position: "bottom", labels: {boxWidth: 12, padding: 12}},
        tooltip: {
          callbacks: {
            label: (item) => {
              const tier = tiers[item.dataIndex];
              const share = total ? (tier.revenue * 100) / total : null;
              return [
                `${formatMoney(tier.revenue, currencyId, {whole: true})} (${formatPct(share)})`,
                `${formatCount(tier.customers)} ${_t("customers")}`,
              ];
            },
          },
        },
      },
    },
  };
}

/** A customer's monthly revenue (bars) and orders (line, right axis). */
export function customerTrendConfig(monthly, currencyId) {
  const labels = monthly.map((row) => row.month);
  return {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "bar",
          label: _t("Revenue"),
          data: monthly.map((row) => row.revenue),
          backgroundColor: PRIMARY,
          borderRadius: 3,
          maxBarThickness: 42,
          yAxisID: "y",
          order: 2,
        },
        {
          type: "line",
          label: _t("Orders"),
          data: monthly.map((row) => row.orders),
          borderColor: FORECAST,
          backgroundColor: FORECAST,
          borderWidth: 2,
          pointRadius: 3,
          cubicInterpolationMode: "monotone",
          yAxisID: "orders",
          order: 1,
        },
      ],
    },
    options: {
      interaction: {mode: "index", intersect: false},
      scales: {
        x: {
          ticks: {callback: (value, index) => formatMonth(labels[index])},
          grid: {display: false},
        },
        y: moneyAxis(currencyId),
        orders: {
          position: "right",
          beginAtZero: true,
          grace: "10%",
          grid: {display: false},
          ticks: {precision: 0},
          title: {display: true, text: _t("Orders")},
        },
      },
      plugins: {
        legend: {
          labels: {boxWidth: 12, sort: (a, b) => a.datasetIndex - b.datasetIndex},
        },
        tooltip: {
          callbacks: {
            title: (items) => formatMonth(labels[items[0].dataIndex], true),
            label: (item) =>
              item.dataset.yAxisID === "orders"
                ? `${item.dataset.label}: ${formatCount(item.raw)}`
                : `${item.dataset.label}: ${formatMoney(item.raw, currencyId, {
                    whole: true,
                  })}`,
          },
        },
      },
    },
  };
}
