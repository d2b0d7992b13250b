"""Output files that never destroy inputs: checked targets and atomic writes.

An output (export, report, network, plot) is written to a temporary file in the target's folder and
renamed over the target only when it is complete, so an error, Ctrl-C or a full disk never leaves a
0-byte or half file, and never touches an existing file before the new one is whole. A target that
is the database (or its journal), or a feed the database was read from, is refused before anything
is written.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

#: SQLite's companion files of a database: writing any of them breaks the database.
SQLITE_SIDECARS = ("", "-wal", "-shm", "-journal")


class OutputError(Exception):
    """An output path cannot be used; the message is one line for the user."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path, *, database: Path | None = None, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse ``path`` when it is a folder, in a missing folder, the database (or its journal),
    or one of ``inputs`` (e.g. the feeds the database was read from)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder: give a file name (in it, or elsewhere) with --out")
    parent = path.parent
    if not parent.exists():
        raise OutputError(f"cannot write {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: {parent} is not a folder")
    protected: list[tuple[Path, str]] = []
    if database is not None:
        protected += [(Path(f"{database}{suffix}"), "the database") for suffix in SQLITE_SIDECARS]
    protected += [(Path(source), "a feed this database was read from") for source in inputs]
    target = path.absolute()
    for other, what in protected:
        if _same_file(path, other) or target == other.absolute():
            raise OutputError(f"refused to write {path}: it is {what}; choose another --out")


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` in one rename."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


@contextlib.contextmanager
def atomic_text(path: str | Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text stream whose content replaces ``path`` only when the block ends without error."""
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8", newline=newline) as stream:
        yield stream
        stream.flush()


def describe(error: OSError) -> str:
    """A short reason for an OS error ("No space left on device")."""
    return error.strerror or str(error)
