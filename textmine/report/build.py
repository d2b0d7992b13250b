"""The HTML report: one self-contained file a researcher can open offline, share and cite.

It shows the corpus at a glance (overview, topics over time, actors and their network, who is
cited) and every post with its claims, critiques, citations, quotes and actors highlighted in
displaCy's span style. Posts are untrusted input: every string goes through ``html.escape``, links
keep only http(s) URLs, and a Content-Security-Policy forbids anything but the inline style,
script and images, so the file never loads anything from the network."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from textmine import __version__
from textmine.nlp.citations.parse import cited_work_title
from textmine.report.charts import (
    SECTOR_COLORS,
    _bar_chart,
    _prevalence_chart,
    period_freq,
    period_of,
    period_range,
    topic_prevalence,
)
from textmine.report.highlight import (
    GROUPS,
    _annotation_lists,
    _span_css,
    highlight,
    legend,
)
from textmine.report.html import _date, _empty, _table, e, safe_url

#: How many rows the corpus-wide tables show.
TOP_ACTORS, TOP_CITED, LINKS_PER_ROW, OPEN_POSTS = 60, 30, 8, 3

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'")

class ReportError(Exception):
    """The report cannot be built; the message is one line for the user."""

@dataclass
class ReportData:
    """Everything the report shows, read once from the store."""

    posts: list[tuple[Any, dict | None]]
    run: dict | None = None
    assignments: dict[str, tuple[int, list[float]]] = field(default_factory=dict)
    anchors: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.anchors = {post.id: f"post-{number}" for number, (post, _) in enumerate(self.posts, 1)}

    @property
    def analysed(self) -> list[tuple[Any, dict]]:
        return [(post, record) for post, record in self.posts if record]

# -- entry points ----------------------------------------------------------------------------------
def build_report(corpus_or_db: Any, out_path: str | Path, *, run: int | None = None) -> Path:
    """Write the report of a ``Corpus`` (or the database at a path) to ``out_path``; returns the path.

    ``run`` picks the stored topic run (default: the latest one)."""
    from textmine.corpus import Corpus

    if isinstance(corpus_or_db, (str, Path)):
        with Corpus(corpus_or_db, readonly=True) as corpus:
            return build_report(corpus, out_path, run=run)
    out = Path(out_path)
    if not out.parent.exists():
        raise ReportError(f"cannot write {out}: folder {out.parent} does not exist")
    data = collect(corpus_or_db, run=run)
    from textmine.outfiles import atomic_text

    with atomic_text(out) as stream:  # an error or a full disk leaves any earlier report whole
        stream.write(render_html(data))
    return out

def collect(corpus: Any, *, run: int | None = None) -> ReportData:
    store = corpus.store
    stored_run = store.topic_run(run)
    if run is not None and stored_run is None:
        raise ReportError(f"no topic run {run} in the database (textmine runs lists them)")
    assignments = store.topic_assignments(stored_run["id"]) if stored_run else {}
    return ReportData(list(corpus.records(merge_names=True)), stored_run, assignments)

def render_html(data: ReportData) -> str:
    title = "textmine report"
    from textmine.report.discourse import discourse_section

    sections = [_overview(data), _topics(data), _actors(data), discourse_section(data), _citations(data), _posts(data)]
    nav = "".join(f'<a href="#{key}">{label}</a>' for key, label in (
        ("overview", "Overview"), ("topics", "Topics"), ("actors", "Actors"), ("discourse", "Discourse"),
        ("citations", "Citations"), ("posts", "Posts")))
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="textmine {__version__}">\n'
        f"<title>{title}</title>\n<style>\n{_asset('report.css')}{_span_css()}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>{title}</h1><nav>{nav}</nav>'
        f'<span class="muted">generated {generated} by textmine {__version__}</span></header>\n'
        f"<main>\n{''.join(sections)}</main>\n<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n"
    )

def _asset(name: str) -> str:
    return resources.files("textmine.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")

def _post_links(data: ReportData, post_ids: Iterable[str], titles: dict[str, str]) -> str:
    ids = list(dict.fromkeys(post_ids))
    links = [f'<a href="#{data.anchors[pid]}">{e(titles.get(pid, pid))}</a>' for pid in ids[:LINKS_PER_ROW] if pid in data.anchors]
    more = f' <span class="muted">+{len(ids) - LINKS_PER_ROW} more</span>' if len(ids) > LINKS_PER_ROW else ""
    return f'<span class="post-links">{"; ".join(links)}{more}</span>'

# -- sections --------------------------------------------------------------------------------------
def _cards(items: Iterable[tuple[str, Any]]) -> str:
    return '<div class="cards">' + "".join(
        f'<div class="card{" wide" if len(str(value)) > 8 else ""}" id="card-{e(label.replace(" ", "-"))}">'
        f'<div class="value">{e(value)}</div><div class="label">{e(label)}</div></div>'
        for label, value in items) + "</div>"

def _overview(data: ReportData) -> str:
    posts = [post for post, _ in data.posts]
    if not posts:
        return ('<section id="overview"><h2>Overview</h2>'
                + _empty("The database holds no posts yet. Run: textmine ingest FEED, then textmine report.")
                + "</section>\n")
    dates = [d for d in (_date(p.published) for p in posts) if d]
    period = f"{min(dates):%Y-%m-%d} – {max(dates):%Y-%m-%d}" if dates else "undated"
    authors = Counter(p.author or "(unknown)" for p in posts)
    categories = Counter(c for p in posts for c in p.categories)
    totals = Counter()
    for _, record in data.analysed:
        for group in GROUPS:
            totals[group] += len(record.get(group, []))
    html_parts = [
        '<section id="overview"><h2>Overview</h2>',
        _cards([("posts", len(posts)), ("analysed", len(data.analysed)), ("period", period),
                ("authors", len(authors)), ("categories", len(categories)), ("claims", totals["claims"]),
                ("critiques", totals["critiques"]), ("citations", totals["citations"]), ("quotes", totals["quotes"]),
                ("actor mentions", totals["actors"])]),
    ]
    if dates:
        freq = period_freq(dates)
        periods = period_range(dates, freq)
        per = Counter(period_of(d, freq) for d in dates)
        html_parts.append(f"<h3>Posts per {freq}</h3>" + _bar_chart(periods, [per[p] for p in periods], "posts-over-time", "posts"))
    author_rows = [(e(name), str(n)) for name, n in authors.most_common()]
    category_rows = [(e(name), str(n)) for name, n in categories.most_common(40)]
    html_parts.append('<div class="columns"><div><h3>Authors</h3>'
                      + _table([("author", ""), ("posts", "num")], author_rows, table_id="authors", scroll=True)
                      + "</div><div><h3>Categories</h3>"
                      + (_table([("category", ""), ("posts", "num")], category_rows, table_id="categories", scroll=True)
                         if category_rows else _empty("No categories in the feeds."))
                      + "</div></div>")
    if len(data.analysed) < len(posts):
        html_parts.append(f'<p class="note">{len(posts) - len(data.analysed)} post(s) are not analysed yet '
                          "(textmine ingest analyses new and changed posts).</p>")
    return "".join(html_parts) + "</section>\n"

def _topics(data: ReportData) -> str:
    head = '<section id="topics"><h2>Topics</h2>'
    run = data.run
    if run is None or not run.get("topics"):
        return head + _empty("No topic run is stored yet. Run: textmine topics --k 8, then textmine report.") + "</section>\n"
    from textmine.topics.by_actor import typical_actors

    topics = run["topics"]
    titles = {post.id: post.title for post, _ in data.posts}
    typical = typical_actors(data.analysed, data.assignments, topics)
    dominant = Counter(topic for topic, _ in data.assignments.values())
    best: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for pid, (topic, weights) in data.assignments.items():
        if 0 <= topic < len(weights):
            best[topic].append((weights[topic], pid))
    coherence = ", ".join(f"{key} {value:.3f}" for key, value in run.get("coherence", {}).items() if isinstance(value, (int, float)))
    rows = []
    for topic in topics:
        tid = topic["id"]
        examples = [pid for _, pid in sorted(best.get(tid, []), reverse=True)[:3]]
        rows.append((
            e(tid), f"<strong>{e(topic.get('label'))}</strong>",
            f'<span class="terms">{e(", ".join(topic.get("terms", [])[:10]))}</span>',
            f"{float(topic.get('share', 0.0)):.1%}", str(dominant.get(tid, 0)),
            e(", ".join(typical.get(tid, []))), _post_links(data, examples, titles),
        ))
    parts = [head, f'<p class="note">Run {e(run["id"])}: {e(run.get("method"))}, k={e(run.get("k"))}, seed={e(run.get("seed"))}'
             + (f"; coherence {e(coherence)}" if coherence else "") + f", created {e(run.get('created_at'))}.</p>"]
    published = {post.id: post.published for post, _ in data.posts}
    freq, periods, shares, _ = topic_prevalence(
        ((published.get(pid), weights) for pid, (_, weights) in data.assignments.items()), len(topics))
    if periods:
        parts.append(f"<h3>Prevalence over time (per {freq})</h3>"
                     + _prevalence_chart(periods, shares, [f"{t['id']}: {t.get('label', '')}" for t in topics], freq))
    else:
        parts.append(_empty("No dated posts in this run, so no chart over time."))
    parts.append("<h3>Topics of this run</h3>" + _table(
        [("#", "num"), ("label", ""), ("top terms", ""), ("share", "num"), ("posts", "num"), ("typical actors", ""),
         ("example posts", "")], rows, table_id="topic-table"))
    return "".join(parts) + "</section>\n"

def _actors(data: ReportData) -> str:
    head = '<section id="actors"><h2>Actors</h2>'
    records = [{**record, "id": post.id} for post, record in data.analysed]
    from textmine.discourse.cooccurrence import actor_table

    table = actor_table(records)
    if not table:
        return head + _empty("No actors found (no analysed posts yet).") + "</section>\n"
    rows = [(e(r["actor"]), e(r["type"]), f'<span class="tag" style="border-color:{SECTOR_COLORS.get(r["sector"], "#9d9d9d")}">{e(r["sector"])}</span>',
             str(r["mentions"]), str(r["posts"]), str(r["as_critic"]), str(r["as_target"])) for r in table[:TOP_ACTORS]]
    parts = [head, f'<p class="note">{len(table)} actors; the {min(len(table), TOP_ACTORS)} most mentioned. '
             "Critic / criticised: critiques the actor voices / receives.</p>",
             _table([("actor", ""), ("type", ""), ("sector", ""), ("mentions", "num"), ("posts", "num"),
                     ("critic", "num"), ("criticised", "num")], rows, table_id="actor-table", scroll=True)]
    parts.append('<p class="note">Who argues with whom about what: see <a href="#discourse">Discourse</a>.</p>')
    return "".join(parts) + "</section>\n"

def cited(records: Iterable[tuple[Any, dict]]) -> tuple[list[dict], list[dict]]:
    """Most-cited authors and works (authors + year), each with its citing posts and, for works, a title."""
    authors: dict[str, dict] = {}
    works: dict[str, dict] = {}
    for post, record in records:
        references = record.get("references", [])
        for citation in record.get("citations", []):
            names = [a for a in citation.get("authors") or [] if a]
            if not names:
                continue
            for name in names:
                row = authors.setdefault(name, {"author": name, "citations": 0, "posts": []})
                row["citations"] += 1
                row["posts"].append(post.id)
            key = "/".join(names) + (f" {citation['year']}" if citation.get("year") else "")
            row = works.setdefault(key, {"work": key, "citations": 0, "posts": [], "title": None})
            row["citations"] += 1
            row["posts"].append(post.id)
            index = citation.get("reference")
            if row["title"] is None and isinstance(index, int) and 0 <= index < len(references):
                ref = references[index]
                row["title"] = cited_work_title(names, ref.get("authors") or [], ref.get("editors") or [],
                                                ref.get("title"), ref.get("container"))
    return (sorted(authors.values(), key=lambda r: (-r["citations"], -len(set(r["posts"])), r["author"])),
            sorted(works.values(), key=lambda r: (-r["citations"], -len(set(r["posts"])), r["work"])))

def _citations(data: ReportData) -> str:
    head = '<section id="citations"><h2>Citations</h2>'
    authors, works = cited(data.analysed)
    if not authors:
        return head + _empty("No citations found (no analysed posts with citations yet).") + "</section>\n"
    titles = {post.id: post.title for post, _ in data.posts}
    author_rows = [(e(r["author"]), str(r["citations"]), str(len(set(r["posts"]))), _post_links(data, r["posts"], titles))
                   for r in authors[:TOP_CITED]]
    work_rows = [(e(r["work"]), e(r["title"] or ""), str(r["citations"]), _post_links(data, r["posts"], titles))
                 for r in works[:TOP_CITED]]
    return (head + f'<p class="note">{sum(r["citations"] for r in works)} citations of {len(works)} works by '
            f"{len(authors)} authors; the most cited, with links to the citing posts.</p>"
            '<h3>Most-cited authors</h3>'
            + _table([("author", ""), ("citations", "num"), ("posts", "num"), ("cited in", "")], author_rows, table_id="cited-authors", scroll=True)
            + '<h3>Most-cited works</h3>'
            + _table([("work", ""), ("title (bibliography)", ""), ("citations", "num"), ("cited in", "")], work_rows, table_id="cited-works", scroll=True)
            + "</section>\n")

def _posts(data: ReportData) -> str:
    head = '<section id="posts"><h2>Posts</h2>'
    if not data.posts:
        return head + _empty("No posts to show.") + "</section>\n"
    labels = {t["id"]: t.get("label", str(t["id"])) for t in (data.run or {}).get("topics", [])}
    parts = [head, '<div class="searchbar"><input id="search" type="search" placeholder="Search posts: words, actors, authors…" '
             'aria-label="Search posts" autocomplete="off"><span id="search-count" class="muted"></span>', legend(), "</div>"]
    for number, (post, record) in enumerate(data.posts, 1):
        parts.append(_post(data, post, record, labels, open_=number <= OPEN_POSTS))
    return "".join(parts) + "</section>\n"

def _post(data: ReportData, post: Any, record: dict | None, labels: dict[int, str], *, open_: bool) -> str:
    from textmine.ingest.clean import text_of

    date = _date(post.published)
    meta = [f"{date:%Y-%m-%d}" if date else "undated", post.author or "(unknown author)"]
    if post.id in data.assignments:
        topic = data.assignments[post.id][0]
        meta.append(f"topic {topic}: {labels.get(topic, '?')}")
    tags = "".join(f'<span class="tag">{e(c)}</span>' for c in post.categories)
    url = safe_url(post.url)
    link = f'<p><a href="{e(url)}" rel="noopener noreferrer nofollow">{e(url)}</a></p>' if url else ""
    if record:
        body = highlight(record) + _annotation_lists(record)
    else:
        body = ('<p class="note">Not analysed yet.</p><div class="spans">'
                + "".join(f"<p>{e(p)}</p>" for p in text_of(post.paragraphs).split("\n\n")) + "</div>")
    return (f'<article class="post" id="{data.anchors[post.id]}" data-post-id="{e(post.id)}"><details{" open" if open_ else ""}>'
            f'<summary><span class="title">{e(post.title)}</span><span class="meta">{e(" · ".join(meta))}</span> {tags}</summary>'
            f'<div class="body">{link}{body}</div></details></article>\n')
