"""textmine's own reading of a document's prolog: what the document is, before any XML parser runs.

Why: whether a document is refused (it declares entities) or is "not a feed" (an HTML page) must
not depend on which libxml2 lxml ships. libxml2 2.14 stops an entity bomb or a sloppy HTML page
earlier than 2.10 did and words the error differently, so the parser's verdict is not stable
across versions. This scanner reads the prolog (XML declaration, comments, processing
instructions, the DOCTYPE with its internal subset) up to the root element's name, streaming in
chunks so that a comment of any length costs no memory, in any encoding XML allows (UTF-8,
UTF-16 with or without byte order mark, single-byte encodings).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import BinaryIO

_CHUNK = 1 << 16
#: An ASCII-compatible decoder is enough for markup (names and delimiters are ASCII).
_ASCII_COMPATIBLE = "latin-1"
_NAME = re.compile(r"[^\s/>!?<\"'=\[\]]+")
_DOCTYPE_MARK = re.compile(r"[\"'<\[\]>]")


@dataclass(frozen=True)
class Prolog:
    """What the prolog says: the DOCTYPE's name, whether it declares entities, the root's name."""

    doctype: str | None
    declares_entities: bool
    root: str | None  # qualified name of the root element; None when the document has none


def _encoding_of(head: bytes) -> tuple[str, int]:
    """The codec to scan with and the number of bytes to skip (a byte order mark)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    if head.startswith(b"<\x00"):
        return "utf-16-le", 0
    if head.startswith(b"\x00<"):
        return "utf-16-be", 0
    return _ASCII_COMPATIBLE, 0


class _Text:
    """A decoded character stream with a sliding window (consumed text is dropped)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        head = handle.read(_CHUNK)
        encoding, skip = _encoding_of(head)
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.buffer = self.decoder.decode(head[skip:])
        self.eof = not head

    def more(self) -> bool:
        """Append the next chunk; False when the input has nothing more."""
        if self.eof:
            return False
        chunk = self.handle.read(_CHUNK)
        self.eof = not chunk
        added = self.decoder.decode(chunk, final=self.eof)
        self.buffer += added
        return bool(chunk or added)

    def need(self, n: int) -> None:
        """Make at least ``n`` characters available where the input has them."""
        while len(self.buffer) < n and self.more():
            pass

    def skip_to(self, marker: str) -> bool:
        """Drop everything up to and including ``marker``; False when the input ends first."""
        while True:
            at = self.buffer.find(marker)
            if at >= 0:
                self.buffer = self.buffer[at + len(marker):]
                return True
            self.buffer = self.buffer[-(len(marker) - 1):] if len(marker) > 1 else ""
            if not self.more():
                return False

    def drop(self, n: int) -> None:
        self.buffer = self.buffer[n:]


def read_prolog(handle: BinaryIO) -> Prolog:
    """Scan the prolog of ``handle`` (which is rewound afterwards)."""
    try:
        return _scan(_Text(handle))
    finally:
        handle.seek(0)


def _scan(text: _Text) -> Prolog:
    doctype: str | None = None
    entities = False
    while True:
        text.buffer = text.buffer.lstrip()
        while not text.buffer:
            if not text.more():
                return Prolog(doctype, entities, None)
            text.buffer = text.buffer.lstrip()
        text.need(9)
        if text.buffer.startswith("<?"):
            if not text.skip_to("?>"):
                return Prolog(doctype, entities, None)
        elif text.buffer.startswith("<!--"):
            if not text.skip_to("-->"):
                return Prolog(doctype, entities, None)
        elif text.buffer[:9].upper() == "<!DOCTYPE":
            text.drop(9)
            name, declares = _doctype(text)
            doctype = doctype or name
            entities = entities or declares
        elif text.buffer.startswith("<") and not text.buffer.startswith("<!"):
            text.need(256)
            match = _NAME.match(text.buffer, 1)
            return Prolog(doctype, entities, match.group(0) if match else None)
        else:  # text or markup that may not stand before the root: the parser will say what
            return Prolog(doctype, entities, None)


def _doctype(text: _Text) -> tuple[str | None, bool]:
    """Read a DOCTYPE declaration (after "<!DOCTYPE"): its name and whether its internal subset
    declares an entity. Quoted strings and comments inside are skipped, so a ">" or "]" in them
    does not end the declaration early."""
    text.need(256)
    text.buffer = text.buffer.lstrip()
    match = _NAME.match(text.buffer)
    name = match.group(0) if match else None
    if match:
        text.drop(match.end())
    declares = False
    in_subset = False
    while True:
        found = _DOCTYPE_MARK.search(text.buffer)
        if found is None:
            text.buffer = ""
            if not text.more():
                return name, declares
            continue
        char = found.group(0)
        text.drop(found.start())
        if char in "\"'":
            text.drop(1)
            if not text.skip_to(char):
                return name, declares
            continue
        if char == "<":
            text.need(8)
            if text.buffer.startswith("<!--"):
                text.drop(4)
                if not text.skip_to("-->"):
                    return name, declares
                continue
            if in_subset and text.buffer[:8].upper() == "<!ENTITY":
                declares = True
        elif char == "[":
            in_subset = True
        elif char == "]":
            in_subset = False
        elif char == ">" and not in_subset:
            text.drop(1)
            return name, declares
        text.drop(1)
