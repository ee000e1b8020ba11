/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestRhythmTour (tests/test_rhythm_tour.py): Rhythm Daily Shop (the
// salesperson's) ordered 100.00 a day until 3 days ago: overdue, 2 order days missed,
// 200 at stake; Rhythm Weekly Depot (the manager's) ordered weekly until 12 days ago:
// overdue, 100 at stake.
const overdue = ".o_b2b_overdue_today";

registry.category("web_tour.tours").add("b2b_rhythm_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "Overdue today: the most at stake first",
      trigger: `${overdue} .o_b2b_overdue_row:first-child:contains("Rhythm Daily Shop"):contains("200")`,
      isCheck: true,
    },
    {
      content: "The weekly depot next, with its account manager",
      trigger: `${overdue} .o_b2b_overdue_row:nth-child(2):contains("Rhythm Weekly Depot")`,
      isCheck: true,
    },
    {
      content: "Open the daily shop",
      trigger: `${overdue} .o_b2b_overdue_row:first-child`,
    },
    {
      content: "Its rhythm: every day, overdue",
      trigger: `.o_b2b_customer_analytics.o_b2b_ready .o_b2b_customer_rhythm:contains("Overdue"):contains("1 days")`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_rhythm_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "The salesperson's overdue customer",
      trigger: `${overdue} .o_b2b_overdue_row:contains("Rhythm Daily Shop")`,
      isCheck: true,
    },
    {
      content: "Only theirs: one row",
      trigger: `${overdue} tbody:not(:has(tr:nth-child(2)))`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_account_managers_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_account_managers_action",
  steps: () => [
    {
      content: "The salesperson's book: 1 customer, 1 overdue",
      trigger: `.o_b2b_account_managers.o_b2b_ready tr:contains("Rhythm Seller"):contains("1")`,
      isCheck: true,
    },
    {
      content: "Open the salesperson's customers",
      trigger: `.o_b2b_account_managers.o_b2b_ready tr:contains("Rhythm Seller")`,
    },
    {
      content: "Their customer list",
      trigger: `.o_list_view .o_data_row:contains("Rhythm Daily Shop")`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_overdue_list_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_overdue_customer_server_action",
  steps: () => [
    {
      content: "The overdue list, the most at stake first",
      trigger: `.o_list_view .o_data_row:first-child:contains("Rhythm Daily Shop")`,
      isCheck: true,
    },
    {
      content: "Two overdue customers",
      trigger: `.o_list_view .o_data_row:nth-child(2):contains("Rhythm Weekly Depot")`,
      isCheck: true,
    },
  ],
});
