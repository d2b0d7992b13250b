"""HTML of a blog post -> clean paragraphs.

Block elements (paragraphs, list items, headings, quotes, table cells) become one paragraph each;
``<br>`` starts a new one. Scripts, embeds and images go; entities, soft hyphens and odd spaces are
resolved; text is Unicode NFC. Feed boilerplate (the WordPress "Der Beitrag … erschien zuerst auf
…" footer and its relatives) is dropped. The patterns live in ``data/lexicons/ingest/boilerplate.txt``.
"""
from __future__ import annotations

import html as html_lib
import re
import unicodedata
from functools import lru_cache

import lxml.etree
import lxml.html

from textmine.resources import lexicon_lines

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
# (A regex, not str.translate with a dict: translate looks up every character and is ~10x slower.)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A space before punctuation that ends a word ("Wort ," from inline tags); "Rolle .Die" stays.
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)\]])(?=\s|$)")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) +")
# Control characters (except tab/newline) are never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Regexes (one per line of ``data/lexicons/ingest/boilerplate.txt``) for paragraphs that are feed chrome."""
    return tuple(re.compile(line, re.IGNORECASE) for line in lexicon_lines("ingest", "boilerplate.txt"))


def normalize_text(text: str) -> str:
    """NFC, invisible characters removed, runs of whitespace collapsed to one space."""
    # Invisible characters go before NFC: a joiner between a letter and its accent would otherwise
    # block composition, and the result would change when normalised again.
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


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

    # An explicit stack, not recursion: hostile HTML nests thousands of levels deep.
    stack: list[tuple[lxml.html.HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in BLOCK_TAGS:
                cut()
            if element.tail:
                current.append(element.tail)
            continue
        if tag in DROP_TAGS or not tag:  # comments and processing instructions have no str tag
            if element.tail:
                current.append(element.tail)
            continue
        if tag in BLOCK_TAGS or tag == "br":
            cut()
        if element.text:
            current.append(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    cut()
    return blocks


_TAG = re.compile(r"<[^<>]*>")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)


def _plain_text_paragraphs(html: str) -> list[str]:
    """Fallback for input the HTML parser cannot take (only a comment, nesting beyond libxml2's
    limit): tags become breaks, entities are resolved, nothing of the text is lost."""
    text = html_lib.unescape(_TAG.sub("\n\n", html))
    return [p for p in (normalize_text(part) for part in re.split(r"\n\s*\n", text)) if p]


#: Block-level tags for ``autop``: text that already sits in one is not wrapped in a paragraph.
_AUTOP_BLOCK = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|"
    r"section|article|aside|header|footer|nav|main|address|hr|form|fieldset|details|summary)\b", re.IGNORECASE)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def autop(content: str, *, always: bool = False) -> str:
    """WordPress's ``wpautop`` rule for content written without block markup (the classic editor:
    most blogs older than 2019): a blank line starts a paragraph, a single line break is a line
    break. Without it a classic post becomes one paragraph and its bibliography is glued to the
    last one.

    ``always``: the content is WordPress's raw post content, which WordPress paragraphs even when
    some blocks are marked up (text between them still gets paragraphs); block-editor content
    (``<!-- wp:``) is left alone, as WordPress does. Otherwise only content with no block markup
    at all is touched (rendered HTML from a feed already has its paragraphs)."""
    if "\n" not in content or "<!-- wp:" in content:
        return content
    if not always and _AUTOP_BLOCK.search(content):
        return content
    pres: list[str] = []

    def keep_pre(match: re.Match[str]) -> str:
        pres.append(match.group(0))
        return f"\x00{len(pres) - 1}\x00"

    text = _PRE.sub(keep_pre, content.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for chunk in _BLANK_LINE.split(text.strip()):
        if not chunk.strip():
            continue
        if _AUTOP_BLOCK.match(chunk.lstrip()) or chunk.strip().startswith("\x00"):
            out.append(chunk)  # already a block: the HTML parser gives its paragraphs
        else:
            out.append("<p>" + re.sub(r"(?<!<br>)(?<!<br/>)(?<!<br />)\n", "<br>\n", chunk.strip()) + "</p>")
    html = "\n".join(out)
    return re.sub("\x00(\\d+)\x00", lambda m: pres[int(m.group(1))], html)


def html_to_paragraphs(html: str | None) -> list[str]:
    """Clean paragraphs of a post's HTML (or plain text); boilerplate and empty blocks dropped."""
    if not html or not html.strip():
        return []
    if "<![CDATA[" in html:
        # HTML has no CDATA: a parser drops "<![CDATA[ … ]]>" as a bogus comment, text and all.
        html = _CDATA.sub(lambda m: html_lib.escape(m.group(1), quote=False), html)
    parser = lxml.html.HTMLParser(huge_tree=True)  # one per call: lxml parsers are not thread-safe
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=parser)
    except (lxml.etree.ParserError, ValueError):
        # Not parseable as HTML at all (e.g. only a comment): treat it as plain text.
        return [p for p in (normalize_text(part) for part in re.split(r"\n\s*\n", html)) if p]
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops at 2,048 levels of nesting and drops the rest: keep the text anyway.
        return [p for p in map(_tidy, _plain_text_paragraphs(html)) if not is_boilerplate(p)]
    paragraphs = []
    for block in _blocks(root):
        paragraph = _tidy(normalize_text(block))
        if paragraph and not is_boilerplate(paragraph):
            paragraphs.append(paragraph)
    return paragraphs


def text_of(paragraphs: list[str]) -> str:
    """The analysed text of a post: paragraphs joined by blank lines (offsets index into it)."""
    return "\n\n".join(paragraphs)
