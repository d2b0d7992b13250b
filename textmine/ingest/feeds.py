"""RSS 2.0, Atom 1.0 and WordPress WXR -> ``Post`` records, streamed item by item.

Why not feedparser: it reads the whole document into memory and has no notion of WXR's
``wp:status``/``wp:post_type``. lxml's ``iterparse`` streams, and is configured so that it never
loads a DTD, never touches the network and never expands entities; documents that declare entities,
and documents that are no feed, are refused before parsing by textmine's own prolog scanner
(``prolog.py``), so the verdict does not depend on the libxml2 version. Items are cleared after use, so memory stays flat on huge exports.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import hashlib
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin

import lxml.etree
from dateutil import parser as date_parser

from textmine.ingest.clean import autop, html_to_paragraphs, normalize_text
from textmine.ingest.prolog import read_prolog

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rss1": "http://purl.org/rss/1.0/",
}
#: WordPress's export namespace, any version (1.0-1.2), http or https (WordPress.com writes https).
_WP_NAMESPACE = re.compile(r"^https?://wordpress\.(?:org|com)/export/\d+(?:\.\d+)*/$")
_PROLOG_BYTES = 1 << 16
_XML_DECL_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?encoding=)([\"'])[^\"']*\2", re.IGNORECASE)
# Declarations of a single-byte encoding that WordPress installs often get wrong (the bytes are UTF-8).
_SINGLE_BYTE_DECL = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding=[\"'](?:iso-?8859-1|iso-?8859-15|latin-?1|windows-1252|cp1252|us-ascii)[\"']",
    re.IGNORECASE,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
#: A date further ahead than this is flagged (clock skew and time zones stay quiet).
FUTURE_TOLERANCE = dt.timedelta(days=1)


class FeedError(Exception):
    """A feed cannot be read (completely); the message is one line for the user."""

    def __init__(self, message: str, *, kept: int = 0) -> None:
        super().__init__(message)
        self.kept = kept


@dataclass(frozen=True)
class Post:
    """One blog post as plain data (the architecture note's contract)."""

    id: str
    url: str | None
    title: str
    author: str | None
    published: dt.datetime | None
    categories: tuple[str, ...]
    paragraphs: tuple[str, ...]
    content_hash: str
    notes: tuple[str, ...] = ()
    #: Hash of the raw item (id, link, title, author, date, categories, HTML): lets a re-ingest
    #: recognise an unchanged post without cleaning its HTML again.
    source_hash: str = ""
    #: "post" (also WordPress pages, with ``--include pages``) or "comment" (then ``parent`` is the post's id).
    kind: str = "post"
    parent: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published": self.published.astimezone(dt.timezone.utc).isoformat() if self.published else None,
            "categories": list(self.categories),
            "paragraphs": list(self.paragraphs),
            "content_hash": self.content_hash,
            "source_hash": self.source_hash,
            "kind": self.kind,
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Unchanged:
    """An item whose raw content matches what is stored (see ``FeedInfo.known``): not cleaned again."""

    id: str


@dataclass(frozen=True)
class Skipped:
    """An item that is not imported, and why (draft, attachment, no content …)."""

    id: str | None
    title: str | None
    reason: str


@dataclass
class FeedInfo:
    """What the reader learnt about the feed while streaming it."""

    format: str = "unknown"
    title: str | None = None
    link: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: Optional lookup ``post id -> stored source hash``; items that match come out as ``Unchanged``.
    known: Callable[[str], str | None] | None = None
    #: WordPress post types to import (``--include pages`` adds "page") and whether to import the
    #: approved comments of a WXR export (``--comments``).
    post_types: frozenset[str] = frozenset({"post"})
    comments: bool = False
    #: The feed's own <language> (a hint for short posts) and, for WXR, the blog's address.
    language: str | None = None
    site: str | None = None
    #: True once the root element is complete (an error after it loses nothing).
    complete: bool = False


def content_hash(title: str, paragraphs: tuple[str, ...] | list[str]) -> str:
    """Hash of what is analysed: title and clean paragraphs (not the raw HTML, so that the RSS and
    the Atom copy of a post hash alike)."""
    payload = json.dumps([title, list(paragraphs)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: Publication dates outside these years are no dates of a blog post (WordPress writes year 0 for
#: drafts; a hostile feed writes year 1 or 9999 to overflow the conversion to UTC).
DATE_YEARS = (1900, 2200)
_RFC822_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,}\.?\s+(\d+)\b")


def parse_date(value: str | None) -> dt.datetime | None:
    """RFC 822 (RSS), RFC 3339 (Atom) or anything dateutil reads; naive dates are taken as UTC.

    None for no date, an unreadable one, or one out of range (see ``read_date``)."""
    return read_date(value)[0]


def read_date(value: str | None) -> tuple[dt.datetime | None, str | None]:
    """The date in UTC-convertible form, or None and why not ("unparseable" / "out of range").

    Never raises: a year outside ``DATE_YEARS`` or a UTC offset of a day or more is "out of
    range" (Python's datetime cannot even hold some of them in UTC)."""
    if not value or not value.strip():
        return None, None
    value = value.strip()
    parsed: dt.datetime | None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        year = _RFC822_YEAR.search(value)
        if year and len(year.group(1)) >= 3 and int(year.group(1)) != parsed.year:
            return None, "out of range"  # email.utils reads year 0001 as 2001
    except (TypeError, ValueError, IndexError, OverflowError) as error:
        if "offset must be a timedelta" in str(error):
            return None, "out of range"
        try:
            parsed = date_parser.parse(value)
        except date_parser.ParserError:
            return None, "unparseable"
        except (ValueError, OverflowError):
            return None, "out of range" if re.search(r"\d", value) else "unparseable"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    try:
        offset = parsed.utcoffset()
        in_utc = parsed.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError):
        return None, "out of range"
    if offset is None or abs(offset) >= dt.timedelta(hours=24) or not DATE_YEARS[0] <= in_utc.year <= DATE_YEARS[1]:
        return None, "out of range"
    return parsed, None


def _local(tag: object) -> str:
    # "{namespace}name" -> "name" (string split: this runs for every element of a huge export)
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _ns(tag: object) -> str:
    return tag[1:tag.index("}")] if isinstance(tag, str) and tag.startswith("{") else ""


def _text(element: lxml.etree._Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext())
    return text if text.strip() else None


def _child(item: lxml.etree._Element, local: str, namespace: str | None = None) -> lxml.etree._Element | None:
    for child in item:
        if _local(child.tag) == local and (namespace is None or _ns(child.tag) == namespace):
            return child
    return None


def _children(item: lxml.etree._Element, local: str) -> list[lxml.etree._Element]:
    return [child for child in item if _local(child.tag) == local]


def _is_wp(namespace: str) -> bool:
    return namespace.startswith(("http://wordpress.", "https://wordpress.")) and bool(_WP_NAMESPACE.match(namespace))


def _wp(item: lxml.etree._Element, local: str) -> str | None:
    for child in item:
        if _local(child.tag) == local and _is_wp(_ns(child.tag)):
            return (_text(child) or "").strip() or None
    return None


def _wp_children(item: lxml.etree._Element, local: str) -> list[lxml.etree._Element]:
    return [child for child in item if _local(child.tag) == local and _is_wp(_ns(child.tag))]


def _plain(html_or_text: str | None) -> str:
    """A title may hold HTML or entities: render it as one line of text."""
    if not html_or_text:
        return ""
    return normalize_text(" ".join(html_to_paragraphs(html_or_text)))


def _atom_content(element: lxml.etree._Element | None) -> str | None:
    if element is None:
        return None
    if element.get("type") == "xhtml":
        return "".join(lxml.etree.tostring(child, encoding="unicode") for child in element)
    return element.text


def _make_post(
    *, guid: str | None, link: str | None, title: str, author: str | None, published: str | None,
    categories: list[str], html: str | None, base: str | None, known: Callable[[str], str | None] | None = None,
    wordpress: bool = False, kind: str = "post", parent: str | None = None,
) -> Post | Skipped | Unchanged:
    """``guid`` is the post's identity (for WXR: site + ``wp:post_id``); ``wordpress``: the content
    is WordPress's raw post content, which WordPress itself paragraphs with ``wpautop``."""
    if link:
        link = urljoin(base, link.strip()) if base else link.strip()
    digest_raw = hashlib.sha256()
    for part in (guid, link, title, author, published, "\x1f".join(categories), html):
        digest_raw.update((part or "").encode("utf-8", "surrogatepass") + b"\x00")
    source_hash = digest_raw.hexdigest()
    id_hint = (guid or "").strip() or link
    if known is not None and id_hint and known(id_hint) == source_hash:
        return Unchanged(id_hint)
    paragraphs = tuple(html_to_paragraphs(autop(html, always=wordpress) if html else html))
    title = _plain(title)
    notes = []
    if not paragraphs and not title:
        return Skipped(guid or link, None, "no title and no text")
    if not paragraphs:
        notes.append("no text (only images or embeds?)")
    digest = content_hash(title, paragraphs)
    post_id = (guid or "").strip() or link or f"sha256:{digest[:16]}"
    date, problem = read_date(published)
    if published and date is None and problem is not None:
        notes.append(f"{problem} date {published.strip()[:40]!r} (stored without a date)")
    elif date is not None and date > dt.datetime.now(dt.timezone.utc) + FUTURE_TOLERANCE:
        notes.append(f"date {date.date().isoformat()} is in the future (stored as given)")
    cats = tuple(dict.fromkeys(c for c in (normalize_text(c) for c in categories) if c))
    return Post(
        id=post_id, url=link, title=title or "(ohne Titel)", author=normalize_text(author) if author else None,
        published=date, categories=cats, paragraphs=paragraphs, content_hash=digest, notes=tuple(notes),
        source_hash=source_hash, kind=kind, parent=parent,
    )


def _rss_item(item: lxml.etree._Element, base: str | None, info: FeedInfo) -> list[Post | Skipped | Unchanged]:
    """An RSS item; in a WordPress export, the post (if its type and status are imported) and,
    with ``info.comments``, its approved comments."""
    guid = (_text(_child(item, "guid")) or "").strip() or None
    title = _text(_child(item, "title")) or ""
    wordpress = info.format == "wxr"
    status, post_type, wp_id = _wp(item, "status"), _wp(item, "post_type"), _wp(item, "post_id")
    if wordpress:
        skip = _wxr_skip_reason(status, post_type, info.post_types)
        post_id = f"{info.site}/?p={wp_id}" if info.site and wp_id else guid
        if skip:
            return [Skipped(post_id, _plain(title), skip)]
    else:
        post_id = guid
    encoded = _child(item, "encoded", NS["content"])
    html = _text(encoded) if encoded is not None else _text(_child(item, "description"))
    author = _text(_child(item, "creator", NS["dc"])) or _text(_child(item, "author"))
    categories = [
        _text(c) or "" for c in _children(item, "category") if c.get("domain") in (None, "category")
    ]
    dates = [_text(_child(item, "pubDate")), _text(_child(item, "date", NS["dc"]))]
    if wordpress:  # WordPress's own UTC date first; drafts carry "0000-00-00 00:00:00"
        gmt = _wp(item, "post_date_gmt")
        dates = [gmt.replace(" ", "T") + "+00:00" if gmt and not gmt.startswith("0000") else None, *dates, _wp(item, "post_date")]
    post = _make_post(
        guid=post_id, link=_text(_child(item, "link")), title=title, author=author,
        published=next((d for d in dates if d and read_date(d)[0] is not None), None) or next((d for d in dates if d), None),
        categories=categories, html=html, base=base, known=info.known, wordpress=wordpress,
    )
    if not (wordpress and info.comments) or isinstance(post, Skipped):
        return [post]
    return [post, *_wxr_comments(item, post.id, _plain(title), info)]


def _wxr_skip_reason(status: str | None, post_type: str | None, post_types: frozenset[str]) -> str | None:
    """Why WordPress would not show this item as a published post (or page), or None."""
    post_type = post_type or "post"
    if post_type not in post_types:
        if post_type == "page":
            return "WordPress page (add --include pages)"
        return f"WordPress {post_type}, not a post"
    if status is None:
        return "WordPress item without wp:status (WordPress imports it as a draft)"
    if status != "publish":
        return f"WordPress status {status!r}, not published"
    return None


def _wxr_comments(item: lxml.etree._Element, post_id: str, title: str, info: FeedInfo) -> list[Post | Skipped | Unchanged]:
    """The comments of a WXR item as records of kind "comment" linked to their post."""
    records: list[Post | Skipped | Unchanged] = []
    for comment in _wp_children(item, "comment"):
        comment_id = _wp(comment, "comment_id")
        cid = f"{post_id}#comment-{comment_id}" if comment_id else None
        kind = _wp(comment, "comment_type") or "comment"
        if kind != "comment":
            records.append(Skipped(cid, None, f"WordPress {kind}, not a comment"))
            continue
        if _wp(comment, "comment_approved") not in (None, "1"):  # missing: approved, as WordPress imports it
            records.append(Skipped(cid, None, "WordPress comment not approved (spam, trash or waiting)"))
            continue
        gmt = _wp(comment, "comment_date_gmt")
        record = _make_post(
            guid=cid, link=None, title=f"Kommentar zu: {title}",
            author=_wp(comment, "comment_author"),
            published=(gmt.replace(" ", "T") + "+00:00") if gmt and not gmt.startswith("0000") else _wp(comment, "comment_date"),
            categories=[], html=_wp(comment, "comment_content"), base=None, known=info.known, wordpress=True,
            kind="comment", parent=post_id,
        )
        if isinstance(record, Skipped):
            record = Skipped(record.id, record.title, "empty comment")
        records.append(record)
    return records


def _atom_entry(entry: lxml.etree._Element, base: str | None, known=None) -> Post | Skipped | Unchanged:  # noqa: ANN001
    link = None
    for link_el in _children(entry, "link"):
        if link_el.get("rel", "alternate") == "alternate":
            link = link_el.get("href")
            break
    author_el = _child(entry, "author")
    author = _text(_child(author_el, "name")) if author_el is not None else None
    content = _atom_content(_child(entry, "content")) or _atom_content(_child(entry, "summary"))
    return _make_post(
        guid=_text(_child(entry, "id")), link=link, title=_text(_child(entry, "title")) or "",
        author=author, published=_text(_child(entry, "published")) or _text(_child(entry, "updated")),
        categories=[c.get("term") or c.get("label") or "" for c in _children(entry, "category")],
        html=content, base=_xml_base(entry, base), known=known,
    )


_REFUSED_ENTITIES = (
    "refused: the feed declares XML entities in a DTD (a known attack: entity expansion or "
    "external file access); textmine never expands them"
)


_FEED_ROOTS = ("rss", "feed", "RDF")


def _check_prolog(handle: BinaryIO) -> None:
    """textmine's own refusals before any parsing, the same with every lxml/libxml2 version: empty
    input, entity declarations wherever they hide in the prolog (behind a long comment, in UTF-16),
    and documents whose root is no feed (an HTML page).

    The parser checks the DTD again (``_refuse_entities``) as a second line of defence."""
    head = handle.read(_PROLOG_BYTES)
    handle.seek(0)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8")
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if not head.strip(b" \t\r\n\x00") or not head.replace(b"\xef\xbb\xbf", b"").strip():
        raise FeedError("empty input: the feed has no content")
    prolog = read_prolog(handle)
    if prolog.declares_entities:
        raise FeedError(_REFUSED_ENTITIES)
    root = prolog.root or (prolog.doctype if prolog.doctype and prolog.doctype.lower() == "html" else None)
    if root is not None and root.rpartition(":")[2] not in _FEED_ROOTS:
        raise FeedError(_not_a_feed(root.rpartition(":")[2]))


def _not_a_feed(local: str) -> str:
    return f"not a feed: the document is <{local}>, not RSS, Atom or a WordPress export"


def _refuse_entities(root: lxml.etree._Element) -> None:
    """Refuse a document whose internal DTD declares entities (general or parameter ones).

    lxml never loads external DTDs here (``load_dtd=False, no_network=True``) and does not resolve
    entities; libxml2 caps amplification besides. Refusing the declarations outright means no post
    of such a feed is ever stored, wherever in the prolog (or in which encoding) they hide."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        raise FeedError(_REFUSED_ENTITIES)


_SEGMENT_BYTES = 1 << 20
_SEGMENT_EXTRA = 1 << 16
#: C0 controls that XML 1.0 forbids (tab, LF and CR are allowed); as bytes they never occur inside
#: a UTF-8 or single-byte encoded character, so they can be deleted byte-wise.
_INVALID_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 13))
_INVALID_CHAR_REF = re.compile(
    rb"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));")


def _segments(handle: BinaryIO) -> Iterator[bytes]:
    """The input in pieces of about a line, never much longer than 1 MB: a feed written on one line
    is cut after a ``>`` (an ASCII byte, never inside a character, tag or character reference), so
    memory stays flat however the feed is laid out."""
    while raw := handle.readline(_SEGMENT_BYTES):
        if not raw.endswith(b"\n"):
            tail = b""
            while len(tail) < _SEGMENT_EXTRA and not (raw + tail).endswith((b">", b"\n")):
                byte = handle.read(1)
                if not byte:
                    break
                tail += byte
            raw += tail
        yield raw


def _utf8_declared_single_byte(handle: BinaryIO) -> bool:
    """True when the feed declares Latin-1/Windows-1252 but has pieces that are valid, non-ASCII
    UTF-8: reading it as declared would store mojibake ("fÃ¼r")."""
    head = handle.read(256)
    handle.seek(0)
    if not _SINGLE_BYTE_DECL.match(head):
        return False
    try:
        for raw in _segments(handle):
            if raw.isascii():
                continue
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
        return False
    finally:
        handle.seek(0)


def _repair(handle: BinaryIO, *, transcode: bool) -> tuple[BinaryIO, list[str]]:
    """A repaired copy of the feed for a second reading, and what was repaired.

    ``transcode``: the bytes are not the encoding the feed declares; each piece is read as UTF-8
    where it is valid, else as Windows-1252 (the usual culprit), and the declaration is set to
    UTF-8. In ASCII-compatible encodings, characters XML forbids (C0 controls, also as character
    references) are removed, so one bad character does not cost every item after it."""
    handle.seek(0)
    head = handle.read(2)
    utf16 = head in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head
    handle.seek(0)
    fixed = tempfile.TemporaryFile()
    bad_pieces = removed = 0
    first = True
    for raw in _segments(handle):
        data = raw
        if transcode:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
                bad_pieces += 1
            data = line.encode("utf-8")
            if first:
                data = _XML_DECL_ENCODING.sub(rb'\1"UTF-8"', data, count=1)
        if not utf16:
            cleaned = data.translate(None, _INVALID_CONTROLS)
            removed += len(data) - len(cleaned)
            data, refs = _INVALID_CHAR_REF.subn(b"", cleaned)
            removed += refs
        first = False
        fixed.write(data)
    fixed.seek(0)
    warnings = []
    if transcode:
        warnings.append("the feed declares a single-byte encoding but is UTF-8; read as UTF-8" if bad_pieces == 0
                        else f"{bad_pieces} line(s) were not UTF-8 and were read as Windows-1252")
    if removed:
        warnings.append(f"removed {removed} control character(s) that XML forbids")
    return fixed, warnings


def _is_encoding_error(error: lxml.etree.XMLSyntaxError) -> bool:
    message = str(error).lower()
    return "encoding" in message or "utf-8" in message or "invalid char" in message


def _is_repairable(error: lxml.etree.XMLSyntaxError) -> bool:
    """Errors a second reading of a repaired copy may get past: a wrong encoding, forbidden characters."""
    message = str(error).lower()
    return _is_encoding_error(error) or "char" in message and ("invalid" in message or "not allowed" in message)


def read_feed(handle: BinaryIO, info: FeedInfo | None = None) -> Iterator[Post | Skipped | Unchanged]:
    """Stream the posts (and skipped items) of an RSS, Atom or WXR feed.

    Raises ``FeedError`` for input that is no feed; for a feed that breaks off, after yielding every
    complete item (``FeedError.kept`` tells how many). A wrong encoding or a character XML forbids
    in item N: items before N come from the first reading, the rest from a repaired copy.
    """
    info = info if info is not None else FeedInfo()
    _check_prolog(handle)
    yielded = 0
    transcode = _utf8_declared_single_byte(handle)
    first_error: Exception | None = None
    if not transcode:
        try:
            for record in _stream(handle, info):
                yielded += 1
                yield record
            if yielded == 0:
                info.warnings.append("the feed has no items")
            return
        except lxml.etree.XMLSyntaxError as error:
            if info.complete:  # e.g. a namespace URI libxml2 dislikes, reported at the very end
                info.warnings.append(f"XML problem reported after the last element, nothing lost: {_syntax_error(error, 0)}")
                return
            if not _is_repairable(error):
                kept = yielded
                for record in _items_before(handle, info, error, yielded):
                    kept += 1
                    yield record
                raise _syntax_error(error, kept) from error
            first_error = error
            transcode = _is_encoding_error(error) and not _only_forbidden_chars(error)
    # Read a repaired copy again. The records already yielded came from valid pieces, which the
    # repair leaves alone, so they are skipped on the second pass.
    fixed, warnings = _repair(handle, transcode=transcode)
    info.warnings.extend(warnings)
    again = 0
    with fixed:
        try:
            for record in _stream(fixed, info):
                again += 1
                if again > yielded:
                    yield record
        except lxml.etree.XMLSyntaxError as error:
            if first_error is not None and not transcode and _is_encoding_error(error):
                # forbidden characters removed, but the encoding is wrong as well: transcode too
                yield from _read_transcoded(handle, info, max(again, yielded))
                return
            raise _syntax_error(error, max(again, yielded)) from (first_error or error)
    if again == 0:
        info.warnings.append("the feed has no items")


def _read_transcoded(handle: BinaryIO, info: FeedInfo, done: int) -> Iterator[Post | Skipped | Unchanged]:
    fixed, warnings = _repair(handle, transcode=True)
    info.warnings.extend(warnings)
    again = 0
    with fixed:
        try:
            for record in _stream(fixed, info):
                again += 1
                if again > done:
                    yield record
        except lxml.etree.XMLSyntaxError as error:
            raise _syntax_error(error, max(again, done)) from error


def _items_before(handle: BinaryIO, info: FeedInfo, error: lxml.etree.XMLSyntaxError, done: int) -> Iterator[Post | Skipped | Unchanged]:
    """The complete items before a syntax error that the first reading did not hand out (libxml2
    2.14 stops inside a chunk before lxml delivers that chunk's events): the feed is read again
    up to the error's position only, so the parser never sees the error."""
    line, column = _error_position(error)
    if not line:
        return
    handle.seek(0)
    offset = seen = 0
    while seen < line - 1 and (chunk := handle.read(1 << 16)):
        newlines = chunk.count(b"\n")
        if seen + newlines >= line - 1:
            at = -1
            for _ in range(line - 1 - seen):
                at = chunk.index(b"\n", at + 1)
            offset += at + 1
            seen = line - 1
            break
        seen += newlines
        offset += len(chunk)
    limit = offset + max(column - 1, 0)
    handle.seek(0)
    parser = lxml.etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
        remove_comments=True)

    def events() -> Iterator[tuple[str, lxml.etree._Element]]:
        remaining = limit
        while remaining > 0 and (chunk := handle.read(min(1 << 16, remaining))):
            remaining -= len(chunk)
            try:
                parser.feed(chunk)
            except lxml.etree.XMLSyntaxError:
                return
            yield from parser.read_events()

    count = 0
    for record in _events(events(), dataclasses.replace(info, warnings=[], complete=False)):
        count += 1
        if count > done:
            yield record


def _error_position(error: lxml.etree.XMLSyntaxError) -> tuple[int, int]:
    position = getattr(error, "position", None) or (getattr(error, "lineno", 0), 0)
    return int(position[0] or 0), int(position[1] or 0)


def _only_forbidden_chars(error: lxml.etree.XMLSyntaxError) -> bool:
    """libxml2 names a forbidden control character "invalid Char value N" (N < 32)."""
    found = re.search(r"char value (\d+)", str(error), re.IGNORECASE)
    return bool(found) and int(found.group(1)) < 32


def _syntax_error(error: lxml.etree.XMLSyntaxError, kept: int) -> FeedError:
    line = getattr(error, "lineno", None) or (error.position[0] if error.position else "?")
    detail = (getattr(error, "msg", None) or str(error)).split(",")[0].strip().rstrip(".")
    if kept:
        return FeedError(f"feed breaks off at line {line} ({detail}); kept the {kept} complete item(s) before it", kept=kept)
    return FeedError(f"not well-formed XML at line {line}: {detail}")


def _stream(handle: BinaryIO, info: FeedInfo) -> Iterator[Post | Skipped | Unchanged]:
    context = lxml.etree.iterparse(
        handle, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=True, remove_comments=True, recover=False,
    )
    try:
        yield from _events(context, info)
    except lxml.etree.XMLSyntaxError as error:
        raise _with_cause(error, context) from error


def _with_cause(error: lxml.etree.XMLSyntaxError, context: lxml.etree.iterparse) -> lxml.etree.XMLSyntaxError:
    """With ``resolve_entities=False`` lxml may report "no element found (line 0)"; the parser's own
    error log has the real cause (e.g. "Entity 'nbsp' not defined") and its line."""
    if error.lineno:
        return error
    last = context.error_log.last_error
    if last is None:
        return error
    return lxml.etree.XMLSyntaxError(last.message, last.type, last.line, last.column, None)


def _events(context: lxml.etree.iterparse, info: FeedInfo) -> Iterator[Post | Skipped | Unchanged]:
    """Items and entries as records. Every element is cleared once done with, items and everything
    else alike (channel metadata, WXR terms, unknown extensions), so memory stays flat however many
    or however deeply nested the non-item elements are."""
    root_seen = False
    depth = 0
    item_depth: int | None = None  # depth of the item being read: its children stay until its end
    base: str | None = None
    for event, element in context:
        if event == "start":
            depth += 1
            if not root_seen:
                root_seen = True
                _refuse_entities(element)
                info.format = _format_of(element)
                base = _xml_base(element, None)
                info.language = element.get("{http://www.w3.org/XML/1998/namespace}lang")
            elif item_depth is None and _is_item(info.format, _local(element.tag)):
                item_depth = depth
            continue
        depth -= 1
        if item_depth is not None and depth >= item_depth:
            continue  # inside an item: kept until the item ends
        local = _local(element.tag)
        if item_depth is not None:  # the item ends
            item_depth = None
            if local == "item":
                yield from _rss_item(element, base, info)
            else:
                yield _atom_entry(element, base, info.known)
        elif info.format in ("rss", "wxr") and depth == 2 and local in ("title", "link", "language") and _ns(element.tag) == "":
            setattr(info, local, getattr(info, local) or (_text(element) or "").strip() or None)
            if local == "link" and info.link:
                base = info.link  # relative item links are relative to the blog, not to the file
                info.site = info.site or info.link.rstrip("/")
        elif info.format == "wxr" and depth == 2 and local in ("base_blog_url", "base_site_url") and _is_wp(_ns(element.tag)):
            # The post's identity is the blog's address + wp:post_id (WordPress's own ?p= shortlink).
            site = (_text(element) or "").strip().rstrip("/")
            if site and (local == "base_blog_url" or info.site is None or info.site == (info.link or "").rstrip("/")):
                info.site = site
        elif info.format == "atom" and depth == 1 and local == "title":
            info.title = _text(element)
        if depth == 0:
            info.complete = True
            continue  # the root: nothing left to free
        element.clear(keep_tail=False)
        parent = element.getparent()
        while parent is not None and element.getprevious() is not None:
            del parent[0]


def _is_item(format_: str, local: str) -> bool:
    return local == "item" and format_ in ("rss", "wxr", "rdf") or local == "entry" and format_ == "atom"


def _xml_base(element: lxml.etree._Element, default: str | None) -> str | None:
    """The element's explicit xml:base (http only), else ``default``."""
    value = element.get("{http://www.w3.org/XML/1998/namespace}base")
    return value if value and value.startswith(("http://", "https://")) else default


def _format_of(root: lxml.etree._Element) -> str:
    local, namespace = _local(root.tag), _ns(root.tag)
    if local == "rss":
        wxr = any(uri and _is_wp(uri) for uri in (root.nsmap or {}).values())
        return "wxr" if wxr else "rss"
    if local == "feed" and namespace == NS["atom"]:
        return "atom"
    if local == "RDF":
        return "rdf"
    raise FeedError(_not_a_feed(local))


def read_feed_bytes(data: bytes) -> list[Post | Skipped | Unchanged]:
    """Convenience for tests and notebooks: every record of a feed given as bytes."""
    return list(read_feed(io.BytesIO(data)))


def post_texts(path: str | Path) -> dict[str, str]:
    """Post id -> the text textmine analyses (paragraphs joined by blank lines), for every post of
    a feed file. Gold annotations refer to posts by id and to offsets into this text."""
    from textmine.ingest.clean import text_of

    with open(path, "rb") as handle:
        return {r.id: text_of(list(r.paragraphs)) for r in read_feed(handle) if isinstance(r, Post)}
