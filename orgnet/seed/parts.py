"""The seed scenario split for the offline import (:func:`orgnet.graph.offline.offline_load`).

Here, not in :mod:`orgnet.graph`: the graph layer loads any stream of records and knows nothing of
the seed scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from orgnet.graph.model import Bundle
from orgnet.graph.offline_parts import Stream

# The scenario's bulk in two halves of similar cost: households (nodes and LOCATED_IN) with
# everything else here, the household links (1.54M relationships at city scale) in a child.
PARALLEL_SECTIONS = ("household_links",)


def seed_parts(seed: int, scale: str) -> tuple[Stream, list[Callable[[], Stream]]]:
    """``(batches, parallel)`` of the seed scenario for :func:`~orgnet.graph.offline.offline_load`."""
    from orgnet.seed.generator import generate

    here = [s for s in Bundle.SECTIONS if s not in PARALLEL_SECTIONS]
    return generate(seed=seed, scale=scale, sections=here), [partial(generate, seed=seed, scale=scale, sections=PARALLEL_SECTIONS)]  # type: ignore[arg-type]
