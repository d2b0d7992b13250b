"""Which pipeline analyses, and its identity, without loading spaCy.

Commands that analyse nothing (``info``, an ingest with nothing new) must start fast, so the
pipeline's name, version and components come from its ``meta.json`` instead of a loaded model.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

from textmine import config, resources
from textmine._version import __version__

DEFAULT_MODEL = "de_core_news_sm"
#: The textmine components, in the order they run: citations feed actors (cited authors are
#: persons), and both feed arguments (holders, critics and targets).
TEXTMINE_COMPONENTS: tuple[str, ...] = ("textmine_citations", "textmine_actors", "textmine_arguments")


class PipelineError(RuntimeError):
    """The named pipeline cannot be loaded."""


def resolve_model_name(model: str | None = None) -> str | None:
    """The spaCy model to load, or ``None`` for textmine's shipped pipeline.

    Order: the model the caller names > ``TEXTMINE_MODEL`` > ``de_core_news_sm`` if installed."""
    name = config.model_setting(model)
    if name:
        return name
    if importlib.util.find_spec(DEFAULT_MODEL) is not None:
        return DEFAULT_MODEL
    return None


def looks_like_path(name: str) -> bool:
    """A --model value with a path separator, a leading dot or tilde, or naming an existing path."""
    return os.sep in name or "/" in name or name.startswith((".", "~")) or Path(name).exists()


def model_meta(model: str | None = None) -> dict:
    """The ``meta.json`` of the pipeline that :func:`resolve_model_name` picks ({} if unknown)."""
    name = resolve_model_name(model)
    if name is None:
        folder = resources.model_dir("de_textmine_sm")
    elif looks_like_path(name):
        folder = Path(name).expanduser()
        if not folder.is_dir():
            raise PipelineError(f"no spaCy model folder at {name}" + (" (it is a file, not a folder)" if folder.exists() else ""))
    else:
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
        if spec is None or not spec.submodule_search_locations:
            raise PipelineError(f"cannot load spaCy model {name!r}: install it (python -m spacy download {name}) "
                                "or unset TEXTMINE_MODEL to use textmine's own German pipeline")
        folder = Path(list(spec.submodule_search_locations)[0])
    path = folder / "meta.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def pipeline_id(meta: dict) -> str:
    """Identifies the analysis: a post analysed by another pipeline is analysed again."""
    return f"{meta.get('lang', 'de')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}+textmine-{__version__}"


def component_versions(model: str | None = None) -> dict:
    """What analyses, with versions, read from the shipped files (no pipeline is loaded)."""
    from importlib.metadata import PackageNotFoundError, version

    meta = model_meta(model)
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = None
    classifier = resources.model_dir("arguments") / "meta.json"
    classifier_meta = json.loads(classifier.read_text(encoding="utf-8"))
    return {
        "textmine": __version__,
        "spacy": spacy_version,
        "pipeline": pipeline_id(meta),
        "model": f"{meta.get('lang', 'de')}_{meta.get('name', '?')} {meta.get('version', '?')}",
        "components": [*meta.get("pipeline", []), *TEXTMINE_COMPONENTS],
        "argument_classifier": f"{classifier_meta.get('name', '?')} ({classifier_meta.get('created', '?')[:10]})",
    }
