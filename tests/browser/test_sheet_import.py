"""The spreadsheet import in the dashboard (issue 23's "Done when"), in a real browser on the seed.

A 丰县 planner downloads the party-member roster template (党员 + 党员联系户), fills 20 rows with
openpyxl, three of them wrong (a village outside 丰县, the date 2020.2.30, a duplicate), drops it
on the page, sees exactly those three refusals at their cells, downloads the error workbook, commits
the good rows, fixes the error workbook, imports it too, and sees 丰县's household-linkage coverage
rise by the households linked and both change sets in the region's history.

The test writes to the seed: it marks the seed for reloading when it ends, so the tests after it
read the seed as generated.
"""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import openpyxl
import pytest
from playwright.sync_api import expect

from orgnet.accounts import store
from orgnet.seed.generator import DEFAULT_TODAY

from .test_operate import sign_in

FENGXIAN, PEIXIAN = "320321", "320322"
DAY = DEFAULT_TODAY.isoformat()
METRIC = "household_linkage"


@pytest.fixture
def planner(xuzhou):
    account, token = store.add_account(xuzhou, name="sheets-planner", role="planner", scope=[FENGXIAN])
    yield token
    xuzhou.write("MATCH (a:Account {id: $id}) DETACH DELETE a", {"id": account["id"]})
    from tests.conftest import _state

    _state["seeded"] = False  # the import wrote members and links: the next test reloads the seed


def api(base: str, token: str, path: str, **params) -> dict:
    r = httpx.get(f"{base}{path}", params=params, headers={"Authorization": f"Bearer {token}"}, timeout=120)
    r.raise_for_status()
    return r.json()


def coverage(base: str, token: str) -> tuple[int, int]:
    body = api(base, token, f"/v1/coverage/{METRIC}", region=FENGXIAN, as_of=DAY)
    return body["covered"], body["total"]


def unlinked_households(base: str, token: str) -> list[str]:
    """The households of 丰县 no member links on the day (the seed leaves a few)."""
    items = api(base, token, f"/v1/gaps/{METRIC}", region=FENGXIAN, as_of=DAY, limit=200)["items"]
    out = [i["id"] for i in items if i["region_path"][-1]["id"].startswith(FENGXIAN + "-")]
    assert len(out) >= 2, "the seed leaves households of 丰县 unlinked"
    return out


def download(page, click: str, folder: Path) -> Path:
    """The file a click downloads, saved under the name the server gave it."""
    with page.expect_download() as got:
        page.click(click)
    path = folder / got.value.suggested_filename
    got.value.save_as(path)
    return path


