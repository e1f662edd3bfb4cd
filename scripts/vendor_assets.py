"""Fetch the web app's front-end assets from npm and copy the files it serves into
src/sankore/web/static/vendor/, with a manifest of name, version and licence.

Run at development time only (`python scripts/vendor_assets.py`, needs `npm`); the copied
files are committed and ship as package data, so `sankore serve` never reaches a CDN.
Pinned versions: change one here, rerun, and commit the new files with the manifest.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "sankore" / "web" / "static" / "vendor"

# (package, version, files inside the package to copy, why)
PACKAGES: list[tuple[str, str, list[str], str]] = [
    ("swagger-ui-dist", "5.36.0", ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"],
     "the API documentation page at /docs"),
    ("world-atlas", "2.0.2", ["countries-110m.json", "LICENSE"],
     "country outlines for the map (Natural Earth 1:110m, public domain)"),
    ("topojson-client", "3.1.0", ["dist/topojson-client.min.js", "LICENSE"],
     "turns the TopoJSON outlines into GeoJSON in the browser"),
]


def fetch(package: str, version: str, work: Path) -> Path:
    """`npm pack` the package's tarball into `work` and unpack it; returns its folder."""
    name = subprocess.run(["npm", "pack", f"{package}@{version}", "--silent"], cwd=work, check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    target = work / package
    with tarfile.open(work / name) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    manifest = []
    with tempfile.TemporaryDirectory() as tmp:
        for package, version, files, why in PACKAGES:
            root = fetch(package, version, Path(tmp))
            meta = json.loads((root / "package.json").read_text("utf-8"))
            out = VENDOR / package
            out.mkdir(exist_ok=True)
            for file in files:
                shutil.copy(root / file, out / Path(file).name)
            manifest.append({"name": package, "version": meta["version"], "license": meta.get("license"),
                             "files": [Path(f).name for f in files], "used_for": why,
                             "source": f"https://www.npmjs.com/package/{package}/v/{version}"})
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    print(f"wrote {len(manifest)} packages to {VENDOR}")


if __name__ == "__main__":
    main()
