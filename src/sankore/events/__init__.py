"""PLOVER event coding: trigger lexicon, roles from the parse, modality, classifier, confidence.

`code.find_events(doc)` is the pure "find" half of the `sankore_events` component
(`pipeline/events.py`); each module here is one concern and reads a parsed `Doc` only.
"""
