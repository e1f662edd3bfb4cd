"""Finding gold files by their format, wherever they sit under the path a user gives.

Gold data of one kind comes under many names and layouts (one file or many, nested
folders, a symlinked folder), so the eval tasks look for files by suffix and then check
their content, never for a fixed file name.
"""

from __future__ import annotations

import os
from pathlib import Path


def files_under(path: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """`path` itself if it is a file, else every file under it (at any depth, symlinked
    folders followed) whose suffix is one of `suffixes` (any case), sorted by path.

    Hidden files are passed over: macOS copies leave `._name.xml` AppleDouble files and
    `.DS_Store` beside the real ones, and they are never gold."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or folder")
    found, seen = [], set()
    # os.walk, not Path.rglob: rglob does not descend into symlinked folders (Python < 3.13).
    for folder, dirs, names in os.walk(path, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree: walk each real folder once
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, n) for n in names
                  if not n.startswith(".") and Path(n).suffix.lower() in suffixes]
    return sorted(found)
