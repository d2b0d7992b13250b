"""Content terms of an analysed Doc, the input of the topic models.

Topic models cluster documents by what they are *about*; in German that is carried mostly by
nouns and names, and German capitalises exactly those. So ``doc_terms`` keeps the lemmas of
capitalised words that are not the first word of a sentence; a sentence-initial capitalised word
is kept when the same lemma also occurs capitalised mid-sentence in the document, so that
sentence-initial function words ("Die", "Dann") drop out. Stop words (spaCy's German list plus
``data/lexicons/topics/stopwords.txt``), numbers, URLs, e-mail addresses and tokens under three
characters (except acronyms such as "EU") are removed.

Who is cited is not what a post is about: tokens inside citations (``doc.spans["citations"]``)
and bibliography entries and sections (``references``, ``bibliography``) are always left out, and
so are person actors (``actors`` with ``actor_type == "person"``) who are also cited authors, with
their first names ("Tobias Kessler" when Kessler is cited). On the sample blog this removes cited
authors from the topic labels. Persons who are not cited stay: on 10kGNAD (default LDA, k=9,
seeds 1-5) dropping *every* person actor lowered NMI from 0.495 to 0.471, because politicians'
and athletes' names mark the news sections; dropping only cited persons: 0.493 (within the seed
spread). ``persons="drop"`` leaves out every person, ``persons="keep"`` none.

Lemmas that the lemmatiser maps to another word ("Daten" -> "Datum", "Medien" -> "Medium") keep
their written ending (``data/lexicons/topics/lemma_fixes.tsv``).

Chosen by measurement on 10kGNAD (``scripts/evaluate_topics.py``; default LDA, k=9, seeds 1-3,
NMI of dominant topic vs section): this capitalisation rule 0.503; NOUN/PROPN tags from
textmine's shipped tagger (UPOS 0.89) 0.487; tags for sentence-initial words only 0.497; union
of both 0.495. So the rule is the default even when the pipeline has a tagger; ``use_pos=True``
switches to the tags (worth re-measuring with a stronger tagger such as de_core_news_sm).

Casing: nouns keep their capital (German orthography: "Recht" the noun vs "recht" the adverb,
and readable topic labels). The lead calls this once per post at ingest and stores the list.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable

from textmine.nlp.german.lemmas import lemmatize
from spacy.lang.de.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from textmine import resources
from textmine.nlp.german.lemmatizer import may_start_sentence
from textmine.nlp.contract import ACTORS, BIBLIOGRAPHY, CITATIONS, REFERENCES

LEXICON_DIR = resources.lexicon_dir("topics")
STOPWORDS_FILE = LEXICON_DIR / "stopwords.txt"
LEMMA_FIXES_FILE = LEXICON_DIR / "lemma_fixes.tsv"
#: POS tags whose lemmas are kept with ``use_pos=True``.
CONTENT_POS: frozenset[str] = frozenset({"NOUN", "PROPN"})
MIN_LENGTH = 3
#: Span groups whose tokens never become topic terms (sources, not subjects).
SOURCE_GROUPS: tuple[str, ...] = (CITATIONS, REFERENCES, BIBLIOGRAPHY)
#: ``persons`` modes: drop every person actor, only those also cited as authors, or none.
PERSON_MODES: tuple[str, ...] = ("drop", "cited", "keep")
DEFAULT_PERSONS = "cited"
_URLISH = re.compile(r"(?:https?://|www\.|@|\.(?:at|de|com|org|net)\b)", re.IGNORECASE)
_WORDISH = re.compile(r"^[^\W\d_](?:[\w\-/*:]*[^\W_])?$")
_NAME_PART = re.compile(r"[^\W\d_][\w\-’']+")


def _lexicon_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a lexicon file."""
    return resources.read_lines(path) if Path(path).exists() else []


@functools.lru_cache(maxsize=8)
def load_topic_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    """Capitalised words that carry no topic (casefolded); read once per process and path."""
    return frozenset(line.casefold() for line in _lexicon_lines(path))


@functools.lru_cache(maxsize=8)
def load_lemma_fixes(path: Path = LEMMA_FIXES_FILE) -> tuple[tuple[str, str], ...]:
    """(written ending, wrong lemma ending) pairs, longest written ending first."""
    pairs = []
    for line in _lexicon_lines(path):
        parts = line.split("\t")
        if len(parts) != 2 or not all(part.strip() for part in parts):
            raise ValueError(f"{path}: expected 'written ending<TAB>wrong lemma ending', got {line!r}")
        pairs.append((parts[0].strip().casefold(), parts[1].strip().casefold()))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


