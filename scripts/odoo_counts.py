"""Print "passed failed skipped" from an Odoo test log.

A browser test that Odoo skipped (no Chromium, no websocket-client, no connection)
counts as failed: the tours are part of the suite, not optional.
"""

import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
totals = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
if not totals:
    print(0, 1, 0)  # Odoo stopped before reporting: count the run as a failure
    sys.exit(0)
failed, errors, run = (int(n) for n in totals[-1])
skips = re.findall(r" INFO \S+ [\w.]+: skipped (.*)", text)
browser = [s for s in skips if re.search(r"chrom|websocket|browser|devtools", s, re.I)]
failed += errors + len(browser)
skipped = len(skips) - len(browser)
if re.search(r"(CRITICAL|ERROR) .* (Failed to load registry|Failed to initialize database)", text):
    failed += 1
print(max(run - failed - skipped, 0), failed, skipped)
