"""Sankore: news articles in, evidence-linked event records out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Failure, analyze, analyze_many
    from .records import Record

__version__ = "0.1.0"
__all__ = ["Failure", "Record", "analyze", "analyze_many", "__version__"]

# Imported on first use (PEP 562), not with the package: `sankore --help` and the commands
# that only read the store must not pay for loading spaCy (seconds) to start.
_LAZY = {"Failure": "api", "analyze": "api", "analyze_many": "api", "Record": "records"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sankore' has no attribute {name!r}")
