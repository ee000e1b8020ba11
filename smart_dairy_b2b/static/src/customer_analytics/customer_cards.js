/** @odoo-module **/

import {CustomerCategories} from "./customer_categories/customer_categories";
import {CustomerCredit} from "./customer_credit/customer_credit";
import {CustomerRhythm} from "./customer_rhythm/customer_rhythm";

/** The customer screen's cards that load their own data (each in its own folder). */
export const CUSTOMER_CARDS = {
  CustomerRhythm,
  Categories: CustomerCategories,
  CustomerCredit,
};
