"""Statements: one row per argumentative sentence, in the shape discourse network analysis expects.

DNA (Leifeld) codes a statement as (actor, concept, agreement). textmine's argument component
already gives the speaker (a claim's holder, a critique's critic), the polarity (claim or
critique) and a critique's target, so the statements come from the stored analysis records:

* speaker: the canonical actor the holder/critic names (actors of the same sentence first), with
  its type and sector; ``"author"`` becomes the post's author (``speaker_is_author``), or no
  speaker at all when the feed names none (such statements are listed but join no network);
* agreement: +1 for a claim, -1 for a critique (a critique is a negative or doubting claim);
* target: the critique's target, as a canonical actor when it names one (``target_type``);
* concept: empty here; ``textmine.discourse.concepts`` fills it.

Reported speech carries on: news and press texts name a speaker once ("Drei Wohlfahrtsverbände
warnen vor …") and go on in indirect speech ("Der Bund müsse dringend …") or in a quotation that
runs over several sentences. A statement that would be the author's, in a sentence with a
Konjunktiv I form (``discourse/reported_speech.txt``) or one that opens or closes with a quotation
mark, takes the speaker of the last statement with an actor speaker when that one is at most
``CARRY_SENTENCES`` sentences back. On the development gold (real-blogs) this lifts speaker-right
from 0.643 to 0.658 (``scripts/evaluate_statements.py``); a third-person pronoun as a further cue
("Sie appellierten …") gained nothing there and was left out.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from textmine import resources
from textmine.discourse.cooccurrence import _resolve as resolve_actor

#: Columns of the statements table and CSV: DNA's (statement id, document, date, actor, concept,
#: agreement, text) first, then what textmine adds.
STATEMENT_COLUMNS: tuple[str, ...] = (
    "statement_id", "document", "date", "actor", "concept", "agreement", "text",
    "actor_type", "actor_sector", "speaker_is_author", "kind", "target", "target_type", "target_sector",
    "confidence", "title", "start", "end",
)
AUTHOR = "author"
UNKNOWN = "unknown"
#: How many sentences back the speaker of reported speech may have been named.
CARRY_SENTENCES = 3
_WORDS = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def reported_speech_forms() -> frozenset[str]:
    """Konjunktiv I forms that mark indirect speech (lower case)."""
    return frozenset(resources.read_lines(resources.lexicon_path("discourse", "reported_speech.txt")))


#: A sentence that opens or closes with a quotation mark continues a quotation.
_QUOTED = re.compile(r'^\s*[„“"»«‚‘]|[“”"«»‘’]\W{0,2}$')


def is_reported_speech(text: str) -> bool:
    """Indirect speech (a Konjunktiv I form) or a sentence of a quotation."""
    if _QUOTED.search(text):
        return True
    forms = reported_speech_forms()
    return any(word.lower() in forms for word in _WORDS.findall(text))


@dataclass(frozen=True)
class Statement:
    statement_id: str
    document: str
    date: str | None
    actor: str | None
    concept: str | None
    agreement: int
    text: str
    actor_type: str
    actor_sector: str
    speaker_is_author: bool
    kind: str
    target: str | None
    target_type: str | None
    target_sector: str | None
    confidence: float
    title: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_concept(self, concept: str | None, suffix: str = "") -> Statement:
        return replace(self, concept=concept, statement_id=self.statement_id + suffix)


def parse_day(value: str | None, *, end: bool = False) -> dt.date | None:
    """``2024``, ``2024-05`` or ``2024-05-17`` as a date (the first day, or with ``end`` the last)."""
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 12, 31) if end else dt.date(numbers[0], 1, 1)
        if len(numbers) == 2:
            first = dt.date(numbers[0], numbers[1], 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if len(numbers) == 3:
            return dt.date(*numbers)
    except ValueError:
        pass
    raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def day_of(published: str | None) -> dt.date | None:
    """The calendar day of a stored ``published`` timestamp (ISO 8601), or ``None``."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _actor_info(record: dict) -> dict[str, dict]:
    info: dict[str, dict] = {}
    for actor in record.get("actors", []):
        if actor.get("canonical"):
            info.setdefault(actor["canonical"], actor)
    return info


