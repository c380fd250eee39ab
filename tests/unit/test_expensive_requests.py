"""Bounded expensive requests without a database: formula neutralisation, the streamed CSV and
write-only workbook, signed cursors, the admission limiter, the time budget, and how a failed
result is classified (issue 9 items 2, 8, 10; issue 10 items 5, 8)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import threading
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from orgnet.api import sheet_files, spreadsheets
from orgnet.api.limits import BudgetedGraph, Deadline, Limiter
from orgnet.coverage import service
from orgnet.errors import InvalidInput, QueryTimeout, RateLimited, RequestBudgetExceeded, ServiceBusy

# ----------------------------------------------------------------------------- formulas (issue 9 item 8)

DANGEROUS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    " =1+1",
    "  @x",
    '\n\n=HYPERLINK("http://x")',
    "\u200b=1+1",  # zero-width space
    "\u202e=1+1",  # right-to-left override
    "\ufeff=1",  # byte-order mark
    "\u3000=1",  # ideographic space
    "＝1+1",  # full-width equals
    "﹦1",  # small equals
    "＋1",
    "－1",
    "＠x",
    " \u200b\u202e＝1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_formula_start_is_neutralised(value):
    out = spreadsheets.neutralise(value)
    assert out.startswith("'") and out.replace("'", "") == value.replace("'", "")
    row = {key: value for key, _, _ in spreadsheets.COLUMNS}
    (parsed,) = list(csv.reader(io.StringIO(sheet_files.to_csv([row]).decode("utf-8-sig"))))[1:]
    assert all(cell == out for cell in parsed)


@pytest.mark.parametrize("value", ["丰县", "a=b", "320321-008", "", "'=already text", "1.5", "王屯村委会 / 华山镇", "kind: village; level: town", "a, b"])
def test_plain_text_is_left_alone(value):
    assert spreadsheets.neutralise(value) == value


def _skippable(c: str) -> bool:
    return c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp") or c == '"'


def _starts_a_formula(cell: str) -> bool:
    first = next((c for c in cell if not _skippable(c)), "")
    return cell.startswith(("\t", "\r", "\n")) or (bool(first) and unicodedata.normalize("NFKC", first).startswith(("=", "+", "-", "@")))


def _cells_a_reader_may_see(line: str) -> list[str]:
    """Every cell a spreadsheet could start in this CSV line, whatever it splits on: the line
    itself and whatever follows any separator or line break (quotes or not)."""
    return [line] + [line[i + 1 :] for i, c in enumerate(line) if c in spreadsheets.SEPARATORS]


def test_a_formula_after_a_semicolon_is_neutralised_too():
    """Issue 20 §5: `x;=cmd|' /C calc'!A0` was left as it was; Excel with `;` as its list
    separator splits it and runs `=cmd|' /C calc'!A0`."""
    attack = "x;=cmd|' /C calc'!A0"
    row = {key: attack for key, _, _ in spreadsheets.COLUMNS}
    line = sheet_files.to_csv([row]).decode("utf-8-sig").split("\r\n")[1]
    for separator in (";", ",", "\t"):
        assert not any(_starts_a_formula(cell) for cell in line.split(separator)), separator
    assert spreadsheets.neutralise(attack) == "x;'=cmd|' /C calc'!A0"
    assert spreadsheets.neutralise("a\t@SUM(1)") == "a\t'@SUM(1)" and spreadsheets.neutralise('p,"=1"') == 'p,\'"=1"'


@given(st.text(alphabet=st.sampled_from(list("=+-@;,\t\r\n \"'ax＝\u200b")), max_size=12) | st.text(max_size=12))
def test_no_cell_a_reader_may_see_starts_a_formula(value):
    out = spreadsheets.neutralise(value)
    assert out.replace("'", "") == value.replace("'", "")  # only quotes are ever added
    assert not any(_starts_a_formula(cell) for cell in _cells_a_reader_may_see(out) if not cell.startswith("'"))
    assert spreadsheets.risky(value) == (out != value)


def test_the_formula_character_classes_are_unicodes():
    """neutralise's classes of skippable and formula-starting characters are code point ranges
    written in the code; they are what Unicode (of this Python) says."""
    import sys

    def ranges(pred):
        out, start = [], None
        for cp in range(sys.maxunicode + 2):
            ok = cp <= sys.maxunicode and pred(chr(cp))
            if ok and start is None:
                start = cp
            if not ok and start is not None:
                out.append((start, cp - 1))
                start = None
        return tuple(out)

    assert ranges(lambda c: c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs", "Zl", "Zp")) == spreadsheets._SKIPPABLE_RANGES
    assert ranges(lambda c: unicodedata.normalize("NFKC", c).startswith(("=", "+", "-", "@"))) == spreadsheets._FORMULA_RANGES


# ----------------------------------------------------------------------------- streamed files (issue 10 item 5)


def _row(i: int) -> dict[str, str]:
    return {key: f"{key}-{i}" for key, _, _ in spreadsheets.COLUMNS}


def test_csv_is_written_as_rows_arrive():
    consumed = []

    def rows():
        for i in range(1000):
            consumed.append(i)
            yield _row(i)

    chunks = sheet_files.csv_chunks(rows(), chunk_rows=100)
    header = next(chunks)
    assert header.decode("utf-8-sig").startswith("metric,id,type") and consumed == []
    first = next(chunks)
    assert len(consumed) == 100 and first.decode().count("\r\n") == 100  # one chunk held, not the list
    rest = b"".join(chunks)
    assert len(consumed) == 1000 and rest.decode().count("\r\n") == 900


def test_workbook_is_written_once_per_row_not_quadratically(monkeypatch, tmp_path):
    """The old writer read ``ws.max_row`` inside the row loop (quadratic: 32.8 s for 8k rows);
    the write-only workbook never looks a row up again."""
    from openpyxl.worksheet.worksheet import Worksheet

    def no_lookups(self):
        raise AssertionError("ws.max_row read while writing: quadratic")

    monkeypatch.setattr(Worksheet, "max_row", property(no_lookups))
    rows_seen = []

    def rows():
        for i in range(20_000):
            rows_seen.append(i)
            yield _row(i)

    path = tmp_path / "big.xlsx"
    with path.open("wb") as f:
        written = sheet_files.write_xlsx(rows(), f, about=lambda n: {"rows exported": n, "complete": "yes"})
    monkeypatch.undo()
    assert written == 20_000 == len(rows_seen)
    wb = load_workbook(path, read_only=True)
    data = list(wb["gaps"].iter_rows(values_only=True))
    assert len(data) == 20_001 and data[-1][1] == "id-19999"
    assert dict(wb["about"].iter_rows(values_only=True))["rows exported"] == 20_000


def test_workbook_cells_are_text_whatever_they_start_with(tmp_path):
    values = [v for v in DANGEROUS if "\r" not in v]  # XML itself turns a carriage return into a line feed
    row = {key: v for (key, _, _), v in zip(spreadsheets.COLUMNS, values, strict=False)}
    path = tmp_path / "f.xlsx"
    path.write_bytes(sheet_files.to_xlsx([row], about={"a": "b"}))
    ws = load_workbook(path)["gaps"]
    assert all(c.data_type == "s" for c in ws[2])
    assert [c.value for c in ws[2]] == [row[key] for key, _, _ in spreadsheets.COLUMNS]


# ----------------------------------------------------------------------------- signed cursors (issue 9 item 10)

DAY = dt.date(2020, 3, 31)
KEY = b"server secret"


def _cursor(**kw):
    return service.encode_cursor(metric="household_linkage", region_id="320300", as_of=DAY, after="hh-00010-01-01", key=KEY, **kw)


def _decode(c: str, key: bytes = KEY) -> str:
    return service.decode_cursor(c, metric="household_linkage", region_id="320300", as_of=DAY, key=key)


def test_an_unsigned_cursor_is_refused():
    """A cursor of the old kind (base64 JSON anyone can write) jumped anywhere and echoed any total."""
    raw = {"v": 1, "m": "household_linkage", "r": "320300", "d": DAY.isoformat(), "a": "hh-99999", "t": 10**30}
    forged = base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")
    with pytest.raises(InvalidInput) as e:
        _decode(forged)
    assert e.value.errors[0]["field"] == "cursor"
    assert service.cursor_total(forged, key=KEY) is None


def test_a_tampered_total_or_position_is_refused():
    c = _cursor(total=120)
    assert _decode(c) == "hh-00010-01-01" and service.cursor_total(c, key=KEY) == 120
    payload, signature = c.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    for change in ({"t": 10**30}, {"a": "hh-99999"}):
        altered = base64.urlsafe_b64encode(json.dumps({**data, **change}, separators=(",", ":")).encode()).decode().rstrip("=")
        with pytest.raises(InvalidInput, match="not one this API issued") as e:
            _decode(f"{altered}.{signature}")
        assert e.value.errors == [{"field": "cursor", "reason": "malformed or altered: use next_cursor exactly as returned"}]
        assert service.cursor_total(f"{altered}.{signature}", key=KEY) is None
    with pytest.raises(InvalidInput):
        _decode(c, key=b"another server")
    with pytest.raises(InvalidInput):
        _decode(c[:-2])


# ----------------------------------------------------------------------------- admission control and budget


def test_limiter_refuses_per_caller_then_overall_and_frees_slots():
    limiter = Limiter(slots=3, per_caller=2, retry_after_s=7)
    a1, a2 = limiter.acquire("a"), limiter.acquire("a")
    with pytest.raises(RateLimited) as e:
        limiter.acquire("a")
    assert e.value.retry_after_s == 7
    b1 = limiter.acquire("b")
    with pytest.raises(ServiceBusy) as busy:
        limiter.acquire("c")
    assert busy.value.retry_after_s == 7
    a1.release()
    with limiter.acquire("c"):
        assert limiter.running == 3
    assert limiter.running == 2
    for s in (a2, b1, a2):
        s.release()
    assert limiter.running == 0


def test_limiter_holds_under_concurrency():
    limiter = Limiter(slots=5, per_caller=100)
    admitted, refused = [], []
    go = threading.Event()

    def worker(i):
        go.wait()
        try:
            admitted.append(limiter.acquire(f"c{i}"))
        except ServiceBusy:
            refused.append(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    go.set()
    for t in threads:
        t.join()
    assert len(admitted) == 5 and len(refused) == 35 and limiter.running == 5


class _FakeGraph:  # only the attributes BudgetedGraph copies; no database involved
    driver = None
    database = "neo4j"
    timeout_s = 10.0
    health = None


def test_each_query_gets_what_is_left_of_the_budget():
    now = [100.0]
    g = BudgetedGraph(_FakeGraph(), Deadline(25.0, clock=lambda: now[0]))  # type: ignore[arg-type]
    assert g.timeout_s == 10.0
    now[0] = 120.0
    assert g.timeout_s == pytest.approx(5.0)
    now[0] = 125.0
    with pytest.raises(RequestBudgetExceeded) as e:
        g.timeout_s  # noqa: B018
    assert isinstance(e.value, QueryTimeout)  # the same 504 as a query timeout


def test_a_failed_result_after_a_timeout_is_a_timeout_not_unavailable():
    """Issue 10 item 8: a failed result (ResultFailedError caused by the server's timeout) was
    reported as 503 'Database unavailable'; it is a 504."""
    from neo4j.exceptions import ConnectionAcquisitionTimeoutError, Neo4jError, ResultFailedError

    from orgnet.graph.db import wrap_driver_error

    timeout = Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        message="The transaction has not completed within the timeout specified at its start by the client.",
    )
    try:
        try:
            raise timeout
        except Neo4jError as inner:
            raise ResultFailedError(None, "The result has failed.") from inner
    except ResultFailedError as failed:
        assert isinstance(wrap_driver_error(failed), QueryTimeout)
    assert isinstance(wrap_driver_error(timeout), QueryTimeout)
    assert isinstance(wrap_driver_error(ConnectionAcquisitionTimeoutError("pool")), ServiceBusy)


def test_the_cursor_secret_is_generated_once_private_and_kept(tmp_path):
    import stat

    from orgnet.settings import Settings

    first = Settings(orgnet_home=tmp_path).effective_cursor_secret()
    path = tmp_path / "cursor-secret"
    assert len(first) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Settings(orgnet_home=tmp_path).effective_cursor_secret() == first  # a restart keeps it
    assert Settings(orgnet_home=tmp_path, cursor_secret="configured").effective_cursor_secret() == b"configured"
