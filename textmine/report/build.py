"""The HTML report: one self-contained file a researcher can open offline, share and cite.

It shows the corpus at a glance (overview, topics over time, actors and their network, who is
cited) and every post with its claims, critiques, citations, quotes and actors highlighted in
displaCy's span style. Posts are untrusted input: every string goes through ``html.escape``, links
keep only http(s) URLs, and a Content-Security-Policy forbids anything but the inline style,
script and images, so the file never loads anything from the network.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from textmine import __version__
from textmine.nlp.citations.parse import cited_work_title

#: Span groups in drawing order: label, colour (displaCy's palette), and what the legend says.
GROUPS: dict[str, tuple[str, str, str]] = {
    "claims": ("CLAIM", "#7aecec", "a position that could be disputed"),
    "critiques": ("CRITIQUE", "#ff8197", "a claim that judges or doubts"),
    "quotes": ("QUOTE", "#c887fb", "a quotation"),
    "citations": ("CITATION", "#feca74", "a pointer to a source"),
    "actors": ("ACTOR", "#aa9cfc", "who acts, speaks or is acted upon"),
}
#: Underline bars stack below the text; deeper nesting than this shares the last slot.
MAX_SLOTS = 6
SLOT_STEP = 11  # px between stacked bars
SECTOR_COLORS = {
    "economy": "#e15759", "state": "#4e79a7", "civil_society": "#59a14f", "science": "#b07aa1",
    "citizens": "#f28e2b", "media": "#76b7b2", "unknown": "#9d9d9d",
}
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
    return ReportData(list(corpus.records()), stored_run, assignments)


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


def _span_css() -> str:
    """Colours per span group and vertical offsets per slot (bars drawn as inline backgrounds)."""
    rules = [f".g-{group}{{--c:{color}}}\n" for group, (_, color, _) in GROUPS.items()]
    for slot in range(MAX_SLOTS):
        pad = 6 + SLOT_STEP * slot
        rules.append(f".spans .a.s{slot}{{padding-bottom:{pad}px}}"
                     f".spans .lbl.s{slot}{{top:{pad + 10}px}}"
                     f".spans p.l{slot + 1}{{line-height:calc(1.7em + {pad + 6}px)}}\n")
    return "".join(rules)


# -- helpers ---------------------------------------------------------------------------------------
def e(value: Any) -> str:
    """Escaped text for HTML content and attribute values."""
    return html.escape(_no_bidi("" if value is None else str(value)), quote=True)


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _no_bidi(text: str) -> str:
    """Bidi overrides from feeds would make a name or link read differently from what it is."""
    return _BIDI.sub("", text)


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) links survive (no javascript:, data: or relative URLs from feeds)."""
    if url and not _BIDI.search(url) and re.match(r"https?://[^\s\"'<>\x00-\x1f\x7f-\x9f]+$", url.strip(), flags=re.IGNORECASE):
        return url.strip()
    return None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _empty(message: str) -> str:
    return f'<p class="empty">{e(message)}</p>'


def _table(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]], *, table_id: str = "", scroll: bool = False) -> str:
    """Columns are (header, css class); cells are HTML (already escaped by the caller)."""
    head = "".join(f'<th class="{cls}">{e(name)}</th>' for name, cls in columns)
    body = "".join("<tr>" + "".join(f'<td class="{cls}">{cell}</td>' for (_, cls), cell in zip(columns, row)) + "</tr>\n"
                   for row in rows)
    ident = f' id="{e(table_id)}"' if table_id else ""
    table = f"<table{ident}><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>' if scroll else table


def _post_links(data: ReportData, post_ids: Iterable[str], titles: dict[str, str]) -> str:
    ids = list(dict.fromkeys(post_ids))
    links = [f'<a href="#{data.anchors[pid]}">{e(titles.get(pid, pid))}</a>' for pid in ids[:LINKS_PER_ROW] if pid in data.anchors]
    more = f' <span class="muted">+{len(ids) - LINKS_PER_ROW} more</span>' if len(ids) > LINKS_PER_ROW else ""
    return f'<span class="post-links">{"; ".join(links)}{more}</span>'


# -- periods ---------------------------------------------------------------------------------------
def period_freq(dates: Sequence[dt.date], max_periods: int = 30) -> str:
    """The finest of month, quarter, year that gives at most ``max_periods`` periods."""
    if not dates:
        return "month"
    first, last = min(dates), max(dates)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= max_periods:
        return "month"
    if (months + 2) // 3 + 1 <= max_periods:
        return "quarter"
    return "year"


def period_of(date: dt.date, freq: str) -> str:
    if freq == "month":
        return f"{date.year}-{date.month:02d}"
    if freq == "quarter":
        return f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    return str(date.year)


