"""Hostile and odd feeds, generated here: XML attacks, broken encodings, truncation, odd items.

Each test states what textmine does with the case (refuse, repair, keep and flag).
"""
from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc

import pytest

from tests.helpers import loopback_server, send
from textmine.corpus import Corpus
from textmine.ingest.feeds import FeedError, FeedInfo, Post, Skipped, read_feed, read_feed_bytes

CHANNEL = '<rss version="2.0"><channel><title>Testblog</title><link>https://blog.example/</link>{items}</channel></rss>'


def rss(*items: str, decl: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    return decl + CHANNEL.format(items="\n".join(items))


def item(n: int | str, title: str | None = None, body: str = "Ein kurzer Text über Vereine.", extra: str = "") -> str:
    title_el = f"<title>{title if title is not None else f'Beitrag {n}'}</title>"
    return f"<item>{title_el}<guid>post-{n}</guid><description>{body}</description>{extra}</item>"


def posts_of(data: bytes, info: FeedInfo | None = None) -> list[Post]:
    return [r for r in read_feed(io.BytesIO(data), info) if isinstance(r, Post)]


def refused_quickly(data: bytes) -> FeedError:
    """Parse ``data`` expecting a refusal within 2 s and 50 MB of Python memory."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        with pytest.raises(FeedError) as info:
            read_feed_bytes(data)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.monotonic() - start < 2
    assert peak < 50 * 1024 * 1024
    assert "\n" not in str(info.value)
    return info.value


# -- XML threats ---------------------------------------------------------------------------------

def _laughs(levels: int = 10) -> str:
    decls = ['<!ENTITY l0 "hahahahaha">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE rss [{''.join(decls)}]>"


def test_billion_laughs_is_refused_fast_with_bounded_memory():
    error = refused_quickly((_laughs() + CHANNEL.format(items=item(1, body="&l9;"))).encode())
    assert str(error).startswith("refused")


@pytest.mark.parametrize("disguise", ["long-comment", "utf-16"])
def test_entity_declarations_are_refused_wherever_they_hide(disguise):
    # The fast prolog check reads 64 KB of ASCII-compatible bytes; the parser-level check catches
    # declarations behind a long comment or in UTF-16 as well.
    doc = _laughs() + CHANNEL.format(items=item(1, body="&l9;"))
    if disguise == "long-comment":
        data = ("<!--" + "x" * 100_000 + "-->" + doc).encode()
    else:
        data = ('<?xml version="1.0" encoding="UTF-16"?>' + doc).encode("utf-16")
    assert str(refused_quickly(data)).startswith("refused")


@pytest.mark.parametrize("disguise", ["comment-200k-utf16-no-bom", "quoted-brackets", "pi-and-comments", "lowercase"])
def test_entity_declarations_are_refused_before_the_parser_runs(disguise, monkeypatch):
    # textmine's own classification: the verdict never depends on libxml2's (version-specific) wording.
    import lxml.etree

    def no_parser(*args, **kwargs):
        raise AssertionError("the XML parser must not run for a refused document")

    monkeypatch.setattr(lxml.etree, "iterparse", no_parser)
    body = CHANNEL.format(items=item(1, body="&x;"))
    if disguise == "comment-200k-utf16-no-bom":
        data = ("<!--" + "ü" * 200_000 + '--><!DOCTYPE rss [<!ENTITY x "y">]>' + body).encode("utf-16-le")
    elif disguise == "quoted-brackets":
        data = ('<!DOCTYPE rss SYSTEM "a]>b" [<!ATTLIST rss v CDATA "]>"><!-- ]> --><!ENTITY x "y">]>' + body).encode()
    elif disguise == "pi-and-comments":
        data = ('<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><!-- a --><!-- b -->\n'
                '<!DOCTYPE rss [\n<!ENTITY % p "q">\n]>' + body).encode()
    else:
        data = ('<!doctype rss [<!entity x "y">]>' + body).encode()
    assert str(refused_quickly(data)).startswith("refused")


def test_entity_declared_only_in_a_comment_is_no_refusal():
    data = ('<!DOCTYPE rss [<!-- <!ENTITY x "y"> -->]>' + CHANNEL.format(items=item(1))).encode()
    assert [p.id for p in posts_of(data)] == ["post-1"]


def test_external_file_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("STRENG-GEHEIM")
    for prefix in ("", "<!--" + " " * 70_000 + "-->"):
        data = (prefix + f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
                + CHANNEL.format(items=item(1, body="&x;"))).encode()
        error = refused_quickly(data)
        assert "STRENG-GEHEIM" not in str(error)


def test_external_http_entity_and_parameter_entity_are_never_fetched():
    with loopback_server({"/evil.dtd": send(200, b'<!ENTITY x "BOESE">'), "/x": send(200, b"BOESE")}) as srv:
        general = f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{srv.base}/x">]>' + CHANNEL.format(items=item(1, body="&x;"))
        parameter = f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{srv.base}/evil.dtd"> %p;]>' + CHANNEL.format(items=item(1, body="&x;"))
        hidden = "<!--" + "y" * 70_000 + "-->" + parameter
        for doc in (general, parameter, hidden):
            refused_quickly(doc.encode())
        assert srv.requests == []


def test_external_dtd_is_ignored_not_fetched():
    # Old RSS 0.91 feeds name a DTD on the web: the feed is read, the DTD is never loaded.
    with loopback_server({"/rss.dtd": send(200, b'<!ENTITY uuml "\xc3\xbc">')}) as srv:
        doc = (f'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "{srv.base}/rss.dtd">'
               + CHANNEL.format(items=item(1)))
        start = time.monotonic()
        posts = posts_of(doc.encode())
        assert time.monotonic() - start < 2
        assert [p.id for p in posts] == ["post-1"]
        assert srv.requests == []


def test_undefined_html_entity_is_a_clear_error():
    with pytest.raises(FeedError) as info:
        read_feed_bytes(rss(item(1, body="Text&nbsp;mit Leerzeichen")).encode())
    assert "Entity 'nbsp' not defined" in str(info.value) and "line 2" in str(info.value)


# -- broken and odd feeds ------------------------------------------------------------------------

def test_truncated_feed_keeps_complete_items_and_reports_the_cut(db_path):
    data = rss(item(1), item(2), item(3)).encode()
    cut = data[: data.index(b"<guid>post-3")]
    records = []
    with pytest.raises(FeedError) as info:
        for record in read_feed(io.BytesIO(cut)):
            records.append(record)
    assert [r.id for r in records] == ["post-1", "post-2"] and info.value.kept == 2
    assert "breaks off" in str(info.value) and "kept the 2 complete item(s)" in str(info.value)
    path = db_path.parent / "cut.xml"
    path.write_bytes(cut)
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(path)], analyze=False)
        assert summary.feeds[0].new == 2 and "breaks off" in summary.feeds[0].error
        assert corpus.store.count_posts() == 2


def test_utf8_feed_declared_as_latin1_is_read_as_utf8():
    data = rss(item(1, "Über Fürsorge", "Bürgerschaftliches Engagement – „gut“"),
               decl='<?xml version="1.0" encoding="ISO-8859-1"?>\n').encode("utf-8")
    info = FeedInfo()
    (post,) = posts_of(data, info)
    assert post.title == "Über Fürsorge" and post.paragraphs == ("Bürgerschaftliches Engagement – „gut“",)
    assert any("UTF-8" in w for w in info.warnings)


def test_latin1_feed_declared_as_latin1_stays_right():
    data = rss(item(1, "Über Fürsorge", "Größe"), decl='<?xml version="1.0" encoding="ISO-8859-1"?>\n').encode("latin-1")
    info = FeedInfo()
    (post,) = posts_of(data, info)
    assert (post.title, post.paragraphs) == ("Über Fürsorge", ("Größe",)) and info.warnings == []


def test_cp1252_feed_declared_as_utf8_is_transcoded():
    data = rss(item(1, "Über Fürsorge", "„Zitat“ – 5 €")).encode("cp1252")
    (post,) = posts_of(data)
    assert post.title == "Über Fürsorge" and post.paragraphs == ("„Zitat“ – 5 €",)


def test_mixed_encodings_line_by_line_and_no_item_twice():
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0"><channel><title>T</title>',
        item(1, "Äpfel", "Straße und Fähre"),
        item(2, "Öfen", "Gemüse für „alle“ – 3 €"),
        item(3, "Übung", "Süß und schön"),
        "</channel></rss>",
    ]
    encodings = ["ascii", "ascii", "utf-8", "cp1252", "utf-8", "ascii"]
    data = b"\n".join(line.encode(enc) for line, enc in zip(lines, encodings))
    info = FeedInfo()
    posts = posts_of(data, info)
    assert [p.id for p in posts] == ["post-1", "post-2", "post-3"]  # item 1 is not yielded twice
    assert [p.title for p in posts] == ["Äpfel", "Öfen", "Übung"]
    assert posts[1].paragraphs == ("Gemüse für „alle“ – 3 €",)
    text = " ".join(p.title + " ".join(p.paragraphs) for p in posts)
    assert "Ã" not in text and "\ufffd" not in text
    assert any("Windows-1252" in w for w in info.warnings)


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_byte_order_marks(encoding, bom):
    decl = "" if encoding == "utf-8" else '<?xml version="1.0" encoding="UTF-16"?>'
    data = bom + rss(item(1, "Grüße"), decl=decl).encode(encoding)
    (post,) = posts_of(data)
    assert post.title == "Grüße"


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n", "\ufeff  ".encode("utf-16")],
    ids=["empty", "whitespace", "utf8-bom-only", "utf8-bom-whitespace", "utf16-bom-whitespace"],
)
def test_empty_input_says_so(data):
    with pytest.raises(FeedError, match="^empty input"):
        read_feed_bytes(data)


@pytest.mark.parametrize(
    "page",
    [b"<html><body><p>Hallo</p></body></html>",
     b'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>Blog</title></head><body><p>Hallo<br></body></html>'],
)
def test_html_page_instead_of_a_feed(page):
    with pytest.raises(FeedError, match="^not a feed: the document is <html>"):
        read_feed_bytes(page)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_html_page_is_not_a_feed_before_the_parser_runs(encoding, monkeypatch):
    import lxml.etree

    monkeypatch.setattr(lxml.etree, "iterparse", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parser ran")))
    page = '<!--' + "x" * 100_000 + '--><!DOCTYPE html><html><head><meta charset=utf-8><p>Hallo<br>'
    with pytest.raises(FeedError, match="^not a feed: the document is <html>"):
        read_feed_bytes(page.encode(encoding))
    with pytest.raises(FeedError, match="^not a feed: the document is <svg>"):
        read_feed_bytes(b'<?xml version="1.0"?><svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')


def test_feed_with_zero_items_is_ok_and_says_so(db_path, tmp_path):
    path = tmp_path / "leer.xml"
    path.write_text(rss(), encoding="utf-8")
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(path)], analyze=False)
    feed = summary.feeds[0]
    assert feed.ok and feed.format == "rss" and (feed.new, feed.unchanged) == (0, 0)
    assert feed.warnings == ["the feed has no items"]


def test_items_without_title_date_or_guid():
    data = rss(
        "<item><description>Nur Text, kein Titel.</description><link>/2024/ohne-titel/</link></item>",
        "<item><title>Nur ein Titel</title></item>",
        "<item><description>Weder Titel noch Link.</description></item>",
        "<item><pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate></item>",
    ).encode()
    records = read_feed_bytes(data)
    posts = [r for r in records if isinstance(r, Post)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    first, second, third = posts
    assert first.id == "https://blog.example/2024/ohne-titel/" and first.title == "(ohne Titel)"
    assert first.published is None
    assert second.paragraphs == () and second.title == "Nur ein Titel" and second.id.startswith("sha256:")
    assert third.id.startswith("sha256:") and third.id != second.id
    assert [s.reason for s in skipped] == ["no title and no text"]


def test_duplicate_guids_inside_one_feed_keep_the_first(db_path, tmp_path):
    path = tmp_path / "dup.xml"
    path.write_text(rss(item(1, body="Erste Fassung."), item(1, body="Zweite Fassung."), item(2)), encoding="utf-8")
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(path)], analyze=False)
        assert summary.feeds[0].new == 2
        assert summary.feeds[0].skipped == {"duplicate id within the feed (first kept)": 1}
        (stored,) = [p for p in corpus.store.posts() if p.id == "post-1"]
        assert stored.paragraphs == ["Erste Fassung."]


def test_future_and_unparseable_dates_are_stored_and_flagged(db_path, tmp_path):
    future = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=400)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    path = tmp_path / "dates.xml"
    path.write_text(rss(item(1, extra=f"<pubDate>{future}</pubDate>"),
                        item(2, extra="<pubDate>am Nikolaustag</pubDate>"),
                        item(3, extra="<pubDate>Tue, 05 Mar 2024 09:00:00 +0100</pubDate>")), encoding="utf-8")
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(path)], analyze=False)
        stored = {p.id: p for p in corpus.store.posts()}
    assert summary.feeds[0].new == 3
    warnings = summary.feeds[0].warnings
    assert any(w.startswith("post-1: date") and "in the future" in w for w in warnings)
    assert any(w.startswith("post-2: unparseable date 'am Nikolaustag'") for w in warnings)
    assert not any(w.startswith("post-3") for w in warnings)
    assert stored["post-1"].published.startswith(future[12:16])  # the year, stored as given
    assert stored["post-2"].published is None
    assert stored["post-3"].published == "2024-03-05T08:00:00+00:00"


def test_relative_links_resolve_against_the_blog():
    data = rss(item(1, extra="<link>/2024/03/beitrag/</link>"), item(2, extra="<link>beitrag-2/</link>"),
               item(3, extra="<link>https://other.example/x</link>")).encode()
    assert [p.url for p in posts_of(data)] == [
        "https://blog.example/2024/03/beitrag/", "https://blog.example/beitrag-2/", "https://other.example/x"]
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/"><title>A</title>'
            '<entry><id>a1</id><title>T</title><link href="eintrag/"/><content type="html">Text</content></entry></feed>')
    assert [p.url for p in posts_of(atom.encode())] == ["https://atom.example/blog/eintrag/"]


def test_cdata_inside_cdata_trick():
    body = "<![CDATA[<p>Vorher ]]]]><![CDATA[> nachher</p><p>Ende</p>]]>"
    (post,) = posts_of(rss(item(1, body=body)).encode())
    assert post.paragraphs == ("Vorher ]]> nachher", "Ende")


def test_a_5_mb_single_post_is_read_whole_and_fast():
    paragraph = "Ein Satz über das Ehrenamt und die Freie Wohlfahrtspflege. " * 30
    html = "".join(f"<p>{i} {paragraph}</p>" for i in range(3000))
    assert len(html) > 5_000_000
    start = time.monotonic()
    (post,) = posts_of(rss(item(1, body=f"<![CDATA[{html}]]>")).encode())
    elapsed = time.monotonic() - start
    assert len(post.paragraphs) == 3000 and post.paragraphs[-1].startswith("2999 Ein Satz")
    assert sum(map(len, post.paragraphs)) > 5_000_000
    assert elapsed < 15, f"5 MB post took {elapsed:.1f} s"


def test_posts_of_only_images_or_embeds_are_kept_with_a_note():
    data = rss(
        item(1, "Fotostrecke", "<![CDATA[<figure><img src='a.jpg' alt='Bild'></figure><img src='b.jpg'>]]>"),
        item(2, "Video", "<![CDATA[<iframe src='https://video.example/1'></iframe><script>x()</script>]]>"),
        "<item><guid>post-3</guid><description><![CDATA[<img src='c.jpg'>]]></description></item>",
    ).encode()
    records = read_feed_bytes(data)
    one, two, three = records
    assert isinstance(one, Post) and one.paragraphs == () and "no text (only images or embeds?)" in one.notes
    assert isinstance(two, Post) and two.paragraphs == ()
    assert isinstance(three, Skipped) and three.reason == "no title and no text"


ENGLISH = ("The volunteers of the local food bank said that the city council has cut the budget for "
           "social work again this year, which worries many of them. Critics argue that the decision "
           "ignores the growing need in the neighbourhood.")


def test_english_post_is_detected_flagged_and_not_analysed_as_german(db_path, tmp_path):
    path = tmp_path / "en.xml"
    path.write_text(rss(item("en", "Food bank", ENGLISH)), encoding="utf-8")
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(path)])
        assert summary.analysed == 1 and summary.not_german == 1
        ((post, record),) = list(corpus.records())
    assert post.language == "en" and record["language"] == "en"
    assert record["text"] == ENGLISH
    for group in ("claims", "critiques", "citations", "quotes", "references", "actors"):
        assert record[group] == []


# -- odd values lose nothing (issue 15, item 3) ----------------------------------------------------

@pytest.mark.parametrize("value", [
    "Mon, 01 Jan 0001 00:00:00 +0100", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00",
    "Fri, 31 Dec 9999 23:00:00 -0500", "Mon, 01 Jan 2024 10:00:00 +9999", "2024-01-01T10:00:00+25:00",
    "2024-01-01T10:00:00-24:00",
])
def test_dates_out_of_range_are_no_date_with_a_warning_and_the_ingest_goes_on(value, db_path, tmp_path):
    odd, next_feed = tmp_path / "odd.xml", tmp_path / "next.xml"
    odd.write_text(rss(item(1, extra=f"<pubDate>{value}</pubDate>"), item(2, extra="<pubDate>Tue, 05 Mar 2024 09:00:00 +0100</pubDate>")),
                   encoding="utf-8")
    next_feed.write_text(rss(item(3)), encoding="utf-8")
    with Corpus(db_path) as corpus:
        summary = corpus.ingest([str(odd), str(next_feed)], analyze=False)
        stored = {p.id: p for p in corpus.store.posts()}
    assert [f.new for f in summary.feeds] == [2, 1] and all(f.ok for f in summary.feeds)
    assert stored["post-1"].published is None and stored["post-2"].published == "2024-03-05T08:00:00+00:00"
    assert any(w.startswith("post-1: out of range date") for w in summary.feeds[0].warnings)


@pytest.mark.parametrize("bad", ["\x01", "\x0c", "&#1;", "&#x1F;"])
def test_one_forbidden_character_in_item_n_keeps_the_items_before_and_after(bad):
    data = rss(item(1), item(2), item(3, body=f"Text mit{bad} Steuerzeichen"), item(4), item(5)).encode()
    info = FeedInfo()
    posts = posts_of(data, info)
    assert [p.id for p in posts] == ["post-1", "post-2", "post-3", "post-4", "post-5"]
    assert posts[2].paragraphs == ("Text mit Steuerzeichen",)
    assert any("control character" in w for w in info.warnings)


def test_forbidden_character_and_wrong_encoding_together():
    data = rss(item(1, "Grüße"), item(2, body="Fürsorge\x02"), item(3, "Straße")).encode("cp1252")
    info = FeedInfo()
    assert [p.title for p in posts_of(data, info)] == ["Grüße", "Beitrag 2", "Straße"]


@pytest.mark.parametrize("sep", ["\n", ""])
def test_broken_markup_in_item_n_keeps_the_items_before(sep):
    # libxml2 2.14 stops inside the chunk before lxml hands out its events: the items before the
    # error are read again up to the error's position.
    data = rss(item(1), item(2), item(3, body="a < b"), item(4)).replace("\n", sep).encode()
    records = []
    with pytest.raises(FeedError) as info:
        for record in read_feed(io.BytesIO(data)):
            records.append(record)
    assert [r.id for r in records] == ["post-1", "post-2"] and info.value.kept == 2


def test_a_feed_on_one_line_is_read_in_bounded_pieces():
    from textmine.ingest import feeds

    one_line = ('<?xml version="1.0" encoding="ISO-8859-1"?>'
                + CHANNEL.format(items="".join(item(i, "Grüße") for i in range(20_000)))).encode("latin-1")
    assert b"\n" not in one_line and len(one_line) > 2 * feeds._SEGMENT_BYTES
    pieces = list(feeds._segments(io.BytesIO(one_line)))
    assert b"".join(pieces) == one_line
    assert max(map(len, pieces)) <= feeds._SEGMENT_BYTES + feeds._SEGMENT_EXTRA
    assert all(p.endswith(b">") for p in pieces)
    assert len(posts_of(one_line)) == 20_000
