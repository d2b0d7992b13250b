"""Shared fixtures; the helpers and paths the test files share live in ``tests/helpers.py``."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.sqlite"
