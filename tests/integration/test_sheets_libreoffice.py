"""A real spreadsheet program in the loop (issue 23): LibreOffice Calc, headless, opens the templates
and exports orgnet writes and saves them again as .xlsx; what it saved imports with the same result.

``soffice --headless --convert-to xlsx`` loads the workbook into Calc and writes it with Calc's own
filter (its own zip, styles, shared strings, dates as serials, data validation rewritten), as a
planner's "open, edit, save" does.  Without LibreOffice (``scripts/ensure-system-deps.sh --office``
installs Debian's ``libreoffice-calc``) the tests are skipped, except in CI, where that is a failure.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from .test_sheets_import import _changes, _post, graph2  # noqa: F401 - the fixture
from .test_writes import CITY_PLANNER, COUNTY_PLANNER, client_as

SOFFICE_TIMEOUT_S = 240  # a cold start on a loaded two-core machine


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        message = "LibreOffice not found (scripts/ensure-system-deps.sh --office installs Debian's libreoffice-calc)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def through_calc(soffice: str, data: bytes, tmp_path: Path, name: str = "book.xlsx") -> bytes:
    """``data`` opened by LibreOffice Calc and saved by it as .xlsx (Office Open XML)."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    (src / name).write_bytes(data)
    profile = tmp_path / "lo-profile"  # its own profile: no lock shared with another run
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(src / name),
        ],
        capture_output=True,
        text=True,
        timeout=SOFFICE_TIMEOUT_S,
    )
    saved = out / name
    assert done.returncode == 0 and saved.exists(), (done.stdout, done.stderr)
    body = saved.read_bytes()
    saved.unlink()
    assert body != data, "Calc wrote its own file"
    return body


def _outcome(body: dict) -> tuple:
    return body["sections"], sorted((r["cell"], r["value"], r["reason"]) for r in body["refused"])


def test_a_template_filled_and_saved_by_calc_dry_runs_as_the_original(graph2, settings, soffice, tmp_path):  # noqa: F811
    with client_as(graph2, settings, COUNTY_PLANNER) as county:
        got = county.get("/v1/templates/party_roster.xlsx", params={"region": "X-1"})
        assert got.status_code == 200, got.text
        wb = openpyxl.load_workbook(io.BytesIO(got.content))
        wb["党员"].append(["m-2", "周一", "po-2", "X-1-1-1", "是", "否"])
        wb["党员"].append(["007", "吴二", "po-2", "X-1-1-2", "否", "否"])  # an id with leading zeros
        wb["党员"].append(["m-4", "郑三", "po-x2", "X-2-1-1", "否", "否"])  # outside the county
        wb["党员联系户"].append(["m-2", "h-1", "2020/2/1"])
        wb["党员联系户"].append(["m-1", "h-1", "2020.2.30"])  # no such day
        out = io.BytesIO()
        wb.save(out)
        original = out.getvalue()
        calc = through_calc(soffice, original, tmp_path, "花名册.xlsx")
        assert openpyxl.load_workbook(io.BytesIO(calc))["党员"]["A4"].value == "007"  # Calc kept the id as text

        before = _changes(graph2)
        mine, theirs = _post(county, "花名册.xlsx", original).json(), _post(county, "花名册.xlsx", calc).json()
        assert _outcome(theirs) == _outcome(mine), (mine, theirs)
        assert theirs["sections"]["party_members"] == {"added": 2, "changed": 0, "unchanged": 0, "refused": 1}
        assert {r["cell"] for r in theirs["refused"]} == {"党员!D5", "党员联系户!C4"}
        done = _post(county, "花名册.xlsx", calc, commit="true").json()
        assert done["written"] == {"party_members": 2, "household_links": 1}
        assert _changes(graph2) == before + 1
        assert graph2.read("MATCH (m:PartyMember {id: '007'}) RETURN m.name AS n")[0]["n"] == "吴二"


def test_export_saved_by_calc_edit_three_cells_saved_by_calc_is_exactly_three_changes(graph2, settings, soffice, tmp_path):  # noqa: F811
    with client_as(graph2, settings, CITY_PLANNER) as city:
        got = city.get("/v1/templates/all.xlsx", params={"region": "X-1", "filled": "true"})
        assert got.status_code == 200, got.text
        calc = through_calc(soffice, got.content, tmp_path, "export.xlsx")
        unedited = _post(city, "export.xlsx", calc).json()
        assert unedited["refused"] == [], unedited["refused"]
        assert all(c["added"] == c["changed"] == 0 for c in unedited["sections"].values()), unedited["sections"]
        assert _outcome(unedited) == _outcome(_post(city, "export.xlsx", got.content).json())

        wb = openpyxl.load_workbook(io.BytesIO(calc))
        wb["党员"]["B3"] = "李四新"
        wb["经费拨付"]["C3"] = 60000
        wb["党员联系户"]["D3"] = "2020年4月1日"
        out = io.BytesIO()
        wb.save(out)
        edited = through_calc(soffice, out.getvalue(), tmp_path, "export.xlsx")  # and saved by Calc again

        before = _changes(graph2)
        body = _post(city, "export.xlsx", edited, commit="true").json()
        changed = {s: c["changed"] for s, c in body["sections"].items() if c["changed"]}
        assert changed == {"party_members": 1, "allocations": 1, "household_links": 1}, body
        assert sum(c["added"] + c["refused"] for c in body["sections"].values()) == 0
        assert _changes(graph2) == before + 1
        assert graph2.read("MATCH (a:Allocation {id: 'a-1'}) RETURN a.amount AS n")[0]["n"] == 60000
        again = _post(city, "export.xlsx", edited).json()
        assert all(c["changed"] == c["added"] == 0 for c in again["sections"].values())
