"""Small helpers for benchmarks: medians over interleaved rounds, printed with a ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def rounds(variants: dict[str, Callable[[], float]], n: int) -> dict[str, float]:
    """Run the variants interleaved `n` times (fair on a noisy machine); medians in seconds."""
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(n):
        for name, run in variants.items():
            samples[name].append(run())
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, figure: float, reference: float, goal: str) -> None:
    print(
        f"{title}: {figure:.3f} s (reference {reference:.3f} s, ratio {figure / reference:.2f}; "
        f"goal {goal})"
    )
