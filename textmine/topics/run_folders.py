"""Where a stored topic run keeps its model, and the check before it is loaded.

gensim saves models with pickle, and unpickling runs code: a run's model is loaded only from the
folder textmine wrote for it, next to the database, and only while the files still have the
SHA-256 recorded in the database when the run was stored. The folder is written completely under
a temporary name and renamed into place, so a folder that cannot be written leaves no half run.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from textmine import config as settings


class RunFolderError(Exception):
    """A run's model folder cannot be written or trusted; the message is one line for the user."""


def folder_digest(folder: Path) -> str:
    """SHA-256 over the relative names and contents of every file in ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def save_model(model: Any, db: Path) -> tuple[str, str]:
    """Save ``model`` into a new folder beside the database; returns (folder relative to the
    database's folder, digest). Nothing is left behind when it fails."""
    runs = settings.runs_dir(db)
    try:
        runs.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=runs))
    except OSError as error:
        raise RunFolderError(f"cannot write the topic model folder {runs}: {error.strerror or error}") from error
    try:
        model.save(staging)
        digest = folder_digest(staging)
        final = runs / f"model-{digest[:16]}"
        if final.exists():
            shutil.rmtree(staging)
        else:
            os.replace(staging, final)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise RunFolderError(f"cannot write the topic model folder {runs}: {error.strerror or error}") from error
    return os.path.relpath(final.absolute(), db.absolute().parent), digest


def model_folder(db: Path, run: dict) -> Path:
    """The verified model folder of stored ``run``; ``RunFolderError`` when it is missing or changed."""
    stored = run.get("model_dir")
    if not stored:
        raise RunFolderError(f"run {run['id']} has no stored model")
    folder = Path(stored)
    if not folder.is_absolute():
        folder = db.absolute().parent / folder
    if not (folder / "topics.json").is_file():
        raise RunFolderError(f"the model folder of run {run['id']} is missing: {folder}")
    expected = (run.get("params") or {}).get("model_sha256")
    if expected is None:
        raise RunFolderError(f"run {run['id']} was stored without a model checksum (older textmine): "
                             "refit it with textmine topics; its folder is not loaded (pickle files run code)")
    if folder_digest(folder) != expected:
        raise RunFolderError(f"the model folder of run {run['id']} ({folder}) was changed after textmine wrote it: "
                             "not loaded (pickle files run code)")
    return folder
