/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestDashboardTour (tests/test_dashboard_tour.py): this month, Tour Agora
// Superstore bought 1,200 and Tour Hotel Padma 300; 40 days ago Tour Hotel Padma
// bought 400; a year and 10 days ago Tour Agora Superstore bought 500. The
// salesperson manages Tour Agora Superstore, the manager Tour Hotel Padma.
const ready = ".o_b2b_dashboard.o_b2b_ready";
const customerReady = ".o_b2b_customer_analytics.o_b2b_ready";

registry.category("web_tour.tours").add("b2b_dashboard_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "The KPIs of this month show",
      trigger: `${ready}[data-preset='this_month'] .o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,500")`,
      isCheck: true,
    },
    {
      content: "Orders KPI counts the two orders",
      trigger: `${ready} .o_b2b_kpi_card[data-kpi='orders'] .o_b2b_kpi_value:contains("2")`,
      isCheck: true,
    },
    {
      content: "Top customers list both customers, the biggest first",
      trigger: `${ready} .o_b2b_top_customers tbody tr:first-child:contains("Tour Agora Superstore")`,
      isCheck: true,
    },
    {
      content: "The revenue chart is drawn",
      trigger: `${ready} .o_b2b_trend canvas`,
      isCheck: true,
    },
    {
      content: "Pick the last 90 days",
      trigger: `${ready} .o_b2b_period_select`,
      run: "text last_90_days",
    },
    {
      content: "The KPIs follow the period",
      trigger: `${ready}[data-preset='last_90_days'] .o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,900")`,
      isCheck: true,
    },
    {
      content: "Compare with the previous year",
      trigger: `${ready}[data-preset='last_90_days'] .o_b2b_compare_select`,
      run: "text previous_year",
    },
    {
      content: "The change is computed against last year's 500",
      trigger: `${ready}[data-compare='previous_year'] .o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_change:contains("280")`,
      isCheck: true,
    },
    {
      content: "Export the dashboard to Excel",
      trigger: `${ready}[data-compare='previous_year'] .o_b2b_export_xlsx`,
    },
    {
      content: "The workbook is offered for download",
      trigger: `${ready} .o_b2b_export_buttons[data-last-export$='.xlsx']`,
      isCheck: true,
    },
    {
      content: "RFM segments load after the KPIs",
      trigger: `${ready} .o_b2b_rfm .o_b2b_rfm_row`,
      isCheck: true,
    },
    {
      content: "Cohort retention loads after the KPIs",
      trigger: `${ready} .o_b2b_cohorts .o_b2b_cohort_cell`,
      isCheck: true,
    },
    {
      content: "Drill down from the revenue KPI",
      trigger: `${ready}[data-compare='previous_year'] .o_b2b_kpi_card[data-kpi='revenue']`,
    },
    {
      content: "The sales analysis pivot opens on the same period",
      trigger: `.o_pivot_view .o_pivot_cell_value:contains("1,900")`,
      isCheck: true,
    },
    {
      content: "Back to the dashboard",
      trigger: `.breadcrumb-item a:contains("B2B Dashboard")`,
    },
    {
      content: "The dashboard keeps the chosen period",
      trigger: `${ready}[data-preset='last_90_days'][data-compare='previous_year'] .o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,900")`,
      isCheck: true,
    },
    {
      content: "Drill down from a top customer",
      trigger: `${ready} .o_b2b_top_customer:contains("Tour Agora Superstore")`,
    },
    {
      content: "The customer's analytics open on the dashboard's period",
      trigger: `${customerReady} .o_b2b_customer_name:contains("Tour Agora Superstore")`,
      isCheck: true,
    },
    {
      content: "Its revenue in the period",
      trigger: `${customerReady} .o_b2b_summary_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,200")`,
      isCheck: true,
    },
    {
      content: "Its lifetime value and churn risk show",
      trigger: `${customerReady} .o_b2b_clv_historical .o_b2b_kpi_value`,
      isCheck: true,
    },
    {
      content: "Open the customer form",
      trigger: `${customerReady} .o_b2b_open_customer`,
    },
    {
      content: "Open the analytics from the form's smart button",
      trigger: `.o_form_view .o_b2b_analytics_button`,
    },
    {
      content: "The customer's analytics open (last 12 months)",
      trigger: `${customerReady}[data-preset='last_12_months'] .o_b2b_customer_name:contains("Tour Agora Superstore")`,
      isCheck: true,
    },
    {
      content: "Drill down to the customer's orders",
      trigger: `${customerReady} .o_b2b_summary_card[data-kpi='orders']`,
    },
    {
      content: "The orders list shows its order",
      trigger: `.o_list_view .o_data_row:contains("Tour Agora Superstore")`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_dashboard_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "The KPIs count the salesperson's customer only",
      trigger: `${ready}[data-preset='this_month'] .o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,200")`,
      isCheck: true,
    },
    {
      content: "Top customers list their customer, not the manager's",
      trigger: `${ready} .o_b2b_top_customers:contains("Tour Agora Superstore"):not(:contains("Tour Hotel Padma"))`,
      isCheck: true,
    },
    {
      content: "They may export what they see",
      trigger: `${ready} .o_b2b_export_xlsx`,
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_customers_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_customer_action&view_type=list",
  steps: () => [
    {
      content: "The customer list holds their customer, not the manager's",
      trigger: `.o_list_view .o_list_table:has(.o_data_row:contains("Tour Agora Superstore")):not(:contains("Tour Hotel Padma"))`,
      isCheck: true,
    },
  ],
});
