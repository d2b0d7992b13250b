"""Pure string functions: German author-year citations, quotations and bibliography entries.

Usable without spaCy (like textacy's ``extract`` functions): :func:`extract` takes a post text and
returns character offsets plus parsed fields. Every scan is linear in the text: parentheses and
quote marks are paired by one pass with a stack, and the per-citation regexes only ever see one
bounded parenthesis or a bounded window before it, so adversarial input cannot make them backtrack.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from textmine.nlp.citations.lexicon import CitationLexicons, load_lexicons
from textmine.nlp.common.names import UPPER, strip_genitive
from textmine.nlp.citations.quote_kind import quote_kind

#: The longest parenthesis content parsed as citations, and how far back a name is looked for.
MAX_PAREN = 1000
NAME_WINDOW = 120
CONTEXT_WINDOW = 300
MAX_QUOTE = 3000

YEAR = r"(?:1[5-9]|20)\d\d"
YEAR_RE = re.compile(r"(?<![\w/.\-–])(" + YEAR + r")([a-e])?(?:/[a-e](?![\w/\-–]))?(?![\w/\-–])")  # "2020a/b"
NO_YEAR_RE = re.compile(r"o\.\s?J\.")
PAGE_RE = re.compile(
    r"(?:(?:S\.|Seiten?|pp?\.)\s*)?"
    r"(o\.\s?S\.|\d+(?:\s*[-‐‑‒–—]\s*\d+)?(?:\s?ff?\.?(?!\w))?|[IVXLC]+(?!\w))"
)
SEP_RE = re.compile(r"\s*([,:;]|\bund\b|&)?\s*")
TOKEN_RE = re.compile(r"[\w’'.\-]+|[/&,]")
UPPER_RE = re.compile(r"[" + UPPER + r"]")
NAME_WORD_RE = re.compile(r"(?:[" + UPPER + r"]|[OD][’']|Mc|Mac)[\w’'\-.*]*$")  # "Autor*innengruppe"
ETAL_RE = re.compile(r"\s*(?:et\.?\s?al\.?|u\.\s?a\.|ua\.|and others|und andere)\s*$")
HYPHEN_BREAK_RE = re.compile(r"(\w)-\s+([a-zäöüß])")
SLASH_SPACE_RE = re.compile(r"\s*/\s*")
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:/|&|;|\bund\b|\band\b|,)\s*")
ADJECTIVE_RE = re.compile(r"(?:isch|lich|sch|al|ig)(?:e|es|er|en)$")
SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[" + UPPER + r"„“\"»])")
CAPITAL_WORD_RE = re.compile(r"(?<![\w’'])[" + UPPER + r"][\w’'\-]*")
SLASH_GROUP_RE = re.compile(r"[" + UPPER + r"][\w’'\-]+(?:\s?/\s?[" + UPPER + r"][\w’'\-]+)+")
QUOTE_CHAR_RE = re.compile(r"[„“”»«\"\n]")
PAREN_CHAR_RE = re.compile(r"[()\[\]]|\n[ \t]*\n")
CLOSING = {")": "(", "]": "["}
OPENERS = {"„": "“”", "“": "”“", "»": "«", "«": "»", '"': '"'}
LOWER_NAME_WORDS = frozenset("für der die des das und im am an in of the for and e.V. gGmbH".split())


@dataclass
class Citation:
    """One in-text citation: character offsets into the text and the parsed source."""

    start: int
    end: int
    kind: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    pages: str | None = None
    reference: int | None = None
    year_suffix: str = ""
    page_only: bool = False  # "(S. 2)": a page of the source cited before


@dataclass
class Quote:
    """A quoted string; ``kind`` is "quote" (running text someone said or wrote), "title" or "term"."""

    start: int
    end: int
    source: str | None = None
    kind: str = "quote"


@dataclass
class Reference:
    """One bibliography entry, parsed; ``authors`` and ``editors`` as written ("Lember, Veiko")."""

    start: int
    end: int
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    title: str | None = None
    container: str | None = None
    editors: list[str] = field(default_factory=list)
    publisher: str | None = None
    place: str | None = None
    pages: str | None = None
    year_suffix: str = ""


@dataclass
class Extraction:
    citations: list[Citation]
    quotes: list[Quote]
    references: list[Reference]
    bibliography: list[tuple[int, int]]


# --------------------------------------------------------------------------- small helpers

def repair_hyphenation(name: str) -> str:
    """Undo PDF line-break hyphens and slash spacing: "Lind- ner/ Kaiser" -> "Lindner/Kaiser"."""
    return SLASH_SPACE_RE.sub("/", HYPHEN_BREAK_RE.sub(r"\1\2", name))


PAGE_DASH_RE = re.compile(r"\s*[-‐‑‒–—]\s*")


def clean_pages(pages: str) -> str:
    """The one normal form of ``pages``: as written, without spaces, with "-" for any dash and no
    final abbreviation dot ("31 f." -> "31f", "14 ff." -> "14ff", "55–72" -> "55-72"; "o. S." ->
    "o.S."), so that the same page reference compares equal however it was typed."""
    pages = PAGE_DASH_RE.sub("-", pages.strip())
    pages = re.sub(r"\s+", "", pages)
    if pages.endswith(".") and not pages.endswith("S."):
        pages = pages[:-1]
    return pages


def surname_key(name: str) -> str:
    """Comparable surname: "Lember, Veiko" / "V. Lember" / "Lember" -> "lember"."""
    name = name.split(",")[0].strip() if "," in name else name.strip()
    words = name.replace("’", "'").split()
    return words[-1].lower().strip(".") if words else ""


def _is_name_word(word: str, lex: CitationLexicons) -> bool:
    return bool(NAME_WORD_RE.match(word)) and word not in lex.non_authors and not word.isdigit()


def _has_thing_suffix(word: str, lex: CitationLexicons) -> bool:
    return word.lower().endswith(lex.non_author_suffixes)


# --------------------------------------------------------------------------- parentheses

def find_parens(text: str) -> list[tuple[int, int]]:
    """Innermost ``(...)`` and ``[...]`` pairs within one paragraph, as (open, close+1); one pass
    with a stack. A single line break may fall inside (hard-wrapped PDF text: "(Ken-\nnedy 2016)"),
    a blank line may not."""
    pairs: list[tuple[int, int]] = []
    stack: list[list[int]] = []  # [open position, has a child parenthesis]
    for match in PAREN_CHAR_RE.finditer(text):
        char, pos = match.group(), match.start()
        if char[0] == "\n":
            stack.clear()
        elif char in "([":
            if stack:
                stack[-1][1] = 1
            stack.append([pos, 0])
        elif stack and text[stack[-1][0]] == CLOSING[char]:
            open_pos, has_child = stack.pop()
            if not has_child and pos - open_pos - 1 <= MAX_PAREN:
                pairs.append((open_pos, pos + 1))
    if stack and not stack[-1][1] and len(text) - stack[-1][0] <= MAX_PAREN and text[stack[-1][0]] == "(":
        pairs.append((stack[-1][0], len(text)))  # a text cut off inside a parenthesis: "(Biebeler/Lesch, 2007"
    pairs.sort()
    return pairs


def skip_cues(text: str, pos: int, end: int, lex: CitationLexicons) -> tuple[int, bool, bool]:
    """Skip cue words ("vgl. auch", "vgl. hierzu:", "Quelle:"); say whether an explicit source cue
    was among them, and whether there was any cue."""
    explicit = cued = False
    match = lex.cue_re.match(text, pos, end)
    while match and match.end() > pos:
        explicit = explicit or match.group().endswith(":")
        cued = True
        pos = match.end()
        if cued and pos < end and text[pos] in ":,":
            pos += 1  # "vgl. hierzu: Butterwegge 2022"
        match = lex.cue_re.match(text, pos, end)
    while pos < end and text[pos].isspace():
        pos += 1
    return pos, explicit, cued


ORG_NAME_LINKS = frozenset("für der des die und im am beim zur zum von vom of the for and ,".split())
ORG_WORD_RE = re.compile(r"[\w’'\-.*]+|,")
LOWER_CORPORATE_RE = re.compile(r"[a-zäöüß][\w\-.]*[\w]$")


def corporate_author(text: str, lex: CitationLexicons) -> str | None:
    """A corporate author whose name holds commas or "und", kept whole: "Bundesministerium für
    Familie, Senioren, Frauen und Jugend", "Statistische Ämter des Bundes und der Länder"."""
    words = ORG_WORD_RE.findall(text)
    head = next((i for i, w in enumerate(words) if lex.org_head(w) or w in lex.corporate_heads), None)
    if head is None or head + 2 >= len(words) or words[head + 1] not in ORG_NAME_LINKS:
        return None
    if not all(UPPER_RE.match(w) for w in words[:head + 1]) or not UPPER_RE.match(words[-1]):
        return None
    for index in range(head + 1, len(words)):
        word = words[index]
        if not (UPPER_RE.match(word) or word in ORG_NAME_LINKS or (  # "für politische Bildung"
                ADJECTIVE_RE.search(word) and index + 1 < len(words) and UPPER_RE.match(words[index + 1]))):
            return None
    return re.sub(r"\s+", " ", text).strip()


