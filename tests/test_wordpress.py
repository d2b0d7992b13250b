"""WordPress exports as WordPress reads them: namespaces, post identity, what is imported, classic
paragraphs, comments, language of short items.

The synthetic export ``data/wxr-classic.xml`` (invented text) runs everywhere. WordPress's own
importer fixtures run where ``TEXTMINE_WXR_FIXTURES`` names a folder holding them (the files of
``phpunit/data/`` in github.com/WordPress/wordpress-importer; never copied into this repository).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import DATA
from textmine.cli import app
from textmine.corpus import Corpus
from textmine.ingest.clean import autop, html_to_paragraphs
from textmine.ingest.feeds import FeedInfo, Post, Skipped, read_feed, read_feed_bytes
from textmine.ingest.language import post_language
from textmine.store.database import Store

CLASSIC = DATA / "wxr-classic.xml"


def _read(path: Path, **options) -> tuple[list[Post], Counter, FeedInfo]:
    info = FeedInfo(**options)
    with open(path, "rb") as handle:
        records = list(read_feed(handle, info))
    return [r for r in records if isinstance(r, Post)], Counter(r.reason for r in records if isinstance(r, Skipped)), info


# -- WXR as WordPress reads it ------------------------------------------------------------------

def test_https_namespace_is_wxr_and_identity_is_site_plus_post_id():
    posts, skipped, info = _read(CLASSIC)
    assert info.format == "wxr" and info.site == "https://klassik.example"
    # two items share a guid (an empty ?p=): both kept, told apart by wp:post_id
    assert [p.id for p in posts] == ["https://klassik.example/?p=11", "https://klassik.example/?p=12",
                                     "https://klassik.example/?p=13"]
    assert skipped == {"WordPress page (add --include pages)": 1, "WordPress status 'draft', not published": 1,
                       "WordPress status 'private', not published": 1, "WordPress attachment, not a post": 1,
                       "WordPress nav_menu_item, not a post": 1}
    assert posts[0].published.isoformat() == "2013-03-05T09:00:00+00:00"  # wp:post_date_gmt


@pytest.mark.parametrize("uri", ["http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/",
                                 "https://wordpress.org/export/1.2/"])
def test_every_wxr_namespace_version(uri):
    doc = (f'<rss version="2.0" xmlns:wp="{uri}"><channel><title>T</title><link>https://b.example/</link>'
           "<item><title>Ein Beitrag</title><description>Text.</description><wp:post_id>7</wp:post_id>"
           "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
           "<item><title>Seite</title><description>Text.</description><wp:post_id>8</wp:post_id>"
           "<wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item></channel></rss>").encode()
    records = read_feed_bytes(doc)
    assert isinstance(records[0], Post) and records[0].id == "https://b.example/?p=7"
    assert isinstance(records[1], Skipped)


def test_pages_with_include_and_wordpress_items_without_status_are_drafts():
    posts, _, _ = _read(CLASSIC, post_types=frozenset({"post", "page"}))
    assert "https://klassik.example/?p=20" in [p.id for p in posts]
    doc = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Ohne Status</title>'
           "<description>Text.</description><wp:post_id>1</wp:post_id></item></channel></rss>").encode()
    (record,) = read_feed_bytes(doc)
    assert isinstance(record, Skipped) and "without wp:status" in record.reason


def test_a_namespace_complaint_after_the_last_element_loses_nothing():
    doc = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>'
           '<item xmlns:u="http://ëxämplë.com/ü/"><title>Eins</title><description>Text.</description>'
           "<wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
           "</channel></rss>").encode()
    info = FeedInfo()
    posts = [r for r in read_feed(io.BytesIO(doc), info) if isinstance(r, Post)]
    assert [p.title for p in posts] == ["Eins"]


# -- paragraphs as WordPress makes them -----------------------------------------------------------

def test_classic_content_keeps_paragraphs_and_bibliography():
    posts, _, _ = _read(CLASSIC)
    assert posts[0].paragraphs == (
        "Vereine verlieren Mitglieder, sagt die Studie.", "Das trifft vor allem kleine Orte.",
        "Die Verbände müssen neue Formen des Engagements fördern (Kaiser 2013, 90).", "Literatur:",
        "Kaiser, Anna (2013): Engagement heute. Berlin: Beispielverlag.", "Lenz, Bernd (2008): Vereine im Umbruch. Wien.")


def test_autop_rule():
    assert autop("a\n\nb\nc") == "<p>a</p>\n<p>b<br>\nc</p>"
    assert autop("<p>schon\nHTML</p>") == "<p>schon\nHTML</p>"  # rendered HTML from a feed: untouched
    assert autop("<!-- wp:paragraph --><p>a</p>\n\n<!-- /wp:paragraph -->", always=True).count("<p>") == 1
    mixed = autop("Text davor.\n\n<h2>Titel</h2>\n\nText <em>danach</em>.\n\n<pre>x\n\ny</pre>", always=True)
    assert html_to_paragraphs(mixed) == ["Text davor.", "Titel", "Text danach.", "x y"]


def test_cdata_text_inside_content_is_kept():
    assert html_to_paragraphs("Content with nested <![CDATA[ tags ]]> :)") == ["Content with nested tags :)"]


# -- comments -----------------------------------------------------------------------------------

def test_approved_comments_become_items_of_kind_comment():
    posts, skipped, _ = _read(CLASSIC, comments=True)
    comments = [p for p in posts if p.kind == "comment"]
    assert [c.id for c in comments] == ["https://klassik.example/?p=11#comment-3", "https://klassik.example/?p=11#comment-6"]
    assert {c.parent for c in comments} == {"https://klassik.example/?p=11"}
    assert comments[0].author == "Maria" and len(comments[0].paragraphs) == 2
    assert skipped["WordPress comment not approved (spam, trash or waiting)"] == 1
    assert skipped["WordPress pingback, not a comment"] == 1
    assert not [p for p in _read(CLASSIC)[0] if p.kind == "comment"]  # only with comments=True


def test_cli_comments_are_stored_analysed_and_listed_by_kind(db_path):
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(CLASSIC), "--db", str(db_path), "--comments", "--include", "pages", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["new"] == 6 and summary["not_german"] == 1 and summary["analysed"] == 6
    assert summary["feeds"][0]["not_german"] == 1
    comments = runner.invoke(app, ["export", "--kind", "comment", "--db", str(db_path)])
    rows = [json.loads(line) for line in comments.output.splitlines()]
    assert [r["kind"] for r in rows] == ["comment", "comment"] and rows[0]["parent"] == "https://klassik.example/?p=11"
    assert rows[0]["sentences"]  # analysed like posts
    posts = runner.invoke(app, ["export", "--kind", "post", "--format", "csv", "--db", str(db_path)])
    table = list(csv.DictReader(io.StringIO(posts.output)))
    assert posts.output.startswith("id,kind,parent,") and [r["kind"] for r in table] == ["post"] * 4
    claims = runner.invoke(app, ["claims", "--kind", "comment", "--json", "--db", str(db_path)])
    assert claims.exit_code == 0 and all("#comment-" in row["post"] for row in json.loads(claims.output))
    bad = runner.invoke(app, ["claims", "--kind", "kommentar", "--db", str(db_path)])
    assert bad.exit_code == 2 and "unknown --kind" in bad.output


def test_old_database_gets_kind_and_parent_columns(db_path):
    with Store(db_path):
        pass
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE posts DROP COLUMN kind")
    conn.execute("DROP INDEX posts_parent")
    conn.execute("ALTER TABLE posts DROP COLUMN parent")
    conn.execute("INSERT INTO posts (id, title, paragraphs, content_hash, ingested_at, updated_at) "
                 "VALUES ('alt', 'Alt', '[\"Text.\"]', 'h', 'x', 'x')")
    conn.commit()
    conn.close()
    with Store(db_path, readonly=True) as store:  # read-only: not migrated, still readable
        assert [(p.id, p.kind) for p in store.posts(kind="post")] == [("alt", "post")]
    with Corpus(db_path) as corpus:
        corpus.ingest([str(CLASSIC)], analyze=False, comments=True)
        kinds = Counter(p.kind for p in corpus.store.posts())
    assert kinds == {"post": 4, "comment": 2}


# -- language -----------------------------------------------------------------------------------

def test_language_of_short_items_uses_the_feed_language():
    assert post_language("Danke!", "", "de-DE") == "de"
    assert post_language("Hello world!", "", "de") == "de"  # too little to overrule the feed
    assert post_language("Hi, this is a comment.", "", "de") == "en"  # sure enough to overrule it
    assert post_language("Food banks under pressure", "Volunteers say the city has cut the budget again.", "de") == "en"
    assert post_language("Armut in Berlin", "", None) is None or post_language("Armut in Berlin", "", None) == "de"
    assert post_language("", "", "pt-BR") == "pt"


# -- WordPress's own importer fixtures ------------------------------------------------------------

#: file -> (published posts textmine stores by default, with --include pages, approved comments)
WORDPRESS_FIXTURES = {
    "small-export.xml": (5, 9, 1),
    "valid-wxr-1.0.xml": (3, 6, 1),
    "valid-wxr-1.1.xml": (1, 2, 1),
    "theme-unit-test-data.xml": (56, 77, 26),
    "a11y-unit-test-data.xml": (45, 62, 22),
    "blank-lines.xml": (1, 1, 0),
    "crazy-cdata-escaped.xml": (1, 1, 0),
}


def _fixtures() -> Path:
    folder = os.environ.get("TEXTMINE_WXR_FIXTURES")
    if not folder or not Path(folder).is_dir():
        pytest.skip("set TEXTMINE_WXR_FIXTURES to a folder with WordPress/wordpress-importer's phpunit/data files")
    return Path(folder)


@pytest.mark.parametrize("name", sorted(WORDPRESS_FIXTURES))
def test_wordpress_importer_fixtures(name):
    path = _fixtures() / name
    if not path.exists():
        pytest.skip(f"{name} not in $TEXTMINE_WXR_FIXTURES")
    posts_only, pages_too, comments = WORDPRESS_FIXTURES[name]
    posts, _, info = _read(path)
    assert info.format == "wxr" and len(posts) == posts_only and len({p.id for p in posts}) == posts_only
    with_pages, _, _ = _read(path, post_types=frozenset({"post", "page"}), comments=True)
    assert sum(p.kind == "post" for p in with_pages) == pages_too
    assert sum(p.kind == "comment" for p in with_pages) == comments
    if name == "blank-lines.xml":
        assert posts[0].paragraphs == ("first paragraph", "second paragraph")
    if name == "crazy-cdata-escaped.xml":
        assert posts[0].paragraphs == ("Content with nested tags :)",)


def test_real_posts_written_in_the_classic_editor_keep_their_paragraphs():
    # Each real post as classic-editor content (paragraphs separated by blank lines, no <p>), as a
    # pre-2019 WordPress export holds it: WordPress's rule gives back every paragraph.
    import html

    from tests.helpers import shared_path

    with open(shared_path("corpus", "real-blogs", "real-blogs.xml"), "rb") as handle:
        posts = [r for r in read_feed(handle) if isinstance(r, Post)]
    assert len(posts) == 120
    kept = sum(
        tuple(html_to_paragraphs(autop("\n\n".join(html.escape(p, quote=False) for p in post.paragraphs), always=True)))
        == post.paragraphs for post in posts)
    assert kept == len(posts)
