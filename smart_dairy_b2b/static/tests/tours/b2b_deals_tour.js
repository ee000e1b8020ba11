/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestDealsTour (tests/test_deals_tour.py), this month: Deals Agora (Bronze,
// the salesperson's) bought 10 x 100 less 10 % through Tour Van Sales, no campaign;
// Deals Hotel (Gold, the manager's), new, 5 x 100 through Tour Key Accounts with the
// Tour Lassi Push.
const discounts = ".o_b2b_discounts.o_b2b_ready";
const channels = ".o_b2b_channels.o_b2b_ready";

registry.category("web_tour.tours").add("b2b_deals_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_discounts_action",
  steps: () => [
    {
      content: "Bronze shows its discount of 100 on a gross of 1,000",
      trigger: `${discounts} .o_b2b_analysis_row:contains("Bronze"):contains("100"):contains("1,000")`,
      isCheck: true,
    },
    {
      content: "Gold shows its revenue of 500",
      trigger: `${discounts} .o_b2b_analysis_row:contains("Gold"):contains("500")`,
      isCheck: true,
    },
    {
      content: "The total adds the tiers: 1,400",
      trigger: `${discounts} .o_b2b_analysis_total:contains("1,400")`,
      isCheck: true,
    },
    {
      content: "The chart is drawn",
      trigger: `${discounts} canvas`,
      isCheck: true,
    },
    {
      content: "Open the Bronze tier's sales",
      trigger: `${discounts} .o_b2b_analysis_row:contains("Bronze")`,
    },
    {
      content: "The sales analysis pivot shows the discount measure",
      trigger: ".o_pivot th:contains('Discount')",
      isCheck: true,
    },
    {
      content: "Go to Channels & Campaigns",
      trigger: ".o_breadcrumb",
      run: () => {
        window.location.hash = "#action=smart_dairy_b2b.b2b_channels_action";
      },
    },
    {
      content: "Both teams show, the van sales first",
      trigger: `${channels} .o_b2b_channel_table tbody tr:first-child:contains("Tour Van Sales"):contains("900")`,
      isCheck: true,
    },
    {
      content: "The key accounts team shows too",
      trigger: `${channels} .o_b2b_channel_table .o_b2b_analysis_row:contains("Tour Key Accounts")`,
      isCheck: true,
    },
    {
      content: "The campaign acquired the hotel",
      trigger: `${channels} .o_b2b_campaign_table .o_b2b_analysis_row:contains("Tour Lassi Push"):contains("500")`,
      isCheck: true,
    },
    {
      content: "The monthly trend by team is drawn",
      trigger: `${channels} .o_b2b_channel_trend canvas`,
      isCheck: true,
    },
    {
      content: "Open the campaign's sales",
      trigger: `${channels} .o_b2b_campaign_table .o_b2b_analysis_row:contains("Tour Lassi Push")`,
    },
    {
      content: "The pivot holds the campaign's sales only",
      trigger: ".o_pivot .o_pivot_header_cell_closed:contains('Tour Lassi Push')",
      isCheck: true,
    },
  ],
});

registry.category("web_tour.tours").add("b2b_deals_salesperson_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_channels_action",
  steps: () => [
    {
      content: "The salesperson's customer's team shows",
      trigger: `${channels} .o_b2b_channel_table .o_b2b_analysis_row:contains("Tour Van Sales"):contains("900")`,
      isCheck: true,
    },
    {
      content: "The other team (another salesperson's customer) does not",
      trigger: `${channels} .o_b2b_channel_table tbody:not(:contains("Tour Key Accounts"))`,
      isCheck: true,
    },
    {
      content: "Nor the campaign of that customer",
      trigger: `${channels} .o_b2b_campaign_table tbody:not(:contains("Tour Lassi Push"))`,
      isCheck: true,
    },
    {
      content: "Go to Discounts",
      trigger: ".o_breadcrumb",
      run: () => {
        window.location.hash = "#action=smart_dairy_b2b.b2b_discounts_action";
      },
    },
    {
      content: "Only the Bronze tier of their customer",
      trigger: `${discounts} .o_b2b_discount_tiers tbody:contains("Bronze"):not(:contains("Gold"))`,
      isCheck: true,
    },
  ],
});
