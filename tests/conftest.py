"""Shared fixtures: paths to the project's own test data and to ../shared (skipped when absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SAMPLE_FEED = ROOT / "corpus" / "sample-blog.xml"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} not present (real-data test; needs the shared folder next to the project)")
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.sqlite"


def best_time(func, *args, runs: int = 3) -> float:  # noqa: ANN001 - any callable
    """The fastest of ``runs`` calls, in seconds (the least disturbed by other processes)."""
    import time

    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear_growth(func, text: str, factor: int = 4) -> None:  # noqa: ANN001 - any callable
    """``func`` on ``text`` costs about ``factor`` times what it costs on the first 1/``factor`` of it.

    A ratio measured in one run, not a time limit: linear growth is ``factor``x, quadratic
    ``factor``²x; twice linear plus a constant absorbs the noise of a busy machine."""
    part = text[: len(text) // factor]
    small, full = best_time(func, part), best_time(func, text, runs=2)
    assert full < 2 * factor * small + 0.25, f"{len(part)} chars: {small:.3f} s, {len(text)} chars: {full:.3f} s"
