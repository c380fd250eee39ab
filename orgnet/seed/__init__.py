"""The seed: Xuzhou's real hierarchy and the ``xuzhou-2020`` scenario generator."""

from orgnet.seed.generator import (
    build_bundle,
    expected_figures,
    generate,
    planted_cases,
    planted_gaps,
    write_bundle,
)
from orgnet.seed.xuzhou import load_hierarchy

__all__ = [
    "build_bundle",
    "expected_figures",
    "generate",
    "load_hierarchy",
    "planted_cases",
    "planted_gaps",
    "write_bundle",
]
