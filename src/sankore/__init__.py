"""Sankore: news articles in, evidence-linked event records out."""

from .api import Failure, analyze, analyze_many
from .records import Record

__version__ = "0.1.0"
__all__ = ["Failure", "Record", "analyze", "analyze_many", "__version__"]
