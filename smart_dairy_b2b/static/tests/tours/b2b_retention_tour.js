/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestRetentionTour (tests/test_retention_tour.py), months counted back from
// this one (M0): Tour Agora Superstore (the salesperson's) orders in M-3, M-1 and M0,
// Tour Hotel Padma (the manager's) in M-2 and M0. So in M-1 the superstore is won
// back and the hotel churned; in M0 the hotel is won back. Its milk is in the
// category "Tour Dairy Milk" (moved there after the sales).
const ready = ".o_b2b_retention.o_b2b_ready";
const customerReady = ".o_b2b_customer_analytics.o_b2b_ready";

function month(back) {
  return luxon.DateTime.now().minus({months: back}).toFormat("yyyy-MM");
}

// The cells of a month's row: month, starting, retained, new, won back, churned, …
function cell(back, column) {
  return `${ready} tr[data-row-key='${month(back)}'] td:nth-child(${column})`;
}

registry.category("web_tour.tours").add("b2b_retention_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_retention_action",
  steps: () => [
    {
      content: "The last 12 months are shown, month by month",
      trigger: `${ready} tr[data-row-key='${month(12)}']`,
      isCheck: true,
    },
    {
      content: "Last month: one customer won back",
      trigger: `${cell(1, 5)}:contains("1")`,
      isCheck: true,
    },
    {
      content: "Last month: one customer churned",
      trigger: `${cell(1, 6)}:contains("1")`,
      isCheck: true,
    },
    {
      content: "This month: one customer won back, none churned",
      trigger: `${cell(0, 5)}:contains("1") + td:contains("0")`,
      isCheck: true,
    },
    {
      content: "Both customers bought more than once",
      trigger: `${ready} .o_b2b_retention_buyers [data-figure='repeat']:contains("2")`,
      isCheck: true,
    },
    {
      content: "The chart is drawn",
      trigger: `${ready} .o_b2b_chart canvas`,
      isCheck: true,
    },
    {
      content: "Open last month's won-back customers",
      trigger: `${ready} tr[data-row-key='${month(1)}']`,
    },
    {
      content: "They are the superstore, not the hotel",
      trigger: `.o_list_view .o_list_table:has(.o_data_row:contains("Tour Agora Superstore")):not(:contains("Tour Hotel Padma"))`,
      isCheck: true,
    },
    {
      content: "Back to the retention screen",
      trigger: `.breadcrumb-item a:contains("Retention")`,
    },
    {
      content: "It comes back with its period",
      trigger: `${ready} tr[data-row-key='${month(12)}']`,
      isCheck: true,
    },
    {
      content: "Open last month's won-back customers again",
      trigger: `${ready} tr[data-row-key='${month(1)}']`,
    },
    {
      content: "Open the superstore",
      trigger: `.o_list_view .o_data_row:contains("Tour Agora Superstore") td.o_data_cell`,
    },
    {
      content: "Open its analytics",
      trigger: `.o_form_view .o_b2b_analytics_button`,
    },
    {
      content: "Its categories, by their current names",
      trigger: `${customerReady} .o_b2b_customer_categories .o_b2b_customer_category:contains("Tour Dairy Milk"):contains("100.0")`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_retention_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_retention_action",
  steps: () => [
    {
      content: "Last month: their superstore won back",
      trigger: `${cell(1, 5)}:contains("1")`,
      isCheck: true,
    },
    {
      content: "Last month: nobody of theirs churned (the hotel is not theirs)",
      trigger: `${cell(1, 6)}:contains("0")`,
      isCheck: true,
    },
    {
      content: "This month: their superstore retained, nobody won back",
      trigger: `${cell(0, 3)}:contains("1") + td + td:contains("0")`,
      isCheck: true,
    },
    {
      content: "One repeat buyer of theirs",
      trigger: `${ready} .o_b2b_retention_buyers [data-figure='repeat']:contains("1")`,
      isCheck: true,
    },
  ],
});