#: The shipped topic stop words (``data/lexicons/topics/stopwords.txt``), lower-case.
TOPIC_STOP_WORDS: frozenset[str] = load_topic_stopwords()


def doc_terms(
    doc: Doc, extra_stop_words: Iterable[str] = (), use_pos: bool = False, persons: str = DEFAULT_PERSONS
) -> list[str]:
    """Lemmas of the nouns and names in ``doc`` in text order, filtered for topic modelling.

    ``use_pos=True`` takes NOUN/PROPN tags instead of capitalisation (when the Doc has tags).
    ``persons``: "drop" (default) leaves out person actors, "cited" only those who are also cited
    authors, "keep" none; citations and bibliographies are always left out.
    """
    if persons not in PERSON_MODES:
        raise ValueError(f"persons must be one of {', '.join(PERSON_MODES)}, not {persons!r}")
    stop = _stop_set(extra_stop_words)
    skip = excluded_tokens(doc, persons)
    if use_pos and doc.has_annotation("POS"):
        return [
            lemma for token in doc if token.i not in skip and token.pos_ in CONTENT_POS and (lemma := _term(token, stop))
        ]
    mid_sentence = {
        _lemma(token).casefold() for token in doc if not token.is_sent_start and token.text[:1].isupper()
    }
    terms: list[str] = []
    for token in doc:
        if token.i in skip or not token.text[:1].isupper():
            continue
        lemma = _term(token, stop)
        if not lemma:
            continue
        if may_start_sentence(token) and lemma.casefold() not in mid_sentence:
            continue
        terms.append(lemma)
    return terms


def excluded_tokens(doc: Doc, persons: str = DEFAULT_PERSONS) -> set[int]:
    """Indices of tokens that name sources rather than subjects (see the module docstring)."""
    skip: set[int] = set()
    for group in SOURCE_GROUPS:
        for span in doc.spans.get(group, ()):
            skip.update(range(span.start, span.end))
    if persons == "keep":
        return skip
    cited = _cited_names(doc) if persons == "cited" else frozenset()
    for span in doc.spans.get(ACTORS, ()):
        if not Span.has_extension("textmine_actor_type") or span._.textmine_actor_type != "person":
            continue
        if persons == "cited" and not (_name_parts(span.text) | _name_parts(span._.textmine_canonical or "")) & cited:
            continue
        skip.update(range(span.start, span.end))
    return skip


def _name_parts(text: str) -> set[str]:
    """Capitalised words of a name (3+ letters): "Ritter, Claudia" -> {"ritter", "claudia"}."""
    return {match.group().casefold() for match in _NAME_PART.finditer(text) if match.group()[:1].isupper()}


def _cited_names(doc: Doc) -> frozenset[str]:
    """Name parts of every author in the doc's citations and references."""
    names: set[str] = set()
    for group in ("citations", "references"):
        for span in doc.spans.get(group, ()):
            for author in (span._.textmine_authors if Span.has_extension("textmine_authors") else None) or ():
                names |= _name_parts(str(author))
    return frozenset(names)


def _stop_set(extra: Iterable[str]) -> frozenset[str]:
    extra = frozenset(word.casefold() for word in extra)
    return _BASE_STOP | extra if extra else _BASE_STOP


_BASE_STOP: frozenset[str] = frozenset(word.casefold() for word in STOP_WORDS) | TOPIC_STOP_WORDS


def _lemma(token: Token) -> str:
    lemma = token.lemma_ or token.text
    if not lemma.strip():
        return token.text
    if "-" in lemma and lemma == token.text:
        # Lemmatisers leave hyphenated compounds alone; inflection sits on the last part.
        head, _, last = lemma.rpartition("-")
        if last[:1].isupper():
            lemma = f"{head}-{lemmatize(last)}"
    return _fix_lemma(token.text, lemma)


def _fix_lemma(text: str, lemma: str) -> str:
    """Undo a lemma that is another word ("Daten" -> "Datum"): keep the written ending."""
    folded_text, folded_lemma = text.casefold(), lemma.casefold()
    for written, wrong in load_lemma_fixes():
        if folded_text.endswith(written) and folded_lemma.endswith(wrong):
            head = lemma[: len(lemma) - len(wrong)]
            return head + (text[len(text) - len(written):] if head else written)
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
