"""The shared request parameters are resolved once (orgnet/api/params.py): defaults from the
settings and the calendar, the metric looked up once, page sizes bounded by the settings."""

from __future__ import annotations

import datetime as dt

import pytest

from orgnet.api.params import Page, resolve_day, resolve_metric, resolve_page
from orgnet.coverage.metrics import get_metric
from orgnet.errors import NotFound
from orgnet.settings import Settings


def test_the_page_size_defaults_to_the_setting_and_never_exceeds_the_maximum():
    settings = Settings(page_size_default=7, page_size_max=20)
    assert resolve_page(settings, limit=None, cursor=None) == Page(limit=7, cursor=None)
    assert resolve_page(settings, limit=12, cursor="c") == Page(limit=12, cursor="c")
    assert resolve_page(settings, limit=300, cursor=None).limit == 20


def test_the_day_defaults_to_today_and_a_given_day_is_kept():
    assert resolve_day(as_of=None) == dt.date.today()
    assert resolve_day(as_of=dt.date(2020, 3, 31)) == dt.date(2020, 3, 31)


def test_the_metric_is_looked_up_once_into_the_metric_itself():
    assert resolve_metric("household_linkage") is get_metric("household_linkage")
    with pytest.raises(NotFound):
        resolve_metric("nope")


def test_a_search_text_loses_its_control_characters_before_it_reaches_a_file_or_a_query():
    """schemathesis found `q=\\x08` on a gap export: openpyxl refused to write it into the about
    sheet (a 500).  Refusing it would refuse what the document allows: it is dropped instead."""
    from orgnet.api.params import search_text

    assert search_text("  刘庄 ") == "刘庄"
    assert [search_text(bad) for bad in ("a\x08", "\x00", "   ", "a\u202eb", "\x8a\x13x")] == ["a", "", "", "ab", "x"]
