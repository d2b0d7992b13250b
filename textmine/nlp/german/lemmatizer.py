"""simplemma lemmas as a spaCy component (``textmine_lemmatizer``), helped by POS where present.

simplemma (MIT) lemmatises UD German GSD at ~0.967 without context; the tagger's POS fixes the
cases a lookup cannot know: nouns keep their capital, proper names stay as written, and
gender-inclusive forms ("Nutzer/innen", "Kund:innen", "NutzerInnen") get the masculine lemma
("Nutzer", "Kunde") so that topic models count them with the plain word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from textmine.nlp.german import lemmas

_GENDER = re.compile(r"^([^\W\d_]+?)(?:/-?|[*:_])(?:innen|in|e|r|n|en|er|es|em|frau|frauen)$|^([^\W\d_]*[a-zäöüß])Innen$")
_NOMINAL = frozenset({"NOUN", "PROPN"})
#: Inflection endings of attributive adjectives ("passende", "gemachten" → "passend", "gemacht").
_ADJ_ENDINGS = ("en", "em", "er", "es", "e")
#: Polite-form pronouns: capitalised inside a sentence they are "Sie", not "sie".
_POLITE = frozenset({"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren", "Ihrer", "Ihres"})
#: Tokens after which a capitalised word may start a sentence or a quotation.
_OPENERS = frozenset({":", "„", '"', "«", "»", "“", "(", "-", "–"})


@Language.factory("textmine_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> "SimplemmaLemmatizer":
    return SimplemmaLemmatizer()


class SimplemmaLemmatizer:
    """Sets ``token.lemma_`` for every token (punctuation and numbers keep their text)."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.text == "Sie" and token.pos_ == "PRON" and not token.is_sent_start:
                token.lemma_ = "Sie"
            elif _place_adjective(token):
                token.lemma_ = token.text
            else:
                token.lemma_ = lemmatize(token.text, token.pos_)
        return doc


@lru_cache(maxsize=200_000)
def lemmatize(text: str, pos: str = "") -> str:
    """The lemma of one word; ``pos`` is a UPOS tag or "" when the pipeline has no tagger."""
    if not any(ch.isalpha() for ch in text):
        return text
    gender = _GENDER.match(text)
    if gender:
        return _masculine(gender.group(1) or gender.group(2))
    lemma = lemmas.lemmatize(text)
    if pos == "PROPN":
        # Names keep their spelling; simplemma may still strip a genitive s ("Israels").
        return lemma if lemma[:1].isupper() and len(lemma) >= len(text) - 1 else text
    if pos == "ADJ":
        participle = _participle(text.lower(), lemma)
        if participle:
            return participle
    if pos == "NOUN" and lemma[:1].islower() and text[:1].isupper():
        return lemma[:1].upper() + lemma[1:]
    if pos and pos not in _NOMINAL and lemma[:1].isupper() and text[:1].isupper():
        lowered = lemmas.lemmatize(text.lower())
        if pos == "ADJ" and text.endswith("er") and lemma == text and lowered == text.lower() + "n":
            return text  # a place adjective at a sentence start ("Wiener", not the verb "wienern")
        return lowered
    return lemma


def _place_adjective(token: Token) -> bool:
    """"Wiener", "Hamburger", "Schweizer" inside a sentence: adjectives from place names do not
    inflect and keep their capital; lower-cased, the lookup finds another word ("wienern")."""
    text = token.text
    return (
        token.pos_ == "ADJ" and len(text) > 4 and text.endswith("er") and text[:1].isupper() and text[1:].islower()
        and not may_start_sentence(token)
    )


def may_start_sentence(token: Token) -> bool:
    """Whether a capitalised word here may be capitalised only because a sentence or quote starts:
    the first token, a sentence start, or after a colon, an opening quote or a line break."""
    if token.i == 0 or token.is_sent_start:
        return True
    previous = token.doc[token.i - 1]
    return previous.is_space or previous.text in _OPENERS


def _participle(word: str, lemma: str) -> str | None:
    """Adjectival participles keep their participle form ("einladend", "gemachten" → "gemacht");
    simplemma, without context, returns the verb."""
    if not lemma.endswith("n") or lemma == word:
        return None
    for ending in ("",) + _ADJ_ENDINGS:
        base = word[: len(word) - len(ending)] if ending else word
        if ending and not word.endswith(ending):
            continue
        if base.endswith("end") or (base.startswith("ge") and base.endswith("t")):
            return base
    return None


def _masculine(stem: str) -> str:
    """Masculine noun for the stem of a gender form: "Nutzer" → "Nutzer", "Kund" → "Kunde"."""
    if lemmas.is_known(stem):
        lemma = lemmas.lemmatize(stem)
        if lemma[:1].isupper() or not stem[:1].isupper():
            return lemma
    if lemmas.is_known(stem + "e"):
        return stem + "e"
    return stem
