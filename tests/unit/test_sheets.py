"""The spreadsheets of issue 23 without a database: the section table, templates, the parser."""

from __future__ import annotations

from orgnet.graph.model import SECTION_MODELS
from orgnet.sheets.sections import SECTIONS, SHEETS


def test_every_sheet_is_a_bundle_section_with_every_required_field():
    assert len(SHEETS) == len(SECTIONS)
    for s in SECTIONS.values():
        model = SECTION_MODELS[s.section]
        assert {c.field for c in s.columns if not c.match_only} <= set(model.model_fields)
        assert {n for n, f in model.model_fields.items() if f.is_required()} <= set(s.fields)
        assert len({c.header for c in s.columns}) == len(s.columns), s.section
    # the one column read only to match, never a field of a record: a member's 身份证号
    assert [(s.sheet, c.header) for s in SECTIONS.values() for c in s.columns if c.match_only] == [("党员", "身份证号")]


def _template(sections, **kw):
    import io

    import openpyxl

    from orgnet.sheets.templates import write_workbook

    out = io.BytesIO()
    write_workbook(out, sections, **kw)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()))


def test_a_template_has_chinese_headers_field_names_text_ids_typed_dates_and_drop_downs():
    from orgnet.sheets.templates import Person, Village

    wb = _template(
        list(SECTIONS.values()),
        villages=[Village("320321-001-001", "某村", "某镇", "丰县")],
        people=[Person("党员", "pm-1", None, "320321-001-001")],
    )
    assert wb.sheetnames[: len(SECTIONS)] == [s.sheet for s in SECTIONS.values()]
    assert wb.sheetnames[len(SECTIONS) :] == ["村(社区)", "人员", "填表说明"]
    ws = wb["党员"]
    assert [c.value for c in ws[1]][:2] == ["党员编号(选填)", "姓名"]  # without an id: matched by name and village
    assert [c.value for c in ws[2]] == SECTIONS["party_members"].fields
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["A"].number_format == "@"  # ids as text: leading zeros survive
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert lists["E3:E100002"] == '"是,否"'
    alloc = wb["经费拨付"]
    assert alloc.column_dimensions["D"].number_format == "yyyy-mm-dd"
    assert any("市级党费" in (v.formula1 or "") for v in alloc.data_validations.dataValidation)
    assert [c.value for c in wb["村(社区)"][2]] == ["320321-001-001", "某村", "某镇", "丰县"]
    assert [c.value for c in wb["人员"][2]][:3] == ["党员", "pm-1", None]  # the name hidden: not allowed to see it
    instructions = [c.value for row in wb["填表说明"].iter_rows() for c in row if c.value]
    assert "示例党员" in instructions and "pm-320321-0001" in instructions


def test_an_export_writes_labels_dates_and_text_never_formulas():
    wb = _template(
        [SECTIONS["party_members"]],
        rows={"party_members": [{"id": "007", "name": "=HYPERLINK(1)", "org_id": "po-1", "region_id": "v-1", "rural": True, "city_organ": False}]},
    )
    assert [c.value for c in wb["党员"][3]] == ["007", "=HYPERLINK(1)", "po-1", "v-1", "是", "否", None, None]  # no 身份证号 ever
    assert wb["党员"]["B3"].data_type == "s"


# ----------------------------------------------------------------------------- the parser

import datetime as dt  # noqa: E402
import io  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402

from orgnet.sheets.reader import FileRefused, Limits, read_file  # noqa: E402
from orgnet.sheets.rows import typed_rows  # noqa: E402

LINK_HEADER = ["党员编号", "户编号", "开始日期", "结束日期(选填)"]
LINK_FIELDS = ["member_id", "household_id", "since", "until"]


