"""The spreadsheets of issue 23 without a database: the section table, templates, the parser."""

from __future__ import annotations

from orgnet.graph.model import SECTION_MODELS
from orgnet.sheets.sections import SECTIONS, SHEETS


def test_every_sheet_is_a_bundle_section_with_every_required_field():
    assert len(SHEETS) == len(SECTIONS)
    for s in SECTIONS.values():
        model = SECTION_MODELS[s.section]
        assert set(s.fields) <= set(model.model_fields)
        assert {n for n, f in model.model_fields.items() if f.is_required()} <= set(s.fields)
        assert len({c.header for c in s.columns}) == len(s.columns), s.section


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
    assert [c.value for c in ws[1]][:2] == ["党员编号", "姓名"]
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
    assert "张三" in instructions and "pm-320321-0001" in instructions


def test_an_export_writes_labels_dates_and_text_never_formulas():
    wb = _template(
        [SECTIONS["party_members"]],
        rows={"party_members": [{"id": "007", "name": "=HYPERLINK(1)", "org_id": "po-1", "region_id": "v-1", "rural": True, "city_organ": False}]},
    )
    assert [c.value for c in wb["党员"][3]] == ["007", "=HYPERLINK(1)", "po-1", "v-1", "是", "否", None]
    assert wb["党员"]["B3"].data_type == "s"
