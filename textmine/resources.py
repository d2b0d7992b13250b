"""One locator and one reader for everything textmine ships: lexicons, tables and models.

Everything lives inside the package (``textmine/data/``) and is found through
``importlib.resources``, so a wheel, an sdist and a source checkout behave the same and no other
distribution's top-level folder can stand in for it. A shipped file that is missing is a loud
:class:`ResourceError`, never a silent downgrade.

Lexicon files share one format: UTF-8 text, one entry per line, blank lines ignored and a line whose
first non-blank character is ``#`` a comment. Tables are the same with tab-separated cells and an
optional header row.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The parts that own lexicons (one folder each under ``data/lexicons``).
LEXICON_PARTS = ("actors", "arguments", "citations", "common", "discourse", "ingest", "tokenizer", "topics")


class ResourceError(RuntimeError):
    """A file that textmine ships is missing: the installation is broken."""


def data_dir() -> Path:
    """The folder of shipped data (``textmine/data``)."""
    return Path(str(resources.files("textmine") / "data"))


def lexicon_dir(part: str) -> Path:
    """The shipped lexicon folder of one part (``actors``, ``arguments`` …)."""
    if part not in LEXICON_PARTS:
        raise ValueError(f"unknown lexicon part {part!r}; expected one of {', '.join(LEXICON_PARTS)}")
    return data_dir() / "lexicons" / part


def lexicon_path(part: str, name: str) -> Path:
    """The path of one shipped lexicon file; a :class:`ResourceError` when it is missing."""
    path = lexicon_dir(part) / name
    if not path.is_file():
        raise ResourceError(f"textmine's lexicon {part}/{name} is missing ({path}); reinstall textmine")
    return path


def model_dir(name: str) -> Path:
    """The folder of a shipped model (``de_textmine_sm``, ``arguments``); loud when missing."""
    path = data_dir() / "models" / name
    if not (path / "meta.json").is_file():
        raise ResourceError(f"textmine's shipped model {name!r} is missing ({path}); reinstall textmine")
    return path


def read_lines(path: str | Path) -> list[str]:
    """The entries of a lexicon file: stripped lines without blanks and ``#`` comment lines."""
    lines = (line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_table(path: str | Path, header: str | None = None) -> list[list[str]]:
    """Tab-separated rows of a lexicon table; a first row whose first cell is ``header`` is dropped."""
    rows = [[cell.strip() for cell in line.split("\t")] for line in read_lines(path)]
    return rows[1:] if rows and header is not None and rows[0][0] == header else rows


def lexicon_lines(part: str, name: str) -> list[str]:
    """The entries of one shipped lexicon file."""
    return read_lines(lexicon_path(part, name))
