"""The HTML report: sections present, untrusted text escaped, works offline, renders in Chromium."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.helpers import DATA, ROOT, SAMPLE_FEED, SHARED
from textmine.corpus import Corpus
from textmine.report.browser import find_browser, open_in_browser
from textmine.report.build import ReportError, build_report
from textmine.report.charts import period_range, topic_prevalence
from textmine.report.highlight import GROUPS, highlight
from textmine.store.database import Store

ARTIFACTS = ROOT / "artifacts"
SECTIONS = ("overview", "topics", "actors", "discourse", "citations", "posts")

# A hostile post: markup in title (double-escaped, so it is literal text after feed parsing), text and
# category must come out as text; the javascript: link must not survive.
EVIL_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Evil</title><link>https://evil.example</link>
<item>
  <title>&amp;lt;script&amp;gt;alert("title")&amp;lt;/script&amp;gt; Angriff</title>
  <link>javascript:alert(1)</link>
  <guid isPermaLink="false">evil-1</guid>
  <pubDate>Wed, 02 Oct 2024 08:00:00 +0000</pubDate>
  <category><![CDATA[<img src=x onerror=alert(2)>]]></category>
  <content:encoded><![CDATA[<p>Die Kommunen sollten &lt;script&gt;document.title="pwned"&lt;/script&gt; nicht ignorieren (Kessler 2020, 4).</p>
  <p>Zitat &lt;/p&gt;&lt;b onmouseover=alert(3)&gt;fett&lt;/b&gt; Ende.</p>]]></content:encoded>
</item>
</channel></rss>
"""


def _feeds(tmp: Path) -> list[str]:
    evil = tmp / "evil.xml"
    evil.write_text(EVIL_FEED, encoding="utf-8")
    feeds = [str(DATA / name) for name in ("mini-rss.xml", "mini-atom.xml", "mini-wxr.xml")] + [str(evil)]
    if SAMPLE_FEED.exists():
        feeds.append(str(SAMPLE_FEED))
    if (SHARED / "corpus" / "npo-rss.xml").exists():
        feeds.append(str(SHARED / "corpus" / "npo-rss.xml"))
    return feeds


def _add_topic_run(db: Path) -> list[dict]:
    """A stored run with deterministic weights (the report reads runs; fitting them is tested elsewhere)."""
    topics = [{"id": i, "label": f"Thema{i}", "terms": [f"wort{i}a", f"wort{i}b", f"wort{i}c"], "share": 1 / 3} for i in range(3)]
    with Store(db) as store:
        ids = [post.id for post in store.posts()]
        assignments = []
        for n, pid in enumerate(ids):
            weights = [0.1, 0.1, 0.1]
            weights[n % 3] = 0.8
            assignments.append((pid, n % 3, weights))
        store.add_topic_run(method="lda", k=3, seed=1, params={}, coherence={"c_v": 0.5}, topics=topics,
                            model_dir=None, assignments=assignments)
    return topics


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    db = tmp / "corpus.sqlite"
    with Corpus(db) as corpus:
        summary = corpus.ingest(_feeds(tmp))
    assert summary.analysed >= 3
    _add_topic_run(db)
    return db


@pytest.fixture(scope="module")
def report(corpus_db: Path) -> tuple[Path, str]:
    out = corpus_db.with_name("report.html")
    build_report(corpus_db, out)
    return out, out.read_text(encoding="utf-8")


def _posts(db: Path) -> list:
    with Corpus(db, readonly=True) as corpus:
        return list(corpus.records())


def test_report_has_every_section_and_one_article_per_post(corpus_db: Path, report: tuple[Path, str]) -> None:
    _, page = report
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    for ident in ("search", "search-count", "legend", "topic-table", "chart-topics-over-time", "chart-posts-over-time",
                  "actor-table", "concept-map", "chart-critique-network", "concept-table", "cited-authors", "cited-works"):
        assert f'id="{ident}"' in page, ident
    posts = _posts(corpus_db)
    assert page.count('<article class="post"') == len(posts)
    assert f'<div class="value">{len(posts)}</div><div class="label">posts</div>' in page
    for label in ("Thema0", "wort1a"):
        assert label in page
    for group, (label, _, _) in GROUPS.items():
        assert f"</span>{label}</span>" in page  # in the legend
        assert f'<span class="lbl g-{group} ' in page  # and at least one highlighted span of every kind
    # Citations link to the posts that cite them: the mini feed's "(Hartmann 2019, 14)".
    cited = re.search(r'<table id="cited-authors">.*?</table>', page, flags=re.DOTALL).group(0)
    hartmann = re.search(r"<tr><td[^>]*>Hartmann</td>.*?</tr>", cited)
    assert hartmann and 'href="#post-' in hartmann.group(0)
    anchor = re.search(r'href="#(post-\d+)"', hartmann.group(0)).group(1)
    assert f'<article class="post" id="{anchor}"' in page