def _xlsx(sheets: dict[str, list[list]], hidden_sheets=(), hidden_rows=(), merge=None, formulas=()) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), wb.add_format({"num_format": "yyyy-mm-dd"}))
                elif v is not None:
                    ws.write(r, c, v)
            if r + 1 in hidden_rows:
                ws.set_row(r, None, None, {"hidden": True})
        if merge:
            ws.merge_range(*merge)
        for r, c, formula, value in formulas:
            ws.write_formula(r, c, formula, None, value)
        if name in hidden_sheets:
            ws.hide()
    if hidden_sheets:
        wb.add_worksheet("visible").activate()
    wb.close()
    return out.getvalue()


def _records(rows):
    return [r.record for r in rows if r.record is not None]


def test_dates_in_every_form_full_width_digits_trailing_blanks_and_empty_rows_are_read():
    data = _xlsx(
        {
            "党员联系户": [
                LINK_HEADER,
                LINK_FIELDS,
                ["pm-1", "hh-1", "2020-02-01", None],
                ["pm-1", "hh-2", "2020/2/1", ""],
                [None, None, None, None],
                ["pm-1 ", "hh-3\u3000", "2020.2.1", "  "],
                ["ｐｍ－１", "hh-4", "２０２０年２月１日", None],
                ["pm-1", "hh-5", 43862, None],
                ["pm-1", "hh-6", dt.date(2020, 2, 1), None],
            ]
        }
    )
    rows = typed_rows(read_file("roster.xlsx", data, Limits()))
    assert [r.refusals for r in rows] == [[]] * 6
    assert {r["since"] for r in _records(rows)} == {"2020-02-01"}
    assert [r["household_id"] for r in _records(rows)] == ["hh-1", "hh-2", "hh-3", "hh-4", "hh-5", "hh-6"]
    assert {r["member_id"] for r in _records(rows)} == {"pm-1"}
    assert [r.number for r in rows] == [3, 4, 6, 7, 8, 9]  # the empty row skipped, numbers as the sheet shows them


def test_a_bad_cell_is_refused_at_its_cell_with_the_value_and_a_reason_in_both_languages():
    data = _xlsx({"党员联系户": [LINK_HEADER, LINK_FIELDS, ["pm-1", "hh-1", "2020.2.30", None], ["pm-1", "hh-2", "2020-03-01", "2020-02-01"]]})
    rows = typed_rows(read_file("x.xlsx", data, Limits()))
    first = rows[0].refusals[0]
    assert (first.cell, first.value, first.field) == ("党员联系户!C3", "2020.2.30", "since")
    assert "不是有效日期" in first.zh and "calendar" in first.en
    assert rows[1].refusals[0].zh == "结束日期早于开始日期"


def test_columns_in_any_order_found_under_a_merged_group_header_unknown_columns_reported():
    header = ["备注", "开始日期", "党员编号", "户编号"]
    data = _xlsx({"联系户名单": [["党员联系户名单"] + [None] * 3, header, ["x", "2020-02-01", "pm-1", "hh-1"]]}, merge=(0, 0, 0, 3, "党员联系户名单"))
    book = read_file("x.xlsx", data, Limits())
    assert book.sheets[0].section.section == "household_links"
    rows = typed_rows(book)
    assert _records(rows) == [{"since": "2020-02-01", "member_id": "pm-1", "household_id": "hh-1"}]
    assert rows[0].number == 3
    assert any("备注" in n["zh"] for n in book.notes)


def test_formulas_give_their_cached_values_never_evaluated():
    data = _xlsx(
        {"经费拨付": [["拨付编号"], ["id", "fund", "amount", "date", "region_id"], ["a-1", "市级党费", None, "2020-02-01", "v-1"]]},
        formulas=[(2, 2, "=1000*2", 2000)],
    )
    assert _records(typed_rows(read_file("x.xlsx", data, Limits())))[0]["amount"] == 2000.0


