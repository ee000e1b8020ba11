/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";

export const ANALYTICS_SERVICE = "b2b.analytics.service";
export const EXPORT_SERVICE = "b2b.report.export.service";

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

/**
 * One promise per key, kept for the session; a failure is not kept, so the next
 * screen asks again.
 */
function cached(store, key, ask) {
  if (!store.has(key)) {
    store.set(
      key,
      ask().catch((error) => {
        store.delete(key);
        throw error;
      })
    );
  }
  return store.get(key);
}

const answers = new Map();

/** Whether the user may export reports, as the server decides it (their groups). */
export function mayExport(orm) {
  return cached(answers, "may_export", () =>
    orm.call(EXPORT_SERVICE, "may_export", [])
  );
}

/**
 * The server's vocabulary (KPIs with labels, formats, higher-is-better and definitions,
 * churn-risk labels, comparison modes, report types, formats) in the user's language:
 * the screens show these, they keep no copy (``vocabulary.py``).
 */
export function loadDefinitions(orm) {
  return cached(answers, "definitions", () =>
    orm.call(ANALYTICS_SERVICE, "get_definitions", [])
  );
}

/** The currency id of a company, for formatCurrency (the service gives its code). */
export function companyCurrencyId(orm, companyId) {
  return cached(answers, `currency_${companyId}`, () =>
    orm
      .read("res.company", [companyId], ["currency_id"])
      .then((records) => records[0]?.currency_id?.[0] || false)
  );
}

/** {field: {value: label}} of selection fields, as the model defines them (cached). */
export function selectionLabels(orm, model, fields) {
  return cached(answers, `selection_${model}_${fields}`, () =>
    orm
      .call(model, "fields_get", [fields], {attributes: ["selection"]})
      .then((described) =>
        Object.fromEntries(
          fields.map((field) => [field, Object.fromEntries(described[field].selection)])
        )
      )
  );
}
