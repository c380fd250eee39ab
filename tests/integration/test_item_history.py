"""An item's history (``GET /v1/changes?item=<item id>``, the dashboard's item panel) holds the
changes of the item's assignments too: their record ids are ``<start>~<end>~<since>``, so an exact
match on the item id alone found none of them."""

from __future__ import annotations

from .test_writes import PAIRING, PAIRING_ID, city, two_counties  # noqa: F401 - fixtures


def test_an_items_history_holds_the_changes_of_its_assignments(city):  # noqa: F811
    created = city.post("/v1/records/pairings", json=PAIRING)
    assert created.status_code == 201, created.text
    for item in ("e-1", "c-1", PAIRING_ID):
        changes = city.get("/v1/changes", params={"item": item}).json()["items"]
        assert [c["items"] for c in changes] == [[PAIRING_ID]], item
    # a part of an id is not the id: no prefix or substring match
    for other in ("e", "e-", "1", "c-1~e", "2020-03-01"):
        assert city.get("/v1/changes", params={"item": other}).json()["items"] == [], other
