"""Load the German pipeline once per process and add textmine's components.

Order of choice: the model the caller names (or ``TEXTMINE_MODEL``) > ``de_core_news_sm`` if it is
installed > textmine's own offline pipeline (``textmine.nlp.german.tags``).
"""
from __future__ import annotations

import copy
import functools
from pathlib import Path

import spacy
from spacy.language import Language

from textmine.nlp.german import tags as german
from textmine.nlp.extensions import register_extensions
from textmine.nlp.pipeline_meta import TEXTMINE_COMPONENTS, PipelineError, looks_like_path, resolve_model_name
from textmine.nlp.german.tokenizer import guard_tokenizer



def add_textmine_components(nlp: Language) -> Language:
    """Add every textmine component that the pipeline does not have yet."""
    _import_components()
    for component in TEXTMINE_COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component)
    return nlp


def _import_components() -> None:
    # Importing the modules registers their factories with spaCy.
    from textmine.nlp.actors import component as actors  # noqa: F401
    from textmine.nlp.arguments import component as arguments  # noqa: F401
    from textmine.nlp.citations import component as citations  # noqa: F401


def load_pipeline(model: str | None = None) -> Language:
    """The German pipeline with textmine's components, yours to change.

    Loaded from disk once per process and model (``shared_pipeline``); each call hands out a deep
    copy, so removing a pipe or changing a component's settings changes nothing elsewhere
    (``textmine.analyze``, ``Corpus``). A copy costs 0.4–0.7 s against 1.9–4.7 s for a load from
    disk (``scripts/bench_research_api.py``).
    """
    return copy.deepcopy(shared_pipeline(model))


@functools.lru_cache(maxsize=4)
def shared_pipeline(model: str | None = None) -> Language:
    """The one cached pipeline per process and model that textmine's own code runs; do not change it
    (``load_pipeline`` gives you a copy to change)."""
    register_extensions()
    _import_components()
    name = resolve_model_name(model)
    if name is None:
        nlp = german.offline_pipeline()
    elif looks_like_path(name):
        path = Path(name).expanduser()
        if not path.is_dir():
            raise PipelineError(f"no spaCy model folder at {name}" + (" (it is a file, not a folder)" if path.exists() else ""))
        try:
            nlp = spacy.load(path)
        except (OSError, ValueError, KeyError) as error:
            reason = " ".join(str(error).split())[:200]
            raise PipelineError(f"{name} is not a spaCy model folder that can be loaded: {reason}") from error
        german.customize_tokenizer(nlp)
    else:
        try:
            nlp = spacy.load(name)
        except OSError as error:
            raise PipelineError(
                f"cannot load spaCy model {name!r}: install it (python -m spacy download {name}) "
                "or unset TEXTMINE_MODEL to use textmine's own German pipeline"
            ) from error
        german.customize_tokenizer(nlp)
    guard_tokenizer(nlp)
    return add_textmine_components(nlp)