def drop_file(page, path: Path, name: str) -> None:
    """Drop the file on the drop zone as a person dragging it from their desktop would."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = page.evaluate_handle(
        "([name, b64]) => { const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));"
        " const d = new DataTransfer(); d.items.add(new File([bytes], name)); return d; }",
        [name, data],
    )
    page.dispatch_event("#import-drop", "drop", {"dataTransfer": transfer})


def refusals(page) -> dict[str, str]:
    expect(page.locator("#import-preview table.import-counts")).to_be_visible()
    rows = page.locator("#import-preview table.import-refusals tbody tr")
    return {rows.nth(i).get_attribute("data-cell"): rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())}


def counts(page, section: str) -> list[str]:
    cells = page.locator(f'#import-preview table.import-counts tr[data-section="{section}"] td')
    return [cells.nth(i).inner_text() for i in range(4)]


def test_a_fengxian_planner_imports_the_roster_sees_each_refusal_at_its_cell_fixes_them_and_commits(live_server, xuzhou, new_page, planner, tmp_path):
    base = live_server
    covered, total = coverage(base, planner)
    unlinked = unlinked_households(base, planner)[:2]
    peixian_village = xuzhou.read("MATCH (v:Village) WHERE v.id STARTS WITH $c RETURN v.id AS id ORDER BY id LIMIT 1", {"c": PEIXIAN + "-"})[0]["id"]

    page = new_page()
    page.goto(f"{base}/#/r/{FENGXIAN}?m={METRIC}&d={DAY}")
    expect(page.locator("#region-name")).not_to_have_text("…")
    expect(page.locator("#import-section")).to_be_hidden()  # no panel for an anonymous visitor
    sign_in(page, planner)
    expect(page.locator("#region-name")).to_have_text("丰县")
    expect(page.locator("#import-heading")).to_contain_text("丰县")

    # the roster template: 党员 and 党员联系户, and the lookup sheets of 丰县's villages and people
    page.select_option("#import-list", "party_roster")
    template = download(page, "#import-template", tmp_path)
    assert template.name == "orgnet-template-party_roster-320321.xlsx"
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[:2] == ["党员", "党员联系户"]
    villages = {r[0].value for r in wb["村(社区)"].iter_rows(min_row=2)}
    assert peixian_village not in villages and all(v.startswith(FENGXIAN + "-") for v in villages)
    lookup = [(r[0].value, r[1].value, r[3].value) for r in wb["人员"].iter_rows(min_row=2)]
    orgs = {region: i for kind, i, region in lookup if kind == "党组织"}
    any_org = next(iter(orgs.values()))
    village_of = {i: region for kind, i, region in lookup if kind == "户"}
    assert set(unlinked) <= set(village_of), "the lookup sheet lists 丰县's households"
    # the first unlinked household and eight linked ones in the rows, the second behind the wrong date
    households = [unlinked[0]] + [h for h in sorted(village_of) if h not in unlinked][:8] + [unlinked[1]]

    members, links = wb["党员"], wb["党员联系户"]
    ids = [f"pm-sheets-{i:02d}" for i in range(1, 10)]
    for i, household in enumerate(households[:8]):
        village = village_of[household]
        members.append([ids[i], f"导入党员{i + 1}", orgs.get(village, any_org), village, "是", "否"])
    members.append([ids[8], "导入党员9", any_org, peixian_village, "是", "否"])  # 党员!D11: a village outside 丰县
    members.append(list(members[3][c].value for c in range(6)))  # 党员!A12: a duplicate of row 3
    for i, household in enumerate(households[:8]):
        links.append([ids[i], household, "2020-02-01"])
    links.append([ids[1], households[8], "2020/3/1"])
    links.append([ids[0], households[9], "2020.2.30"])  # 党员联系户!C12: no such day
    assert members.max_row - 2 + links.max_row - 2 == 20
    filled = tmp_path / "丰县党员花名册.xlsx"
    wb.save(filled)

    # dropped on the page: the dry run, and exactly the three refusals at their cells
    drop_file(page, filled, filled.name)
    expect(page.locator("#import-preview")).to_contain_text("nothing has been written")
    assert refusals(page) == {"党员!D11": peixian_village, "党员!A12": ids[0], "党员联系户!C12": "2020.2.30"}
    assert counts(page, "party_members") == ["8", "0", "0", "2"]
    assert counts(page, "household_links") == ["9", "0", "0", "1"]
    expect(page.locator("#import-preview")).to_contain_text("outside your scope")
    assert coverage(base, planner) == (covered, total)  # a dry run writes nothing

    error_file = download(page, "#import-errors", tmp_path)
    assert error_file.name == "丰县党员花名册-errors.xlsx"
    errors = openpyxl.load_workbook(error_file)
    assert [r[0].value for r in errors["党员"].iter_rows(min_row=3)] == [ids[8], ids[0]]
    assert errors["党员联系户"]["C3"].value == "2020.2.30" and errors["党员联系户"].max_row == 3

    # the good rows, committed after the confirmation that says what is written
    page.click("#import-commit")
    dialog = page.locator("#confirm-dialog")
    for text in (filled.name, "17 added, 0 changed", "0 unchanged, 3 refused"):
        expect(dialog).to_contain_text(text)
    page.click("#confirm-write")
    expect(page.locator("#import-commit-status")).to_contain_text("17 rows written")
    assert coverage(base, planner) == (covered + 1, total)

    # the error workbook, fixed, imported in the other language
    sheet = errors["党员"]
    sheet["D3"] = village_of[households[9]]
    sheet.delete_rows(4)  # the duplicate: its first row is in already
    errors["党员联系户"]["C3"] = "2020.2.29"
    fixed = tmp_path / "丰县党员花名册-errors-fixed.xlsx"
    errors.save(fixed)
    page.click("#lang-toggle")
    expect(page.locator("#import-heading")).to_contain_text("导入表格")
    expect(page.locator("#import-preview")).to_contain_text("已导入：17 行")  # the committed preview, in the new language, not offered again
    expect(page.locator("#import-commit")).to_have_count(0)
    page.set_input_files("#import-file", str(fixed))
    expect(page.locator("#import-preview h4")).to_contain_text(f"{fixed.name} 的试运行结果：尚未写入")
    assert refusals(page) == {}
    assert counts(page, "party_members") == ["1", "0", "0", "0"] and counts(page, "household_links") == ["1", "0", "0", "0"]
    page.click("#import-commit")
    expect(dialog).to_contain_text("新增 2 行")
    page.click("#confirm-write")
    expect(page.locator("#import-commit-status")).to_contain_text("已导入")
    assert coverage(base, planner) == (covered + 2, total)

    # the page shows 丰县's new coverage and both change sets in its history
    card = page.locator(f'#scorecard .card[data-metric="{METRIC}"]')
    expect(card).to_contain_text(f"{covered + 2:,}/{total:,}")
    history = page.locator("#history-section")
    expect(history.locator("li", has_text="导入 · 数据包")).to_have_count(2)
    expect(history).to_contain_text("sheets-planner")
    assert not page.errors, page.errors
