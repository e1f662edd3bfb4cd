"""Geoparsing: the gazetteer, candidate toponyms in a `Doc`, and their resolution.

Pure functions over plain data; `pipeline/places.py` is the spaCy component that uses them.
"""