def test_hidden_sheets_and_rows_are_read_and_reported():
    rows = [LINK_HEADER, LINK_FIELDS, ["pm-1", "hh-1", "2020-02-01"], ["pm-1", "hh-2", "2020-02-01"]]
    book = read_file("x.xlsx", _xlsx({"党员联系户": rows}, hidden_sheets=["党员联系户"], hidden_rows=[4]), Limits())
    assert book.sheets[0].hidden and book.sheets[0].hidden_rows == [4]
    assert len(_records(typed_rows(book))) == 2
    notes = " ".join(n["en"] for n in book.notes)
    assert "is hidden" in notes and "hidden rows were read: 4" in notes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    text = "党员编号,户编号,开始日期,结束日期\nmember_id,household_id,since,until\npm-1,hh-1,2020年2月1日,\n"
    book = read_file("党员联系户.csv", text.encode(encoding), Limits())
    assert _records(typed_rows(book)) == [{"member_id": "pm-1", "household_id": "hh-1", "since": "2020-02-01"}]
    names = "姓名,党员编号,所在党组织编号,居住村(社区)编号\n李四,pm-2,po-1,v-1\n".encode(encoding)
    assert _records(typed_rows(read_file("roster.csv", names, Limits())))[0]["name"] == "李四"


def test_macro_workbooks_legacy_xls_and_other_files_are_refused_with_a_clear_message():
    with pytest.raises(FileRefused, match=r"\.xlsm"):
        read_file("roster.xlsm", b"PK", Limits())
    with pytest.raises(FileRefused, match="legacy .xls"):
        read_file("roster.xls", b"anything", Limits())
    with pytest.raises(FileRefused, match="legacy .xls"):
        read_file("roster.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, Limits())
    with pytest.raises(FileRefused, match="not a valid .xlsx"):
        read_file("roster.xlsx", b"not a zip", Limits())
    with pytest.raises(FileRefused, match="unsupported file type .pdf"):
        read_file("roster.pdf", b"%PDF", Limits())


def test_a_zip_bomb_is_refused_from_its_directory_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 3_000_000)
    with pytest.raises(FileRefused, match="zip bomb"):
        read_file("bomb.xlsx", out.getvalue(), Limits(max_unzipped_bytes=1_000_000))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(30):
            z.writestr(f"x/{i}", b"")
    with pytest.raises(FileRefused, match="SHEET_MAX_ZIP_ENTRIES"):
        read_file("many.xlsx", many.getvalue(), Limits(max_zip_entries=20))


def test_a_file_over_the_row_limit_is_refused_whole():
    lines = "member_id,household_id,since\n" + "".join(f"pm-{i},hh-{i},2020-02-01\n" for i in range(100_001))
    with pytest.raises(FileRefused, match="more than 100,000 rows"):
        read_file("links.csv", lines.encode(), Limits())
    assert len(read_file("links.csv", lines.rsplit("pm-", 1)[0].encode(), Limits()).sheets[0].rows) == 100_000


def test_a_template_filled_in_is_read_back():
    from orgnet.sheets.templates import write_workbook

    out = io.BytesIO()
    record = {"id": "007", "name": "张三", "org_id": "po-1", "region_id": "320321-001-001", "rural": True, "city_organ": False}
    write_workbook(out, list(SECTIONS.values()), rows={"party_members": [record]})
    rows = typed_rows(read_file("t.xlsx", out.getvalue(), Limits()))
    assert _records(rows) == [record]


def test_shared_strings_read_as_openpyxl_reads_them():
    """The fast shared-string table: the plain text of each item, runs joined, phonetic guides left out."""
    import io

    from openpyxl.reader.strings import read_string_table

    from orgnet.sheets.reader import shared_strings

    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<si><t>plain</t></si><si><t xml:space="preserve">  sp ace  </t></si>'
        '<si><r><rPr><b/></rPr><t>bo</t></r><r><t>ld</t></r><rPh sb="0" eb="1"><t>PHON</t></rPh><phoneticPr fontId="1"/></si>'
        '<si><t>a_x005F_x000D_b</t></si><si><t/></si><si><t>党员</t><rPh sb="0" eb="1"><t>dang</t></rPh></si></sst>'
    ).encode()
    assert shared_strings(io.BytesIO(xml)) == read_string_table(io.BytesIO(xml)) == ["plain", "  sp ace  ", "bold", "a_x000D_b", "", "党员"]