def lowercase_author(text: str, lex: CitationLexicons, cued: bool) -> str | None:
    """A corporate author written in lower case: "betterplace lab" (after a cue such as "vgl."),
    "dbb" (one word); None when a word is one that stands before years ("ab", "seit", "ca.")."""
    words = text.split()
    if not words or len(words) > (3 if cued else 1) or (not cued and len(words[0]) > 4):
        return None  # without a cue only a short name such as "dbb", "dlf"
    if any(not LOWER_CORPORATE_RE.match(w) or w.lower() in lex.lowercase_non_authors or len(w) < 2 for w in words):
        return None
    return " ".join(words)


def parse_authors(raw: str, lex: CitationLexicons, explicit: bool, cued: bool = False) -> list[str] | None:
    """Authors of a parenthetical citation ("de Vries/Lindner", "Statistisches Bundesamt"), or None."""
    text = repair_hyphenation(raw).strip().rstrip(",").strip()
    text = ETAL_RE.sub("", text).strip().rstrip(",").strip()
    if not text or len(text) > 150 or any(char.isdigit() for char in text):
        return None
    whole = corporate_author(text, lex)
    if whole:
        return [whole]
    if not UPPER_RE.search(text):
        lower = lowercase_author(text, lex, cued)
        return [lower] if lower else None
    parts = [part for part in AUTHOR_SPLIT_RE.split(text) if part]
    if not parts:
        return None
    for index, part in enumerate(parts):
        words = part.split()
        if not any(UPPER_RE.match(word) for word in words):
            return None
        if not (UPPER_RE.match(words[0]) or words[0] in lex.particles):
            return None
        for word in words:
            if UPPER_RE.match(word):
                if not _is_name_word(word, lex):
                    return None
            elif word not in lex.particles and word not in LOWER_NAME_WORDS:
                return None
        links = [w for w in words if w in LOWER_NAME_WORDS and w not in lex.particles and w not in ("e.V.", "gGmbH")]
        if links and not explicit and not any(lex.org_head(w) or w in lex.corporate_heads for w in words):
            return None  # "Institut für X" is an author, "(Hochwasser in Ahrweiler 2021)" is not
        if part in lex.places and (index > 0 or len(parts) == 1):
            return None  # "Beltz, Weinheim 2012": a publisher line, "(Berlin 2019)": a place
        if not explicit and _has_thing_suffix(words[-1], lex):
            return None
    return [_surname_part(part, lex) for part in parts]


def _surname_part(part: str, lex: CitationLexicons) -> str:
    """A person cited with a first name is reported by surname, as the others are: "(Friedrich
    Schiller)" -> "Schiller", "(Hiltrud von Spiegel 2018)" -> "von Spiegel"; organisations stay."""
    words = part.split()
    if len(words) < 2 or words[0] not in lex.first_names or any(lex.org_head(w) for w in words):
        return part
    index = 0
    while index < len(words) - 1 and words[index] in lex.first_names:
        index += 1
    return " ".join(words[index:])


def parse_year_items(text: str, pos: int, end: int) -> tuple[list[dict], int]:
    """Years and their pages from ``pos`` (which is at a year): "2006, 2009", "2018: 4, 7"."""
    items: list[dict] = []
    match = YEAR_RE.match(text, pos, end)
    while match:
        item = {"year": int(match.group(1)), "suffix": match.group(2) or "", "start": match.start(),
                "end": match.end(), "pages": None}
        items.append(item)
        pos = match.end()
        match = None
        while pos < end:
            sep = SEP_RE.match(text, pos, end)
            after = sep.end()
            year = YEAR_RE.match(text, after, end)
            if year and sep.group(1) in (",", ";", "und", "&"):
                match = year
                break
            page = PAGE_RE.match(text, after, end)
            if page and (sep.group(1) in (",", ":") or text[after:after + 2] == "S."):
                if item["pages"] is None:
                    item["pages_start"] = page.start(1)
                item["pages"] = clean_pages(text[item["pages_start"]:page.end()])
                item["end"] = page.end()
                pos = page.end()
                continue
            break
    return items, pos


URL_POINTER_RE = re.compile(r"(?:https?://|www\.)(?:www\.)?([^/\s)\]]+)[^\s)\]]*\s*$")
PAGE_ONLY_RE = re.compile(r"(?:S\.|Seiten?)\s*(\d+(?:\s*[-‐‑‒–—]\s*\d+)?(?:\s?ff?\.?)?)"
                          r"(?:\s+(?:des|der|im|in|dieses|dieser)\s+[" + UPPER + r"][\w\-]*)?\s*$")


def _names_after_lead_in(text: str, pos: int, stop: int, lex: CitationLexicons, explicit: bool,
                         cued: bool) -> tuple[int, list[str]] | None:
    """(start, authors) when lead-in words come before the names ("eine Diskussion bei Weber/Roth",
    "die Beiträge in Hammerschmidt et al."), or when the names are a chapter's authors followed
    by the book they appeared in ("Klein/Roth, in Smith/Jones (eds.)": Klein and Roth)."""
    matches = list(lex.lead_in_re.finditer(text, pos, stop))
    for match in matches:
        word = match.group().strip().lower()
        if word == "in:" or (word == "in" and text[pos:match.start()].rstrip().endswith(",")):
            before = parse_authors(text[pos:match.start()], lex, explicit, cued)
            if before and parse_authors(text[match.end():stop], lex, explicit, cued):
                return pos, before
    # Names after a lead-in only where the parenthesis reads as a pointer: a cue ("vgl.", "s.") or
    # a lower-case start ("eine Diskussion bei …"); "(Hochwasser in Ahrweiler 2021)" is no citation.
    if not (cued or text[pos:pos + 1].islower()):
        return None
    for match in reversed(matches):
        authors = parse_authors(text[match.end():stop], lex, explicit, cued)
        if authors:
            return match.end(), authors
    return None


MAX_SKIPPED_SOURCES = 2


def _with_pages(text: str, year_pos: int, end: int) -> bool:
    """Whether the year at ``year_pos`` is followed by a page reference ("2015, S. 27")."""
    items, _ = parse_year_items(text, year_pos, end)
    return bool(items) and items[0]["pages"] is not None and bool(re.search(r"S\.|Seite|\bp\.", text[year_pos:end]))