def test_report_is_self_contained(report: tuple[Path, str]) -> None:
    _, page = report
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=", page, flags=re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert page.count("<svg") >= 3  # posts over time, topics over time, discourse networks
    assert page.count("<script>") == 1  # ours, inline


def test_untrusted_post_text_is_escaped(report: tuple[Path, str]) -> None:
    _, page = report
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
    article = re.search(r'<article [^>]*data-post-id="evil-1".*?</article>', page, flags=re.DOTALL).group(0)
    shown = html.unescape(re.sub(r'<span class="lbl[^>]*>[A-Z]+</span>|<[^>]+>', "", article))
    assert '<script>document.title="pwned"</script>' in shown  # the reader sees the markup as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>alert" not in page and "<script>document" not in page
    assert "<img" not in page and "<b onmouseover" not in page
    assert 'href="javascript:' not in page.lower()


def test_highlight_nests_crossing_spans_and_keeps_the_text() -> None:
    text = "Kessler kritisiert die Kommunen (Kessler 2020, 4).\n\nZweiter Absatz mit Caritas."
    record = {
        "text": text,
        "claims": [{"start": 0, "end": 50, "holder": "Kessler", "score": 0.9}],
        "critiques": [{"start": 0, "end": 50, "critic": "Kessler", "target": "Kommunen", "score": 0.8}],
        "citations": [{"start": 32, "end": 49, "kind": "parenthetical", "authors": ["Kessler"], "year": 2020, "pages": "4"}],
        "quotes": [{"start": 23, "end": 40, "source": None}],  # crosses the citation's start
        "actors": [{"start": 0, "end": 7, "canonical": "Kessler", "type": "person", "sector": "science"},
                   {"start": 71, "end": 78, "canonical": "<Caritas>", "type": "organisation", "sector": "civil_society"},
                   {"start": 5, "end": 200, "canonical": "broken offsets are skipped", "type": "x", "sector": "x"}],
    }
    out = highlight(record)
    assert out.count('class="lbl ') == 6  # one label per valid span, the out-of-range one dropped
    assert out.count("<p") == 2
    plain = html.unescape(re.sub(r'<span class="lbl[^>]*>[A-Z]+</span>|<[^>]+>', "", out))
    assert plain == text.replace("\n\n", "")
    slots = [int(s) for s in re.findall(r'class="a g-[a-z]+ s(\d)"', out)]
    assert max(slots) >= 3  # claim, critique, quote/citation, actor stack in separate slots
    assert "&lt;Caritas&gt;" in out and "<Caritas>" not in out


def test_topic_prevalence_averages_weights_per_period() -> None:
    posts = [("2024-01-10T10:00:00+00:00", [1.0, 0.0]), ("2024-01-20T10:00:00+00:00", [0.0, 1.0]),
             ("2024-03-05T10:00:00+00:00", [0.25, 0.75]), (None, [1.0, 0.0])]
    freq, periods, shares, counts = topic_prevalence(posts, 2)
    assert freq == "month"
    assert periods == ["2024-01", "2024-02", "2024-03"]
    assert shares == [[0.5, 0.5], [0.0, 0.0], [0.25, 0.75]]
    assert counts == [2, 0, 1]
    import datetime as dt

    assert period_range([dt.date(2019, 1, 1), dt.date(2024, 12, 1)], "quarter")[:2] == ["2019-Q1", "2019-Q2"]
    assert len(period_range([dt.date(2019, 1, 1), dt.date(2024, 12, 1)], "quarter")) == 24


