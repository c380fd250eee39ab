"""Benchmarks: figures and ratios against anchors measured in the same run (``python -m bench.run``).

Nothing here asserts on time; ``tests/integration/test_bench_smoke.py`` only checks that a
small run produces its figures.
"""
