"""The community_teams metric: population, rule, reasons and the parts of its four queries."""

from __future__ import annotations

from orgnet.coverage.metrics._teams import (
    TEAM_CATEGORY_PREDICATES,
    TEAM_CATEGORY_TEXTS,
    TEAM_TIMELINE,
    team_affected,
    team_categories,
    team_deployed,
    team_reason,
    team_reason_zh,
    team_rule,
)
from orgnet.coverage.metrics._unit import AsOf, Metric, MetricQuery

METRIC = Metric(
    name="community_teams",
    title_en="Community vanguard teams",
    title_zh="社区先锋服务队覆盖",
    description="At least one volunteer team actively deployed to the community with at least the policy's minimum number of active members.",
    population="Communities (urban village-level units)",
    label="Village",
    as_of=AsOf(evidence={"DEPLOYED_TO": "since", "ON_TEAM": "since"}),
    reason=team_reason("community"),
    reason_zh=team_reason_zh("社区"),
    categories=team_categories,
    category_texts=TEAM_CATEGORY_TEXTS,
    category_predicates=TEAM_CATEGORY_PREDICATES,
    rule=team_rule("r"),
    measure=team_deployed("r"),
    sections=("party_members", "volunteer_teams", "team_memberships", "deployments"),
    summary_population=("Region", "Village", "DEPLOYED_TO", "ON_TEAM"),
    policy_params={
        "min_team_size": "int[1..10000] = 1 -- Policy: members active on a team for it to count",
    },
    whatif_affected=team_affected("(item:Village WHERE item.kind = 'community')"),
    whatif_params=("unavailable_members", "unavailable_teams"),
    queries={
        "coverage": MetricQuery(
            title="Communities with an active volunteer team, rolled up",
            description="Communities (village-level units of kind community) under the region with at least one volunteer\nteam deployed there on the day whose active members reach the policy's minimum team size.\nReturns one `region` row for the region itself, then one `group` row per region at the group\nlevel (default: the children), in id order, zeros included.",
            body="""\
MATCH (r:Region)
WHERE (<<under:$region>>)
WITH x, gl, d, r,
     CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total,
     CASE WHEN r:Village AND r.kind = 'community' AND <<rule>> THEN 1 ELSE 0 END AS covered
""",
        ),
        "gaps": MetricQuery(
            title="Communities without an active volunteer team",
            description="Communities under the region with no volunteer team deployed on the day that reaches the minimum\nteam size. `details.deployed` lists active deployments of teams that are too small. Stable order\nby id; page with `after` = the last id returned.",
            body="""\
WITH *
WHERE r:Village AND r.kind = 'community' AND ($after IS NULL OR r.id > $after)
  AND NOT <<rule>>
WITH d, r ORDER BY r.id LIMIT toInteger($limit)
WITH r, <<measure>> AS deployed
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, {deployed: deployed, min_team_size: $min_team_size} AS details
""",
        ),
        "status": MetricQuery(
            title="Does a community have an active volunteer team?",
            description="For each given community: the teams deployed there on the day with their active members; teams\nin `unavailable_teams` and members in `unavailable_members` do not count. Ids that are not in\nthe population return no row.",
            body="""\
MATCH (r:Village {id: item_id, kind: 'community'})
WITH d, r, <<rule>> AS ok
WITH r, ok, <<measure>> AS deployed
RETURN r.id AS id, r.name AS name, r.path_ids AS path_ids, r.path_names AS path_names, ok AS covered, {deployed: deployed, min_team_size: $min_team_size} AS details
""",
        ),
        "timeline": MetricQuery(
            title="Community teams: coverage timeline per region",
            description="Each given community (its own item) and the days on which whether a volunteer team with at least the minimum\nnumber of active members is actively deployed there changes.",
            body="""\
CALL (r) {
  WITH r WHERE r:Village AND r.kind = 'community'
  WITH r AS item
"""
            + TEAM_TIMELINE
            + """}
RETURN r.id AS region_id, CASE WHEN r:Village AND r.kind = 'community' THEN 1 ELSE 0 END AS total, events
""",
        ),
    },
)
