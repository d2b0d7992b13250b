"""The source of the blind held-out set: ``gold/heldout/posts.json`` (posts with inline gold markup).

``scripts/build_heldout.py`` turns it into ``corpus/heldout-blog.xml`` and the gold files
``gold/heldout/{citations,actors,arguments}.jsonl`` that the evaluations read.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from textmine.evaluation.gold import REPO_ROOT

SOURCE_FILE = REPO_ROOT / "gold" / "heldout" / "posts.json"


@dataclass(frozen=True)
class HeldoutSource:
    """Canonical actor -> (type, sector); surface -> canonical; the posts (blocks of marked-up sentences)."""

    actors: dict[str, tuple[str, str]]
    surfaces: dict[str, str]
    posts: list[dict]


def read_heldout_source(path: str | Path = SOURCE_FILE) -> HeldoutSource:
    """The held-out posts and their actor table; a ``ValueError`` naming the file when it is malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        actors = {name: (kind, sector) for name, (kind, sector) in data["actors"].items()}
        return HeldoutSource(actors, dict(data["surfaces"]), list(data["posts"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: not a held-out source file ({error})") from error
