"""What a string in quotation marks is: a quotation, a title or name, or a scare-quoted term.

A quotation is running text someone said or wrote („Wir brauchen mehr Personal“, sagt …); a title
or a name is what a work, project or programme is called (die Studie „Warum Vereine sich
auflösen“, “Civil Society Partnerships”, „digital.engagiert“); a term is a word or short phrase
set off by quotation marks („Teilhabe“, „Ehrenamt light“). Only quotations go into the ``quotes``
span group; the others are kept apart so that counts of quotes mean what they say.
"""
from __future__ import annotations

import re

from textmine.nlp.citations.lexicon import CitationLexicons

WORD_RE = re.compile(r"[\w’'\-.*]+")
BEFORE_RE = re.compile(r"[\w’'\-.*]+|[^\s\w]")
ARTICLES = frozenset("der die das den dem des ein eine einer eines einem einen ihr ihre ihrem ihren sein seine "
                     "seinem seinen neue neuen neuer neues aktuelle aktuellen jüngste jüngsten".split())
#: Articles that make a short quoted string a noun ("das „Warum?“", "ein großes „Ja“").
NOMINALISERS = frozenset("der die das den dem des ein eine einer eines einem einen kein keine".split())
#: Words a title in title case may keep in lower case (German and English).
TITLE_SMALL_WORDS = frozenset("der die das des dem den und für in im am an auf aus von vom zur zum mit "
                              "ohne über unter of the and for in on at a an to with by from or".split())
#: A lower-case adjective inside a title ("für das deutsche Bildungswesen").
INFLECTED_RE = re.compile(r"(?:isch|lich|ig|al|ell|iv|er|ch|sch|ne|te)(?:e|en|er|es|em)$")
#: A term has at most this many words; longer strings without a title cue are read as quotations.
MAX_TERM_WORDS = 3
MAX_TITLE_WORDS = 12


def _title_cue_before(text: str, start: int, lex: CitationLexicons) -> bool:
    """The word before the opening mark names a kind of work or says "called" ("Studie", "Titel",
    "Förderprogramm", "heißt"), articles and a few adjectives skipped."""
    words = BEFORE_RE.findall(text[max(0, start - 60):start])
    while words and words[-1].lower() in ARTICLES:
        words.pop()
    if not words:
        return False
    word = words[-1].lower()
    forms = {word} | {word[:-len(ending)] for ending in ("s", "es") if word.endswith(ending)}  # "Programms"
    if forms & lex.title_cues:
        return True
    return any(len(cue) >= 4 and form.endswith(cue) for cue in lex.title_cues for form in forms)


def quote_kind(text: str, start: int, end: int, lex: CitationLexicons) -> str:
    """"quote", "title" or "term" for the quoted string ``text[start:end]`` (marks included)."""
    inner = text[start + 1:end - 1].strip()
    words = WORD_RE.findall(inner)
    if not words:
        return "term"
    if _title_cue_before(text, start, lex) and len(words) <= MAX_TITLE_WORDS:
        return "title"
    before = BEFORE_RE.findall(text[max(0, start - 40):start])
    if len(words) <= MAX_TERM_WORDS and before and (before[-1].lower() in NOMINALISERS or (
            len(before) > 1 and before[-2].lower() in NOMINALISERS and before[-1][:1].islower())):
        return "term"  # "das große „Wie?“": a quoted word used as a noun
    sentence_like = inner[-1] in ".!?…," or bool(re.search(r"[.!?;:]\s", inner))
    if (not sentence_like and 2 <= len(words) <= MAX_TITLE_WORDS
            and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS or (
                INFLECTED_RE.search(w) and i + 1 < len(words) and words[i + 1][:1].isupper())
                for i, w in enumerate(words))):
        return "title"  # "Civil Society Partnerships", "Arbeit in der Langzeitpflege"
    if len(words) <= MAX_TERM_WORDS and not sentence_like:
        return "term"
    return "quote"
