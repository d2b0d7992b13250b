"""Build the blind held-out set: corpus/heldout-blog.xml and gold/heldout/*.jsonl.

The ten posts were written for this test (not taken from anywhere) and annotated while writing,
by the definitions in the annotation guide, without running textmine's extractors. Each post is
stored once in ``gold/heldout/posts.json``, with inline markup, so text and gold offsets cannot drift apart:

    {Surface} / {Surface=Canonical}        actor (type and sector from ACTORS)
    [[visible|kind|A;B|year|pages|ref]]     citation (kind p/n/i/a; ref = bibliography index)
    <<„quoted“|Source>>                     quote (Source "-" = none)
    ("C", s) claim by the author, ("C/Holder", s), ("K/critic/target", s) critique (critic ""
    = author), ("N", s) none, ("N/d|n|a|h|b|q", s) clear non-argument (description, narration,
    announcement, heading, bibliography, question).

    PYTHONPATH=. python scripts/build_heldout.py   # rewrites the feed and the three gold files
"""
from __future__ import annotations

import hashlib
import html
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.evaluation.heldout import read_heldout_source  # noqa: E402

_SOURCE = read_heldout_source()
ACTORS, POSTS, SURFACES = _SOURCE.actors, _SOURCE.posts, _SOURCE.surfaces
GOLD_DIR = ROOT / "gold" / "heldout"

FEED = ROOT / "corpus" / "heldout-blog.xml"
SOURCE = "corpus/heldout-blog.xml"
KINDS = {"p": "parenthetical", "n": "narrative", "i": "ibid", "a": "author_only"}
NONE_KINDS = {"d": "description", "n": "narration", "a": "announcement", "h": "heading",
              "b": "bibliography", "q": "question"}


def parse(markup: str, base: int, spans: dict) -> str:
    """Plain text of ``markup``; annotated spans (offsets from ``base``) go into ``spans``."""
    out: list[str] = []
    i = 0
    while i < len(markup):
        pos = base + sum(map(len, out))
        if markup.startswith("{", i):
            j = markup.index("}", i)
            surface, _, canonical = markup[i + 1:j].partition("=")
            canonical = canonical or SURFACES.get(surface, surface)
            if canonical not in ACTORS:
                raise KeyError(f"actor {surface!r} -> {canonical!r} not in ACTORS")
            kind, sector = ACTORS[canonical]
            spans["actors"].append({"start": pos, "end": pos + len(surface), "text": surface,
                                    "canonical": canonical, "type": kind, "sector": sector})
            out.append(surface)
            i = j + 1
        elif markup.startswith("[[", i):
            j = markup.index("]]", i)
            visible, kind, authors, year, pages, ref = markup[i + 2:j].split("|")
            text = parse(visible, pos, spans)
            spans["citations"].append({"start": pos, "end": pos + len(text), "text": text, "kind": KINDS[kind],
                                       "authors": authors.split(";") if authors else [],
                                       "year": int(year) if year else None, "pages": pages or None,
                                       "reference": int(ref) if ref else None})
            out.append(text)
            i = j + 2
        elif markup.startswith("<<", i):
            j = markup.index(">>", i)
            visible, _, source = markup[i + 2:j].rpartition("|")
            text = parse(visible, pos, spans)
            spans["quotes"].append({"start": pos, "end": pos + len(text), "source": None if source == "-" else source,
                                    "text": text})
            out.append(text)
            i = j + 2
        else:
            nxt = [k for k in (markup.find("{", i), markup.find("[[", i), markup.find("<<", i)) if k >= 0]
            j = min(nxt) if nxt else len(markup)
            out.append(markup[i:j])
            i = j
    return "".join(out)


def sentence_record(label: str, start: int, text: str) -> dict:
    parts = label.split("/")
    record: dict = {"start": start, "end": start + len(text)}
    if parts[0] == "N":
        record["label"] = "none"
        if len(parts) > 1:
            record["kind"] = NONE_KINDS[parts[1]]
    elif parts[0] == "C":
        record["label"] = "claim"
        record["holder"] = parts[1] if len(parts) > 1 and parts[1] else "author"
    elif parts[0] == "K":
        record["label"] = "critique"
        record["critic"] = parts[1] if len(parts) > 1 and parts[1] else "author"
        record["target"] = parts[2] if len(parts) > 2 and parts[2] else None
    else:
        raise ValueError(label)
    record["sha1"] = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]
    return record


