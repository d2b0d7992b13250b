"""spaCy component ``textmine_actors``: who acts, speaks or is acted upon.

spaCy's NER knows PER/ORG/LOC/MISC and nothing of collective actors ("Wohlfahrtsverbände",
"Nutzer/innen"), and the offline pipeline has no NER at all. This component combines

* a gazetteer of named actors of the field and organisation-name patterns (``lexicons/``),
* persons: NER ``PER`` where present; else first name + surname, titled names, the authors of
  citations (``doc.spans["citations"]``) and bibliography entries; later surname-only mentions
  ("Lember") take the fullest form seen in the post ("Veiko Lember"),
* collective actors by lemma and compound head, plural/case/gender folded to one singular.

It writes ``doc.spans["actors"]`` with ``canonical``, ``actor_type`` and ``sector``; nothing inside
a bibliography becomes an actor (journals and publishers there are not actors). It works on the
characters of ``doc.text``, so it gives the same answer with any tokenizer.
"""
from __future__ import annotations

import bisect
import functools
import re

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from textmine.nlp.actors import context as actor_context
from textmine.nlp.actors import patterns as patterns
from textmine.nlp.actors.canonical import LEXICON_DIR, load_stopwords, read_words
from textmine.nlp.actors.patterns import Candidate
from textmine.nlp.common.names import strip_genitive
from textmine.nlp.contract import ACTORS, BIBLIOGRAPHY, CITATIONS, REFERENCES, require_groups
from textmine.nlp.extensions import component_assigns, register_extensions
from textmine.nlp.serialization import read_settings, write_settings

GROUP = ACTORS
NER_TYPES = {"PER": "person", "PERSON": "person", "ORG": "organisation"}


@Language.factory(
    "textmine_actors", default_config={"use_ner": True}, assigns=component_assigns(ACTORS),
    # The citation component's spans: cited and listed authors are persons, nothing in a bibliography
    # is an actor.
    requires=["doc.spans", "span._.textmine_authors", "span._.textmine_editors"],
)
def make_component(nlp: Language, name: str, use_ner: bool):
    register_extensions()
    return ActorComponent(use_ner=use_ner)


class ActorComponent:
    """Finds actor mentions and writes them to ``doc.spans["actors"]``."""

    def __init__(self, use_ner: bool = True) -> None:
        self.use_ner = use_ner

    def to_disk(self, path, *, exclude=()) -> None:  # noqa: ANN001 - spaCy's signature
        write_settings(Path(path), {"use_ner": self.use_ner})

    def from_disk(self, path, *, exclude=()) -> "ActorComponent":  # noqa: ANN001
        self.use_ner = bool(read_settings(Path(path)).get("use_ner", self.use_ner))
        return self

    def __call__(self, doc: Doc) -> Doc:
        require_groups(doc, "textmine_actors", (CITATIONS,), "textmine_citations")
        text = doc.text  # Doc.text joins every token: build it once per doc
        candidates = find_candidates(doc, use_ner=self.use_ner, text=text)
        resolved = resolve_overlaps(candidates)
        resolved = actor_context.person_sectors(text, resolved, candidates)
        resolved = actor_context.guess_person_sectors(text, resolved)
        resolved = actor_context.localise_federal(text, resolved)
        resolved = actor_context.resolve_bare_heads(resolved)
        doc.spans[GROUP] = list(to_spans(doc, resolved))
        return doc


