/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * A buyer sees its open balance by days past due next to its invoices, and opens an
 * invoice in Odoo's own invoice portal. Expects smart_dairy_b2b/tests/portal_common.py
 * with an unmatched payment of 35.00 today ("Tour Dairy Shop": 750.00 due 30 days ago,
 * a credit note of 115.00 and the payment of 35.00 not due).
 */
registry.category("web_tour.tours").add("smart_dairy_b2b_portal_credit_tour", {
  test: true,
  url: "/my/analytics",
  steps: () => [
    {
      content: "Due 30 days ago: in the 1-30 days bucket",
      trigger: '.o_b2b_ageing_d1_30:contains("750.00")',
      isCheck: true,
    },
    {
      content: "The credit note and the unmatched payment are not due",
      trigger: '.o_b2b_ageing_not_due:contains("-150.00")',
      isCheck: true,
    },
    {
      content: "The open balance is what the buckets add up to",
      trigger: '.o_b2b_kpi_balance:contains("600.00")',
      isCheck: true,
    },
    {
      content: "Open the invoice in the invoice portal",
      trigger: ".o_b2b_invoice_list a[href^='/my/invoices/']:not(:contains('RINV'))",
    },
    {
      content: "Odoo's invoice page of the buyer's own invoice",
      trigger: "#portal_sale_content, .o_portal_sidebar, #invoice_content",
      isCheck: true,
    },
  ],
});
