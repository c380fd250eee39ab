"""News out without a database: the webhook signature against an independent HMAC, the retry schedule
covering a receiver down for an hour, the days a change touches, and what a reader sees of an event."""

from __future__ import annotations

import hashlib
import hmac

from orgnet.events.deliveries import backoff_s, schedule_s
from orgnet.events.outbox import touched_days
from orgnet.events.payload import project
from orgnet.events.signing import sign, verify
from orgnet.settings import Settings


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body_and_refuses_another_body_key_or_an_old_timestamp():
    body = '{"type":"alert.opened","区":"丰县"}'.encode()
    header = sign("whsec_k", body, timestamp=1_800_000_000)
    expected = hmac.new(b"whsec_k", b"1800000000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1800000000,v1={expected}"
    assert verify("whsec_k", body, header, now=1_800_000_010)
    assert not verify("whsec_other", body, header, now=1_800_000_010)
    assert not verify("whsec_k", body + b" ", header, now=1_800_000_010)
    assert not verify("whsec_k", body, header, now=1_800_000_000 + 301)
    assert not verify("whsec_k", body, "v1=" + expected)


def test_with_the_default_settings_a_receiver_down_for_an_hour_loses_nothing():
    s = Settings()
    assert schedule_s(s.webhook_max_attempts, base_s=s.webhook_backoff_base_s, max_s=s.webhook_backoff_max_s) > 3600


def test_the_backoff_doubles_is_capped_and_waits_between_half_and_all_of_it():
    for attempt, full in ((1, 10), (2, 20), (5, 160), (20, 1800)):
        low = backoff_s(attempt, base_s=10, max_s=1800, rand=lambda: 0.0)
        high = backoff_s(attempt, base_s=10, max_s=1800, rand=lambda: 0.999999)
        assert low == full / 2 and full / 2 < high <= full


def test_the_days_a_change_touches():
    link = {"since": "2020-02-11", "until": None}
    assert touched_days("household_links", None, link) == ("2020-02-11", None)  # created: its whole period
    assert touched_days("household_links", link, {**link, "voided": True}) == ("2020-02-11", None)  # voided: the same
    assert touched_days("household_links", link, {**link, "until": "2020-03-10"}) == ("2020-03-11", None)  # ended: after its new end
    assert touched_days("household_links", {**link, "until": "2020-03-10"}, {**link, "until": "2020-03-20"}) == ("2020-03-11", "2020-03-20")
    assert touched_days("pairings", {"since": "2020-02-01"}, {"since": "2020-02-05"}) == ("2020-02-01", "2020-02-04")
    assert touched_days("households", None, {"id": "h"}) == (None, None)  # an item: any day


def test_a_reader_sees_the_regions_of_its_scope_and_record_ids_only_when_it_may():
    event = {
        "id": "e",
        "seq": 3,
        "type": "change",
        "touched": {"regions": [{"id": "v", "path": ["320300", "320321", "t"]}], "metrics": ["household_linkage"], "days": {"from": None, "to": None}},
        "change": {"id": "c", "items": ["pm-1~hh-1~2020-02-01"], "account": "acc-1"},
    }
    assert project(event, scope=("320322",), personal=True) is None  # 沛县 sees nothing of 丰县
    county = project(event, scope=("320321",), personal=True)
    assert county["change"]["items"] == ["pm-1~hh-1~2020-02-01"] and county["change"]["account"] == "acc-1"
    viewer = project(event, scope=None, personal=False)
    assert viewer["change"]["items"] == [] and viewer["change"]["account"] is None and viewer["touched"]["regions"][0]["id"] == "v"
