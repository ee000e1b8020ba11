/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatCount, formatDay, formatNumber, formatPct} from "../utils/format";

/**
 * The customer screen's summary cards out of ``get_customer_summary``'s ``summary``:
 * what each shows (KPI labels from the server's definitions, ``kpiLabel(name)``) and
 * where it leads (``openSales(measures)``, ``openOrders(period)``,
 * null for all the customer's orders).
 */
export function summaryCards(s, {kpiLabel, money, openSales, openOrders, period}) {
  const marginPct = s.total_revenue ? (s.total_margin * 100) / s.total_revenue : null;
  return [
    {
      name: "revenue",
      label: kpiLabel("revenue"),
      value: money(s.total_revenue),
      hint: _t("in the period"),
      open: () => openSales(["revenue", "order_count"]),
    },
    {
      name: "orders",
      label: kpiLabel("orders"),
      value: formatCount(s.order_count),
      hint: _t("confirmed"),
      open: () => openOrders(period),
    },
    {
      name: "aov",
      label: kpiLabel("aov"),
      value: money(s.avg_order_value),
      hint: _t("revenue / orders"),
      open: () => openSales(["aov", "revenue", "order_count"]),
    },
    {
      name: "margin",
      label: kpiLabel("gross_margin"),
      value: money(s.total_margin),
      hint: marginPct === null ? "" : _t("%s of revenue", formatPct(marginPct)),
      open: () => openSales(["margin", "margin_pct", "revenue"]),
    },
    {
      name: "last_order",
      label: _t("Last order"),
      value: s.last_order_date ? formatDay(s.last_order_date) : "—",
      hint:
        s.days_since_last_order === null
          ? _t("never ordered")
          : s.days_since_last_order === 0
            ? _t("today")
            : _t("%s days ago", formatCount(s.days_since_last_order)),
      open: () => openOrders(null),
    },
    {
      name: "frequency",
      label: _t("Order interval"),
      value:
        s.avg_days_between_orders === null
          ? "—"
          : _t("%s days", formatNumber(s.avg_days_between_orders, 1)),
      hint: _t("average gap"),
    },
    {
      name: "first_order",
      label: _t("Customer since"),
      value: s.first_order_date ? formatDay(s.first_order_date) : "—",
      hint: _t("first order"),
    },
  ];
}

/** How the CLV formula measured its retention rate. */
export function retentionSourceLabel(source) {
  return (
    {
      tier: _t("measured on the customer's tier"),
      overall: _t("measured on all customers"),
      fallback: _t("default setting (not measurable yet)"),
    }[source] || ""
  );
}

/** Why the predictive CLV has no figure, if it has none. */
export function predictiveMessage(method) {
  return (
    {
      insufficient_data: _t(
        "Not enough history yet: the BG/NBD model needs at least 50 customers with a repeat order."
      ),
      not_fitted: _t(
        "The model has not been fitted yet: it is refitted daily, and a manager can refit it now from the analytics settings."
      ),
      no_orders: _t("No orders yet."),
    }[method] || ""
  );
}

/**
 * The risk cards' words: each measure's label and definition
 * (vocabulary.RISK_MEASURES), the churn badge (the level, or the status of a pending
 * or suspended customer, which is not scored), how the churn risk was assessed, and a
 * note when the RFM segment and the churn risk seem to disagree.
 */
export function riskView(data, stateLabel, definitions) {
  const churn = data.churn || {};
  const rfm = data.rfm || {};
  const state = data.customer.state;
  const measures = definitions?.risk_measures || {};
  const level = definitions?.churn_risks[churn.risk];
  let badge = level ? _t("%s risk", level) : _t("Not assessed");
  if (state !== "approved") {
    badge = _t("%s: not assessed", stateLabel);
  }
  const none = {label: "", definition: ""};
  // A slipping RFM segment beside a low churn risk is two answers, said as such.
  const slipping = ["At Risk", "Can't Lose Them", "About to Sleep"].includes(
    rfm.segment
  );
  return {
    badge,
    method: churnMethodLabel(churn.method),
    churn: measures.churn_risk || none,
    rfm: measures.rfm_segment || none,
    note:
      slipping && churn.risk === "low"
        ? _t(
            "Both hold: by its own order history this customer is still buying (churn risk low), but it has bought less lately than comparable customers (RFM)."
          )
        : "",
  };
}

/** How the churn risk was assessed. */
export function churnMethodLabel(method) {
  if (method === "bgnbd_gamma_gamma") {
    return _t("From the BG/NBD model: probability that the customer is still buying.");
  }
  if (method === "order_gap") {
    return _t(
      "From the order gap: days since the last order compared with the customer's usual gap (the model needs more data)."
    );
  }
  return "";
}

/** The RFM scores (1 to 5) of the customer's segment. */
export function rfmScores(rfm) {
  return [
    {key: "r", label: _t("Recency"), value: rfm.r},
    {key: "f", label: _t("Frequency"), value: rfm.f},
    {key: "m", label: _t("Monetary"), value: rfm.m},
  ];
}
