"""The one definition of a percentile every bench uses, so that p50, p95 and p99 mean the same thing in
each of them (they used four: the interpolated median, nearest rank, rounding and truncation)."""

import math


def percentile(values, p: float) -> float:
    """The ``p``-th percentile (0 < p <= 100), nearest-rank: the smallest sample with at least ``p`` % of
    the samples at or below it. Always a value that was measured; NaN when there are no samples."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def p50_p99(values, *, digits: int = 2) -> str:
    """``p50_ms=… p99_ms=…`` for samples in milliseconds."""
    return f"p50_ms={percentile(values, 50):.{digits}f} p99_ms={percentile(values, 99):.{digits}f}"