def period_range(dates: Sequence[dt.date], freq: str) -> list[str]:
    """Every period from the first date to the last, gaps included (so the time axis is linear)."""
    if not dates:
        return []
    first, last = min(dates), max(dates)
    step = {"month": 1, "quarter": 3, "year": 12}[freq]
    year, month = first.year, first.month
    if freq == "quarter":
        month = (month - 1) // 3 * 3 + 1
    elif freq == "year":
        month = 1
    periods: list[str] = []
    while (year, month) <= (last.year, last.month):
        periods.append(period_of(dt.date(year, month, 1), freq))
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return periods


def topic_prevalence(posts: Iterable[tuple[str | None, list[float]]], k: int) -> tuple[str, list[str], list[list[float]], list[int]]:
    """Mean topic weights per period over (published, weights) pairs: (freq, periods, shares, posts)."""
    dated = [(d, w) for d, w in ((_date(p), w) for p, w in posts) if d is not None and len(w) == k]
    dates = [d for d, _ in dated]
    freq = period_freq(dates)
    periods = period_range(dates, freq)
    sums: dict[str, list[float]] = {p: [0.0] * k for p in periods}
    counts: Counter = Counter()
    for date, weights in dated:
        key = period_of(date, freq)
        counts[key] += 1
        sums[key] = [a + float(b) for a, b in zip(sums[key], weights)]
    shares = [[(s / counts[p]) if counts[p] else 0.0 for s in sums[p]] for p in periods]
    return freq, periods, shares, [counts[p] for p in periods]


# -- charts (matplotlib, inline SVG) ---------------------------------------------------------------
def _svg(fig: Any, name: str, label: str) -> str:
    """The figure as inline SVG (text kept as text, ids salted per chart so several can share a page)."""
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"textmine-{name}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return f'<div class="chart" id="chart-{e(name)}" role="img" aria-label="{e(label)}">{text[text.index("<svg"):]}</div>'


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["text.parse_math"] = False  # "$" in labels from posts stays a dollar sign
    return plt


def _bar_chart(periods: list[str], values: list[int], name: str, ylabel: str) -> str:
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(14, 2.4))
    ax.bar(range(len(periods)), values, color="#4e79a7")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _period_axis(ax, periods)
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig, name, f"bar chart: {ylabel} per period")


def _period_axis(ax: Any, periods: list[str]) -> None:
    step = max(1, len(periods) // 16)
    ax.set_xticks(range(0, len(periods), step))
    ax.set_xticklabels(periods[::step], rotation=45, ha="right", fontsize=8)
    ax.set_xlim(-0.6, len(periods) - 0.4)


def _prevalence_chart(periods: list[str], shares: list[list[float]], labels: list[str], freq: str) -> str:
    plt = _pyplot()
    colors = plt.get_cmap("tab20" if len(labels) > 10 else "tab10").colors
    fig, ax = plt.subplots(figsize=(14, 4.2))
    bottom = [0.0] * len(periods)
    for index, label in enumerate(labels):
        values = [row[index] for row in shares]
        ax.bar(range(len(periods)), values, bottom=bottom, width=0.9, label=label, color=colors[index % len(colors)])
        bottom = [b + v for b, v in zip(bottom, values)]
    _period_axis(ax, periods)
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"mean topic share per {freq}")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=9, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    return _svg(fig, "topics-over-time", f"stacked bar chart: mean topic shares per {freq}")


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


def legend() -> str:
    return '<div class="legend" id="legend">' + "".join(
        f'<span title="{e(note)}"><span class="chip" style="background:{color}"></span>{e(label)}</span>'
        for label, color, note in GROUPS.values()) + "</div>"


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


def _describe(group: str, span: dict) -> str:
    """Tooltip text for one annotation."""
    if group == "claims":
        return f"claim by {span.get('holder') or 'author'}"
    if group == "critiques":
        return f"critique by {span.get('critic') or 'author'}" + (f" of {span['target']}" if span.get("target") else "")
    if group == "citations":
        who = "/".join(span.get("authors") or []) or "?"
        return f"citation ({span.get('kind')}): {who} {span.get('year') or ''} {span.get('pages') or ''}".strip()
    if group == "quotes":
        return f"quote from {span.get('source') or 'unknown source'}"
    return f"actor {span.get('canonical')} ({span.get('type')}, {span.get('sector')})"


