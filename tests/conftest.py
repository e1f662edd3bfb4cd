"""Shared fixtures: the real pipeline (loaded once per test session) and the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest
from training.paths import CHECKOUT as ROOT
from training.paths import SHARED_DATA

EXAMPLE = ROOT / "examples" / "aes_2025-04-30.txt"


def shared(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason if it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from sankore.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def seed_record(nlp):
    import sankore

    return sankore.analyze(EXAMPLE, nlp=nlp)
