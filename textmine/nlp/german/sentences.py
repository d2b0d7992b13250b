"""Rule sentence segmentation for German blog text (``textmine_sentences``).

Why not spaCy's ``sentencizer``: it splits after every ".", "!" or "?" token and ignores line
breaks. Blog posts arrive as paragraphs joined by "\\n\\n"; list items and headings are paragraphs
without a full stop, and citations sit before the full stop ("… (ebd., 1411)."). The rules:

* a line break always ends a sentence (the whitespace stays with the sentence before it);
* ".", "!", "?", "…" end a sentence together with closing quotes and brackets that follow;
  the next word starts a new sentence unless it is lower-case or punctuation (", fragte er");
* abbreviations and ordinals ("vgl.", "am 3. Mai") are single tokens (see ``tokenizer``), so
  they never end a sentence — except sentence-final "usw."/"etc." before a capitalised word;
* a year with its full stop ("im Jahr 2019.") before a capitalised word ends a sentence.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

TERMINATORS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "!!!", "???"})
CLOSERS = frozenset({'"', "'", "''", "“", "”", "‘", "’", "»", "«", "›", "‹", ")", "]", "}"})
#: Emoticons after a terminator belong to the sentence before ("Danke! :-)").
_EMOTICON = re.compile(r"^[:;=xX8][-o^']?[()\[\]DPp/|*3]+$|^\^\^$|^<3$")
#: Abbreviations that often close a sentence (enumerations), split before a capitalised word.
FINAL_ABBREVIATIONS = frozenset({"usw.", "etc.", "u.ä.", "u.Ä.", "o.ä.", "o.Ä.", "ff.", "f."})
_YEAR_STOP = re.compile(r"\d{4}\.$")
_NUMBER_STOP = re.compile(r"\d+\.$")
#: "S. 7." before a capitalised word: a page number ends the sentence, not an ordinal.
REFERENCE_ABBREVIATIONS = frozenset({"S.", "Nr.", "Bd.", "Kap.", "Abs.", "H.", "Jg.", "Art.", "Anm."})
_NO_START = frozenset({",", ";", ":", ")", "]", "-", "–", "—", "/"})


@Language.factory("textmine_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceRules":
    return SentenceRules()


class SentenceRules:
    """Sets ``token.is_sent_start`` for every token from the rules in the module docstring."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.has_annotation("DEP"):
            return doc  # a parser has set the sentences already
        values = numpy.full((len(doc), 1), -1, dtype="int32")
        for i in sentence_starts(doc):
            values[i, 0] = 1
        # One array write: setting token.is_sent_start checks the whole Doc per token (quadratic).
        return doc.from_array([SENT_START], values.astype("uint64")) if len(doc) else doc


def sentence_starts(doc: Doc) -> set[int]:
    """Indices of the tokens that start a sentence."""
    n = len(doc)
    starts: set[int] = {0} if n else set()
    i = 0
    while i < n:
        token = doc[i]
        if token.is_space:
            nxt = _next_non_space(doc, i + 1)
            if "\n" in token.text and nxt is not None:
                starts.add(nxt)
            i += 1
        elif _ends_sentence(token):
            end = i + 1
            while end < n and (_is_terminator(doc[end].text) or _EMOTICON.match(doc[end].text)
                               or (doc[end].text in CLOSERS and _closes(doc, end))):
                end += 1
            nxt = _next_non_space(doc, end)
            if nxt is not None and _may_start(doc[nxt], doc[end - 1], token):
                starts.add(nxt)
            i = end
        else:
            i += 1
    return starts


def _is_terminator(text: str) -> bool:
    return text in TERMINATORS or (len(text) > 1 and set(text) <= set(".!?…"))


def _ends_sentence(token: Token) -> bool:
    text = token.text
    if _is_terminator(text):
        return True
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or not nxt.text[:1].isupper():
        return False
    if text in FINAL_ABBREVIATIONS:
        return True
    if _NUMBER_STOP.match(text) and token.i > 0 and token.doc[token.i - 1].text in REFERENCE_ABBREVIATIONS:
        return True
    return bool(_YEAR_STOP.match(text))


def _closes(doc: Doc, i: int) -> bool:
    """A quote or bracket after a terminator closes the sentence (not opens the next one)."""
    token = doc[i]
    if token.text in {")", "]", "}", "“", "»", "›", "''"}:
        return True
    # Straight quotes and "«" / "”": closing when glued to the terminator before them.
    return not doc[i - 1].whitespace_


def _may_start(token: Token, last: Token, terminator: Token) -> bool:
    """Whether ``token`` starts a sentence after ``terminator`` (and ``last``, its last closer)."""
    text = token.text
    if text in _NO_START:
        return False
    first = text[:1]
    if not (first.isalpha() and first.islower()):
        return True
    # Lower-case after a plain full stop that follows a long word: a sentence start in informal
    # text ("… 15 Minuten. das sind …"); after "?" / "!" it is a question list ("was? wie?").
    if last.text != "." or terminator.i == 0:
        return False
    before = terminator.doc[terminator.i - 1]
    return before.is_alpha and len(before) >= 5


def _next_non_space(doc: Doc, i: int) -> int | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None
