/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestInsightsTour (tests/test_insights_tour.py): Rahman General Store is
// approved and scored, Hotel Padma suspended. A row of Customer Insights opens its
// customer's analytics; the risk measures say what they measure.
const customerReady = ".o_b2b_customer_analytics.o_b2b_ready";

registry.category("web_tour.tours").add("b2b_insights_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_customer_insight_server_action",
  steps: () => [
    {
      content:
        "The list says when its snapshot was computed, in the analytics timezone",
      trigger: ".o_b2b_insight_snapshot:contains('(Asia/Dhaka)')",
      isCheck: true,
    },
    {
      content: "Open Rahman General Store's row",
      trigger:
        ".o_data_row:contains('Rahman General Store') .o_data_cell[name=customer_id]",
    },
    {
      content:
        "Its analytics screen opens, with the churn risk named for what it measures",
      trigger: `${customerReady} .o_b2b_customer_name:contains('Rahman General Store')`,
      isCheck: true,
    },
    {
      content: "The churn card is the model's",
      trigger: `${customerReady} .o_b2b_churn h5:contains('Churn risk (model)')`,
      isCheck: true,
    },
    {
      content: "Back to Customer Insights",
      trigger: ".breadcrumb-item a:contains('Customer Insights')",
    },
    {
      content: "Open the suspended Hotel Padma",
      trigger: ".o_data_row:contains('Hotel Padma') .o_data_cell[name=customer_id]",
    },
    {
      content: "A suspended customer is labelled, not 'Low risk'",
      trigger: `${customerReady} .o_b2b_churn_badge:contains('Suspended: not assessed')`,
      isCheck: true,
    },
  ],
});
