"""Who speaks in reported speech across sentences: quotations and their attributions.

Why a post-level pass: a quotation often spans several sentences and names its speaker only at
its end ("„… . … “, sagte sie") or before its start ("X erklärt: „…"), and a pronoun speaker ("sie",
"der Verband") refers to the person or organisation named earlier in the post. The sentence-level
rules in :mod:`textmine.nlp.arguments.component` cannot see that; this pass gives every sentence inside (or
ending with) an attributed quotation its speaker, as a surface name for the caller to resolve.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

from textmine.nlp.common.names import UPPER
from textmine.nlp.common.speech import speech_verbs
from textmine.nlp.german.lemmas import lemmatize

_OPEN = "„\"»“"
_CLOSE = "“\"«”"
_NAME = r"[" + UPPER + r"][\w’'\-]+(?:\s+(?:von\s+|van\s+|de\s+)?[" + UPPER + r"][\w’'\-]+){0,2}"
_ARTICLE = r"(?:der|die|das|den|dem)"
#: A subject after the verb: a pronoun, "der Verband", "Bitkom-Präsident Achim Berg", "die Sozialforscherin X".
_SUBJECT = (r"(?P<subject>(?:er|sie)(?!\w)|" + _ARTICLE + r"\s+(?:[a-zäöüß]+\w*\s+)?" + _NAME
            + r"|" + _NAME + r")")
PRONOUNS = frozenset({"er", "sie"})


def speech_verb_regex() -> str:
    return speech_verbs().regex()


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    verb = speech_verb_regex()
    # "…“, sagte sie" / "…", kritisierte Bitkom-Präsident Achim Berg / "…, klagt der Verband."
    after = re.compile(r"^[\s" + _CLOSE + r"]*[,–—-]?\s*(?:" + verb + r")\s+(?:(?:dazu|auch|außerdem|weiter)\s+)?"
                       + _SUBJECT)
    # "X erklärt das so: „…" / "Y sagte dazu: „…"
    before = re.compile(_SUBJECT + r"(?:,[^,:„\"]{0,80},|\s+(?:vom|von|des|der|beim)\s+[^,:„\"]{0,60}?)?\s+(?:"
                        + verb + r")(?:\s+\w+){0,3}\s*:\s*$")
    # indirect speech ending a sentence: "…, führte Specht-Riemenschneider aus."
    final = re.compile(r"[,–—]\s*(?:" + verb + r")\s+" + _SUBJECT + r"(?:\s+\w+){0,4}\s*[.!]?\s*$")
    # inversion near the start: "Dabei kritisiert er …", "Zugleich warnte Jakob, …"
    # (a name only after one opening adverb, so that "Die Reform kritisiert Armut" names no speaker)
    inverted = re.compile(r"^\W*(?:(?:[\w\-]+,?\s+){1,4}?(?!so\s)(?:" + verb + r")\s+(?P<subject>(?:er|sie)(?!\w))"
                          r"|[" + UPPER + r"][a-zäöüß]+\s+(?!so\s)(?:" + verb + r")\s+(?P<name>" + _NAME + r")(?=[\s,.:]))")
    return after, before, final, inverted


#: A lead before an opening quote that ends in a colon and opens with a name (after at most one
#: adverb: "Auch", "Dazu"): "Auch Verena Bentele, Präsidentin des VdK, sieht das anders: „…".
_COLON_LEAD = re.compile(r"^\W*(?:(?:Auch|Dazu|Zudem|Daher|Doch|Jetzt|Nun)\s+)?(?P<subject>" + _NAME
                         + r")(?=[\s,])[^:„\"»“]{0,240}:\s*$")


def _names_someone(subject: str) -> bool:
    """Whether a capitalised subject can be a name: its first word is no preposition, adverb or
    article (those have a lower-case lemma: "An", "Auch", "Die")."""
    first = subject.split()[0]
    return lemmatize(first)[:1].isupper()


@dataclass
class Attribution:
    """A speaker named for a sentence: the surface text and where it stands in the document; an
    empty name for a quotation without attribution (whoever spoke last goes on speaking)."""

    name: str
    start: int
    end: int


def _subject(match: re.Match, offset: int) -> Attribution:
    return Attribution(match.group("subject"), offset + match.start("subject"), offset + match.end("subject"))


def _quote_marks(chunk: str) -> list[tuple[int, str]]:
    return [(k, ch) for k, ch in enumerate(chunk) if ch in _OPEN or ch in _CLOSE]


def quote_speakers(text: str, sentences: Sequence[tuple[int, int]]) -> list[Attribution | None]:
    """For each sentence (start, end offsets into ``text``): the speaker named for the quotation or
    the reported speech it belongs to, else ``None``."""
    after, before, final, inverted = _patterns()
    result: list[Attribution | None] = [None] * len(sentences)
    open_since: int | None = None  # index of the sentence where an unclosed quotation began
    opener: Attribution | None = None
    carried = False  # an opening mark that a sentence splitter left at the end of the sentence before
    for i, (start, end) in enumerate(sentences):
        chunk = text[start:end]
        marks = _quote_marks(chunk)
        if carried:
            marks = [(0, "„")] + marks
            carried = False
        if marks and marks[-1][1] in _OPEN and not chunk[marks[-1][0] + 1:].strip() and len(marks) % 2 == 1:
            marks, carried = marks[:-1], True  # "… ersetzen. »" + "Die Beratung …«": the mark opens the next
        quotes = [k for k, _ in marks]
        if open_since is None and quotes:
            first = quotes[0]
            if marks[0][1] in _OPEN:
                lead = chunk[:first]
                head = before.search(lead.rstrip()) if lead.strip() else (
                    before.search(text[sentences[i - 1][0]:sentences[i - 1][1]].rstrip(" " + _OPEN)) if i else None)
                if head is None and lead.strip():
                    # "Auch Verena Bentele, Präsidentin des VdK, sieht die Reform als unzureichend an: „…":
                    # a lead ending in a colon names its speaker first (any verb, any length).
                    head = _COLON_LEAD.match(lead)
                    if head is not None and not _names_someone(head.group("subject")):
                        head = None  # "An der Ablehnung hat sich nichts geändert, sagt …:": no name
                if head is not None:
                    opener = _subject(head, start if lead.strip() else sentences[i - 1][0])
                if len(quotes) % 2 == 1:
                    open_since = i
        elif open_since is not None and len(quotes) % 2 == 1:
            # the quotation closes here: an attribution after it speaks for all its sentences
            close = quotes[-1]
            tail = after.search(chunk[close:])
            who = _subject(tail, start + close) if tail else opener
            for k in range(open_since, i + 1):
                result[k] = who or Attribution("", start, start)  # "": the last speaker goes on
            open_since, opener = None, None
            continue
        if open_since is not None:
            continue
        if quotes and len(quotes) % 2 == 0:
            last = quotes[-1]
            tail = after.search(chunk[last:])
            if tail:
                result[i] = _subject(tail, start + last)
                opener = None
                continue
            if opener is not None:
                result[i] = opener
                opener = None
                continue
            if chunk.lstrip()[:1] in _OPEN and len(chunk.rstrip()) - last <= 3:
                result[i] = Attribution("", start, start)  # a whole quoted sentence: the last speaker
                continue
        tail = final.search(chunk)
        if tail and result[i] is None:
            result[i] = _subject(tail, start)
        turned = inverted.match(chunk) if result[i] is None else None
        if turned:
            group = "subject" if turned.group("subject") else "name"
            result[i] = Attribution(turned.group(group), start + turned.start(group), start + turned.end(group))
        opener = None
    if open_since is not None and opener is not None:  # cut off before the quotation closes
        for k in range(open_since, len(sentences)):
            result[k] = opener
    return result
