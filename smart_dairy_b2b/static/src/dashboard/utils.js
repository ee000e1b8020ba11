/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatCurrency} from "@web/core/currency";
import {formatFloat} from "@web/core/utils/numbers";
import {formatDate} from "@web/core/l10n/dates";

const {DateTime} = luxon;

export const ANALYTICS_SERVICE = "b2b.analytics.service";
export const EXPORT_SERVICE = "b2b.report.export.service";

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

// Periods ------------------------------------------------------------------------

export function periodPresets() {
  return [
    {id: "this_month", label: _t("This month")},
    {id: "last_month", label: _t("Last month")},
    {id: "last_30_days", label: _t("Last 30 days")},
    {id: "last_90_days", label: _t("Last 90 days")},
    {id: "this_quarter", label: _t("This quarter")},
    {id: "this_year", label: _t("This year")},
    {id: "last_12_months", label: _t("Last 12 months")},
    {id: "custom", label: _t("Custom dates")},
  ];
}

export function compareModes() {
  return [
    {id: "previous_period", label: _t("vs previous period")},
    {id: "previous_year", label: _t("vs previous year")},
    {id: "none", label: _t("No comparison")},
  ];
}

/** Today in the analytics timezone (the one the server counts dates in). */
export function todayIn(timezone) {
  const now = DateTime.now();
  const zoned = timezone ? now.setZone(timezone) : now;
  return (zoned.isValid ? zoned : now).startOf("day");
}

const iso = (day) => day.toISODate();

/** {dateFrom, dateTo} (ISO dates) of a preset, or null for "custom". */
export function presetRange(preset, timezone) {
  const today = todayIn(timezone);
  switch (preset) {
    case "this_month":
      return {dateFrom: iso(today.startOf("month")), dateTo: iso(today)};
    case "last_month": {
      const month = today.minus({months: 1});
      return {dateFrom: iso(month.startOf("month")), dateTo: iso(month.endOf("month"))};
    }
    case "last_30_days":
      return {dateFrom: iso(today.minus({days: 29})), dateTo: iso(today)};
    case "last_90_days":
      return {dateFrom: iso(today.minus({days: 89})), dateTo: iso(today)};
    case "this_quarter":
      return {dateFrom: iso(today.startOf("quarter")), dateTo: iso(today)};
    case "this_year":
      return {dateFrom: iso(today.startOf("year")), dateTo: iso(today)};
    case "last_12_months":
      return {
        dateFrom: iso(today.minus({months: 12}).plus({days: 1})),
        dateTo: iso(today),
      };
  }
  return null;
}

/** The comparison period of DESIGN.md section 6 (mirrors engine/periods.py). */
export function comparisonPeriod(dateFrom, dateTo, compare) {
  if (!dateFrom || !dateTo || compare === "none") {
    return null;
  }
  const start = DateTime.fromISO(dateFrom);
  const end = DateTime.fromISO(dateTo);
  if (compare === "previous_year") {
    return {dateFrom: iso(start.minus({years: 1})), dateTo: iso(end.minus({years: 1}))};
  }
  if (start.day === 1 && start.hasSame(end, "month")) {
    const previousEnd = start.minus({days: 1});
    return {
      dateFrom: iso(previousEnd.startOf("month")),
      dateTo: iso(previousEnd.set({day: Math.min(end.day, previousEnd.day)})),
    };
  }
  const length = end.diff(start, "days").days + 1;
  return {
    dateFrom: iso(start.minus({days: length})),
    dateTo: iso(start.minus({days: 1})),
  };
}

/** UTC datetime bounds ("YYYY-MM-DD HH:mm:ss") of calendar dates in ``timezone``,
 * for domains on sale.order.date_order. */
export function utcBounds(dateFrom, dateTo, timezone) {
  const zone = timezone || "UTC";
  const format = "yyyy-MM-dd HH:mm:ss";
  const start = DateTime.fromISO(dateFrom, {zone}).startOf("day").toUTC();
  const end = DateTime.fromISO(dateTo, {zone}).plus({days: 1}).startOf("day").toUTC();
  return [start.toFormat(format), end.toFormat(format)];
}

/** Last day of the month of ``month`` ('YYYY-MM'), clipped to ``limit`` (ISO). */
export function monthBounds(month, limit) {
  const start = DateTime.fromISO(`${month}-01`);
  let end = iso(start.endOf("month"));
  if (limit && end > limit) {
    end = limit;
  }
  return {dateFrom: iso(start), dateTo: end};
}

// Formatting ---------------------------------------------------------------------

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

// Errors and files ---------------------------------------------------------------

/** A sentence for the user out of an RPC or network error. */
export function errorMessage(error) {
  if (!error) {
    return _t("Unknown error.");
  }
  const data = error.data || {};
  if (
    error.name === "ConnectionLostError" ||
    error.constructor?.name === "ConnectionLostError"
  ) {
    return _t("The server could not be reached. Check your connection and retry.");
  }
  return data.message || error.message || String(error);
}

function base64ToBytes(content) {
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Save a {filename, mimetype, content (base64)} answer through a temporary link. */
export function downloadFile({filename, mimetype, content}) {
  const blob = new Blob([base64ToBytes(content)], {
    type: mimetype || "application/octet-stream",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename || "report";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Cached look-ups ----------------------------------------------------------------

let mayExportPromise = null;

/**
 * Whether the user may export reports, as the server decides it (their groups); a
 * failed check is not cached, so the next screen asks again.
 */
export function mayExport(orm) {
  if (!mayExportPromise) {
    mayExportPromise = orm.call(EXPORT_SERVICE, "may_export", []).catch((error) => {
      mayExportPromise = null;
      throw error;
    });
  }
  return mayExportPromise;
}

const currencyPromises = {};

/** The currency id of a company, for formatCurrency (the service gives its code). */
export function companyCurrencyId(orm, companyId) {
  if (!currencyPromises[companyId]) {
    currencyPromises[companyId] = orm
      .read("res.company", [companyId], ["currency_id"])
      .then((records) => records[0]?.currency_id?.[0] || false)
      .catch((error) => {
        delete currencyPromises[companyId];
        throw error;
      });
  }
  return currencyPromises[companyId];
}
