"""The packaging recipe's helpers live in packaging/ (not a package): make them importable."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
