"""`sankore serve`: the web app and JSON API over a store (FastAPI, Jinja2, vendored assets).

Nothing here is imported by `sankore --help`: the command in cli.py imports FastAPI only
when it runs.
"""
