"""The rural 10x10 scheme: central households of ten party members, each member linked to ten
households, computed per central household (never all held at once), with the planted size and
link cases."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator

from orgnet.graph.model import Household, HouseholdLink, PartyMember
from orgnet.seed.draws import in_2020, person_name, random_day
from orgnet.seed.facts import (
    CENTRAL_HOUSEHOLD_MEMBERS,
    DEMO_RURAL_DIVISOR,
    HOUSEHOLDS_PER_MEMBER,
    PLANTED_CH_SIZE_PAIRS,
    PLANTED_ENDED_LINKS,
    PLANTED_LINK_LOAD_PAIRS,
    PLANTED_UNLINKED_HOUSEHOLDS,
    RURAL_MEMBERS,
)


class RuralScheme:
    """The rural 10x10 scheme: central households, members, households and links, per household."""

    def __init__(self, *, rng: Callable[..., random.Random], scale: str, villages: list[str], today: dt.date, yesterday: dt.date) -> None:
        """``rng``: the scenario's generator per topic; ``villages``: those with a branch, in source order."""
        self.rng, self.today, self.yesterday = rng, today, yesterday
        divisor = DEMO_RURAL_DIVISOR if scale == "demo" else 1
        self.n_members = RURAL_MEMBERS // divisor
        self.n_ch = self.n_members // CENTRAL_HOUSEHOLD_MEMBERS
        self.villages = villages
        self.sizes, self.link_cases = self._plant()

    def _plant(self) -> tuple[dict[int, int], dict[int, str]]:
        rng = self.rng("plant", "rural", self.n_ch)
        n_sizes = 2 * PLANTED_CH_SIZE_PAIRS
        cases = ["load_pair"] * PLANTED_LINK_LOAD_PAIRS + ["unlinked"] * PLANTED_UNLINKED_HOUSEHOLDS
        cases += ["ended"] * PLANTED_ENDED_LINKS
        picks = rng.sample(range(self.n_ch), n_sizes + len(cases))
        sizes = {i: CENTRAL_HOUSEHOLD_MEMBERS + (1 if k % 2 == 0 else -1) for k, i in enumerate(picks[:n_sizes])}
        return sizes, dict(zip(picks[n_sizes:], cases, strict=True))

    def ch_id(self, i: int) -> str:
        return f"ch-{i + 1:05d}"

    def member_id(self, i: int, m: int) -> str:
        return f"pm-r-{i + 1:05d}-{m:02d}"

    def household_id(self, i: int, m: int, k: int) -> str:
        return f"hh-{i + 1:05d}-{m:02d}-{k:02d}"

    def village(self, i: int) -> str:
        """Central households are spread evenly over the villages (with a branch), in source order."""
        return self.villages[i * len(self.villages) // self.n_ch]

    def size(self, i: int) -> int:
        return self.sizes.get(i, CENTRAL_HOUSEHOLD_MEMBERS)

    def members(self, i: int) -> Iterator[PartyMember]:
        rng, village, ch = self.rng("ch", i, "members"), self.village(i), self.ch_id(i)
        for m in range(1, self.size(i) + 1):
            yield PartyMember(
                id=self.member_id(i, m),
                name=person_name(rng),
                org_id=f"po-{village}",
                region_id=village,
                rural=True,
                central_household_id=ch,
            )

    def households(self, i: int) -> Iterator[Household]:
        rng, village = self.rng("ch", i, "households"), self.village(i)
        for m in range(1, self.size(i) + 1):
            for k in range(1, HOUSEHOLDS_PER_MEMBER + 1):
                yield Household(id=self.household_id(i, m, k), name=person_name(rng), region_id=village)

    def _link_plan(self, i: int) -> list[tuple[int, int, int, str]]:
        """(member, household's member, household number, timing) for every link of one household.

        Timing: ``""`` a link since February, ``"ended"`` one that ended yesterday, ``"today"``
        a hand-over starting today (so the member links exactly 10 households on every day).
        """
        plan = [(m, m, k, "") for m in range(1, self.size(i) + 1) for k in range(1, HOUSEHOLDS_PER_MEMBER + 1)]
        case, last = self.link_cases.get(i), HOUSEHOLDS_PER_MEMBER
        if case == "load_pair":  # member 1 takes member 2's last household: 11 and 9
            plan.remove((2, 2, last, ""))
            plan.append((1, 2, last, ""))
        elif case == "unlinked":  # member 1 leaves its last household and shares member 2's first
            plan.remove((1, 1, last, ""))
            plan.append((1, 2, 1, ""))
        elif case == "ended":  # member 1's link to its last household ended yesterday
            plan[plan.index((1, 1, last, ""))] = (1, 1, last, "ended")
            plan.append((1, 2, 1, "today"))
        return plan

    def links(self, i: int) -> Iterator[HouseholdLink]:
        rng, today = self.rng("ch", i, "links"), self.today
        for m, owner, k, timing in self._link_plan(i):
            since = random_day(rng, in_2020(2, 1), in_2020(2, 20))
            yield HouseholdLink(
                member_id=self.member_id(i, m),
                household_id=self.household_id(i, owner, k),
                since=today if timing == "today" else since,
                until=self.yesterday if timing == "ended" else None,
            )

    def household_gaps(self) -> dict[str, str]:
        last = HOUSEHOLDS_PER_MEMBER
        return {
            self.household_id(i, 1, last): "unlinked" if c == "unlinked" else "link_ended" for i, c in self.link_cases.items() if c in ("unlinked", "ended")
        }

    def member_gaps(self) -> dict[str, str]:
        out = {}
        for i, c in self.link_cases.items():
            if c == "load_pair":
                out[self.member_id(i, 1)] = f"links_{HOUSEHOLDS_PER_MEMBER + 1}"
                out[self.member_id(i, 2)] = f"links_{HOUSEHOLDS_PER_MEMBER - 1}"
        return out
