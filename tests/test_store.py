import sqlite3

import pytest

from tests.helpers import DATA
from textmine.corpus import Corpus
from textmine.store.database import SCHEMA_VERSION, Store, StoreError


def test_ingest_is_idempotent_across_rss_and_atom(db_path):
    with Corpus(db_path) as corpus:
        first = corpus.ingest([str(DATA / "mini-rss.xml")], analyze=False)
        assert (first.total("new"), first.total("unchanged")) == (2, 0)
        again = corpus.ingest([str(DATA / "mini-rss.xml"), str(DATA / "mini-atom.xml"), str(DATA / "mini-wxr.xml")], analyze=False)
        assert again.total("new") == 0 and again.total("updated") == 0 and again.total("unchanged") == 5
        assert corpus.store.count_posts() == 2


def test_changed_post_is_updated_and_reanalysed(db_path, tmp_path):
    changed = tmp_path / "changed.xml"
    changed.write_text((DATA / "mini-rss.xml").read_text(encoding="utf-8").replace("fehlt es an Fachkräften", "fehlt es an Geld"), encoding="utf-8")
    with Corpus(db_path) as corpus:
        corpus.ingest([str(DATA / "mini-rss.xml")])
        assert corpus.analyze_pending() == (0, 0)  # nothing left to analyse
        summary = corpus.ingest([str(changed)])
        assert summary.total("updated") == 1 and summary.analysed == 1
        texts = {post.id: record["text"] for post, record in corpus.records()}
        assert "fehlt es an Geld" in texts["https://testblog.example/?p=2"]


def test_bad_feed_leaves_stored_posts_intact(db_path, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<html><body>kein Feed</body></html>")
    with Corpus(db_path) as corpus:
        corpus.ingest([str(DATA / "mini-rss.xml")], analyze=False)
        before = [p.content_hash for p in corpus.store.posts()]
        summary = corpus.ingest([str(bad)], analyze=False)
        assert not summary.ok and "not a feed" in summary.feeds[0].error
        assert [p.content_hash for p in corpus.store.posts()] == before


def test_newer_schema_corrupt_file_and_missing_folder_give_clear_errors(tmp_path):
    newer = tmp_path / "newer.sqlite"
    Store(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(newer)
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a textmine database"):
        Store(corrupt)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "db.sqlite")
