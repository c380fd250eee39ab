"""The generated client's examples against a running server (a real uvicorn on the shared seed):
``export_gaps_csv.py`` writes 丰县's gap list as the API pages it, ``follow_events.py`` receives a
change made while it listens, as a typed ``Event``.  Each runs as its own process with only
clients/python/ on its path, as an API consumer would run it."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .news_kit import FENGXIAN, METRIC, auth, links_to_void, live_server, step

EXAMPLES = Path(__file__).resolve().parents[2] / "clients" / "python" / "examples"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGNET_")}
    env["PYTHONPATH"] = str(EXAMPLES.parent)
    return env


def test_the_gap_export_example_writes_the_county_gaps_the_api_lists(news, tmp_path):
    client, token = news["client"], news["tokens"]["owner"]
    listed = client.get(f"/v1/gaps/{METRIC}", headers=auth(token), params={"region": FENGXIAN, "limit": 500}).json()
    out = tmp_path / "gaps.csv"
    with live_server(news["app"]) as base:
        run = subprocess.run(
            [sys.executable, str(EXAMPLES / "export_gaps_csv.py"), "--base-url", base, "--token", token, "--region", FENGXIAN, "--metric", METRIC, "--out", str(out)],
            env=_env(), capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == listed["total"] > 0 and f"{listed['total']} gaps" in run.stderr
    assert [r["id"] for r in rows[: len(listed["items"])]] == [i["id"] for i in listed["items"]]
    assert all(FENGXIAN in r["region_ids"].split("/") and "丰县" in r["region_names"] for r in rows)


def test_the_event_stream_example_receives_a_change_made_while_it_follows(news, xuzhou):
    client, tokens = news["client"], news["tokens"]
    with live_server(news["app"]) as base:
        follower = subprocess.Popen(
            [sys.executable, str(EXAMPLES / "follow_events.py"), "--base-url", base, "--token", tokens["owner"], "--max-events", "1", "--json"],
            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            time.sleep(3.0)  # it connects (the stream starts from now on)
            (link,) = links_to_void(xuzhou, 1)
            r = client.post(
                f"/v1/records/household_links/{link['m']}~{link['h']}~{link['since']}/void", headers=auth(tokens["writer"]), json={"reason": "entered twice"}
            )
            assert r.status_code == 200, r.text
            news["state"]["voided"].append(link)
            step(news["dispatcher"])
            out, err = follower.communicate(timeout=60)
        finally:
            follower.kill()
    assert follower.returncode == 0, err
    event = json.loads(out.strip().splitlines()[-1])
    assert event["type"] == "change" and event["change"]["kind"] == "household_links"
    assert event["touched"]["regions"] and all(FENGXIAN in r["path"] for r in event["touched"]["regions"])