def _who(name: str | None, is_author: bool, author: str | None, actors: list[dict], info: dict[str, dict],
         start: int, end: int) -> tuple[str | None, str, str, bool]:
    """(speaker, type, sector, is the post's author) for a holder/critic string."""
    if is_author or not name or name == AUTHOR:
        return (author or None), ("author" if author else UNKNOWN), UNKNOWN, True
    canonical = resolve_actor(name, actors, start, end)
    if canonical is not None:
        actor = info[canonical]
        return canonical, actor.get("type", UNKNOWN), actor.get("sector", UNKNOWN), False
    return name, UNKNOWN, UNKNOWN, False


def statements_from_record(document: str, date: str | None, title: str, author: str | None, record: dict) -> list[Statement]:
    """The statements of one analysed post, in text order."""
    actors = [a for a in record.get("actors", []) if a.get("canonical")]
    info = _actor_info(record)
    found: list[Statement] = []
    for kind, group, who_key, agreement in (("claim", "claims", "holder", 1), ("critique", "critiques", "critic", -1)):
        for span in record.get(group, []):
            start, end = int(span.get("start", 0)), int(span.get("end", 0))
            speaker, speaker_type, sector, is_author = _who(
                span.get(who_key), bool(span.get(f"{who_key}_is_author")), author, actors, info, start, end)
            target = target_type = target_sector = None
            if kind == "critique" and span.get("target"):
                canonical = resolve_actor(span["target"], actors, start, end)
                if canonical is not None and canonical != speaker:
                    target, target_type, target_sector = canonical, info[canonical].get("type", UNKNOWN), info[canonical].get("sector", UNKNOWN)
                else:
                    target, target_type, target_sector = span["target"], "concept", None
            found.append(Statement(
                statement_id=f"{document}#{start}", document=document, date=date, actor=speaker, concept=None,
                agreement=agreement, text=span.get("text", ""), actor_type=speaker_type, actor_sector=sector,
                speaker_is_author=is_author, kind=kind, target=target, target_type=target_type,
                target_sector=target_sector, confidence=round(float(span.get("score") or 0.0), 4), title=title,
                start=start, end=end))
    return _carry_reported_speech(sorted(found, key=lambda s: s.start), record.get("sentences", []))


def _carry_reported_speech(statements: list[Statement], sentences: list[dict]) -> list[Statement]:
    starts = [int(s["start"]) for s in sentences]

    def sentence_index(offset: int) -> int:
        return max((i for i, start in enumerate(starts) if start <= offset), default=0)

    out: list[Statement] = []
    previous: Statement | None = None
    for statement in statements:
        if (statement.speaker_is_author and previous is not None and not previous.speaker_is_author and previous.actor
                and sentence_index(statement.start) - sentence_index(previous.start) <= CARRY_SENTENCES
                and is_reported_speech(statement.text)):
            statement = replace(statement, actor=previous.actor, actor_type=previous.actor_type,
                                actor_sector=previous.actor_sector, speaker_is_author=False)
        out.append(statement)
        if not statement.speaker_is_author and statement.actor:
            previous = statement
    return out


def corpus_statements(records: Iterable[tuple[Any, dict | None]], *, since: str | None = None,
                      until: str | None = None) -> list[Statement]:
    """Statements of stored ``(post, record)`` pairs; ``since``/``until`` (inclusive days) keep only
    dated posts in that range."""
    first, last = parse_day(since), parse_day(until, end=True)
    out: list[Statement] = []
    for post, record in records:
        if not record:
            continue
        if first or last:
            day = day_of(post.published)
            if day is None or (first and day < first) or (last and day > last):
                continue
        out.extend(statements_from_record(post.id, post.published, post.title, post.author, record))
    return out


def statement_rows(statements: Iterable[Statement]) -> Iterator[dict[str, Any]]:
    for statement in statements:
        row = statement.to_dict()
        yield {column: row[column] for column in STATEMENT_COLUMNS}


def statements_frame(statements: Iterable[Statement]) -> Any:
    """A pandas DataFrame with ``STATEMENT_COLUMNS`` (``date`` parsed, timezone-aware)."""
    import pandas as pd

    frame = pd.DataFrame(list(statement_rows(statements)), columns=list(STATEMENT_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"], utc=True, errors="coerce")
    return frame
