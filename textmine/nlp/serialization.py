"""``to_disk``/``from_disk`` helpers for textmine's components, as spaCy's own components do it.

``nlp.to_disk(path)`` gives each component a folder ``path/<component name>``; a textmine component
writes there what its config alone cannot bring back: settings changed after it was made
(``settings.json``), a user's lexicon folder (``lexicons/``), its model (``model/``). ``spacy.load``
makes the component from its config and then calls ``from_disk`` on that folder, so a saved
pipeline needs neither the user's original lexicon folder nor model folder.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

SETTINGS = "settings.json"
LEXICONS = "lexicons"


def write_settings(path: Path, settings: dict[str, Any]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / SETTINGS).write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_settings(path: Path) -> dict[str, Any]:
    """The saved settings, or ``{}`` for a folder written without them."""
    file = path / SETTINGS
    if not file.is_file():
        return {}
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValueError(f"{file}: not a textmine component's settings ({error})") from error


def copy_lexicons(source: str | Path | None, path: Path) -> None:
    """Copy a user's lexicon folder (its ``*.txt``/``*.tsv`` files) into ``path/lexicons``."""
    target = path / LEXICONS
    if source is not None and Path(source).resolve() == target.resolve():
        return  # saved again where it was loaded from
    if target.exists():
        shutil.rmtree(target)
    if source is None:
        return
    target.mkdir(parents=True)
    for file in sorted(Path(source).iterdir()):
        if file.is_file() and file.suffix in {".txt", ".tsv"}:
            shutil.copyfile(file, target / file.name)


def saved_lexicons(path: Path) -> Path | None:
    """The lexicon folder saved with a component, if any."""
    folder = Path(path) / LEXICONS
    return folder if folder.is_dir() else None
