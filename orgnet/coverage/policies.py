"""Per-region policies: a city (or the province) may have its own policy file (issue 15).

``POLICY_FILES`` names a folder of ``<region id>.toml`` files, each a whole policy in the format of
``orgnet/policy/default.toml``.  A region follows the policy of its nearest ancestor-or-self that
has a file there, else ``POLICY_FILE`` (the default).  The configured policies travel together as
one :class:`~orgnet.coverage.policy.Policy` (the default) carrying the others
(:attr:`~orgnet.coverage.policy.Policy.regional`), so every caller that passed the active policy
passes the whole configuration without changing its signature; its fingerprint
(:func:`orgnet.coverage.summary_state.policy_fingerprint`) covers every file, so changing any of them
makes the stored summaries stale.

A live query runs under one policy, so a region above two regions with different policies (the
province above a strict city and a default one) is answered from the stored summaries, which sum
each city's figures computed under its own policy; the live path refuses it
(:class:`MixedPolicies`, 409) rather than computing it under one policy and being silently wrong.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> text = (pathlib.Path(__file__).parent.parent / "policy" / "default.toml").read_text(encoding="utf-8")
>>> _ = (folder / "320300.toml").write_text(text.replace("min_team_size = 1", "min_team_size = 5"), encoding="utf-8")
>>> p = load_configured_policy(None, folder)
>>> sorted(p.regional), p.for_path(["320000", "320300"]).teams.min_team_size, p.teams.min_team_size
(['320300'], 5, 1)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgnet.coverage.policy import Policy, load_policy_cached
from orgnet.errors import Conflict, InvalidInput
from orgnet.graph.db import Graph

POLICY_FILE_SUFFIX = ".toml"


class MixedPolicies(Conflict):
    """The region lies above regions with different policies, and the answer asked for would have
    to be computed live under one of them."""

    title = "Region under several policies"


def regional_files(folder: Path | str | None) -> dict[str, Path]:
    """Region id → its policy file in ``folder`` (``<region id>.toml``); ``{}`` for ``None``."""
    if folder is None:
        return {}
    path = Path(folder)
    if not path.is_dir():
        raise InvalidInput(f"POLICY_FILES must name a folder of <region id>.toml files; {path} is not a folder.")
    out = {}
    for f in sorted(path.glob(f"*{POLICY_FILE_SUFFIX}")):
        region_id = f.name.removesuffix(POLICY_FILE_SUFFIX)
        if not region_id.isdigit() or len(region_id) > 12:
            raise InvalidInput(f"The policy file {f} is not named after a region id (GB/T 2260 digits, e.g. 320300.toml).")
        out[region_id] = f
    return out


def load_configured_policy(policy_file: Path | str | None, policy_files: Path | str | None) -> Policy:
    """The default policy (``POLICY_FILE``) carrying the regional ones (``POLICY_FILES``); each file
    is parsed again only when it changes (:func:`~orgnet.coverage.policy.load_policy_cached`)."""
    default = load_policy_cached(policy_file)
    regional = {rid: load_policy_cached(f) for rid, f in regional_files(policy_files).items()}
    return default.with_regional(regional) if regional else default


def configured_policy(settings: Any) -> Policy:
    """:func:`load_configured_policy` of the settings' ``POLICY_FILE`` and ``POLICY_FILES``."""
    return load_configured_policy(settings.policy_file, settings.policy_files)


REGION_POLICY_OWNERS = """
MATCH (r:Region {id: $region})
OPTIONAL MATCH (below:Region) WHERE below.id IN $owners AND $region IN coalesce(below.path_ids, [])
RETURN coalesce(r.path_ids, []) + [r.id] AS path, collect(below.id) AS below
"""


def effective_policy(graph: Graph, *, policy: Policy, region_id: str) -> Policy:
    """The one policy the figures of ``region_id`` (its whole subtree) are computed under.

    ``policy`` itself when no regional policy is configured (no read); else the policy of the
    region's nearest ancestor-or-self with one, provided no region below it has a different one;
    :class:`MixedPolicies` otherwise.  An unknown region gets ``policy`` (the caller's query then
    reports it unknown).
    """
    if not policy.regional:
        return policy
    rows = graph.read(REGION_POLICY_OWNERS, {"region": region_id, "owners": sorted(policy.regional)})
    if not rows:
        return policy.without_regional()
    own = policy.for_path(rows[0]["path"])
    from orgnet.coverage.summary_state import policy_fingerprint

    others = sorted(r for r in rows[0]["below"] if policy_fingerprint(policy.regional[r]) != policy_fingerprint(own))
    if others:
        raise MixedPolicies(
            f"Region {region_id} lies above regions computed under other policies ({', '.join(others)} have their own "
            "in POLICY_FILES), so its figures are the sum of each one's under its own policy: they come from the stored "
            "summaries only. Run `orgnet summaries refresh` if they are stale, or ask for one of the regions below."
        )
    return own


def policy_table(policy: Policy, *, sources: dict[str, Path] | None = None) -> list[dict[str, Any]]:
    """The configured policies, the default first: ``{region_id, name, fingerprint, source}``
    (``region_id`` ``None`` for the default), what ``orgnet summaries status`` and ``GET /v1/policy`` show.

    >>> from orgnet.coverage.policy import default_policy
    >>> [(r["region_id"], r["name"]) for r in policy_table(default_policy())]
    [(None, 'xuzhou-2020')]
    """
    from orgnet.coverage.summary_state import policy_fingerprint

    rows = [{"region_id": None, "name": policy.name, "fingerprint": policy_fingerprint(policy.without_regional()), "source": None}]
    for rid, p in sorted(policy.regional.items()):
        source = (sources or {}).get(rid)
        rows.append({"region_id": rid, "name": p.name, "fingerprint": policy_fingerprint(p), "source": str(source) if source else None})
    return rows
