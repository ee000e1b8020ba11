/** @odoo-module **/

import {Component, onWillStart, onWillUnmount, useEffect, useRef} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";

/**
 * A Chart.js chart (library from the web.chartjs_lib bundle). The chart is drawn in
 * an effect when ``config`` changes (pass a new object to redraw) and destroyed on
 * unmount. ``onClick(element)`` receives Chart.js's clicked element
 * ({datasetIndex, index}); points are clickable only when it is given.
 */
export class B2bChart extends Component {
  static template = "smart_dairy_b2b.Chart";
  static props = {
    config: Object,
    height: {type: Number, optional: true},
    onClick: {type: Function, optional: true},
    clickableDatasets: {type: Array, optional: true},
    label: {type: String, optional: true},
  };
  static defaultProps = {height: 280};

  setup() {
    this.canvasRef = useRef("canvas");
    this.chart = null;
    onWillStart(() => loadBundle("web.chartjs_lib"));
    useEffect(
      () => {
        this.renderChart();
      },
      () => [this.props.config]
    );
    onWillUnmount(() => this.destroyChart());
  }

  destroyChart() {
    if (this.chart) {
      this.chart.destroy();
      this.chart = null;
    }
  }

  isClickable(element) {
    const datasets = this.props.clickableDatasets;
    return !datasets || datasets.includes(element.datasetIndex);
  }

  renderChart() {
    this.destroyChart();
    // Chart.js annotates the config it receives: give it a copy of the data.
    const {type, data, options = {}} = this.props.config;
    const config = {
      type,
      data: {
        labels: [...data.labels],
        datasets: data.datasets.map((dataset) => ({
          ...dataset,
          data: [...dataset.data],
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: {duration: 250},
        ...options,
      },
    };
    if (this.props.onClick) {
      config.options.onClick = (event, elements) => {
        const element = elements.find((el) => this.isClickable(el));
        if (element) {
          this.props.onClick(element);
        }
      };
      config.options.onHover = (event, elements) => {
        const target = event.native?.target;
        if (target) {
          target.style.cursor = elements.some((el) => this.isClickable(el))
            ? "pointer"
            : "default";
        }
      };
    }
    this.chart = new Chart(this.canvasRef.el, config);
  }
}
