/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from smart_dairy_b2b/tests/credit_common.py, as of today: Hotel Padma owes 1,150
// (over its limit of 1,000), Rahman General Store 3,377, Banani Cafe 850, Mirpur School
// 500 (no limit): 5,877 in all. The salesperson manages the shop; nobody the school.
const ready = ".o_b2b_credit_analysis.o_b2b_ready";
const customerReady = ".o_b2b_customer_analytics.o_b2b_ready";

registry.category("web_tour.tours").add("b2b_credit_tour", {
  test: true,
  url: "/web",
  steps: () => [
    {
      content: "Open the apps menu",
      trigger: ".o_navbar_apps_menu button",
    },
    {
      content: "Open B2B Analytics",
      trigger: '.o_app[data-menu-xmlid="smart_dairy_b2b.b2b_analytics_menu_root"]',
    },
    {
      content: "Open the Analysis menu",
      trigger: '.o_menu_sections [data-menu-xmlid="smart_dairy_b2b.b2b_analysis_menu"]',
    },
    {
      content: "Open Credit & Receivables",
      trigger:
        '.dropdown-item[data-menu-xmlid="smart_dairy_b2b.b2b_credit_analysis_menu"]',
    },
    {
      content: "The screen is as of today, without a period",
      trigger: ".o_b2b_credit_analysis .o_b2b_as_of",
      isCheck: true,
    },
    {
      content: "The outstanding of every customer",
      trigger: `${ready} .o_b2b_credit_outstanding:contains("5,877")`,
      isCheck: true,
    },
    {
      content: "One customer over its limit",
      trigger: `${ready} .o_b2b_credit_segment[data-segment='over_limit']:contains("1 customers")`,
      isCheck: true,
    },
    {
      content: "The customer over its limit comes first, with its utilisation",
      trigger: `${ready} .o_b2b_credit_customers tbody tr:first-child:contains("Hotel Padma"):contains("115")`,
      isCheck: true,
    },
    {
      content: "The school has no limit",
      trigger: `${ready} .o_b2b_credit_customers tbody tr:last-child:contains("Mirpur School"):contains("No limit")`,
      isCheck: true,
    },
    {
      content: "Open the shop's open invoices",
      trigger: `${ready} .o_b2b_credit_customers tbody tr:contains("Rahman General Store")`,
    },
    {
      content: "Its open invoices are listed: seven invoices and the credit note",
      trigger: ".o_list_view .o_data_row:nth-child(8)",
      isCheck: true,
    },
  ],
});

// Started on the shop's customer screen (its id is the test's).
registry.category("web_tour.tours").add("b2b_customer_credit_tour", {
  test: true,
  steps: () => [
    {
      content: "The shop's open balance on its customer screen",
      trigger: `${customerReady} .o_b2b_customer_credit .o_b2b_credit_balance:contains("3,377")`,
      isCheck: true,
    },
    {
      content: "Its credit limit and utilisation",
      trigger: `${customerReady} .o_b2b_credit_utilisation:contains("34")`,
      isCheck: true,
    },
    {
      content: "Its ageing",
      trigger: `${customerReady} .o_b2b_credit_ageing td[data-bucket='over_90']`,
      isCheck: true,
    },
    {
      content: "Its payment methods in the period",
      trigger: `${customerReady} .o_b2b_payment_methods:contains("bKash")`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_credit_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_credit_analysis_action",
  steps: () => [
    {
      content: "Only the salesperson's customer and the unassigned one",
      trigger: `${ready} .o_b2b_credit_outstanding:contains("3,877")`,
      run() {
        const rows = [...document.querySelectorAll(".o_b2b_credit_customers tbody tr")];
        const names = rows.map((row) => row.cells[0].textContent.trim());
        if (names.join("|") !== "Rahman General Store|Mirpur School") {
          throw new Error(`unexpected customers: ${names}`);
        }
      },
    },
  ],
});
