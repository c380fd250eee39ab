"""Seeded draws the seed's modules share: a person's name, a day in a range, a day of 2020, and
batches of a record stream.  Every draw takes the ``random.Random`` of its topic, so the output
does not depend on the order in which sections are built."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterable, Iterator

from orgnet.graph.model import Record
from orgnet.seed.facts import BATCH_SIZE, GIVEN, SURNAMES

_NAMES = len(SURNAMES) * (len(GIVEN) + len(GIVEN) ** 2)


def person_name(rng: random.Random) -> str:
    """Return a person's name (surname + one or two given characters) from one draw."""
    i = rng.randrange(_NAMES)
    surname, rest = divmod(i, len(GIVEN) + len(GIVEN) ** 2)
    if rest < len(GIVEN):
        return SURNAMES[surname] + GIVEN[rest]
    a, b = divmod(rest - len(GIVEN), len(GIVEN))
    return SURNAMES[surname] + GIVEN[a] + GIVEN[b]


def random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """Return a day drawn uniformly from ``first`` .. ``last`` (inclusive)."""
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def batched(records: Iterable[Record], size: int = BATCH_SIZE) -> Iterator[list[Record]]:
    """Cut a stream of records into lists of at most ``size``."""
    it = iter(records)
    while batch := list(itertools.islice(it, size)):
        yield batch


def in_2020(month: int, day: int) -> dt.date:
    """The day ``month``/``day`` of 2020, the scenario's year."""
    return dt.date(2020, month, day)
