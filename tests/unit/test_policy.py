"""The coverage policy: the article's defaults, validation, and documentation of every field."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from pydantic import BaseModel

from orgnet.coverage.policy import POLICY_PARAM_NAMES, Policy, default_policy, load_policy
from orgnet.errors import InvalidInput
from orgnet.graph.model import Level

DEFAULT_TOML = resources.files("orgnet").joinpath("policy/default.toml").read_text(encoding="utf-8")


def test_the_defaults_are_the_articles():
    p = default_policy()
    levels = {k: [lvl.value for lvl in v] for k, v in p.enterprise_pairing.required_levels.items()}
    assert levels == {"city_owned": ["city", "county", "town"], "non_public": ["county", "town"], "talent": ["city", "town"]}
    assert {k.value: v for k, v in p.cadre_load.max_active_pairings.items()} == {"city": 5, "county": 8, "town": 10, "village": 6}
    assert p.member_link_load.target_households == 10
    assert p.central_household_size.target_members == 10
    assert p.community_funding.standard_cny == 50_000
    assert p.community_funding.funds == ["community_standard"]
    assert p.teams.min_team_size == 1
    assert (p.status.ok, p.status.warn) == (0.95, 0.8)


def test_query_params_cover_every_policy_parameter():
    assert set(default_policy().query_params()) == POLICY_PARAM_NAMES


@pytest.mark.parametrize(("ratio", "status"), [(None, "ok"), (1.0, "ok"), (0.95, "ok"), (0.9499, "warn"), (0.8, "warn"), (0.7999, "bad"), (0.0, "bad")])
def test_status_colours(ratio, status):
    assert default_policy().status_for(ratio) == status


def _doc_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    missing = []
    for name, f in model.model_fields.items():
        ann = f.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            missing += _doc_fields(ann, f"{prefix}{name}.")
        elif not f.description:
            missing.append(prefix + name)
    return missing


def test_every_field_is_documented_in_the_model_and_the_file():
    assert _doc_fields(Policy) == []
    data = tomllib.loads(DEFAULT_TOML)
    for section, fields in data.items():
        if isinstance(fields, dict):
            assert f"[{section}]" in DEFAULT_TOML
            # a comment right above or on the section explains it
            block = DEFAULT_TOML.split(f"[{section}]", 1)[1].split("\n[", 1)[0]
            assert "#" in block, f"section [{section}] has no comment"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"teams": {"min_team_size": 0}}, "teams.min_team_size"),
        ({"cadre_load": {"max_active_pairings": {"city": 5}}}, "cadre_load.max_active_pairings"),
        ({"enterprise_pairing": {"required_levels": {"city_owned": ["city"], "non_public": ["mayor"], "talent": []}}}, "enterprise_pairing.required_levels"),
        ({"community_funding": {"funds": ["pocket_money"]}}, "community_funding.funds.0"),
        ({"status": {"ok": 0.5, "warn": 0.9}}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_policies_are_refused_naming_the_field(change, field):
    with pytest.raises(InvalidInput) as e:
        default_policy().with_changes(change)
    assert any(err["field"].startswith(field) for err in e.value.errors), e.value.errors


def test_load_policy_from_a_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(DEFAULT_TOML.replace("target_households = 10", "target_households = 8"), encoding="utf-8")
    assert load_policy(path).member_link_load.target_households == 8
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        load_policy(path)
    with pytest.raises(InvalidInput, match="Cannot read"):
        load_policy(tmp_path / "missing.toml")


def test_required_levels_are_kept_in_hierarchy_order():
    p = default_policy().with_changes({"enterprise_pairing": {"required_levels": {"city_owned": ["town", "city"], "non_public": [], "talent": ["village"]}}})
    assert p.enterprise_pairing.required_levels["city_owned"] == [Level.city, Level.town]
    assert p.query_params()["required_non_public"] == []
