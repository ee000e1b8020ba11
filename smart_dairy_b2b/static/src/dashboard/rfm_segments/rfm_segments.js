/** @odoo-module **/

import {Component} from "@odoo/owl";
import {RFM_COLORS, tableFormats} from "../../utils/format";

/** The RFM segments (``get_rfm_segments``) as bars, with their loading and error. */
export class RfmSegments extends Component {
  static template = "smart_dairy_b2b.RfmSegments";
  static props = {
    rfm: {optional: true},
    loading: Boolean,
    error: {optional: true},
    currencyId: {type: [Number, Boolean], optional: true},
    onOpenSegment: Function,
    onRetry: Function,
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
  }

  get rows() {
    const rfm = this.props.rfm;
    if (!rfm) {
      return [];
    }
    const most = Math.max(1, ...rfm.segments.map((s) => s.customers));
    return rfm.segments
      .filter((segment) => segment.customers)
      .map((segment) => ({
        ...segment,
        width: (segment.customers * 100) / most,
        color: RFM_COLORS[segment.segment] || "#714B67",
      }));
  }
}
