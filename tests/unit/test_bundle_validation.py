"""Bundle parsing and the checks that need no database."""

import pytest

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
