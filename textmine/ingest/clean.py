"""HTML of a blog post -> clean paragraphs.

Block elements (paragraphs, list items, headings, quotes, table cells) become one paragraph each;
``<br>`` starts a new one. Scripts, embeds and images go; entities, soft hyphens and odd spaces are
resolved; text is Unicode NFC. Feed boilerplate (the WordPress "Der Beitrag … erschien zuerst auf
…" footer and its relatives) is dropped. The patterns live in ``lexicons/boilerplate.txt``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import lxml.etree
import lxml.html

#: Elements whose content is never text of the post.
DROP_TAGS = frozenset(
    {"script", "style", "noscript", "iframe", "object", "embed", "video", "audio", "svg", "canvas",
     "form", "button", "input", "select", "textarea", "head", "template", "img", "picture", "source"}
)
#: Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dt", "dd",
     "figcaption", "caption", "section", "article", "header", "footer", "aside", "ul", "ol", "dl",
     "table", "tr", "figure", "main", "nav", "address", "hr", "details", "summary"}
)
# Characters that carry no text: soft hyphen, zero-width (non-)joiners and spaces, BOM, word joiner.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A space before punctuation that ends a word ("Wort ," from inline tags); "Rolle .Die" stays.
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)\]])(?=\s|$)")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) +")
# Control characters (except tab/newline) are never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Regexes (one per line of ``lexicons/boilerplate.txt``) for paragraphs that are feed chrome."""
    text = resources.files("textmine.nlp.lexicons").joinpath("boilerplate.txt").read_text("utf-8")
    lines = [line.strip() for line in text.splitlines()]
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))


def normalize_text(text: str) -> str:
    """NFC, invisible characters removed, runs of whitespace collapsed to one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _tidy(text: str) -> str:
    # Inline tags leave stray spaces before punctuation ("<strong>Wort</strong> ." or "( Text").
    return _SPACE_AFTER_OPEN.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", text))


def is_boilerplate(paragraph: str) -> bool:
    """True for footers such as "Der Beitrag X erschien zuerst auf Y."."""
    return any(pattern.fullmatch(paragraph) for pattern in boilerplate_patterns())


def _blocks(root: lxml.html.HtmlElement) -> list[str]:
    """Walk the tree once, cutting the running text at block boundaries and <br>."""
    blocks: list[str] = []
    current: list[str] = []

    def cut() -> None:
        if current:
            blocks.append("".join(current))
            current.clear()

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in DROP_TAGS or not tag:  # comments and processing instructions have no str tag
            if element.tail:
                current.append(element.tail)
            return
        is_block = tag in BLOCK_TAGS
        if is_block or tag == "br":
            cut()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if is_block:
            cut()
        if element.tail:
            current.append(element.tail)

    walk(root)
    cut()
    return blocks


def html_to_paragraphs(html: str | None) -> list[str]:
    """Clean paragraphs of a post's HTML (or plain text); boilerplate and empty blocks dropped."""
    if not html or not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        # Not parseable as HTML at all (e.g. only a comment): treat it as plain text.
        return [p for p in (normalize_text(part) for part in re.split(r"\n\s*\n", html)) if p]
    paragraphs = []
    for block in _blocks(root):
        paragraph = _tidy(normalize_text(block))
        if paragraph and not is_boilerplate(paragraph):
            paragraphs.append(paragraph)
    return paragraphs


def text_of(paragraphs: list[str]) -> str:
    """The analysed text of a post: paragraphs joined by blank lines (offsets index into it)."""
    return "\n\n".join(paragraphs)
