"""Make the plain-Python engine importable as ``engine`` without importing the addon.

The addon package's ``__init__`` imports odoo, so the addon folder itself goes on
sys.path and the tests import ``engine.clv`` etc.
"""

import sys
from pathlib import Path

ADDON_DIR = Path(__file__).resolve().parents[2] / "smart_dairy_b2b"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))
