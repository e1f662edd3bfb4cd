"""Training, resource building and mining for Sankore: run from a checkout, never shipped.

The runtime package (`src/sankore/`) holds what runs and the models and resource files it
loads; the scripts here write those files. They read the shared data beside the checkout
(`training.paths`) and import `sankore` (never the other way round: a test checks it).
"""