def build_post(post: dict) -> tuple[list[tuple[str, str]], dict]:
    """(blocks as (tag, text)), annotations) for one post."""
    spans = {"actors": [], "citations": [], "quotes": [], "references": [], "sentences": []}
    blocks: list[tuple[str, str]] = []
    offset = 0
    for block in post["blocks"]:
        tag = block[0]
        if offset:
            offset += 2  # "\n\n" between paragraphs
        if tag == "ref":
            _, entry, fields = block
            spans["references"].append({"start": offset, "end": offset + len(entry), "text": entry, **fields})
            spans["sentences"].append(sentence_record("N/b", offset, entry))
            blocks.append(("p", entry))
            offset += len(entry)
            continue
        pieces = []
        for label, markup in block[1]:
            if pieces:
                pieces.append(" ")
                offset += 1
            text = parse(markup, offset, spans)
            spans["sentences"].append(sentence_record(label, offset, text))
            pieces.append(text)
            offset += len(text)
        blocks.append((tag, "".join(pieces)))
    return blocks, spans


def to_html(blocks: list[tuple[str, str]]) -> str:
    parts, in_list = [], False
    for tag, text in blocks:
        if tag == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        if tag != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<{tag}>{html.escape(text, quote=False)}</{tag}>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)


HEADER = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:atom="http://www.w3.org/2005/Atom"
\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
\t>

<channel>
\t<title>Gemeinsinn &amp; Gesellschaft</title>
\t<atom:link href="https://gemeinsinn-blog.example/feed/" rel="self" type="application/rss+xml" />
\t<link>https://gemeinsinn-blog.example</link>
\t<description>Ein Gemeinschaftsblog aus Praxis und Forschung der Sozialen Arbeit</description>
\t<lastBuildDate>Thu, 14 Nov 2024 08:30:00 +0000</lastBuildDate>
\t<language>de-DE</language>
\t<sy:updatePeriod>hourly</sy:updatePeriod>
\t<sy:updateFrequency>1</sy:updateFrequency>
\t<generator>https://wordpress.org/?v=6.5.3</generator>
"""


def item(post: dict, body: str) -> str:
    link = f"https://gemeinsinn-blog.example/{post['slug']}/"
    first = body.split("</p>", 1)[0].replace("<p>", "")
    footer = (f'<p>Der Beitrag <a rel="nofollow" href="{link}">{html.escape(post["title"], quote=False)}</a> erschien zuerst auf '
              '<a rel="nofollow" href="https://gemeinsinn-blog.example">Gemeinsinn &amp; Gesellschaft</a>.</p>')
    cats = "\n".join(f"\t\t<category><![CDATA[{c}]]></category>" for c in post["categories"])
    return (f"\t<item>\n\t\t<title>{html.escape(post['title'], quote=False)}</title>\n\t\t<link>{link}</link>\n"
            f"\t\t<dc:creator><![CDATA[{post['author']}]]></dc:creator>\n\t\t<pubDate>{post['date']}</pubDate>\n{cats}\n"
            f"\t\t<guid isPermaLink=\"false\">{post['guid']}</guid>\n"
            f"\t\t<description><![CDATA[<p>{first} [&#8230;]</p>\n{footer}\n]]></description>\n"
            f"\t\t<content:encoded><![CDATA[{body}\n{footer}\n]]></content:encoded>\n\t</item>\n")


def main() -> int:
    items, gold = [], {"citations": [], "actors": [], "arguments": []}
    for post in POSTS:
        blocks, spans = build_post(post)
        items.append(item(post, to_html(blocks)))
        head = {"post_id": post["guid"], "source": SOURCE}
        gold["citations"].append({**head, "citations": spans["citations"], "quotes": spans["quotes"],
                                  "references": spans["references"]})
        gold["actors"].append({**head, "actors": spans["actors"]})
        gold["arguments"].append({**head, "sentences": spans["sentences"]})
        post["_text"] = "\n\n".join(text for _, text in blocks)
    FEED.write_text(HEADER + "".join(items) + "</channel>\n</rss>\n", encoding="utf-8")
    for name, records in gold.items():
        path = GOLD_DIR / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    check()
    return 0


def check() -> None:
    """The cleaner must give back exactly the text the offsets were computed on."""
    from textmine.evaluation.gold import post_texts

    by_id = {p["guid"]: p["_text"] for p in POSTS}
    texts = post_texts(FEED)
    assert len(texts) == len(POSTS), len(texts)
    for post_id, text in texts.items():
        mine = by_id[post_id]
        if text != mine:
            k = next((i for i, (a, b) in enumerate(zip(text, mine)) if a != b), min(len(text), len(mine)))
            raise AssertionError(f"{post_id}: cleaner text differs at {k}: {text[k-30:k+30]!r} vs {mine[k-30:k+30]!r}")
        print(f"{post_id}  {len(text.split())} words")


if __name__ == "__main__":
    sys.exit(main())
