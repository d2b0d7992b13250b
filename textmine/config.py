"""Where things live: the database (``--db`` > ``TEXTMINE_DB`` > ``./textmine.sqlite``) and the model
(``--model`` > ``TEXTMINE_MODEL`` > de_core_news_sm if installed > textmine's own pipeline)."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "textmine.sqlite"


def database_path(db: str | None = None) -> Path:
    return Path(db or os.environ.get("TEXTMINE_DB") or DEFAULT_DB)


def model_setting(model: str | None = None) -> str | None:
    """The model the caller names, else ``TEXTMINE_MODEL``, else ``None`` (textmine decides)."""
    return model or os.environ.get("TEXTMINE_MODEL") or None


def runs_dir(db: Path) -> Path:
    """Topic models are saved next to the database, one folder per run."""
    return db.with_name(db.stem + ".runs")