def find_candidates(doc: Doc, use_ner: bool = True, text: str | None = None) -> list[Candidate]:
    """Every actor candidate of the doc, overlapping ones included, none inside a bibliography
    (``text``: ``doc.text`` when the caller has built it already)."""
    text = doc.text if text is None else text
    zones = _bibliography_zones(doc, text)
    candidates: list[Candidate] = []
    candidates += patterns.find_gazetteer(text)
    candidates += patterns.find_org_patterns(text)
    candidates += patterns.find_collectives(text)
    candidates += patterns.find_learnt(text)
    if use_ner:
        candidates += _ner_candidates(doc)
    candidates += _person_candidates(doc, zones, candidates, text)
    candidates += patterns.find_abbreviations(text, candidates)
    candidates += patterns.find_acronyms(text, candidates)
    candidates = _adjectives_outside_names(candidates)
    candidates += _roles_as_persons(text, candidates)
    candidates = _drop_roles_before_names(text, candidates)
    candidates += [c for c in patterns.find_compound_prefixes(text)
                   if not any(o.start < c.end and c.start < o.end for o in candidates)]  # not in "Caritas-Einrichtungen"
    ner_spans = {(ent.start_char, ent.end_char) for ent in doc.ents} if doc.has_annotation("ENT_IOB") else None
    return [c for c in candidates if not patterns.in_zones(c.start, c.end, zones)
            and (c.source not in ("gazetteer", "learnt") or actor_context.keep_ambiguous(text, c, ner_spans))]


#: A singular role noun right before a person's name: "Bundesfamilienministerin Lisa Paus".
ROLE_BEFORE = re.compile(r"(?<![\w\-])(?P<role>[A-ZÄÖÜ][\w\-]*[a-zäöüß])[ \u00a0]$")


