"""Bundle parsing and the checks that need no database."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgnet.errors import InvalidInput
from orgnet.graph.model import Bundle
from orgnet.graph.validate import check_bundle, parse_bundle

CITY = {"id": "C", "name": "City", "level": "city"}
COUNTY = {"id": "K", "name": "County", "level": "county", "parent_id": "C"}
TOWN = {"id": "T", "name": "Town", "level": "town", "parent_id": "K"}


def errors_of(data, graph=None):
    with pytest.raises(InvalidInput) as info:
        check_bundle(parse_bundle(data), graph)
    return info.value.errors


def test_a_valid_bundle_passes():
    check_bundle(parse_bundle({"format": "orgnet-bundle/1", "regions": [CITY, COUNTY, TOWN]}), None)


def test_unknown_field_is_named_with_section_index_and_id():
    data = {"regions": [CITY, {**COUNTY, "colour": "red"}]}
    with pytest.raises(InvalidInput) as info:
        parse_bundle(data)
    (err,) = info.value.errors
    assert err["section"] == "regions" and err["index"] == 1 and err["id"] == "K"
    assert err["field"] == "colour"
    assert "Extra inputs" in err["reason"]


def test_unknown_section_and_wrong_format_are_refused():
    with pytest.raises(InvalidInput) as info:
        parse_bundle({"format": "other/2", "people": []})
    fields = {(e["section"], e["field"]) for e in info.value.errors}
    assert ("format", "") in fields or any(e["section"] == "format" for e in info.value.errors)
    assert any(e["section"] == "people" for e in info.value.errors)


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"cadre_id": "a", "enterprise_id": "b", "since": "2020-02-30"}, "since"),
        ({"cadre_id": "a", "enterprise_id": "b", "since": "2020-02-01", "until": "2020-01-01"}, "(record)"),
        ({"cadre_id": "", "enterprise_id": "b", "since": "2020-02-01"}, "cadre_id"),
    ],
)
def test_bad_assignment_fields(record, field):
    with pytest.raises(InvalidInput) as info:
        parse_bundle({"pairings": [record]})
    assert info.value.errors[0]["field"] == field


def test_ids_with_cypher_in_them_are_refused():
    with pytest.raises(InvalidInput):
        parse_bundle({"regions": [{**CITY, "id": "x}) DETACH DELETE n //"}]})


def test_duplicate_ids_and_dangling_references_are_all_reported():
    errs = errors_of(
        {
            "regions": [CITY, COUNTY, {**COUNTY, "name": "again"}],
            "party_orgs": [{"id": "P", "name": "p", "region_id": "nowhere"}],
        }
    )
    reasons = [e["reason"] for e in errs]
    assert any("duplicate id 'K'" in r for r in reasons)
    assert any("refers to Region 'nowhere'" in r for r in reasons)


def test_levels_must_nest():
    errs = errors_of({"regions": [CITY, {"id": "V", "name": "v", "level": "village", "parent_id": "C"}]})
    assert errs[0]["field"] == "parent_id" and "must be a town" in errs[0]["reason"]


def test_cadre_must_serve_in_a_region_of_its_level():
    errs = errors_of({"regions": [CITY, COUNTY], "cadres": [{"id": "x", "name": "n", "level": "town", "region_id": "K"}]})
    assert "must serve in a town" in errs[0]["reason"]


def test_sections_are_in_load_order():
    order = list(Bundle.SECTIONS)
    assert order.index("regions") < order.index("party_orgs") < order.index("party_members")
    assert order.index("households") < order.index("household_links")
    assert order.index("checkpoints") < order.index("deployments")


# --- item 9 of issue 9: lax typing in bundles --------------------------------------------------

HOUSEHOLD = {"id": "h-1", "name": "王五", "region_id": "V"}
CADRE = {"id": "c-1", "name": "张三", "level": "town", "region_id": "T"}
ALLOCATION = {"id": "a-1", "fund": "community_standard", "amount": 100, "date": "2020-02-05", "region_id": "V"}
PAIRING = {"cadre_id": "c-1", "enterprise_id": "e-1", "since": "2020-02-01"}
WORKER = {"id": "mw-1", "name": "赵六", "batch": 1, "destination": "武汉"}


def field_error(data):
    with pytest.raises(InvalidInput) as info:
        parse_bundle(data)
    (err,) = info.value.errors
    return err


@pytest.mark.parametrize(
    ("section", "record", "field"),
    [
        ("allocations", {**ALLOCATION, "amount": "100"}, "amount"),
        ("allocations", {**ALLOCATION, "amount": float("inf")}, "amount"),  # what json.loads makes of 1e309
        ("allocations", {**ALLOCATION, "amount": float("nan")}, "amount"),
        ("allocations", {**ALLOCATION, "amount": -1}, "amount"),
        ("allocations", {**ALLOCATION, "amount": True}, "amount"),
        ("allocations", {**ALLOCATION, "date": "2020-02-05T00:00:00"}, "date"),
        ("allocations", {**ALLOCATION, "date": "2020-02-05 00:00"}, "date"),
        ("allocations", {**ALLOCATION, "date": "20200205"}, "date"),
        ("allocations", {**ALLOCATION, "date": 20200205}, "date"),
        ("cadres", {**CADRE, "young": "yes"}, "young"),
        ("cadres", {**CADRE, "promoted": 1}, "promoted"),
        ("cadres", {**CADRE, "applied_to_join_party_on": "2020-02-05T08:00:00Z"}, "applied_to_join_party_on"),
        ("pairings", {**PAIRING, "since": 0}, "since"),
        ("pairings", {**PAIRING, "until": 1583020800}, "until"),
        ("medical_workers", {**WORKER, "batch": "1"}, "batch"),
        ("medical_workers", {**WORKER, "batch": 1.0}, "batch"),
        ("households", {**HOUSEHOLD, "name": 5}, "name"),
        ("households", {**HOUSEHOLD, "region_id": 7}, "region_id"),
        ("households", {**HOUSEHOLD, "name": "王\x00五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "\u202e五王"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\u202d五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\u2066五\u2069"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\u200b五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\ufeff五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\n五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "王\x85五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "\x1f王五"}, "name"),  # strip() alone would drop it silently
        ("households", {**HOUSEHOLD, "name": "王\ud800五"}, "name"),
        ("households", {**HOUSEHOLD, "name": "   "}, "name"),
        ("households", {**HOUSEHOLD, "name": "\u3000\t"}, "name"),
        ("households", {**HOUSEHOLD, "name": ""}, "name"),
        ("medical_workers", {**WORKER, "destination": " \u2028 "}, "destination"),
        ("regions", {**CITY, "code": " "}, "code"),
    ],
)
def test_lax_values_are_refused_with_a_field_level_error(section, record, field):
    err = field_error({section: [record]})
    assert (err["section"], err["index"], err["field"]) == (section, 0, field)
    assert err["id"] == record.get("id")


def test_the_reasons_name_the_character_and_the_date_format():
    assert field_error({"households": [{**HOUSEHOLD, "name": "王\u202e五"}]})["reason"] == (
        "contains the format character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1"
    )
    assert field_error({"households": [{**HOUSEHOLD, "name": " "}]})["reason"] == "must not be empty or only whitespace"
    assert "'YYYY-MM-DD'" in field_error({"allocations": [{**ALLOCATION, "date": "2020-02-05T00:00:00"}]})["reason"]


def test_json_infinity_is_refused_as_an_amount():
    import json

    data = json.loads('{"allocations": [{"id": "a-1", "fund": "community_standard", "amount": 1e309, "date": "2020-02-05", "region_id": "V"}]}')
    assert field_error(data)["reason"] == "Input should be a finite number"


def test_strict_values_still_pass():
    bundle = parse_bundle(
        {
            "allocations": [{**ALLOCATION, "amount": 0}, {**ALLOCATION, "id": "a-2", "amount": 1234.5}],
            "cadres": [{**CADRE, "young": True, "applied_to_join_party_on": "2020-02-29"}],
            "medical_workers": [WORKER],
        }
    )
    assert [a.amount for a in bundle.allocations] == [0.0, 1234.5]
    assert bundle.cadres[0].young is True and bundle.cadres[0].applied_to_join_party_on.isoformat() == "2020-02-29"


def test_text_is_nfc_normalised_and_stripped():
    decomposed = "Cafe\u0301 \u5f20\u4e09"  # e + combining acute
    bundle = parse_bundle({"households": [{**HOUSEHOLD, "name": f"  {decomposed}\u3000"}]})
    assert bundle.households[0].name == "Café 张三" and len(bundle.households[0].name) == 7


def test_joiners_are_kept_inside_words_only():
    assert parse_bundle({"households": [{**HOUSEHOLD, "name": "\u0646\u0645\u200c\u0646"}]}).households[0].name
    assert field_error({"households": [{**HOUSEHOLD, "name": "王\u200d"}]})["field"] == "name"
    assert field_error({"households": [{**HOUSEHOLD, "name": "王 \u200c五"}]})["field"] == "name"


REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_text_is_refused_or_comes_out_clean(raw):
    try:
        name = parse_bundle({"households": [{**HOUSEHOLD, "name": raw}]}).households[0].name
    except InvalidInput as e:
        (err,) = e.errors
        assert err["field"] == "name"
        return
    assert name == unicodedata.normalize("NFC", name) == name.strip() and name
    assert not any(unicodedata.category(c) in REFUSED_CATEGORIES and c not in "\u200c\u200d" for c in name)


@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=20),
    st.characters(whitelist_categories=("Cc", "Cf", "Zl", "Zp"), blacklist_characters="\u200c\u200d"),
    st.data(),
)
@settings(max_examples=300, deadline=None)
def test_a_hidden_character_anywhere_is_refused(word, hidden, data):
    at = data.draw(st.integers(0, len(word)))
    with pytest.raises(InvalidInput) as info:
        parse_bundle({"households": [{**HOUSEHOLD, "name": word[:at] + hidden + word[at:]}]})
    assert info.value.errors[0]["field"] == "name"


# --- item 4 of issue 9: the region tree (the parts that need no database) -------------------------


def test_a_cycle_declared_in_one_bundle_is_refused():
    errs = errors_of({"regions": [CITY, {**COUNTY, "parent_id": "T"}, {**TOWN, "parent_id": "K"}]})
    assert any(e["field"] == "parent_id" and "PART_OF cycle: K -> T -> K" in e["reason"] for e in errs)


def test_two_roots_in_one_bundle_are_refused_unless_allowed():
    data = {"regions": [CITY, {**CITY, "id": "C2", "name": "Other city"}]}
    errs = errors_of(data)
    assert [(e["index"], e["id"], e["field"]) for e in errs] == [(1, "C2", "parent_id")]
    assert "second root region besides 'C'" in errs[0]["reason"]
    check_bundle(parse_bundle(data), None, allow_new_root=True)


def test_party_orgs_may_not_be_subordinate_to_themselves():
    orgs = [{"id": "A", "name": "a", "region_id": "C", "parent_id": "B"}, {"id": "B", "name": "b", "region_id": "C", "parent_id": "A"}]
    errs = errors_of({"regions": [CITY], "party_orgs": orgs})
    assert {e["id"] for e in errs if "SUBORDINATE_TO cycle" in e["reason"]} == {"A", "B"}
