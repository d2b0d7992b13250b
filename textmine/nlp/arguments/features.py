"""Sentence features for the model: lemmas, cue hits and shape."""
from __future__ import annotations

import math
import re

from textmine.nlp.german.lemmas import lemmatize

from textmine.nlp.arguments.cues import (
    _FINAL_PUNCTUATION,
    _CITATION_LIKE,
    _FIRST_PERSON,
    _MODALS,
    _SUBJUNCTIVE,
    _WORD,
    _YEAR,
    MODEL_CUES,
    CueLexicon,
    default_lexicon,
)


# --------------------------------------------------------------------------------------- features
def lemma_text(text: str) -> str:
    """Lower-cased simplemma lemmas of the words, the classifier's word view of a sentence."""
    return " ".join(lemmatize(w).lower() for w in _WORD.findall(text))

#: Names of the dense features, in the order :func:`cue_features` returns them.
DENSE_FEATURES = tuple(f"cue_{c}" for c in MODEL_CUES) + (
    "question", "exclamation", "colon_end", "log_words", "short", "dass", "first_person",
    "subjunctive", "modal", "citation", "year", "starts_lower", "no_final_punctuation", "digits", "percent",
)

_DIGIT = re.compile(r"\d")

def cue_features(text: str, lexicon: CueLexicon | None = None) -> list[float]:
    """Cue-lexicon hits and mood/shape features: these transfer from CIMT to blogs."""
    lexicon = lexicon or default_lexicon()
    hits = lexicon.hits(text)
    words = [w.lower() for w in _WORD.findall(text)]
    stripped = text.strip()
    values = [math.log1p(len(hits[c])) for c in MODEL_CUES]
    values += [
        float(stripped.endswith("?")),
        float(stripped.endswith("!")),
        float(stripped.endswith(":")),
        math.log1p(len(words)) / 4.0,
        float(len(words) < 5),
        float("dass" in words),
        float(any(w in _FIRST_PERSON for w in words)),
        float(any(w in _SUBJUNCTIVE for w in words)),
        float(any(w in _MODALS for w in words)),
        float(bool(_CITATION_LIKE.search(text))),
        float(bool(_YEAR.search(text))),
        float(stripped[:1].islower()),
        float(stripped[-1:] not in _FINAL_PUNCTUATION),
        min(1.0, len(_DIGIT.findall(text)) / 8.0),
        float("%" in text or "Prozent" in text),
    ]
    return values
