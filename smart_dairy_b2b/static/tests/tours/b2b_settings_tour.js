/** @odoo-module **/

import {registry} from "@web/core/registry";

// A B2B manager (not a system administrator) opens B2B Analytics -> Configuration ->
// Settings, refits the predictive model and sets the CLV discount rate to 0.12
// (TestAnalyticsSettingsTour).
registry.category("web_tour.tours").add("b2b_settings_tour", {
  test: true,
  steps: () => [
    {
      content: "Open the Configuration menu",
      trigger: ".o_menu_sections button:contains('Configuration')",
    },
    {
      content: "Open the settings",
      trigger: ".dropdown-item[data-menu-xmlid='smart_dairy_b2b.b2b_settings_menu']",
    },
    {
      content: "The timezone can be changed",
      trigger: ".o_field_widget[name='analytics_timezone'] select",
      isCheck: true,
    },
    {
      content: "Refit the predictive model now",
      trigger: "button[name='action_refit_model']",
    },
    {
      content: "The form shows the new fit",
      trigger: ".o_field_widget[name='model_fit_summary']:contains('fitted on')",
      isCheck: true,
    },
    {
      content: "Change the CLV discount rate",
      trigger: ".o_field_widget[name='discount_rate'] input",
      run: "text 0.12",
    },
    {
      content: "Save",
      trigger: "footer button[name='execute']",
    },
    {
      content: "The dialog closes",
      trigger: "body:not(:has(.modal))",
      isCheck: true,
    },
  ],
});
