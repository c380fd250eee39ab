"""A roster's 身份证号 (issue 23): read only to match, kept only as an HMAC under the server's key,
never in a record, a refusal or an error workbook."""

from __future__ import annotations

import io

import openpyxl
import pytest

from orgnet.settings import Settings
from orgnet.sheets import identity
from orgnet.sheets.plan import Plan
from orgnet.sheets.reader import Limits, read_file
from orgnet.sheets.rows import typed_rows
from orgnet.sheets.templates import write_workbook

KEY = b"test-key"
GOOD = "11010519491231002X"  # GB 11643's own example: the check digit is X
HEADER = "党员编号,姓名,所在党组织编号,居住村(社区)编号,身份证号\n"


def _rows(csv_text: str, key: bytes | None = KEY):
    book = read_file("党员.csv", csv_text.encode("utf-8"), Limits())
    return book, typed_rows(book, key)


def test_the_number_is_checked_and_becomes_its_keyed_hash_at_once():
    _, rows = _rows(HEADER + f"m-1,张三,po-1,v-1,{GOOD.lower()}\nm-2,李四,po-1,v-1,１１０１０５１９４９１２３１００２Ｘ\n")
    assert [r.status for r in rows] == [None, None]
    assert rows[0].id_hash == rows[1].id_hash == identity.keyed(KEY, GOOD)  # lower-case x and full-width digits read as meant
    assert all("id_number" not in r.record and GOOD not in repr(r.record) for r in rows)  # never a field of the record
    assert identity.keyed(b"another key", GOOD) != rows[0].id_hash  # the key is the server's: no table of numbers finds it


@pytest.mark.parametrize(
    ("number", "says"),
    [("110105194912310021", "校验位"), ("1101051949123100", "18位"), ("11010519491231002Y", "18位")],
)
def test_a_wrong_number_is_refused_at_its_cell_without_showing_it(number, says):
    book, rows = _rows(HEADER + f"m-1,张三,po-1,v-1,{number}\n")
    (row,) = rows
    assert row.status == "refused" and row.id_hash is None
    (refusal,) = row.refusals
    assert refusal.cell == "党员!E2" and says in refusal.zh and refusal.value == identity.HIDDEN
    assert number not in repr(refusal.as_dict())
    # the error workbook gives the row back without the number
    out = io.BytesIO()
    plan = Plan(book=book, rows=rows)
    write_workbook(out, [book.sheets[0].section], refused=plan.refused_rows())
    cells = [c.value for r in openpyxl.load_workbook(io.BytesIO(out.getvalue()))["党员"].iter_rows() for c in r]
    assert "m-1" in cells and number not in cells


def test_without_a_key_the_column_is_refused_not_stored_in_clear():
    _, (row,) = _rows(HEADER + f"m-1,张三,po-1,v-1,{GOOD}\n", key=None)
    assert row.status == "refused" and "ID_NUMBER_SECRET" in row.refusals[0].en and row.id_hash is None


def test_a_row_without_a_number_has_no_hash():
    _, (row,) = _rows(HEADER + "m-1,张三,po-1,v-1,\n")
    assert row.status is None and row.id_hash is None


def test_the_servers_key_is_made_once_and_kept(tmp_path):
    settings = Settings(orgnet_home=tmp_path)
    first = settings.effective_id_number_secret()
    assert len(first) >= 32 and settings.effective_id_number_secret() == first
    assert (tmp_path / "id-number-secret").stat().st_mode & 0o077 == 0
    assert Settings(orgnet_home=tmp_path, id_number_secret="given").effective_id_number_secret() == b"given"