def highlight(record: dict) -> str:
    """The text with every annotation as a coloured bar below it and a label at its start.

    Spans get a slot (bar height) so overlapping ones stack like displaCy's span view; the text is
    cut at every span boundary and each piece nests the bars of the spans covering it, so crossing
    spans render too. Linear in text length plus spans.
    """
    text = record.get("text") or ""
    spans = []
    for order, group in enumerate(GROUPS):
        for span in record.get(group, []):
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, order, group, span))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    slot_ends: list[int] = []
    placed = []
    for start, end, _, group, span in spans:
        slot = next((i for i, last in enumerate(slot_ends) if last <= start), len(slot_ends))
        if slot == len(slot_ends):
            slot_ends.append(end)
        else:
            slot_ends[slot] = end
        placed.append((start, end, min(slot, MAX_SLOTS - 1), group, span))
    paragraphs = []
    offset = 0
    for part in text.split("\n\n"):
        paragraphs.append((offset, offset + len(part)))
        offset += len(part) + 2
    cuts = sorted({0, len(text)} | {s[0] for s in placed} | {s[1] for s in placed}
                  | {b for p in paragraphs for b in p})
    starts: dict[int, list] = defaultdict(list)
    for item in placed:
        starts[item[0]].append(item)
    buckets: list[list[str]] = [[] for _ in paragraphs]
    depths = [0] * len(paragraphs)
    active: list = []
    index = 0
    for left, right in zip(cuts, cuts[1:]):
        active = [a for a in active if a[1] > left] + starts.get(left, [])
        while index + 1 < len(paragraphs) and left >= paragraphs[index + 1][0]:
            index += 1
        if left >= paragraphs[index][1]:
            continue  # the blank line between two paragraphs
        inner = e(text[left:right])
        for start, _, slot, group, span in sorted(active, key=lambda a: -a[2]):
            label = ""
            if start == left:
                label = f'<span class="lbl g-{group} s{slot}" title="{e(_describe(group, span))}">{GROUPS[group][0]}</span>'
            inner = f'<span class="a g-{group} s{slot}">{label}{inner}</span>'
        depths[index] = max([depths[index]] + [a[2] + 1 for a in active])
        buckets[index].append(inner)
    return '<div class="spans">' + "".join(_paragraph(b, d) for b, d in zip(buckets, depths) if b) + "</div>"


def _paragraph(pieces: list[str], depth: int) -> str:
    return f'<p class="l{depth}">{"".join(pieces)}</p>' if depth else f"<p>{''.join(pieces)}</p>"


def _annotation_lists(record: dict) -> str:
    items = []
    for critique in record.get("critiques", []):
        target = f" → <strong>{e(critique['target'])}</strong>" if critique.get("target") else ""
        items.append(f'<li><span class="tag g-critiques" style="background:var(--c)">critique</span> '
                     f"<strong>{e(critique.get('critic') or 'author')}</strong>{target}: {e(_short(critique.get('text')))}</li>")
    for citation in record.get("citations", []):
        who = "/".join(citation.get("authors") or []) or "?"
        items.append(f'<li><span class="tag g-citations" style="background:var(--c)">citation</span> {e(citation.get("kind"))}: '
                     f"<strong>{e(who)}</strong> {e(citation.get('year') or '')} {e(citation.get('pages') or '')} "
                     f'<span class="muted">{e(citation.get("text"))}</span></li>')
    references = record.get("references", [])
    refs = "".join(f"<li>{e(ref.get('text'))}</li>" for ref in references)
    block = f'<ul class="annotations">{"".join(items)}</ul>' if items else ""
    if refs:
        block += f'<details class="annotations"><summary>Bibliography ({len(references)} parsed entries)</summary><ol>{refs}</ol></details>'
    return block


def _short(text: str | None, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- headless browser ------------------------------------------------------------------------------
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """A headless-capable Chromium on PATH, or None."""
    return next((path for path in map(shutil.which, BROWSERS) if path), None)


@dataclass
class BrowserResult:
    returncode: int
    dom: str
    log: str

    @property
    def console_messages(self) -> list[str]:
        """What the page wrote to the console: uncaught errors, CSP refusals, console.* calls.

        Chromium logs every console message at INFO level, so the report (which logs nothing)
        must produce none."""
        return [line for line in self.log.splitlines() if re.search(r":CONSOLE[:(]|Uncaught|Refused to", line)]


def open_in_browser(html_path: str | Path, *, screenshot: str | Path | None = None, fragment: str = "",
                    window: tuple[int, int] = (1280, 2000), timeout: int = 90, browser: str | None = None) -> BrowserResult:
    """Load the file in headless Chromium: the DOM after scripts ran, the console log, a screenshot.

    The browser gets a throwaway profile and no network features, so nothing leaves the machine."""
    browser = browser or find_browser()
    if browser is None:
        raise ReportError("no Chromium found: install it (Debian: apt-get install chromium)")
    url = Path(html_path).resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="textmine-chromium-") as profile:
        base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                f"--window-size={window[0]},{window[1]}", "--hide-scrollbars", "--virtual-time-budget=5000"]
        returncode, dom, log = _run(base + ["--dump-dom", url], timeout)
        if screenshot is not None:
            code, _, shot_log = _run(base + [f"--screenshot={Path(screenshot).resolve()}", url], timeout)
            log += shot_log
            if code != 0 or not Path(screenshot).exists():
                raise ReportError(f"chromium could not take the screenshot (exit {code}): {shot_log.strip()[-300:]}")
    return BrowserResult(returncode, dom, log)


def _run(command: list[str], timeout: int) -> tuple[int, str, str]:
    """Run Chromium in its own process group, so a hung page takes all its helper processes down with it."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ReportError(f"chromium did not finish within {timeout} s (a script on the page may hang)") from None
    return process.returncode, out, err
