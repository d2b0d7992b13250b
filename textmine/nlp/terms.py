"""Content terms of an analysed Doc, the input of the topic models.

Topic models cluster documents by what they are *about*; in German that is carried mostly by
nouns and names, and German capitalises exactly those. So ``doc_terms`` keeps the lemmas of
capitalised words that are not the first word of a sentence; a sentence-initial capitalised word
is kept when the same lemma also occurs capitalised mid-sentence in the document, so that
sentence-initial function words ("Die", "Dann") drop out. Stop words (spaCy's German list plus
``TOPIC_STOP_WORDS``), numbers, URLs, e-mail addresses and tokens under three characters (except
acronyms such as "EU") are removed.

Chosen by measurement on 10kGNAD (``scripts/evaluate_topics.py``; default LDA, k=9, seeds 1-3,
NMI of dominant topic vs section): this capitalisation rule 0.503; NOUN/PROPN tags from
textmine's shipped tagger (UPOS 0.89) 0.487; tags for sentence-initial words only 0.497; union
of both 0.495. So the rule is the default even when the pipeline has a tagger; ``use_pos=True``
switches to the tags (worth re-measuring with a stronger tagger such as de_core_news_sm).

Casing: nouns keep their capital (German orthography: "Recht" the noun vs "recht" the adverb,
and readable topic labels). The lead calls this once per post at ingest and stores the list.
"""
from __future__ import annotations

import re
from typing import Iterable

import simplemma
from spacy.lang.de.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

#: POS tags whose lemmas are kept with ``use_pos=True``.
CONTENT_POS: frozenset[str] = frozenset({"NOUN", "PROPN"})
MIN_LENGTH = 3
#: Words that are capitalised yet carry no topic: forms of address, month and weekday names,
#: generic time and quantity nouns, news filler. Lower-case lemmas; compared case-insensitively.
TOPIC_STOP_WORDS: frozenset[str] = frozenset(
    """
    herr frau herrn dr prof mag
    jahr jahre jahren jahres monat monate monaten woche wochen tag tage tagen tages stunde stunden
    minute minuten sekunde sekunden uhr zeit mal ende anfang beginn mitte teil prozent euro dollar
    million millionen milliarde milliarden zahl zahlen
    januar februar märz april mai juni juli august september oktober november dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag wochenende
    art weise fall fälle frage seite grund punkt beispiel sache ding dinge
    bild foto video link artikel beitrag text
    """.split()
)
_URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:at|de|com|org|net)\b)", re.IGNORECASE)
_WORDISH = re.compile(r"^[^\W\d_](?:[\w\-/*:]*[^\W_])?$")


def doc_terms(doc: Doc, extra_stop_words: Iterable[str] = (), use_pos: bool = False) -> list[str]:
    """Lemmas of the nouns and names in ``doc`` in text order, filtered for topic modelling.

    ``use_pos=True`` takes NOUN/PROPN tags instead of capitalisation (when the Doc has tags).
    """
    stop = _stop_set(extra_stop_words)
    if use_pos and doc.has_annotation("POS"):
        return [lemma for token in doc if token.pos_ in CONTENT_POS and (lemma := _term(token, stop))]
    mid_sentence = {
        _lemma(token).casefold() for token in doc if not token.is_sent_start and token.text[:1].isupper()
    }
    terms: list[str] = []
    for token in doc:
        if not token.text[:1].isupper():
            continue
        lemma = _term(token, stop)
        if not lemma:
            continue
        if _starts_sentence(token) and lemma.casefold() not in mid_sentence:
            continue
        terms.append(lemma)
    return terms


def _stop_set(extra: Iterable[str]) -> frozenset[str]:
    extra = frozenset(word.casefold() for word in extra)
    return _BASE_STOP | extra if extra else _BASE_STOP


_BASE_STOP: frozenset[str] = frozenset(word.casefold() for word in STOP_WORDS) | TOPIC_STOP_WORDS


def _starts_sentence(token: Token) -> bool:
    if token.i == 0 or token.is_sent_start:
        return True
    previous = token.doc[token.i - 1]
    # After a colon, an opening quote or a line break a capitalised word may be a sentence start.
    return previous.is_space or previous.text in {":", "„", '"', "«", "»", "“", "(", "-", "–"}


def _lemma(token: Token) -> str:
    lemma = token.lemma_ or token.text
    if not lemma.strip():
        return token.text
    if "-" in lemma and lemma == token.text:
        # Lemmatisers leave hyphenated compounds alone; inflection sits on the last part.
        head, _, last = lemma.rpartition("-")
        if last[:1].isupper():
            return f"{head}-{simplemma.lemmatize(last, lang='de')}"
    return lemma


def _term(token: Token, stop: frozenset[str]) -> str | None:
    """The token's topic term (noun lemma, capitalised), or None when it is not a content term."""
    if token.is_punct or token.is_space or token.like_num or token.like_url or token.like_email:
        return None
    text = token.text
    acronym = text.isupper() and len(text) >= 2
    if (len(text) < MIN_LENGTH and not acronym) or _URLISH.search(text) or not _WORDISH.match(text):
        return None
    lemma = text if acronym else _lemma(token)
    if (len(lemma) < MIN_LENGTH and not acronym) or not _WORDISH.match(lemma):
        return None
    if lemma.casefold() in stop or text.casefold() in stop:
        return None
    if acronym:
        return lemma  # acronyms: SPÖ, EU, NGO
    return lemma[:1].upper() + lemma[1:]
