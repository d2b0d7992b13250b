import datetime as dt
import time

import pytest

from tests.helpers import DATA, shared_path
from textmine.ingest.feeds import FeedError, Post, Skipped, parse_date, read_feed, read_feed_bytes


def _posts(path):
    with open(path, "rb") as handle:
        return list(read_feed(handle))


def test_rss_atom_and_wxr_give_the_same_posts():
    rss = [r for r in _posts(DATA / "mini-rss.xml") if isinstance(r, Post)]
    atom = [r for r in _posts(DATA / "mini-atom.xml") if isinstance(r, Post)]
    assert [p.id for p in rss] == [p.id for p in atom] == ["https://testblog.example/?p=1", "https://testblog.example/?p=2"]
    assert [p.content_hash for p in rss] == [p.content_hash for p in atom]
    first = rss[0]
    assert first.url == "https://testblog.example/ehrenamt-im-wandel/"  # relative link resolved
    assert first.paragraphs[0] == "Neue Formen"
    assert "projektbezogen" in first.paragraphs[1]
    assert first.categories == ("Engagement",)
    assert first.published == dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.timezone.utc)
    assert not any("erschien zuerst" in p for p in first.paragraphs)


def test_wxr_keeps_published_posts_only():
    records = _posts(DATA / "mini-wxr.xml")
    posts = [r for r in records if isinstance(r, Post)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [p.id for p in posts] == ["https://testblog.example/?p=2"]
    assert sorted(s.reason for s in skipped) == [
        "WordPress attachment, not a post", "WordPress revision, not a post", "WordPress status 'draft', not published"]


def test_post_without_guid_uses_link_then_hash():
    feed = b"""<rss version="2.0"><channel><title>t</title>
      <item><title>A</title><link>https://x.example/a</link><description>Text A</description></item>
      <item><title>B</title><description>Text B</description></item></channel></rss>"""
    a, b = read_feed_bytes(feed)
    assert a.id == "https://x.example/a"
    assert b.id.startswith("sha256:") and len(b.id) == len("sha256:") + 16


@pytest.mark.parametrize("value", ["Mon, 14 May 2018 08:12:00 +0000", "2018-05-14T08:12:00Z", "2018-05-14 08:12"])
def test_dates_are_timezone_aware(value):
    assert parse_date(value).tzinfo is not None
    assert parse_date("kein Datum") is None


@pytest.mark.parametrize(
    "name, message",
    [("empty.xml", "empty input"), ("not-a-feed.xml", "not a feed"), ("entity-bomb.xml", "refused"),
     ("external-entity.xml", "refused")],
)
def test_broken_shared_feeds_raise_one_line_errors(name, message):
    path = shared_path("corpus", "broken", name)
    start = time.monotonic()
    with pytest.raises(FeedError) as info:
        _posts(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert time.monotonic() - start < 2


def test_truncated_feed_keeps_complete_items_and_reports_the_cut():
    path = shared_path("corpus", "broken", "truncated.xml")
    kept = []
    with open(path, "rb") as handle, pytest.raises(FeedError) as info:
        for record in read_feed(handle):
            kept.append(record)
    assert len(kept) == 1 and info.value.kept == 1
    assert "breaks off" in str(info.value)


def test_wrong_encoding_is_decoded_not_mojibake():
    posts = [r for r in _posts(shared_path("corpus", "broken", "wrong-encoding.xml")) if isinstance(r, Post)]
    assert len(posts) == 3
    text = " ".join(p.title + " ".join(p.paragraphs) for p in posts)
    assert "für" in text and "Ã" not in text and "\ufffd" not in text


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM")
    feed = f"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>
    <rss version="2.0"><channel><item><title>t</title><description>&x;</description></item></channel></rss>"""
    with pytest.raises(FeedError):
        read_feed_bytes(feed.encode())
