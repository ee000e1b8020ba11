/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";

const {DateTime} = luxon;

// The period picker's presets: a screen choice resolved to dates here, which the
// server then validates and answers for (its comparison period included).
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

/** Whole days from ``dateFrom`` to ``dateTo`` (ISO dates). */
export function daysBetween(dateFrom, dateTo) {
  return DateTime.fromISO(dateTo).diff(DateTime.fromISO(dateFrom), "days").days;
}

/** The month ('YYYY-MM') ``months`` after ``month``. */
export function addMonths(month, months) {
  return DateTime.fromISO(`${month}-01`).plus({months}).toFormat("yyyy-MM");
}

/** The first day (ISO) of the month ``months`` before the one of ``date``. */
export function monthsBefore(date, months) {
  return iso(DateTime.fromISO(date).minus({months}).startOf("month"));
}