def _roles_as_persons(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Later mentions of a person by the role noun once written before their name: after
    "Bundesfamilienministerin Lisa Paus", "die Bundesfamilienministerin" is Lisa Paus (her sector is
    settled later, by her canonical name). A role written before two different persons names neither."""
    roles: dict[str, set[str]] = {}
    before_names: set[int] = set()
    for candidate in candidates:
        if candidate.actor_type != "person" or " " not in candidate.canonical:
            continue
        match = ROLE_BEFORE.search(text, max(0, candidate.start - 60), candidate.start)
        if match is None:
            continue
        role = match.group("role")
        hit = patterns.match_collective(role)
        if hit is None or not hit.person or patterns.fold_gender(role) != role:
            continue
        feminine = role.endswith("in") and not role.endswith(("ein", "ain"))
        if feminine or role.lower() == hit.canonical.lower().rsplit("-", 1)[-1] or role == hit.canonical:
            roles.setdefault(role, set()).add(candidate.canonical)
            before_names.add(match.start("role"))
    found = []
    for role, names in roles.items():
        if len(names) != 1:
            continue
        (name,) = names
        for match in re.finditer(rf"(?<![\w\-]){re.escape(role)}(?![\w\-])", text):
            if match.start() not in before_names:
                found.append(Candidate(match.start(), match.end(), name, "person", "unknown", "person"))
    return found


def _adjectives_outside_names(candidates: list[Candidate]) -> list[Candidate]:
    """ "das bayerische Innenministerium": a collective that took an adjective into its canonical
    form must not outgrow a name found on its noun (the name and its own rules win)."""
    name_ends = {c.end: c.start for c in candidates if c.source not in ("collective", "acronym")}
    return [c for c in candidates
            if not (c.source == "collective" and " " in c.canonical and c.end in name_ends and name_ends[c.end] > c.start)]


def _drop_roles_before_names(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """ "Sozialpädagogin Anna Schmidt", "Armutsforscherin Schmidt": the person is the actor, not
    a collective "Sozialpädagoge" beside her."""
    person_starts = {c.start for c in candidates if c.actor_type == "person"}
    kept = []
    for candidate in candidates:
        if candidate.source == "collective" and candidate.actor_type == "collective":
            gap = len(text) - len(text[candidate.end :].lstrip(" "))
            if gap > candidate.end and gap in person_starts and patterns.is_role_word(text[candidate.start : candidate.end]):
                continue
        kept.append(candidate)
    return kept


def resolve_overlaps(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Longest candidate wins; at equal length the more specific source (gazetteer first)."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), patterns.PRIORITY[c.source], c.start))
    # The winners never overlap, so kept sorted by start only the neighbours need checking.
    starts: list[int] = []
    taken: list[Candidate] = []
    for candidate in ordered:
        i = bisect.bisect_left(starts, candidate.start)
        if i > 0 and taken[i - 1].end > candidate.start:
            continue
        if i < len(taken) and taken[i].start < candidate.end:
            continue
        starts.insert(i, candidate.start)
        taken.insert(i, candidate)
    return taken


def to_spans(doc: Doc, candidates: Iterable[Candidate]) -> Iterator[Span]:
    """Spans aligned to tokens (expanding), one per token range."""
    seen: set[tuple[int, int]] = set()
    for candidate in candidates:
        span = doc.char_span(candidate.start, candidate.end, label=candidate.actor_type, alignment_mode="expand")
        if span is None or (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        span._.textmine_canonical = candidate.canonical
        span._.textmine_actor_type = candidate.actor_type
        span._.textmine_sector = candidate.sector
        yield span


def _bibliography_zones(doc: Doc, text: str) -> list[tuple[int, int]]:
    zones = patterns.bibliography_zones(text)
    for group in (BIBLIOGRAPHY, REFERENCES):
        if group in doc.spans:
            zones += [(span.start_char, span.end_char) for span in doc.spans[group]]
    return zones


#: Coarse tags of tokens that make an entity a name rather than a common noun the NER mislabelled.
NAME_POS = {"PROPN", "X"}


def _ner_candidates(doc: Doc) -> Iterator[Candidate]:
    """PER and ORG entities of the statistical NER that look like names: at least one proper-noun
    (or all-caps) token when the doc is tagged, no role noun as the whole person ("Bundesministerin");
    organisations get the sector their name words give (``corporate_author``), else "unknown", which
    the sector model (``context.guess_person_sectors``: context and name words) replaces later."""
    stopwords = load_stopwords()
    tagged = doc.has_annotation("POS")
    for ent in doc.ents:
        actor_type = NER_TYPES.get(ent.label_)
        ent = _first_line(ent)
        if actor_type is None or ent is None or ent.text in stopwords or not ent.text[:1].isupper():
            continue
        if tagged and not any(t.pos_ in NAME_POS or (t.is_upper and len(t) > 1) for t in ent):
            continue
        if all(t.text.lower() in stopwords or t.text.capitalize() in stopwords for t in ent) or LAW.fullmatch(ent.text):
            continue  # "UND", "VON WELFARE" in headings; "DSGVO", "KJHG" are laws
        if actor_type == "person":
            if len(ent) == 1 and ent[0].is_title and not patterns.is_role_word(ent.text):
                ent = _join_split_name(ent)
            if len(ent) == 1 and (patterns.is_role_word(ent.text) or not ent[0].is_title or not _after_title_or_role(ent)):
                continue  # a lone capitalised word is a name only after "Frau", "Dr.", "Ministerin" …
            if len(ent) > 1 and patterns.match_collective(ent[-1].text) is not None:
                continue  # "Arnsteins Leiter": a common noun is no surname
            # Source "ner": the person finder re-emits it with the post's fullest name and its sector.
            yield Candidate(ent.start_char, ent.end_char, ent.text, actor_type, "unknown", "ner")
            continue
        canonical = _nominative(ent)
        entry = patterns.corporate_author(canonical)
        sector = entry.sector if entry is not None else "unknown"
        yield Candidate(ent.start_char, ent.end_char, canonical, actor_type, sector, "ner")


#: Words before a lone surname that make it a person: "Frau Bentele", "Dr. Kron", "laut Ministerin Paus".
TITLES = frozenset({"Frau", "Herr", "Herrn", "Dr.", "Prof.", "Professor", "Professorin"})


SPEECH_CUES_FILE = LEXICON_DIR / "speech_cues.txt"


@functools.lru_cache(maxsize=2)
def _speech_cues(path: Path = SPEECH_CUES_FILE) -> frozenset[str]:
    return frozenset(read_words(path)) if path.exists() else frozenset()


def _after_title_or_role(ent: Span) -> bool:
    """True when a one-word entity stands after a title or a role noun or beside a word of reported
    speech ("sagt Weber-Kehr", "Anni meint"): elsewhere the NER alone mislabels "Diensthandy",
    "Minijob" (surnames after a full name are found by the person finder anyway)."""
    doc = ent.doc
    previous = doc[ent.start - 1].text if ent.start > 0 else ""
    following = doc[ent.end].text if ent.end < len(doc) else ""
    cues = _speech_cues()
    return previous in TITLES or patterns.is_role_word(previous) or previous.lower() in cues or following in cues


def _join_split_name(ent: Span) -> Span:
    """ "Wieland" + "Bögel", "MacKenzie" + "Scott": a one-word person entity and a neighbouring
    capitalised word on the same line that is no known noun or function word are one name."""
    doc, stopwords = ent.doc, load_stopwords()

    def name_like(token) -> bool:  # noqa: ANN001 - a spaCy Token
        return (token.is_title and token.is_alpha and token.text not in stopwords and "\n" not in token.whitespace_
                and patterns.match_collective(token.text) is None and token.pos_ in NAME_POS | {""})

    if ent.end < len(doc) and name_like(doc[ent.end]) and "\n" not in doc[ent.end - 1].whitespace_:
        return doc[ent.start : ent.end + 1]
    if ent.start > 0 and name_like(doc[ent.start - 1]):
        return doc[ent.start - 1 : ent.end]
    return ent


#: Abbreviated laws and regulations: "KJHG", "PUEG", "SGB", "DSGVO".
LAW = re.compile(r"[A-ZÄÖÜ]{2,}(?:G|GB|VO)")


def _first_line(ent: Span) -> Span | None:
    """The part of an entity before a line break ("Stiftung\n\nStandpunkt" -> "Stiftung")."""
    for token in ent:
        if "\n" in token.text or "\n" in token.whitespace_ or token.is_space:
            end = token.i + (0 if token.is_space or "\n" in token.text else 1)
            return ent.doc[ent.start : end] if end > ent.start else None
    return ent


def _nominative(ent: Span) -> str:
    """ "des Bundesfinanzhofes" -> "Bundesfinanzhof", "des Sozialverbandes VdK" -> "Sozialverband VdK":
    the first noun of a name after a genitive article loses its genitive ending."""
    previous = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if previous not in {"des", "eines"}:
        return ent.text
    words = [t.text_with_ws for t in ent]
    for i, token in enumerate(ent):
        if token.is_upper or not token.is_title:
            continue
        if token.pos_ in {"ADJ", "DET"} and i + 1 < len(ent):
            continue
        text = token.text
        if text.endswith("es") and len(text) > 6 and text[-3] not in "aeiouäöü":
            text = text[:-2]
        elif text.endswith("s") and not text.endswith(("ss", "us", "is")):
            text = text[:-1]
        words[i] = text + token.whitespace_
        break
    return "".join(words).strip()


def _person_candidates(doc: Doc, zones: list[tuple[int, int]], found: list[Candidate], text: str) -> list[Candidate]:
    """Persons with one canonical name per surname: the fullest form seen in the post."""
    stopwords = load_stopwords()
    first_names = set(patterns.load_first_names())
    full_names: dict[str, str] = {}  # surname -> fullest name
    science: set[str] = set()  # surnames of cited or listed authors
    mentions: list[tuple[int, int]] = []

    def remember(name: str) -> None:
        surname = strip_genitive(name.split()[-1], full_names)
        name = name[: len(name) - len(name.split()[-1])] + surname
        if len(name) > len(full_names.get(surname, "")):
            full_names[surname] = name

    for first, last in _reference_names(doc):
        first_names.add(first)
        remember(f"{first} {last}")
        science.add(last.split()[-1])
    corporate: list[Candidate] = []
    for start, end, surname in _citation_authors(doc, first_names, text):
        organisation = patterns.corporate_author(surname, first_names)
        if organisation is not None:
            corporate.append(Candidate(start, end, organisation.canonical, "organisation", organisation.sector, "pattern"))
            continue
        remember(surname)
        science.add(surname.split()[-1])
        mentions.append((start, end))
    for candidate in found:
        if candidate.actor_type == "person":
            remember(candidate.canonical)
            mentions.append((candidate.start, candidate.end))
    for match in _overlapping(patterns.FULL_NAME, text, "last"):
        first, last = match.group("first"), match.group("last")
        if first in first_names and last.split()[-1] not in stopwords and not patterns.in_zones(match.start(), match.end(), zones):
            remember(f"{first} {last}")
            mentions.append((match.start(), match.end()))
    for match in patterns.TITLED_NAME.finditer(text):
        name = match.group("last")
        if name.split()[-1] not in stopwords:
            remember(name)
            mentions.append((match.start("last"), match.end()))
    for start, end in patterns.names_after_roles(text, first_names):
        remember(text[start:end])
        mentions.append((start, end))
    # Full names whose first name was learnt only from the bibliography, and surname-only mentions.
    surnames = patterns.surname_pattern(full_names)
    if surnames is not None:
        for match in surnames.finditer(text):
            start = match.start()
            before = text[max(0, start - 40) : start]
            first = _preceding_first_name(before, first_names)
            if first:
                start -= len(first) + 1
            mentions.append((start, match.end()))
    named_organisations = [(c.start, c.end) for c in found + corporate if c.actor_type == "organisation"]
    result = list(corporate)
    for start, end in mentions:
        if patterns.in_zones(start, end, named_organisations):
            continue
        surname = strip_genitive(text[start:end].split()[-1], full_names)
        canonical = full_names.get(surname, text[start:end])
        sector = "science" if surname in science else "unknown"
        result.append(Candidate(start, end, canonical, "person", sector, "person"))
    return result


def _overlapping(regex, text: str, restart_group: str):
    # "Nutzer Ulrich Dolata": after rejecting "Nutzer Ulrich" the search must restart at "Ulrich".
    pos = 0
    while (match := regex.search(text, pos)) is not None:
        yield match
        pos = match.start(restart_group)


def _preceding_first_name(before: str, first_names: set[str]) -> str | None:
    words = before.rstrip("\n").split(" ")
    if before.endswith(" ") and len(words) >= 2 and words[-2] in first_names:
        return words[-2]
    return None


def _reference_names(doc: Doc) -> list[tuple[str, str]]:
    """(first name, surname) pairs of the authors and editors in the references group."""
    names: list[tuple[str, str]] = []
    for span in doc.spans.get(REFERENCES, ()):
        for person in list(span._.textmine_authors or []) + list(span._.textmine_editors or []):
            last, _, first = str(person).partition(",")
            first = first.strip().split(" ")[0] if first.strip() else ""
            if first and not first.endswith(".") and len(first) > 1:
                names.append((first, last.strip()))
    return names


def _citation_authors(doc: Doc, first_names: set[str], text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, surname) of the authors of the citation component's in-text citations; not the
    last word of a title ("Smart City (2017)")."""
    for span in doc.spans[CITATIONS]:
        if span._.textmine_kind == "narrative" and patterns.title_word_before(text, span.start_char, first_names):
            continue
        by_name: dict[str, int] = defaultdict(int)
        for author in span._.textmine_authors or []:
            surname = str(author).partition(",")[0].strip()
            if not surname:
                continue
            offset = span.text.find(surname, by_name[surname])
            if offset < 0:
                continue
            by_name[surname] = offset + len(surname)
            yield span.start_char + offset, span.start_char + offset + len(surname), surname
