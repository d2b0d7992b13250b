"""The ``textmine`` command line: ``app`` is the entry point; importing a group module registers
its commands on it."""
from textmine.cli import analyze as _analyze  # noqa: F401  (registers its commands)
from textmine.cli import discourse as _discourse  # noqa: F401  (registers its commands)
from textmine.cli import evaluate as _evaluate  # noqa: F401  (registers its commands)
from textmine.cli import export as _export  # noqa: F401  (registers its commands)
from textmine.cli import ingest as _ingest  # noqa: F401  (registers its commands)
from textmine.cli import lists as _lists  # noqa: F401  (registers its commands)
from textmine.cli import report as _report  # noqa: F401  (registers its commands)
from textmine.cli import topics as _topics  # noqa: F401  (registers its commands)
from textmine.cli.app import app

__all__ = ["app"]
