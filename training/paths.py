"""Where the training scripts find their inputs and write their outputs: the one place.

Everything is relative to the checkout: the shared data sits beside it (`../shared/data`,
see its README), the vendored sources and the project's own training data inside it, and
the built resources go into the package's data folder, from which the wheel ships them.
An installed Sankore has none of these paths, which is why they live here and not in
`src/sankore/`.
"""

from __future__ import annotations

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
SHARED_DATA = CHECKOUT.parent / "shared" / "data"
SHARED_EVENTS = SHARED_DATA / "events"
SHARED_QUOTES = SHARED_DATA / "quotes"
VENDOR = CHECKOUT / "vendor"
PROJECT_DATA = CHECKOUT / "data"  # training data the project wrote (codebook sentences)
RESOURCES = CHECKOUT / "src" / "sankore" / "resources" / "data"  # shipped in the wheel
