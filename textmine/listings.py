"""Corpus-wide listings built from stored analysis records (pure functions over the JSON contract)."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable


def _posts(records: Iterable[tuple[object, dict | None]]) -> list[tuple[object, dict]]:
    return [(post, record) for post, record in records if record]


def citation_rows(records: Iterable[tuple[object, dict | None]], by: str = "author") -> list[dict]:
    """Most-cited authors (``by="author"``), works (author + year, ``"work"``) or every citation (``"post"``)."""
    rows: list[dict] = []
    counts: Counter = Counter()
    posts_of: dict = defaultdict(set)
    for post, record in _posts(records):
        for citation in record["citations"]:
            authors = citation.get("authors") or []
            if by == "post":
                rows.append({"post": post.id, "title": post.title, "kind": citation["kind"], "authors": authors,
                             "year": citation.get("year"), "pages": citation.get("pages"), "text": citation["text"]})
                continue
            keys = authors if by == "author" else ["/".join(authors) + (f" {citation.get('year')}" if citation.get("year") else "")]
            for key in keys:
                counts[key] += 1
                posts_of[key].add(post.id)
    if by == "post":
        return rows
    label = "author" if by == "author" else "work"
    return [{label: key, "citations": n, "posts": len(posts_of[key])} for key, n in counts.most_common()]


def _matches(value: str | None, wanted: str | None) -> bool:
    return wanted is None or (value is not None and wanted.casefold() in value.casefold())


def _one_name_per_speaker(posts: list, key: str, group: str) -> dict[str, str]:
    """"Lember" -> "Veiko Lember" where the corpus makes it unambiguous (:mod:`textmine.nlp.arguments.names`)."""
    from textmine.nlp.arguments.names import merged_names

    return merged_names(c.get(key) for _, record in posts for c in record[group])


def claim_rows(records, *, post: str | None = None, holder: str | None = None) -> list[dict]:
    posts = _posts(records)
    names = _one_name_per_speaker(posts, "holder", "claims")
    return [
        {"post": p.id, "title": p.title, "holder": names.get(c["holder"], c["holder"]), "score": c["score"], "text": c["text"]}
        for p, record in posts if post is None or p.id == post
        for c in record["claims"] if _matches(names.get(c["holder"], c["holder"]), holder) or (holder == "author" and c.get("holder_is_author"))
    ]


def critique_rows(records, *, post: str | None = None, critic: str | None = None, target: str | None = None) -> list[dict]:
    posts = _posts(records)
    names = _one_name_per_speaker(posts, "critic", "critiques")
    return [
        {"post": p.id, "title": p.title, "critic": names.get(c["critic"], c["critic"]), "target": c.get("target"),
         "score": c["score"], "text": c["text"]}
        for p, record in posts if post is None or p.id == post
        for c in record["critiques"]
        if (_matches(names.get(c["critic"], c["critic"]), critic) or (critic == "author" and c.get("critic_is_author")))
        and _matches(c.get("target"), target)
    ]


def count_rows(rows: list[dict], key: str) -> list[dict]:
    """How many rows per value of ``key`` (e.g. critiques per target)."""
    counts = Counter(row.get(key) or "(none)" for row in rows)
    return [{key: value, "count": n} for value, n in counts.most_common()]


def actor_rows(records, *, sector: str | None = None, type: str | None = None) -> list[dict]:
    """One row per canonical actor (mentions, posts, type, sector, critiques given and received)."""
    from textmine.discourse.cooccurrence import actor_table

    rows = actor_table(record for _, record in _posts(records))
    return [row for row in rows if (sector is None or row["sector"] == sector) and (type is None or row["type"] == type)]