def parse_segment(text: str, start: int, end: int, lex: CitationLexicons, bracket: bool = False) -> list[dict]:
    """Citations in one ``;``-separated part of a parenthesis (several when comma-chained).
    In square brackets (``bracket``) only citations that name their authors count."""
    page_only = PAGE_ONLY_RE.match(text, start + len(text[start:end]) - len(text[start:end].lstrip()), end)
    if page_only and not bracket:  # "(S. 2)": a page of the source cited before ("S." is no cue here)
        return [{"kind": "ibid", "start": start, "end": end, "authors": [], "year": None,
                 "pages": clean_pages(page_only.group(1)), "suffix": "", "page_only": True}]
    pos, explicit, cued = skip_cues(text, start, end, lex)
    if pos >= end:
        return []
    ibid = lex.ibid_re.search(text, pos, end)
    if ibid:
        authors = parse_authors(text[pos:ibid.start()], lex, explicit) if ibid.start() > pos else []
        if authors is not None:
            tail = re.match(r"[\s.,:]*", text[ibid.end():end])
            after = ibid.end() + tail.end()
            own_year = YEAR_RE.match(text, after, end)
            if own_year:  # "(ebd. 2021, S. 70)": the same author, a year of its own
                items, stop = parse_year_items(text, after, end)
                year, pages = items[0]["year"], items[0]["pages"]
            else:
                page = PAGE_RE.match(text, after, end)
                pages = clean_pages(page.group(1)) if page else None
                stop, year = (page.end() if page else ibid.end()), None
            return [{"kind": "ibid", "start": pos, "end": stop, "authors": authors, "year": year,
                     "pages": pages, "suffix": ""}]
    year = YEAR_RE.search(text, pos, end)
    if not year:
        if NO_YEAR_RE.search(text, pos, end):
            return []
        url = URL_POINTER_RE.match(text, pos, end) if cued else None
        if url:  # "(vgl. https://www.tagesschau.de/…)": the site is the source
            return [{"kind": "parenthetical", "start": pos, "end": end, "authors": [url.group(1)], "year": None,
                     "pages": None, "suffix": ""}]
        authors = parse_authors(text[pos:end], lex, explicit)
        if authors and not bracket:
            return [{"kind": "author_only", "start": pos, "end": end, "authors": authors, "year": None,
                     "pages": None, "suffix": ""}]
        return []
    author_text = text[pos:year.start()]
    if author_text.strip():
        authors = parse_authors(author_text, lex, explicit, cued)
        if authors is None and not explicit and _with_pages(text, year.start(), end):
            authors = parse_authors(author_text, lex, True, cued)  # "(Parallelbericht 2015, S. 27)"
        if authors is None:
            lead = _names_after_lead_in(text, pos, year.start(), lex, explicit, cued)
            if lead is None:
                return []
            pos, authors = lead
        kind = "parenthetical"
    elif bracket:
        return []
    else:
        authors, kind = [], "bare"
    items, stop = parse_year_items(text, year.start(), end)
    if kind == "bare" and text[stop:end].strip(" \t\n.,;:"):
        return []  # "(2022: 41 Prozent)": a year in a statement, not a pointer to a source
    found = []
    for index, item in enumerate(items):
        found.append({"kind": kind, "start": pos if index == 0 else item["start"], "end": item["end"],
                      "authors": list(authors), "year": item["year"], "pages": item["pages"],
                      "suffix": item["suffix"]})
    rest = re.match(r"\s*,\s*", text[stop:end])
    for _ in range(MAX_SKIPPED_SOURCES + 1):  # "(A 2020, dlf 2020, <unreadable> 2020, B/C 2020)"
        if not (rest and kind == "parenthetical"):
            break
        more = parse_segment(text, stop + rest.end(), end, lex)
        if more and more[0]["kind"] == "parenthetical":
            found.extend(more)
            break
        # skip one comma-separated source that cannot be read, up to its year
        year = YEAR_RE.search(text, stop + rest.end(), end)
        if year is None:
            break
        stop = year.end()
        rest = re.match(r"[^,;]*?,\s*", text[stop:end])
    return found


def parse_paren(text: str, open_pos: int, close_pos: int, lex: CitationLexicons) -> list[dict]:
    """All citations inside one parenthesis ``text[open_pos:close_pos]`` (brackets included)."""
    found: list[dict] = []
    seg_start = open_pos + 1
    inner_end = close_pos - 1 if text[close_pos - 1] in ")]" else close_pos  # cut off: no closing mark
    bracket = text[open_pos] == "["
    while seg_start <= inner_end:
        semi = text.find(";", seg_start, inner_end)
        seg_end = semi if semi >= 0 else inner_end
        for item in parse_segment(text, seg_start, seg_end, lex, bracket):
            if item["kind"] == "bare" and found and found[-1]["authors"]:
                item["authors"] = list(found[-1]["authors"])
                item["kind"] = found[-1]["kind"]
            found.append(item)
        seg_start = seg_end + 1
    if len(found) == 1:
        found[0]["start"], found[0]["end"] = open_pos, close_pos
    return found


# --------------------------------------------------------------------------- without parentheses

_PLAIN_NAME = r"(?:(?:van|von|de|der|den|du|da|di|le|la|ten|ter|zu)\s)?[" + UPPER + r"][\w’'\-]+"
PLAIN_CITATION_RE = re.compile(
    r"(?<![A-Za-zÄÖÜäöüß.])(?P<cue>[Vv]gl\.|[Ss]iehe|s\.|so|zit\.\s?n\.|zitiert nach|nach)\s+"
    r"(?P<names>" + _PLAIN_NAME + r"(?:\s*(?:/|&|\bund\b)\s*" + _PLAIN_NAME + r"){0,4}"
    r"(?:\s+(?:et\s?al\.|u\.\s?a\.))?),?\s+(?=" + YEAR + r"[a-e]?(?![\w/]))")
PAGE_CUES = frozenset({"so", "nach"})
#: A footnote line that is only a source: "12 Becker 2017, S. 34." (the number glued or spaced).
FOOTNOTE_LINE_RE = re.compile(
    r"(?m)^[ \t]*\d{1,3}[ \t]?(?P<names>" + _PLAIN_NAME + r"(?:\s*(?:/|&|\bund\b)\s*" + _PLAIN_NAME + r"){0,4}"
    r"(?:\s+(?:et\s?al\.|u\.\s?a\.))?),?\s+(?=" + YEAR + r"[a-e]?(?![\w/]))")


def find_plain_citations(text: str, lex: CitationLexicons, skip: list[tuple[int, int]]) -> list[dict]:
    """Author-year citations written without parentheses, after a cue: footnote lines
    ("115vgl. Becker 2017, S. 34-35"), "siehe Lember 2018", figure sources ("Quelle: eigene
    Darstellung nach Arnstein 1969: 217"), "so Dolata 2018: 101". After "so" and "nach", which
    are common words, a page reference is required too. ``skip``: sorted ranges already parsed."""
    found: list[dict] = []
    for match in PLAIN_CITATION_RE.finditer(text):
        if _inside(match.start(), skip):
            continue
        authors = parse_authors(match.group("names"), lex, explicit=False)
        if not authors:
            continue
        line_end = text.find("\n", match.end())
        items, _ = parse_year_items(text, match.end(), min(line_end if line_end >= 0 else len(text),
                                                          match.end() + 120))
        cue = match.group("cue").lower()
        if not items or (cue in PAGE_CUES and items[0]["pages"] is None):
            continue
        start = match.start("names") if cue in PAGE_CUES else match.start()
        found.extend(_plain_items(items, start, authors))
    for match in FOOTNOTE_LINE_RE.finditer(text):
        if _inside(match.start("names"), skip) or any(item["start"] <= match.start("names") < item["end"] for item in found):
            continue
        authors = parse_authors(match.group("names"), lex, explicit=False)
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        items, stop = parse_year_items(text, match.end(), line_end)
        if authors and items and not text[stop:line_end].strip(" \t."):  # the line holds the source only
            found.extend(_plain_items(items, match.start("names"), authors))
    return found


def _plain_items(items: list[dict], start: int, authors: list[str]) -> list[dict]:
    return [{"kind": "parenthetical", "start": start if index == 0 else item["start"], "end": item["end"],
             "authors": list(authors), "year": item["year"], "pages": item["pages"], "suffix": item["suffix"]}
            for index, item in enumerate(items)]


# --------------------------------------------------------------------------- narrative names

def _tokens_before(text: str, pos: int, width: int) -> list[tuple[int, int, str]]:
    line_start = text.rfind("\n", max(0, pos - width), pos) + 1
    window_start = max(line_start, pos - width)
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, window_start, pos)]


ORG_LINKS = frozenset("für der des im am an in zur zum von vom und of the for and , &".split())
ORG_ADJECTIVE_RE = re.compile(r"(?:isch|lich|sch|al|ig|ell|iv)(?:e|es|er|en|em)$")
ADJECTIVE_ENDINGS = {"m": "er", "n": "es", "f": "e"}
INFLECTING_DETERMINERS = frozenset("des dem den der vom beim zum zur eines einem einer".split())
MAX_ORG_TOKENS = 14


