from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunLibraryQueryV1QueriesNamespaceNamePostBody")


@_attrs_define
class RunLibraryQueryV1QueriesNamespaceNamePostBody:
    """
    Attributes:
        after (Any | Unset):
        as_of (Any | Unset):
        backed_kinds (Any | Unset):
        cadre (Any | Unset):
        cadres (Any | Unset):
        central_household (Any | Unset):
        central_household_target (Any | Unset):
        enterprise (Any | Unset):
        followup_days (Any | Unset):
        frontline_min_days (Any | Unset):
        funding_funds (Any | Unset):
        funding_standard (Any | Unset):
        group_level (Any | Unset):
        ids (Any | Unset):
        level (Any | Unset):
        limit (Any | Unset):
        max_city (Any | Unset):
        max_county (Any | Unset):
        max_town (Any | Unset):
        max_village (Any | Unset):
        member_link_target (Any | Unset):
        members (Any | Unset):
        metric (Any | Unset):
        min_record_entries (Any | Unset):
        min_team_size (Any | Unset):
        policy (Any | Unset):
        recognition_since (Any | Unset):
        region (Any | Unset):
        regions (Any | Unset):
        required_city_owned (Any | Unset):
        required_non_public (Any | Unset):
        required_talent (Any | Unset):
        teams (Any | Unset):
        unavailable_cadres (Any | Unset):
        unavailable_members (Any | Unset):
        unavailable_teams (Any | Unset):
        visit_window_days (Any | Unset):
    """

    after: Any | Unset = UNSET
    as_of: Any | Unset = UNSET
    backed_kinds: Any | Unset = UNSET
    cadre: Any | Unset = UNSET
    cadres: Any | Unset = UNSET
    central_household: Any | Unset = UNSET
    central_household_target: Any | Unset = UNSET
    enterprise: Any | Unset = UNSET
    followup_days: Any | Unset = UNSET
    frontline_min_days: Any | Unset = UNSET
    funding_funds: Any | Unset = UNSET
    funding_standard: Any | Unset = UNSET
    group_level: Any | Unset = UNSET
    ids: Any | Unset = UNSET
    level: Any | Unset = UNSET
    limit: Any | Unset = UNSET
    max_city: Any | Unset = UNSET
    max_county: Any | Unset = UNSET
    max_town: Any | Unset = UNSET
    max_village: Any | Unset = UNSET
    member_link_target: Any | Unset = UNSET
    members: Any | Unset = UNSET
    metric: Any | Unset = UNSET
    min_record_entries: Any | Unset = UNSET
    min_team_size: Any | Unset = UNSET
    policy: Any | Unset = UNSET
    recognition_since: Any | Unset = UNSET
    region: Any | Unset = UNSET
    regions: Any | Unset = UNSET
    required_city_owned: Any | Unset = UNSET
    required_non_public: Any | Unset = UNSET
    required_talent: Any | Unset = UNSET
    teams: Any | Unset = UNSET
    unavailable_cadres: Any | Unset = UNSET
    unavailable_members: Any | Unset = UNSET
    unavailable_teams: Any | Unset = UNSET
    visit_window_days: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        after = self.after

        as_of = self.as_of

        backed_kinds = self.backed_kinds

        cadre = self.cadre

        cadres = self.cadres

        central_household = self.central_household

        central_household_target = self.central_household_target

        enterprise = self.enterprise

        followup_days = self.followup_days

        frontline_min_days = self.frontline_min_days

        funding_funds = self.funding_funds

        funding_standard = self.funding_standard

        group_level = self.group_level

        ids = self.ids

        level = self.level

        limit = self.limit

        max_city = self.max_city

        max_county = self.max_county

        max_town = self.max_town

        max_village = self.max_village

        member_link_target = self.member_link_target

        members = self.members

        metric = self.metric

        min_record_entries = self.min_record_entries

        min_team_size = self.min_team_size

        policy = self.policy

        recognition_since = self.recognition_since

        region = self.region

        regions = self.regions

        required_city_owned = self.required_city_owned

        required_non_public = self.required_non_public

        required_talent = self.required_talent

        teams = self.teams

        unavailable_cadres = self.unavailable_cadres

        unavailable_members = self.unavailable_members

        unavailable_teams = self.unavailable_teams

        visit_window_days = self.visit_window_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if after is not UNSET:
            field_dict["after"] = after
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if backed_kinds is not UNSET:
            field_dict["backed_kinds"] = backed_kinds
        if cadre is not UNSET:
            field_dict["cadre"] = cadre
        if cadres is not UNSET:
            field_dict["cadres"] = cadres
        if central_household is not UNSET:
            field_dict["central_household"] = central_household
        if central_household_target is not UNSET:
            field_dict["central_household_target"] = central_household_target
        if enterprise is not UNSET:
            field_dict["enterprise"] = enterprise
        if followup_days is not UNSET:
            field_dict["followup_days"] = followup_days
        if frontline_min_days is not UNSET:
            field_dict["frontline_min_days"] = frontline_min_days
        if funding_funds is not UNSET:
            field_dict["funding_funds"] = funding_funds
        if funding_standard is not UNSET:
            field_dict["funding_standard"] = funding_standard
        if group_level is not UNSET:
            field_dict["group_level"] = group_level
        if ids is not UNSET:
            field_dict["ids"] = ids
        if level is not UNSET:
            field_dict["level"] = level
        if limit is not UNSET:
            field_dict["limit"] = limit
        if max_city is not UNSET:
            field_dict["max_city"] = max_city
        if max_county is not UNSET:
            field_dict["max_county"] = max_county
        if max_town is not UNSET:
            field_dict["max_town"] = max_town
        if max_village is not UNSET:
            field_dict["max_village"] = max_village
        if member_link_target is not UNSET:
            field_dict["member_link_target"] = member_link_target
        if members is not UNSET:
            field_dict["members"] = members
        if metric is not UNSET:
            field_dict["metric"] = metric
        if min_record_entries is not UNSET:
            field_dict["min_record_entries"] = min_record_entries
        if min_team_size is not UNSET:
            field_dict["min_team_size"] = min_team_size
        if policy is not UNSET:
            field_dict["policy"] = policy
        if recognition_since is not UNSET:
            field_dict["recognition_since"] = recognition_since
        if region is not UNSET:
            field_dict["region"] = region
        if regions is not UNSET:
            field_dict["regions"] = regions
        if required_city_owned is not UNSET:
            field_dict["required_city_owned"] = required_city_owned
        if required_non_public is not UNSET:
            field_dict["required_non_public"] = required_non_public
        if required_talent is not UNSET:
            field_dict["required_talent"] = required_talent
        if teams is not UNSET:
            field_dict["teams"] = teams
        if unavailable_cadres is not UNSET:
            field_dict["unavailable_cadres"] = unavailable_cadres
        if unavailable_members is not UNSET:
            field_dict["unavailable_members"] = unavailable_members
        if unavailable_teams is not UNSET:
            field_dict["unavailable_teams"] = unavailable_teams
        if visit_window_days is not UNSET:
            field_dict["visit_window_days"] = visit_window_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        after = d.pop("after", UNSET)

        as_of = d.pop("as_of", UNSET)

        backed_kinds = d.pop("backed_kinds", UNSET)

        cadre = d.pop("cadre", UNSET)

        cadres = d.pop("cadres", UNSET)

        central_household = d.pop("central_household", UNSET)

        central_household_target = d.pop("central_household_target", UNSET)

        enterprise = d.pop("enterprise", UNSET)

        followup_days = d.pop("followup_days", UNSET)

        frontline_min_days = d.pop("frontline_min_days", UNSET)

        funding_funds = d.pop("funding_funds", UNSET)

        funding_standard = d.pop("funding_standard", UNSET)

        group_level = d.pop("group_level", UNSET)

        ids = d.pop("ids", UNSET)

        level = d.pop("level", UNSET)

        limit = d.pop("limit", UNSET)

        max_city = d.pop("max_city", UNSET)

        max_county = d.pop("max_county", UNSET)

        max_town = d.pop("max_town", UNSET)

        max_village = d.pop("max_village", UNSET)

        member_link_target = d.pop("member_link_target", UNSET)

        members = d.pop("members", UNSET)

        metric = d.pop("metric", UNSET)

        min_record_entries = d.pop("min_record_entries", UNSET)

        min_team_size = d.pop("min_team_size", UNSET)

        policy = d.pop("policy", UNSET)

        recognition_since = d.pop("recognition_since", UNSET)

        region = d.pop("region", UNSET)

        regions = d.pop("regions", UNSET)

        required_city_owned = d.pop("required_city_owned", UNSET)

        required_non_public = d.pop("required_non_public", UNSET)

        required_talent = d.pop("required_talent", UNSET)

        teams = d.pop("teams", UNSET)

        unavailable_cadres = d.pop("unavailable_cadres", UNSET)

        unavailable_members = d.pop("unavailable_members", UNSET)

        unavailable_teams = d.pop("unavailable_teams", UNSET)

        visit_window_days = d.pop("visit_window_days", UNSET)

        run_library_query_v1_queries_namespace_name_post_body = cls(
            after=after,
            as_of=as_of,
            backed_kinds=backed_kinds,
            cadre=cadre,
            cadres=cadres,
            central_household=central_household,
            central_household_target=central_household_target,
            enterprise=enterprise,
            followup_days=followup_days,
            frontline_min_days=frontline_min_days,
            funding_funds=funding_funds,
            funding_standard=funding_standard,
            group_level=group_level,
            ids=ids,
            level=level,
            limit=limit,
            max_city=max_city,
            max_county=max_county,
            max_town=max_town,
            max_village=max_village,
            member_link_target=member_link_target,
            members=members,
            metric=metric,
            min_record_entries=min_record_entries,
            min_team_size=min_team_size,
            policy=policy,
            recognition_since=recognition_since,
            region=region,
            regions=regions,
            required_city_owned=required_city_owned,
            required_non_public=required_non_public,
            required_talent=required_talent,
            teams=teams,
            unavailable_cadres=unavailable_cadres,
            unavailable_members=unavailable_members,
            unavailable_teams=unavailable_teams,
            visit_window_days=visit_window_days,
        )

        return run_library_query_v1_queries_namespace_name_post_body
