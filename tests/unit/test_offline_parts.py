"""CSV files written in parts (a child process per part) hold exactly what one writer writes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from orgnet.errors import InvalidInput
from orgnet.graph.model import HouseholdLink
from orgnet.graph.offline_parts import write_csv, write_csv_parts
from orgnet.seed.generator import generate
from orgnet.seed.parts import seed_parts


def rows(plan) -> Counter:
    out: Counter = Counter()
    for f in plan.files:
        lines = f.path.read_text(encoding="utf-8").splitlines()
        out.update((f.kind, f.name, line) for line in lines[1:])
    return out


def test_parts_write_the_same_rows_as_one_writer(tmp_path: Path):
    one = write_csv(generate(seed=5, scale="demo"), tmp_path / "one")
    seen: Counter = Counter()
    batches, parallel = seed_parts(5, "demo")
    parts = write_csv_parts(batches, tmp_path / "parts", parallel=parallel, on_batch=lambda s, n: seen.update({s: n}))
    assert parts.records == one.records == dict(seen)
    assert (parts.nodes, parts.relationships) == (one.nodes, one.relationships)
    assert rows(parts) == rows(one)
    assert {f.path.parent.name for f in parts.files} == {"part-0", "part-1"}


def test_an_error_in_a_child_part_is_raised_and_names_the_part(tmp_path: Path):
    link = HouseholdLink(member_id="m", household_id="h", since="2020-02-01")
    with pytest.raises(InvalidInput, match="part 1"):
        write_csv_parts([], tmp_path, parallel=[lambda: [("household_links", [link, link])]])