def corporate_name(text: str, tokens: list[tuple[int, int, str]], i: int, name: tuple[int, str],
                   lex: CitationLexicons, legal_end: int | None = None) -> tuple[int, str] | None:
    """A multi-word organisation ending in the name word ``name`` before a parenthesis, as (start,
    name in the nominative): "Energieagentur Musterland", "das Netzwerk Wohnungshilfe",
    "Bundesministerium für Arbeit und Soziales", "des Forschungslabors Teilhabe" ->
    "Forschungslabor Teilhabe". None unless an organisation head noun (or a legal form) is part of it;
    articles before it are dropped. ``tokens[i]`` is the token left of ``name``."""
    name_head = lex.org_head(name[1]) or name[1] in lex.corporate_heads
    k, head_at, steps = i, (i + 1 if name_head else None), 0
    while k >= 0 and steps < MAX_ORG_TOKENS:
        word = tokens[k][2]
        if word in ORG_LINKS:
            if head_at is not None:
                break  # links only inside the specifier: "Institut für X", not "Y und Institut X"
        elif (word.endswith(".") or not _is_name_word(word, lex) or word.lower() in lex.narrative_cues
              or word.lower() in lex.determiners or word in lex.first_names):
            break
        elif lex.org_head(word) or word in lex.corporate_heads:
            head_at = k
        k, steps = k - 1, steps + 1
    if head_at is None or head_at > i:
        if not (name_head or legal_end):
            return None
        first = k + 1
        while first <= i and tokens[first][2] in ORG_LINKS:
            first += 1  # no link words without a head on their left
    else:
        first = k + 1
    words = [tokens[j][2] for j in range(first, i + 1)] + [name[1]]
    if len(words) < 2 and not legal_end:
        return None  # a single word ("die Diakonie (2019)") is decided by the person rules
    end = legal_end if legal_end is not None else name[0] + len(name[1])
    start = tokens[first][0] if first <= i else name[0]
    determiner = tokens[first - 1][2].lower() if first >= 1 else ""
    return start, _nominative(text[start:end], lex, determiner)


def _nominative(org: str, lex: CitationLexicons, determiner: str) -> str:
    """The name as the organisation writes it, whatever case the sentence put it in: "des
    Paritätischen Gesamtverbands" / "der Paritätische Gesamtverband" / "laut Paritätischem
    Gesamtverband" -> "Paritätischer Gesamtverband"; only the head noun and the adjectives before
    it change."""
    words = org.split(" ")
    for index, word in enumerate(words):
        head = lex.org_head(word)
        if head is None:
            continue
        suffix, gender = head
        if determiner in ("des", "eines") and gender in "mn" and not word.lower().endswith(suffix):
            words[index] = word[: word.lower().rfind(suffix) + len(suffix)]
        for adj in range(index):
            adjective = words[adj]
            if not (UPPER_RE.match(adjective) and ORG_ADJECTIVE_RE.search(adjective)):
                continue
            if adjective.endswith("en") and determiner in INFLECTING_DETERMINERS:
                words[adj] = adjective[:-2] + ADJECTIVE_ENDINGS[gender]
            elif adjective.endswith("em") and gender in "mn":
                words[adj] = adjective[:-2] + ADJECTIVE_ENDINGS[gender]
            elif adjective.endswith("e") and gender in "mn" and determiner in ("der", "das", "die"):
                words[adj] = adjective[:-1] + ADJECTIVE_ENDINGS[gender]
        break
    return " ".join(words)


def _is_first_name(tokens: list[tuple[int, int, str]], i: int, lex: CitationLexicons) -> bool:
    """A listed first name, or a capitalised word between a narrative cue and a surname ("so
    Hiltrud von Spiegel", "laut Ines Roth"): unknown first names are read from their place."""
    word = tokens[i][2]
    if word in lex.first_names:
        return True
    return (i >= 1 and bool(NAME_WORD_RE.match(word)) and not word.endswith(".")
            and tokens[i - 1][2].lower() in lex.narrative_cues and tokens[i - 1][2][:1].islower()
            and lex.org_head(word) is None and word not in lex.non_authors)


def _first_names_before(tokens: list[tuple[int, int, str]], i: int, lex: CitationLexicons) -> int:
    """Index left of the first names ending at ``tokens[i]`` ("Hans Peter" in "Hans Peter Roth")."""
    while i >= 0 and _is_first_name(tokens, i, lex):
        i -= 1
    return i


GENITIVE_NEXT_RE = re.compile(r"\s*([\w’'\-]+)(?:\s+([\w’'\-]+))?")


def genitive_position(after: str) -> bool:
    """True when a noun follows, as after a genitive ("Putnams (2000) Sozialkapital", "Putnams (2000)
    viel zitierte These"); False before a verb or the sentence end ("Peters (2014) zeigt")."""
    match = GENITIVE_NEXT_RE.match(after)
    if match is None:
        return False
    first, second = match.group(1), match.group(2) or ""
    if UPPER_RE.match(first):
        return True
    return bool(re.search(r"(?:e|en|er|es|em)$", first)) and bool(UPPER_RE.match(second))


def adjacent_names(text: str, pos: int, lex: CitationLexicons, known: dict[str, str], after: str | None = None) -> dict | None:
    """The author group written right before a parenthesis at ``pos`` ("Dolata/Schrape (2018)",
    "Jürgen Blandow, Ulrich Gintzel und Peter Hansbauer (1999)", "Hiltrud von Spiegel (2018)").
    ``after`` is the text following the citation: a final "-s" is a genitive only before a noun."""
    before = pos - 1
    while before >= 0 and pos - before <= 4 and text[before] in " \t":
        before -= 1
    if before < 0 or not (text[before].isalpha() or text[before] in ".’'"):
        return None  # nothing name-like right before the parenthesis ("“(2018)", "((2019)")
    tokens = _tokens_before(text, pos, NAME_WINDOW)
    if not tokens or text[tokens[-1][1]:pos].strip() or pos - tokens[-1][1] > 3:
        return None
    i = len(tokens) - 1
    etal = False
    if tokens[i][2] in ("al.", "al") and i > 0 and tokens[i - 1][2] in ("et", "et."):
        i, etal = i - 2, True
    elif tokens[i][2].lower() in ("u.a.", "ua."):
        i, etal = i - 1, True
    elif tokens[i][2] == "a." and i > 0 and tokens[i - 1][2] == "u.":
        i, etal = i - 2, True
    legal_end = None
    if tokens[i][2] in lex.legal_forms and i > 0:  # "Verein Musterhilfe e.V. (2020)"
        legal_end, i = tokens[i][1], i - 1
    names: list[tuple[int, str]] = []
    name_spans: dict[int, int] = {}  # name index -> start of its first names
    seen_and = first_named = False
    particles = lex.narrative_particles
    while i >= 0:
        word_start, _, word = tokens[i]
        if word.endswith("."):
            break
        if i > 0 and word[:1].islower() and tokens[i - 1][2].endswith("-") and tokens[i - 1][1] < word_start:
            i -= 1  # "Lind- ner": a PDF line-break hyphen
            word_start, word = tokens[i][0], tokens[i][2][:-1] + word
        if not _is_name_word(word, lex):
            break
        i -= 1
        while i >= 0 and (tokens[i][2] in particles or (
                tokens[i][2] in lex.particles and i >= 1 and _is_first_name(tokens, i - 1, lex))):
            word_start, word = tokens[i][0], tokens[i][2] + " " + word  # "Hiltrud von Spiegel"
            i -= 1
        names.append((word_start, word))
        k = _first_names_before(tokens, i, lex)
        if k < i:  # the span keeps the first names; the author is the surname
            first_named, i = True, k
            name_spans[len(names) - 1] = tokens[k + 1][0]
        if i >= 1 and tokens[i][2] in ("/", "&", "und", "and") and UPPER_RE.match(tokens[i - 1][2]):
            seen_and = seen_and or tokens[i][2] != "/"
            i -= 1
            continue
        if i >= 1 and tokens[i][2] == "," and seen_and and UPPER_RE.match(tokens[i - 1][2]):
            i -= 1
            continue
        break
    if not names:
        return None
    group_start = name_spans.get(len(names) - 1, names[-1][0])
    names.reverse()
    authors = [name for _, name in names]
    strong = etal or first_named or len(authors) > 1 or any(a in known or a[:-1] in known for a in authors)
    demoted = False
    left = tokens[i][2] if i >= 0 else ""
    org = corporate_name(text, tokens, i, names[0], lex, legal_end) if len(authors) == 1 else None
    if len(authors) > 1:  # "Bundesministerium für Arbeit und Soziales": one name, not two authors
        last = next(j for j in range(len(tokens) - 1, -1, -1) if tokens[j][0] == names[-1][0])
        org = corporate_name(text, tokens, last - 1, names[-1], lex, legal_end)
        org = org if org is not None and org[0] < names[0][0] else None
    if org is not None:
        group_start, authors, strong = org[0], [org[1]], True
    elif len(authors) == 1 and authors[0] in lex.corporate_heads | {"Bundesamt"}:
        while i >= 0 and _is_name_word(tokens[i][2], lex) and tokens[i][2].lower() not in lex.narrative_cues:
            group_start = tokens[i][0]
            i -= 1
        authors = [text[group_start:names[0][0]] + names[0][1]] if group_start != names[0][0] else authors
        strong = True
    elif len(authors) == 1 and left and ADJECTIVE_RE.search(left) and UPPER_RE.match(left):
        group_start = tokens[i][0]
        authors = [left + " " + authors[0]]
        strong = True
    elif left in lex.first_names:
        strong = True
    elif left.lower() in lex.narrative_cues:
        strong = True
    elif not strong:
        last = authors[-1]
        before = tokens[i - 1][2].lower() if i >= 1 else ""
        if _has_thing_suffix(last, lex) or left.lower() in lex.determiners:
            return None
        if left[:1].islower() and re.search(r"(?:e|en|er|es|em)$", left) and before in lex.determiners:
            return None
        demoted = bool(left) and bool(UPPER_RE.match(left)) and not left.endswith((".", ":", "!", "?"))
    if after is None or genitive_position(after) or authors[-1][:-1] in known:
        authors[-1] = strip_genitive(authors[-1], known, keep=lex.s_surnames, guess=True)
    return {"start": group_start, "authors": authors, "strong": strong, "demoted": demoted}