def test_empty_corpus_and_missing_run(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    Store(db).close()
    out = build_report(db, tmp_path / "empty.html")
    page = out.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    assert "holds no posts yet" in page and "No topic run is stored yet" in page
    assert '<article class="post"' not in page
    with pytest.raises(ReportError, match="no topic run 7"):
        build_report(db, tmp_path / "x.html", run=7)


def test_report_without_topic_run(tmp_path: Path) -> None:
    db = tmp_path / "mini.sqlite"
    with Corpus(db) as corpus:
        corpus.ingest([str(DATA / "mini-rss.xml")])
    page = build_report(db, tmp_path / "mini.html").read_text(encoding="utf-8")
    assert "No topic run is stored yet" in page
    assert page.count('<article class="post"') == 2
    assert 'id="actor-table"' in page


# -- headless Chromium -----------------------------------------------------------------------------
needs_chromium = pytest.mark.skipif(
    find_browser() is None,
    reason="Chromium not installed (Debian: apt-get install chromium; .ci/run installs it)",
)


@needs_chromium
def test_console_check_catches_a_broken_page(tmp_path: Path) -> None:
    # The control for the check below: a page with an uncaught error must be reported.
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>notDefinedAnywhere();</script>", encoding="utf-8")
    result = open_in_browser(page)
    assert any("notDefinedAnywhere" in line for line in result.console_messages)


@needs_chromium
def test_report_renders_in_chromium_without_console_errors(corpus_db: Path, report: tuple[Path, str]) -> None:
    path, _ = report
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "report.png"
    screenshot.unlink(missing_ok=True)
    (ARTIFACTS / "report.html").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = open_in_browser(path, screenshot=screenshot)
    assert result.console_messages == []
    assert 'data-search="ready"' in result.dom  # the search script ran to its end
    n_posts = len(_posts(corpus_db))
    assert f"{n_posts} of {n_posts} posts" in result.dom
    for section in SECTIONS:
        assert f'id="{section}"' in result.dom
    from PIL import Image

    with Image.open(screenshot) as image:
        assert image.size == (1280, 2000)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # not a blank page


@needs_chromium
def test_search_box_filters_posts(corpus_db: Path, report: tuple[Path, str]) -> None:
    path, _ = report
    word = "Quartiersarbeit"  # from the project's mini feed
    expected = sum(word.lower() in f"{post.title} {record['text'] if record else ''}".lower()
                   for post, record in _posts(corpus_db))
    assert 0 < expected < len(_posts(corpus_db))
    result = open_in_browser(path, fragment=f"search={word}")
    assert result.console_messages == []
    assert f'data-search-shown="{expected}"' in result.dom
    assert len(re.findall(r'<article class="post"[^>]*\bhidden=""', result.dom)) == len(_posts(corpus_db)) - expected


def test_cli_report_command(corpus_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import textmine.cli.report  # noqa: F401 - registers the command (cli.py imports it too)
    from textmine.cli import app

    out = tmp_path / "cli.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    assert '<section id="posts">' in out.read_text(encoding="utf-8")
    missing = CliRunner().invoke(app, ["report", "--out", str(out), "--db", str(corpus_db), "--run", "99"])
    assert missing.exit_code == 2  # unknown --run: wrong usage, as in every command
    assert "no topic run 99" in missing.output
    help_text = CliRunner().invoke(app, ["report", "--help"]).output
    assert "Example" in help_text and "textmine report --out report.html" in help_text


def test_discourse_view_links_concepts_to_the_sentences_behind_them(report: tuple[Path, str]) -> None:
    _, page = report
    section = re.search(r'<section id="discourse">.*?</section>', page, flags=re.DOTALL).group(0)
    assert "chart-actor-network" not in page  # the co-occurrence hairball is gone
    cells = re.findall(r'<td class="cell" style="background:rgb\((\d+),(\d+),(\d+)\)" title="([^"]*)">(\d+)</td>', section)
    assert cells
    for red, green, _blue, title, count in cells:
        support, against = map(int, re.search(r"(\d+) in support, (\d+) against", title).groups())
        assert support + against == int(count)
        if support > against:
            assert int(green) > int(red)
        elif against > support:
            assert int(red) > int(green)
    table = re.search(r'<table id="concept-table">.*?</table>', section, flags=re.DOTALL).group(0)
    links = re.findall(r'<a href="#(post-\d+)" title="([^"]+)">\[\d+\]</a>', table)
    assert links
    for anchor, sentence in links[:20]:
        article = re.search(rf'<article class="post" id="{anchor}".*?</article>', page, flags=re.DOTALL).group(0)
        assert html.unescape(sentence).split()[0] in html.unescape(re.sub(r"<[^>]+>", "", article))
