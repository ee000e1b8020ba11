/** @odoo-module **/

import {formatCurrency} from "@web/core/currency";
import {formatDate} from "@web/core/l10n/dates";
import {formatFloat} from "@web/core/utils/numbers";

const {DateTime} = luxon;

// One colour per RFM segment, on the dashboard and the customer screen alike.
export const RFM_COLORS = {
  Champions: "#1E7B4F",
  "Loyal Customers": "#2F9E6E",
  "Potential Loyalists": "#5DB58A",
  "New Customers": "#4A90C2",
  Promising: "#7DB3D9",
  "Need Attention": "#E4A900",
  "About to Sleep": "#E8B960",
  "At Risk": "#E07B39",
  "Can't Lose Them": "#C8453C",
  Hibernating: "#9E9E9E",
  Lost: "#6B6B6B",
};

/** Badge class of a churn risk (its label comes from the server's definitions). */
export function riskClass(risk) {
  return (
    {high: "text-bg-danger", medium: "text-bg-warning", low: "text-bg-success"}[risk] ||
    "text-bg-secondary"
  );
}

export function formatDay(value) {
  return value ? formatDate(DateTime.fromISO(value)) : "";
}

export function formatPeriod(dateFrom, dateTo) {
  if (!dateFrom || !dateTo) {
    return "";
  }
  return dateFrom === dateTo
    ? formatDay(dateFrom)
    : `${formatDay(dateFrom)} – ${formatDay(dateTo)}`;
}

export function formatMonth(month, long = false) {
  const day = DateTime.fromISO(`${month}-01`);
  return day.isValid ? day.toFormat(long ? "MMMM yyyy" : "MMM yyyy") : month;
}

/** Money in the company currency, with the user's number format. ``whole`` drops
 * decimals (cards and tables); ``compact`` gives 12.3k/4.5M (chart axes). */
export function formatMoney(value, currencyId, {whole = false, compact = false} = {}) {
  if (value === null || value === undefined) {
    return "—";
  }
  if (compact) {
    return formatCurrency(value, currencyId, {humanReadable: true, digits: [69, 1]});
  }
  return formatCurrency(value, currencyId, whole ? {digits: [69, 0]} : {});
}

export function formatCount(value) {
  if (value === null || value === undefined) {
    return "—";
  }
  return formatFloat(value, {digits: [69, 0]});
}

export function formatNumber(value, decimals = 1) {
  if (value === null || value === undefined) {
    return "—";
  }
  return formatFloat(value, {digits: [69, decimals]});
}

export function formatPct(value, decimals = 1) {
  if (value === null || value === undefined) {
    return "—";
  }
  return `${formatFloat(value, {digits: [69, decimals]})}\u00a0%`;
}

export function formatChange(value) {
  if (value === null || value === undefined) {
    return "";
  }
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${formatFloat(Math.abs(value), {digits: [69, 1]})}\u00a0%`;
}

/** A value of the server's format kind ("money", "pct", "count"). */
export function formatValue(kind, value, currencyId, options = {}) {
  switch (kind) {
    case "money":
      return formatMoney(value, currencyId, {whole: true, ...options});
    case "pct":
      return formatPct(value);
    case "count":
      return formatCount(value);
  }
  return formatNumber(value);
}

/**
 * The formats of the dashboard's tables, for a component's template: money in the
 * currency ``currencyId()`` gives, without decimals.
 */
export function tableFormats(currencyId) {
  return {
    money: (value) => formatMoney(value, currencyId(), {whole: true}),
    count: (value) => formatCount(value),
    pct: (value, decimals = 1) => formatPct(value, decimals),
    day: (value) => formatDay(value),
  };
}
