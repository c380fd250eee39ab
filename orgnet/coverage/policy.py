"""The coverage policy: one typed, documented file that says what counts as covered.

The default policy is ``orgnet/policy/default.toml`` (the article's figures).  A planner copies
it, changes what they need and sets ``POLICY_FILE``; every metric follows the active policy.
Each metric's Cypher receives the policy as ordinary query parameters
(:meth:`Policy.query_params`), so the query files stay the one source of truth.

>>> p = default_policy()
>>> p.enterprise_pairing.required_levels["non_public"]
[<Level.county: 'county'>, <Level.town: 'town'>]
>>> p.cadre_load.max_active_pairings[Level.town]
10
>>> p.status_for(0.9)
'warn'
>>> p.query_params()["funding_standard"]
50000.0
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from orgnet.errors import InvalidInput
from orgnet.graph.model import FUNDS, LOCAL_LEVELS, EnterpriseKind, Fund, Level, RecognitionKind

DEFAULT_POLICY_RESOURCE = "policy/default.toml"  # inside the orgnet package (package data)
ENTERPRISE_KINDS: tuple[str, ...] = ("city_owned", "non_public", "talent")
Status = Literal["ok", "warn", "bad"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EnterprisePairingPolicy(_Section):
    """Which cadre levels an enterprise of each kind must be paired with."""

    required_levels: dict[EnterpriseKind, list[Level]] = Field(
        description="Enterprise kind → cadre levels that must each hold an active pairing within "
        "their jurisdiction. An empty list means enterprises of that kind are always covered."
    )

    @field_validator("required_levels")
    @classmethod
    def _every_kind_once(cls, v: dict[str, list[Level]]) -> dict[str, list[Level]]:
        missing = [k for k in ENTERPRISE_KINDS if k not in v]
        if missing:
            raise ValueError(f"required_levels must name every enterprise kind; missing {missing}")
        for kind, levels in v.items():
            if len(set(levels)) != len(levels):
                raise ValueError(f"required_levels.{kind} repeats a level")
        # canonical order: city, county, town, village
        return {k: sorted(levels, key=lambda lvl: lvl.rank) for k, levels in v.items()}


class CadreLoadPolicy(_Section):
    """How many active pairings a cadre of each level may hold."""

    max_active_pairings: dict[Level, int] = Field(description="Cadre level → maximum number of active pairings (inclusive).")

    @field_validator("max_active_pairings")
    @classmethod
    def _every_level(cls, v: dict[Level, int]) -> dict[Level, int]:
        missing = [lvl.value for lvl in LOCAL_LEVELS if lvl not in v]
        if missing:
            raise ValueError(f"max_active_pairings must name every level; missing {missing}")
        if any(n < 0 for n in v.values()):
            raise ValueError("max_active_pairings must not be negative")
        return v


class MemberLinkLoadPolicy(_Section):
    target_households: int = Field(ge=1, le=1000, description="A rural member in the scheme is covered when they actively link exactly this many households.")


class CentralHouseholdPolicy(_Section):
    target_members: int = Field(ge=1, le=1000, description="A central household is covered when exactly this many party members belong to it.")


class TeamPolicy(_Section):
    min_team_size: int = Field(ge=1, le=10_000, description="A team counts only with at least this many members active on it.")


class CommunityFundingPolicy(_Section):
    standard_cny: float = Field(ge=0, description="Per-community standard (CNY); allocations must reach it.")
    funds: list[Fund] = Field(min_length=1, description=f"Funds whose allocations count; any of {list(FUNDS)}.")


class IncentivesPolicy(_Section):
    frontline_min_days: int = Field(default=14, ge=1, le=3650, description="Days on a deployed team after which a volunteer is due a recognition.")
    min_record_entries: int = Field(
        default=3, ge=1, le=1000, description="Frontline record entries (纪实档案) after which a cadre is due a recognition, like a volunteer's days."
    )
    recognition_since: dt.date = Field(default=dt.date(2020, 1, 20), description="First day a recognition counts from.")
    backed_kinds: list[RecognitionKind] = Field(
        default=["promoted", "excellent_assessment", "commended", "advanced_individual"],
        min_length=1,
        description="Kinds of recognition of a cadre that a frontline record must back (promotions and commendations: 提拔使用 and 评优评先).",
    )
    followup_days: int = Field(default=30, ge=1, le=3650, description="Days within which a Party application made at the front is decided.")


class PairingVisitsPolicy(_Section):
    window_days: int = Field(
        default=30,
        ge=1,
        le=366,
        description="pairing_visits: a pairing in force for this many days needs a visit by its cadre to the enterprise within the last this many days (the day itself included).",
    )


class StatusPolicy(_Section):
    ok: float = Field(ge=0, le=1, description="Ratio at or above which a scorecard line is `ok`.")
    warn: float = Field(ge=0, le=1, description="Ratio at or above which a line is `warn` (below: `bad`).")

    @model_validator(mode="after")
    def _ordered(self) -> StatusPolicy:
        if self.warn > self.ok:
            raise ValueError("status.warn must not exceed status.ok")
        return self


class Policy(_Section):
    """The whole policy.  Every section is required; unknown fields are refused."""

    name: str = Field(min_length=1, max_length=100, description="A name for this policy.")
    description: str = Field(default="", max_length=2000, description="What this policy is for.")
    enterprise_pairing: EnterprisePairingPolicy
    cadre_load: CadreLoadPolicy
    member_link_load: MemberLinkLoadPolicy
    central_household_size: CentralHouseholdPolicy
    teams: TeamPolicy
    community_funding: CommunityFundingPolicy
    # optional: policy files written before the incentive metrics (issue 13) stay valid
    incentives: IncentivesPolicy = Field(default_factory=IncentivesPolicy)
    # optional too: policy files written before the visits metric (issue 26) stay valid
    pairing_visits: PairingVisitsPolicy = Field(default_factory=PairingVisitsPolicy)
    status: StatusPolicy
    # the per-region policies configured beside this one (POLICY_FILES, orgnet.coverage.policies):
    # not part of the file format, so a policy file cannot smuggle them in
    _regional: dict[str, Policy] = PrivateAttr(default_factory=dict)

    @property
    def regional(self) -> dict[str, Policy]:
        """Region id → the policy of that region and everything under it (``POLICY_FILES``); empty
        when one policy serves every region."""
        return dict(self._regional)

    def with_regional(self, regional: dict[str, Policy]) -> Policy:
        """This policy as the default, with ``regional`` policies for some regions (their own
        regional policies are dropped: one level of configuration).

        >>> strict = default_policy().with_changes({"teams": {"min_team_size": 9}})
        >>> p = default_policy().with_regional({"320300": strict})
        >>> p.for_path(["100000", "320000", "320300", "320311"]).teams.min_team_size, p.for_path(["320000"]).teams.min_team_size
        (9, 1)
        """
        out = self.model_copy()
        out._regional = {rid: pol.model_copy() for rid, pol in regional.items()}
        for pol in out._regional.values():
            pol._regional = {}
        return out

    def for_path(self, path_ids: list[str]) -> Policy:
        """The policy of the region whose path (ancestors first, the region itself last) is
        ``path_ids``: that of its nearest ancestor-or-self with a regional policy, else this one."""
        for rid in reversed(path_ids):
            if rid in self._regional:
                return self._regional[rid]
        return self.without_regional()

    def without_regional(self) -> Policy:
        """This policy alone, without the regional ones."""
        if not self._regional:
            return self
        out = self.model_copy()
        out._regional = {}
        return out

    def status_for(self, ratio: float | None) -> Status:
        """Colour of a ratio; nothing to cover (``None``) is ``ok``.

        >>> default_policy().status_for(None), default_policy().status_for(0.5)
        ('ok', 'bad')
        """
        if ratio is None or ratio >= self.status.ok:
            return "ok"
        return "warn" if ratio >= self.status.warn else "bad"

    def query_params(self) -> dict[str, Any]:
        """The policy as the Cypher parameters the query files declare (by these names)."""
        req = self.enterprise_pairing.required_levels
        load = self.cadre_load.max_active_pairings
        return {
            "required_city_owned": [lvl.value for lvl in req["city_owned"]],
            "required_non_public": [lvl.value for lvl in req["non_public"]],
            "required_talent": [lvl.value for lvl in req["talent"]],
            "max_city": load[Level.city],
            "max_county": load[Level.county],
            "max_town": load[Level.town],
            "max_village": load[Level.village],
            "member_link_target": self.member_link_load.target_households,
            "central_household_target": self.central_household_size.target_members,
            "min_team_size": self.teams.min_team_size,
            "funding_standard": float(self.community_funding.standard_cny),
            "funding_funds": list(self.community_funding.funds),
            "frontline_min_days": self.incentives.frontline_min_days,
            "min_record_entries": self.incentives.min_record_entries,
            "recognition_since": self.incentives.recognition_since.isoformat(),
            "backed_kinds": list(self.incentives.backed_kinds),
            "followup_days": self.incentives.followup_days,
            "visit_window_days": self.pairing_visits.window_days,
        }

    def with_changes(self, changes: dict[str, Any]) -> Policy:
        """A copy with some sections changed (validated), e.g. ``{"teams": {"min_team_size": 3}}``.

        >>> default_policy().with_changes({"teams": {"min_team_size": 3}}).teams.min_team_size
        3
        """
        data = self.model_dump(mode="json")
        for key, value in changes.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return parse_policy(data, source="changes")


POLICY_PARAM_NAMES = frozenset(
    {
        "required_city_owned",
        "required_non_public",
        "required_talent",
        "max_city",
        "max_county",
        "max_town",
        "max_village",
        "member_link_target",
        "central_household_target",
        "min_team_size",
        "funding_standard",
        "funding_funds",
        "frontline_min_days",
        "min_record_entries",
        "recognition_since",
        "backed_kinds",
        "followup_days",
        "visit_window_days",
    }
)


def parse_policy(data: dict[str, Any], *, source: str) -> Policy:
    """Validate a policy mapping; errors name the field and reason."""
    try:
        return Policy.model_validate(data)
    except ValidationError as e:
        errors = [{"field": ".".join(str(x) for x in err["loc"]), "reason": err["msg"]} for err in e.errors()]
        raise InvalidInput(f"The policy {source} is invalid ({e.error_count()} error(s)).", errors=errors) from e


def load_policy(path: Path | str | None = None) -> Policy:
    """The policy in ``path`` (TOML), or the default one when ``path`` is ``None``."""
    if path is None:
        text = resources.files("orgnet").joinpath(DEFAULT_POLICY_RESOURCE).read_text(encoding="utf-8")
        source = "default.toml"
    else:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as e:
            raise InvalidInput(f"Cannot read the policy file {p}: {e.strerror}.") from e
        source = str(p)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InvalidInput(f"The policy file {source} is not valid TOML: {e}.") from e
    return parse_policy(data, source=source)


@lru_cache(maxsize=8)
def _policy_at(path: str | None, _mtime_ns: int, _size: int) -> Policy:
    return load_policy(path)


def load_policy_cached(path: Path | str | None = None) -> Policy:
    """:func:`load_policy`, parsed again only when the file's modification time or size changes
    (a request-path call costs one ``stat``).  Policies are frozen, so sharing one is safe."""
    if path is None:
        return _policy_at(None, 0, 0)
    try:
        st = Path(path).stat()
    except OSError:
        return load_policy(path)  # raises the clear "cannot read" error
    return _policy_at(str(path), st.st_mtime_ns, st.st_size)


def default_policy() -> Policy:
    """The article's policy (``orgnet/policy/default.toml``)."""
    return load_policy(None)
