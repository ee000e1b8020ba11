/** @odoo-module **/

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";
import {downloadFile} from "../../utils/files";
import {errorMessage, mayExport} from "../../utils/server";

/**
 * Excel and PDF buttons calling the report export service; shown when the server says
 * the user may export (a failed check is reported, not hidden). ``getFile(format)``
 * returns the service's answer ({filename, mimetype, content}).
 */
export class ExportButtons extends Component {
  static template = "smart_dairy_b2b.ExportButtons";
  static props = {
    getFile: Function,
    disabled: {type: Boolean, optional: true},
  };

  setup() {
    this.orm = useService("orm");
    this.notification = useService("notification");
    this.state = useState({available: false, running: null, lastExport: null});
    onWillStart(() => {
      // Not awaited: the screen does not wait for this check.
      mayExport(this.orm).then(
        (available) => {
          this.state.available = available;
        },
        (error) => {
          this.notification.add(errorMessage(error), {
            title: _t("Could not check whether you may export"),
            type: "danger",
          });
        }
      );
    });
  }

  async export(format) {
    if (this.state.running) {
      return;
    }
    this.state.running = format;
    try {
      const file = await this.props.getFile(format);
      if (!file || !file.content) {
        throw new Error(_t("The export returned no file."));
      }
      downloadFile(file);
      // Shown on the buttons (data-last-export), where the browser tests read it.
      this.state.lastExport = file.filename;
    } catch (error) {
      this.notification.add(errorMessage(error), {
        title: _t("The export failed"),
        type: "danger",
      });
    } finally {
      this.state.running = null;
    }
  }
}