def context_names(text: str, pos: int, lex: CitationLexicons, known: dict[str, str],
                  cache: dict | None = None) -> list[str] | None:
    """The author named last in the sentence before ``pos`` (for "…“(2018)" after "Veiko Lember …").

    ``cache`` carries the scan of the previous call forward, so that many bare years in a row
    cost linear time in total rather than one window each.
    """
    line_start = text.rfind("\n", max(0, pos - CONTEXT_WINDOW), pos) + 1
    window_start = max(line_start, pos - CONTEXT_WINDOW)
    prev = cache if cache and window_start <= cache.get("until", -1) <= pos else None
    scan_from = max(window_start, prev["until"] - 8) if prev else window_start
    sentence_start = max(prev["sentence_start"], window_start) if prev else window_start
    for boundary in SENTENCE_END_RE.finditer(text, scan_from, pos):
        sentence_start = max(sentence_start, boundary.end())
    best = prev["best"] if prev and prev["best"] and prev["best"][0] > sentence_start else None
    mention_from = max(sentence_start, scan_from - 80)
    for group in SLASH_GROUP_RE.finditer(text, mention_from, pos):
        names = SLASH_SPACE_RE.split(group.group())
        names[-1] = strip_genitive(names[-1], known, keep=lex.s_surnames, guess=True)
        if best is None or group.end() >= best[0]:
            best = (group.end(), names)
    previous = None
    for match in CAPITAL_WORD_RE.finditer(text, mention_from, pos):
        word, name = match.group(), None
        if word in known:
            name = known[word]
        elif word.endswith("s") and word[:-1] in known:
            name = known[word[:-1]]
        elif previous is not None and previous.group() in lex.first_names \
                and not text[previous.end():match.start()].strip() and _is_name_word(word, lex):
            name = strip_genitive(word, known, keep=lex.s_surnames, guess=True)
        if name and (best is None or match.end() > best[0]):
            # "Anna Beck und Tom Roth zusammen (2008)": the whole group the name ends
            group = adjacent_names(text, match.end(), lex, known, text[match.end():match.end() + 60])
            best = (match.end(), group["authors"] if group and len(group["authors"]) > 1 else [name])
        previous = match
    if cache is not None:
        cache.update(until=pos, sentence_start=sentence_start, best=best)
    return list(best[1]) if best else None


EARLIER_WINDOW = 500
EARLIER_SENTENCES = 3
PAIR_RE = re.compile(r"(?<![\w’'])([" + UPPER + r"][\w’'\-]+)(?:\s*/\s*|\s+(?:und|&)\s+)([" + UPPER + r"][\w’'\-]+)(?![\w’'])")
NOUN_SUFFIX_RE = re.compile(r"(?:ung|heit|keit|schaft|tion|ität|nis|tum|ismus|ik|ungen|heiten|keiten|schaften|"
                            r"tionen|täten|nisse|ierende|ende|enden|ierte|liche|lichen|ische|ischen)$")
PLURAL_ANAPHORA_RE = re.compile(r"\b(?:beiden?|autor\w*innen|autoren|verfasser\w*innen|forschenden)\b")


def _anaphor(sentence: str, lex: CitationLexicons) -> str | None:
    """"plural" / "singular" when the sentence refers back to an author ("Die Autorin …"), else None."""
    low = sentence.lower()
    for phrase in lex.anaphora:
        at = low.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                return "plural" if PLURAL_ANAPHORA_RE.search(low) or phrase in ("sie", "beide") else "singular"
            at = low.find(phrase, end)
    return None


def _person_like(word: str, lex: CitationLexicons) -> bool:
    return _is_name_word(word, lex) and not _has_thing_suffix(word, lex) and not NOUN_SUFFIX_RE.search(word.lower()) \
        and word.lower() not in lex.determiners and word.lower() not in lex.narrative_cues \
        and word.lower() not in PRONOUNS and lex.org_head(word) is None


def earlier_names(text: str, pos: int, lex: CitationLexicons, known: dict[str, str],
                  cache: dict | None = None) -> list[str] | None:
    """The author named in one of the few sentences before this one, in the same paragraph ("Nguyen
    und Roth … Sie … Die beiden Autorinnen … (2020, 108)"): the last known name or first-name +
    surname, and, after an anaphor such as "die Autorinnen", also a plain "X und Y" pair."""
    line_start = text.rfind("\n", max(0, pos - EARLIER_WINDOW), pos) + 1
    window_start = max(line_start, pos - EARLIER_WINDOW)
    bounds = [m.end() for m in SENTENCE_END_RE.finditer(text, window_start, pos)]
    if not bounds:
        return None
    sentence_start = bounds[-1]
    memo = cache.setdefault("earlier", {}) if cache is not None else {}
    if sentence_start in memo:
        return list(memo[sentence_start]) if memo[sentence_start] else None
    region_start = bounds[-1 - EARLIER_SENTENCES] if len(bounds) > EARLIER_SENTENCES else window_start
    anaphor = _anaphor(text[sentence_start:pos], lex)
    candidates: list[tuple[int, list[str]]] = []  # (end, names), in text order
    previous = None
    for match in CAPITAL_WORD_RE.finditer(text, region_start, sentence_start):
        word, name = match.group(), None
        if word in known:
            name = known[word]
        elif word.endswith("s") and word[:-1] in known:
            name = known[word[:-1]]
        elif previous is not None and previous.group() in lex.first_names \
                and not text[previous.end():match.start()].strip() and _person_like(word, lex):
            name = strip_genitive(word, known, keep=lex.s_surnames, guess=True)
        if name:
            candidates.append((match.end(), [name]))
        previous = match
    if anaphor == "plural":
        for pair in PAIR_RE.finditer(text, region_start, sentence_start):
            first, second = pair.group(1), pair.group(2)
            if _person_like(first, lex) and _person_like(second, lex):
                candidates.append((pair.end(), [first, strip_genitive(second, known, keep=lex.s_surnames, guess=True)]))
        candidates.sort(key=lambda item: item[0])
        plural = [c for c in candidates if len(c[1]) > 1]
        candidates = plural or candidates
    result = candidates[-1][1] if candidates else None
    memo[sentence_start] = result
    return list(result) if result else None


# --------------------------------------------------------------------------- quotes

def find_quotes(text: str) -> list[Quote]:
    """Quotations „…“, “…”, »…«, «…», "…" within one line, paired in one pass."""
    quotes: list[Quote] = []
    open_pos, closers = -1, ""
    for match in QUOTE_CHAR_RE.finditer(text):
        char, pos = match.group(), match.start()
        if char == "\n":
            open_pos = -1
            continue
        if open_pos >= 0 and pos - open_pos > MAX_QUOTE:
            open_pos = -1
        if open_pos >= 0 and char in closers:
            if pos > open_pos + 1:
                quotes.append(Quote(open_pos, pos + 1))
            open_pos = -1
        elif char in OPENERS and (open_pos < 0 or char in "„»") and (char in "„»«" or _opens(text, pos)):
            open_pos, closers = pos, OPENERS[char]
    return quotes


