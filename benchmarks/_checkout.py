"""Put the checkout on sys.path, so that a benchmark run as `python benchmarks/NAME.py` can
import `training` (training/ is checkout-only, never installed; see training/paths.py)."""

import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
if str(CHECKOUT) not in sys.path:
    sys.path.insert(0, str(CHECKOUT))
