"""simplemma's German dictionary, loaded once and memory-frugal.

simplemma's default backend unpacks the whole German dictionary into a Python dict (about 105 MB
resident); its stream backend (simplemma 2) reads the same compressed data on demand and gives the
same lemmas from about 20 MB, at the same speed once its cache is warm. Every textmine module
lemmatises through here, so the dictionary is held once, by one backend.
"""
from __future__ import annotations

from functools import lru_cache

import simplemma
from simplemma.strategies import DefaultStrategy


@lru_cache(maxsize=1)
def _lemmatizer() -> simplemma.Lemmatizer:
    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(low_memory=True))


def lemmatize(word: str) -> str:
    """simplemma's German lemma of one word (the word itself where simplemma knows none)."""
    return _lemmatizer().lemmatize(word, "de")


def is_known(word: str) -> bool:
    """Whether the word is an entry of simplemma's German dictionary."""
    return simplemma.is_known(word, lang="de", low_memory=True)