def _opens(text: str, pos: int) -> bool:
    """A mark that may open or close (" and “) opens only after a space or an opening bracket and
    before a word: in 'sogenannte "X-Gesetz" entpuppt', the mark after "Gesetz" opens nothing."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


# --------------------------------------------------------------------------- bibliography

NAME_PARTICLES = r"(?:(?:van|von|de|der|den|du|da|di|del|le|la|ten|ter|zu)\s)*"
INITIALS_FIRST_RE = re.compile(r"((?:[" + UPPER + r"]\.\s?-?\s?)+)\s*(" + NAME_PARTICLES + r"[" + UPPER + r"][\w’'\-]+)")


def surname_first(name: str) -> str:
    """APA editors are written initials first: "T. Baumann" -> "Baumann, T." (the entry's order)."""
    match = INITIALS_FIRST_RE.fullmatch(name)
    if match is None:
        return name
    return f"{match.group(2)}, {match.group(1).strip()}"


def split_names(raw: str) -> list[str]:
    """Bibliography names, surname first: "Brandsen, T./Steen, T." -> ["Brandsen, T.", "Steen, T."];
    "T. Baumann, K. Schulz & L. Meier" -> ["Baumann, T.", "Schulz, K.", "Meier, L."]."""
    raw = re.sub(r"\((?:Hrsg|Hg|Eds?|ed|eds)\.?\)", "", repair_hyphenation(raw))
    parts = re.split(r"\s*(?:/|;|&|\bund\b|\band\b|\bu\.\s)\s*|(?<=\.),\s+(?=[" + UPPER + r"])"
                     r"|(?<=[\w’']),\s+(?=(?:[" + UPPER + r"]\.\s?-?)+\s*" + NAME_PARTICLES + r"[" + UPPER + r"][\w’'\-]{2,})", raw)
    names = []
    for part in parts:
        part = part.strip().strip(",:").strip()
        if part.endswith(".") and not re.search(r"(?:^|[\s.\-])\w\.$", part):
            part = part[:-1]
        if part:
            names.append(surname_first(part))
    return names


APA_PAGES_RE = re.compile(
    r"\s*\((?:[^()]{0,40}?,\s*)?(?:S\.|pp?\.|Seiten?)\s*(\d+\s*[-‐‑‒–—]\s*\d+|\d+\s*ff?\.?|\d+)\s*\)")


def _split_publisher(tail: str, lex: CitationLexicons,
                     guess_publisher: bool = True) -> tuple[str, str | None, str | None, str | None]:
    """Split the end of an entry into (rest, publisher, place, pages)."""
    pages = None
    page = re.search(r"(?:,\s*|\.\s*|\s)(?:S\.|pp?\.|Seiten?)\s*(\d+\s*[-–]\s*\d+|\d+\s*ff?\.?|\d+)", tail)
    if page is None:
        page = re.search(r",\s*(\d+\s*[-–]\s*\d+)\.?\s*$", tail)
    if page:
        pages = clean_pages(page.group(1))
        tail = (tail[:page.start()] + tail[page.end():]).strip()
    tail = tail.strip().rstrip(".").strip()
    for note in lex.bib_notes:
        note = note.rstrip(".")
        if tail.lower().endswith(note):
            tail = tail[: len(tail) - len(note)].rstrip(" ,.;")
    place_pub = re.search(
        r"(?:^|[.,]\s+)([" + UPPER + r"][\w\-]*(?:(?:\s|/)(?:am|an|im|a\.\s?M\.|[" + UPPER + r"][\w\-]*)){0,3})\s*:\s*"
        r"((?:[^:.]|\.(?!\s))+?)\s*$",
        tail,
    )
    if place_pub:
        return tail[:place_pub.start()].strip(" ,."), place_pub.group(2).strip(" ,."), place_pub.group(1), pages
    pub_place = re.search(r"(?:^|[.]\s+)([^,.]+),\s*([" + UPPER + r"][\w\-]+(?:\s[" + UPPER + r"][\w\-]+)?)\s*$", tail)
    if pub_place and pub_place.group(2) in lex.places:
        return tail[:pub_place.start()].strip(" ,."), pub_place.group(1).strip(), pub_place.group(2), pages
    last = re.search(r"(?:^|\.\s+)([" + UPPER + r"][^.:]{0,40})$", tail)
    if last and len(last.group(1).split()) <= 4 and (guess_publisher or last.group(1) in lex.places):
        if last.group(1) in lex.places:
            return tail[:last.start()].strip(" ,."), None, last.group(1), pages
        if last.start() > 0:
            return tail[:last.start()].strip(" ,."), last.group(1).strip(" ,"), None, pages
    return tail.strip(" ,."), None, None, pages


def parse_entry(text: str, start: int, end: int, lex: CitationLexicons) -> Reference:
    """Parse one bibliography entry ``text[start:end]`` (German and APA styles)."""
    entry = text[start:end].strip()
    ref = Reference(start, end)
    year = re.search(r"\(\s*(" + YEAR + r")([a-e])?\s*\)|\((o\.\s?J\.)\)", entry)
    if year is None:
        year = re.search(r"(?:,|\s)\s*(" + YEAR + r")([a-e])?(?=[.:,)]\s|[.:]?$)", entry)
    if year is None:
        return ref
    if year.group(1):
        ref.year, ref.year_suffix = int(year.group(1)), year.group(2) or ""
    authors_text = entry[:year.start()].strip().rstrip(",")
    ref.authors = split_names(authors_text)
    rest = entry[year.end():].lstrip(" .:),")
    container_match = re.search(r"[,.]?\s+[Ii]n:\s+|[.]\s+In\s+(?=[" + UPPER + r"])", rest)
    if container_match:
        ref.title = rest[:container_match.start()].strip(" ,.") or None
        container = rest[container_match.end():]
        editors = re.search(r"\((?:Hrsg|Hg|Eds?|ed|eds)\.?\)\s*[:,.]?\s*", container)
        if editors:
            ref.editors = split_names(container[:editors.start()])
            container = container[editors.end():]
        # APA: "Handbuch (2. Aufl., S. 55–72). Beltz." -- pages out of the container's parenthesis.
        apa_pages = APA_PAGES_RE.search(container)
        if apa_pages:
            container = container[:apa_pages.start()] + container[apa_pages.end():]
        container, ref.publisher, ref.place, ref.pages = _split_publisher(container, lex)
        if apa_pages and ref.pages is None:
            ref.pages = clean_pages(apa_pages.group(1))
        journal = re.match(r"(.+?),?\s+(?:Jg\.\s*|Bd\.\s*|Vol\.\s*)?\d+\s*\(\d+\)", container)
        ref.container = (journal.group(1) if journal else container).strip(" ,.") or None
        return ref
    journal = re.match(
        r"(.+?[.?!])\s+([^.,]+?),\s*(?:Jg\.\s*|Bd\.\s*|Vol\.\s*)?\d+\s*(?:\(\d+\))?,\s*(?:S\.\s*|pp?\.\s*)?"
        r"(\d+\s*[-–]\s*\d+|\d+)?", rest)
    if journal:  # "Title. Journal, 28(4), 1399-1421."
        ref.title = journal.group(1).rstrip(".").strip() or None
        ref.container = journal.group(2).strip()
        ref.pages = clean_pages(journal.group(3)) if journal.group(3) else None
        return ref
    title, ref.publisher, ref.place, ref.pages = _split_publisher(rest, lex, guess_publisher=False)
    ref.title = title.strip(" ,.") or None
    return ref


def _entry_like(line: str) -> bool:
    head = line[:250]
    starts = bool(UPPER_RE.match(line) or re.match(r"[a-z]{1,4}\s[" + UPPER + r"]", line))
    return (starts and (bool(re.search(YEAR, head)) or bool(NO_YEAR_RE.search(head)))) or line.startswith(("http", "www."))


def find_bibliography(text: str, lex: CitationLexicons) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Bibliography sections: (start, end, entry offsets), each opened by a heading paragraph."""
    sections = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    index = 0
    while index < len(lines):
        start, end = lines[index]
        line = text[start:end].strip()
        head, colon, after = line.partition(":")
        key = head.strip().strip("*#").strip().lower()
        index += 1
        if key not in lex.headings or (not colon and line.strip("*#").strip().lower() != key):
            continue
        entries: list[tuple[int, int]] = []
        if after.strip():
            first = text.index(after.strip(), start)
            if not _entry_like(after.strip()):
                continue
            entries.append((first, end))
        while index < len(lines):
            e_start, e_end = lines[index]
            entry = text[e_start:e_end].strip()
            if not _entry_like(entry):
                break
            offset = text.index(entry, e_start)
            entries.append((offset, offset + len(entry)))
            index += 1
        if entries:
            sections.append((start, entries[-1][1], entries))
    return sections


# --------------------------------------------------------------------------- linking

def name_keys(name: str) -> set[str]:
    """Keys an entry's author answers to: the surname, or every word of a corporate name
    ("DZI – Deutsches Zentralinstitut …" answers to "DZI")."""
    if "," in name:
        return {surname_key(name)}
    return {word.lower().strip(".") for word in name.replace("’", "'").split() if word[:1].isupper()} | {surname_key(name)}


def cited_work_title(names: list[str], authors: list[str], editors: list[str], title: str | None,
                     container: str | None) -> str | None:
    """The title of what a citation of ``names`` points at in a bibliography entry: the chapter
    for its authors, the edited volume (the entry's container) for its editors ("Kreidenweis
    (2018)" cites the book "Digitaler Wandel …", not Pelka's chapter in it)."""
    keys = {surname_key(name) for name in names}
    if keys & {surname_key(a) for a in authors}:
        return title
    if container and keys & {surname_key(e) for e in editors}:
        return container
    return title


def link(citation: Citation, references: list[Reference]) -> int | None:
    """Index of the bibliography entry for a citation: surname + year, else editor + year."""
    if not citation.authors or not references:
        return None
    key = surname_key(citation.authors[0])
    keys = {surname_key(a) for a in citation.authors}
    best, best_score = None, 0
    for index, ref in enumerate(references):
        if citation.year is not None and ref.year != citation.year:
            continue
        if citation.year_suffix and ref.year_suffix and citation.year_suffix != ref.year_suffix:
            continue
        ref_keys = [name_keys(a) for a in ref.authors]
        all_keys = set().union(*ref_keys) if ref_keys else set()
        if ref_keys and (key in ref_keys[0] or (key in all_keys and citation.year is not None)):
            score = 10 + len(keys & all_keys)
        elif citation.year is not None and key in {surname_key(e) for e in ref.editors}:
            score = 1
        else:
            continue
        if score > best_score:
            best, best_score = index, score
    if citation.year is None:
        matches = [i for i, r in enumerate(references) if r.authors and key in name_keys(r.authors[0])]
        return matches[0] if len(matches) == 1 else None
    return best


# --------------------------------------------------------------------------- everything

def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= pos < ranges[index][1]


def extract(text: str, lexicons: CitationLexicons | None = None) -> Extraction:
    """Citations, quotes and bibliography entries of one post text, with resolved links."""
    lex = lexicons or load_lexicons()
    sections = find_bibliography(text, lex)
    bib_ranges = [(start, end) for start, end, _ in sections]
    references = [parse_entry(text, s, e, lex) for _, _, entries in sections for s, e in entries]

    known: dict[str, str] = {}  # a name as it may appear in the text -> the name to report
    for ref in references:
        for author in ref.authors + ref.editors:
            name = author.split(",")[0].strip() if "," in author else (author.split() or [""])[-1]
            _remember(known, [name] if name else [])

    # "(vgl. Klein/Roth, in Smith/Jones (eds.) 2010)": the editors' marker is blanked out (same
    # offsets) so that the outer parenthesis is the innermost one and is parsed as a whole.
    masked = EDITOR_MARK_RE.sub(lambda m: " " * len(m.group()), text)
    paren_pairs = find_parens(masked)
    parens = []
    for open_pos, close_pos in paren_pairs:
        if _inside(open_pos, bib_ranges):
            continue
        found = parse_paren(masked, open_pos, close_pos, lex)
        if found:
            parens.append((open_pos, close_pos, found))
            for item in found:
                if item["kind"] == "parenthetical":
                    _remember(known, item["authors"])

    quotes = [q for q in find_quotes(text) if not _inside(q.start, bib_ranges)]
    for quote in quotes:
        quote.kind = quote_kind(text, quote.start, quote.end, lex)
    quote_ends = {q.end: q for q in quotes}

    citations: list[Citation] = []
    context_cache: dict = {}
    for open_pos, close_pos, found in parens:
        if found[0]["kind"] == "bare":
            _resolve_bare(text, open_pos, close_pos, found, lex, known, citations, context_cache)
        for item in found:
            kind = item["kind"]
            if kind == "bare":
                continue
            if kind == "author_only":
                gap_start = open_pos
                while gap_start > 0 and text[gap_start - 1] in " \t":
                    gap_start -= 1
                if gap_start not in quote_ends or len(found) > 1 or not _author_only_source(
                        text, close_pos, item["authors"], quote_ends[gap_start].kind, lex):
                    continue
            citations.append(Citation(item["start"], item["end"], kind, item["authors"], item["year"],
                                      item["pages"], None, item["suffix"], item.get("page_only", False)))
    paren_ranges = sorted(paren_pairs)
    for item in find_plain_citations(text, lex, sorted(paren_ranges + bib_ranges)):
        citations.append(Citation(item["start"], item["end"], item["kind"], item["authors"], item["year"],
                                  item["pages"], None, item["suffix"]))
    citations.sort(key=lambda c: c.start)
    _drop_distant_page_pointers(text, citations)
    _resolve_ibid(citations)
    citations = [c for c in citations if not (c.page_only and not c.authors)]
    for citation in citations:
        if citation.kind != "ibid":
            citation.reference = link(citation, references)
    _resolve_ibid(citations)
    _attribute_quotes(text, quotes, citations, lex)
    return Extraction(citations, quotes, references, bib_ranges)


EDITOR_MARK_RE = re.compile(r"\((?:Hrsg|Hg|Eds?|eds?)\.?\)")
ACRONYM_RE = re.compile(r"[" + UPPER + r"][" + UPPER + r"0-9\-&]+$")


def _author_only_source(text: str, close_pos: int, authors: list[str], quote_kind_: str,
                        lex: CitationLexicons) -> bool:
    """Whether "„…“ (Name)" names the quote's source rather than glossing it: not a part of a
    compound ("„…“ (Inra)-Studie"), not a term or an abbreviation ("„Teilhabe“ (Koproduktion)",
    "“Public Private Partnership” (PPP)"), one person or organisation."""
    if len(authors) != 1 or text[close_pos:close_pos + 1] == "-":
        return False
    name = authors[0]
    words = name.split()
    last = words[-1]
    if len(words) > 1 and not (words[0] in lex.particles or any(lex.org_head(w) for w in words)):
        return False  # "(Antrag Coronahilfen Sozialunternehmen)"
    if _has_thing_suffix(last, lex) or NOUN_SUFFIX_RE.search(last.lower()) or "-" in last:
        return False
    if ACRONYM_RE.match(last) and quote_kind_ != "quote":
        return False  # the abbreviation of a quoted name
    return True


def _remember(known: dict[str, str], names: list[str]) -> None:
    """Add cited names; "van Dijk" is also found as "Dijk" (text may write "Van Dijk")."""
    for name in names:
        known.setdefault(name, name)
        words = name.split()
        if len(words) > 1 and words[0].islower():
            known.setdefault(words[-1], name)


def _resolve_bare(text, open_pos, close_pos, found, lex, known, citations, cache) -> None:
    """Give a bare "(2018, 9)" the author written before it, named in the sentence, cited last in
    the paragraph with the same year, or named a few sentences earlier ("Die Autorinnen …")."""
    names = adjacent_names(text, open_pos, lex, known, text[close_pos:close_pos + 60])
    authors, start = None, open_pos
    if names and not names["demoted"]:
        authors, start = names["authors"], names["start"]
    else:
        authors = context_names(text, open_pos, lex, known, cache)
        line_start = text.rfind("\n", 0, open_pos) + 1
        recent = []  # this paragraph's citations, latest first (bounded)
        for previous in reversed(citations[-20:]):
            if previous.start < line_start:
                break
            recent.append(previous)
        if authors is None:
            same_year = [c for c in recent if c.authors and c.year == found[0]["year"]]
            authors = list(same_year[0].authors) if same_year else None
        if authors is None:
            authors = earlier_names(text, open_pos, lex, known, cache)
            if authors and len(authors) == 1:  # "Evans" named as "O’Brien und Evans (2017)"
                group = [c for c in recent if authors[0] in c.authors]
                authors = list(group[0].authors) if group else authors
        if authors is None and names:
            authors, start = names["authors"], names["start"]
    if not authors:
        return
    _remember(known, authors)
    bare = [item for item in found if item["kind"] == "bare"]
    for index, item in enumerate(bare):
        item["kind"], item["authors"] = "narrative", list(authors)
        if len(found) == 1:
            item["start"], item["end"] = start, close_pos
        elif index == 0:
            item["start"] = start


def _drop_distant_page_pointers(text: str, citations: list[Citation]) -> None:
    """A page-only "(S. 2)" points at the source cited before it in the same paragraph; without
    one it may mean a work only named in passing (a reviewed book), so it is dropped rather than
    credited to an unrelated earlier source."""
    for index, citation in enumerate(citations):
        if not citation.page_only:
            continue
        previous = citations[index - 1] if index else None
        if previous is None or "\n" in text[previous.end:citation.start]:
            citation.kind = "dropped"
    citations[:] = [c for c in citations if c.kind != "dropped"]


def _resolve_ibid(citations: list[Citation]) -> None:
    """An ibid takes the source (authors, year, entry) of the citation before it."""
    for index, citation in enumerate(citations):
        if citation.kind != "ibid" or index == 0:
            continue
        previous = citations[:index]
        if citation.authors:
            key = surname_key(citation.authors[0])
            same = [c for c in previous if c.authors and surname_key(c.authors[0]) == key and c.year]
            source = same[-1] if same else None
        else:
            source = previous[-1]
        if source is not None:
            citation.authors = list(source.authors)
            if citation.year is None:  # "(ebd. 2021, S. 70)" keeps its own year
                citation.year, citation.year_suffix = source.year, source.year_suffix
            citation.reference = source.reference


SPEECH_WINDOW = 150
SPEECH_WORD_RE = re.compile(r"[\w’'\-.]+|[:,;()–]")
PRONOUNS = frozenset("er sie es wir ich ihr du man jemand niemand".split())
ARTICLES = frozenset("der die das den dem des".split())


def _speaker_after(words: list[str], lex: CitationLexicons) -> tuple[str, int] | None:
    """Speaker and its word count after a speech verb: ["Lukas", "Berger", "im"] -> "Berger"."""
    index = 0
    if index < len(words) and words[index] in ARTICLES:
        index += 1
    run: list[str] = []
    while index < len(words) and len(run) < 5:
        word = words[index]
        final = word.endswith(".") and len(word) > 2  # "sagt Aydın." -- the sentence ends here
        word = word[:-1] if final else word
        if not (_is_name_word(word, lex) or (word in lex.particles and index + 1 < len(words)
                                              and UPPER_RE.match(words[index + 1]))) or word.endswith("."):
            break
        run.append(word)
        index += 1
        if final:
            break
    if not run or not UPPER_RE.match(run[-1]) or run[-1].lower() in PRONOUNS:
        return None
    return _speaker_name(run, lex, words[0] if words[0] in ARTICLES else ""), index


def _speaker_name(run: list[str], lex: CitationLexicons, determiner: str) -> str:
    """An organisation keeps its whole name; a person is reported by surname (with particles),
    as citation authors are: "Lukas Berger" -> "Berger", "Anna von Hagen" -> "von Hagen"."""
    if any(lex.org_head(word) for word in run):
        return _nominative(" ".join(run), lex, determiner)
    name = [run[-1]]
    for word in reversed(run[:-1]):
        if word not in lex.particles:
            break
        name.insert(0, word)
    return " ".join(name)


def speaker_after(text: str, pos: int, lex: CitationLexicons) -> tuple[str, int] | None:
    """„…“, sagt Aydın / »…«, schreibt Lukas Berger / „…“, so Schulz: (speaker, end offset)."""
    window = text[pos:pos + SPEECH_WINDOW].split("\n", 1)[0]
    lead = re.match(r"[\s,]*(?:[–-]\s*)?", window).end()
    matches = list(SPEECH_WORD_RE.finditer(window, lead))
    words = [m.group() for m in matches]
    if not words or (words[0].lower() not in lex.speech_verbs and words[0].lower() != "laut"):
        return None
    found = _speaker_after(words[1:], lex)
    if found is None:
        return None
    return found[0], pos + matches[found[1]].end()


def speaker_before(text: str, pos: int, lex: CitationLexicons) -> str | None:
    """Schulz sagt: „…“ / Dazu sagt Schulz: „…“ / Laut Schulz „…“: the speaker, or None."""
    line_start = text.rfind("\n", max(0, pos - SPEECH_WINDOW), pos) + 1
    window = text[max(line_start, pos - SPEECH_WINDOW):pos]
    for boundary in SENTENCE_END_RE.finditer(window):
        window = window[boundary.end():]  # only this sentence (finditer works on the original)
        break
    words = SPEECH_WORD_RE.findall(window)
    if not words:
        return None
    if words[-1] not in (":", ","):
        laut = [i for i, w in enumerate(words) if w.lower() == "laut"]
        if laut and laut[-1] >= len(words) - 4:
            found = _speaker_after(words[laut[-1] + 1:], lex)
            return found[0] if found and laut[-1] + 1 + found[1] == len(words) else None
        return None
    verbs = [i for i, w in enumerate(words) if w.lower() in lex.speech_verbs and w.lower() != "laut"]
    if not verbs or verbs[-1] < len(words) - 7:
        return None
    verb = verbs[-1]
    found = _speaker_after(words[verb + 1:-1], lex)
    if found:
        return found[0]
    run: list[str] = []
    index = verb - 1
    while index >= 0 and len(run) < 5 and (_is_name_word(words[index], lex) or words[index] in lex.particles):
        run.insert(0, words[index])
        index -= 1
    while run and not UPPER_RE.match(run[0]):
        run.pop(0)
    if not run or run[-1].lower() in PRONOUNS:
        return None
    determiner = words[index] if index >= 0 and words[index] in ARTICLES else ""
    return _speaker_name(run, lex, determiner)


def _attribute_quotes(text: str, quotes: list[Quote], citations: list[Citation],
                      lex: CitationLexicons | None = None) -> None:
    """A quote's source is the citation right after it; else the speaker of an adjacent speech verb
    („…“, sagt Aydın); else a citation later in the sentence; else a speaker introducing it
    (Schulz sagt: „…“); else a citation just before it."""
    starts = [c.start for c in citations]
    for quote in quotes:
        source = None
        speaker = speaker_after(text, quote.end, lex) if lex is not None else None
        index = bisect.bisect_left(starts, quote.end)
        if index < len(citations):
            gap = text[quote.end:citations[index].start]
            if (len(gap) <= 4 and not gap.strip(" \t,.:;")) or (
                    len(gap) <= 200 and "\n" not in gap
                    and not SENTENCE_END_RE.search(gap) and not QUOTE_CHAR_RE.search(gap)):
                source = citations[index]  # "„…“ (Dolata)", "„…“, schreibt Ritter (2024, 31)"
                if speaker is not None and len(gap) > 4 and citations[index].start >= speaker[1]:
                    source = None  # „…“, sagt Aydın, die sich auf Lember (2018) stützt
        if source is None and speaker is not None:
            quote.source = speaker[0]
            continue
        if source is None and lex is not None:
            before_speaker = speaker_before(text, quote.start, lex)
            if before_speaker:
                quote.source = before_speaker
                continue
        if source is None:
            index = bisect.bisect_left(starts, quote.start) - 1
            if index >= 0:
                before = citations[index]
                gap = text[before.end:quote.start]
                if before.end <= quote.start and len(gap) <= 60 and "\n" not in gap \
                        and not SENTENCE_END_RE.search(gap) and not QUOTE_CHAR_RE.search(gap):
                    source = before
        if source is not None and source.authors:
            quote.source = "/".join(source.authors)
