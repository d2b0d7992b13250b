"""The analysis stage on a Dask LocalCluster gives the same stored results as a local run."""
import pytest

from tests.helpers import DATA, SAMPLE_FEED
from textmine.corpus import Corpus

pytest.importorskip("dask.distributed")


def _records(db):
    with Corpus(db, readonly=True) as corpus:
        return {post.id: record for post, record in corpus.records()}


def test_dask_local_cluster_matches_local_run(tmp_path):
    from textmine.analysis.cluster import DaskAnalyzer

    feeds = [str(DATA / "mini-rss.xml"), str(SAMPLE_FEED)]
    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    with Corpus(local_db) as corpus:
        corpus.ingest(feeds)
    with Corpus(dask_db) as corpus:
        corpus.ingest(feeds, analyze=False)
        with DaskAnalyzer("local", n_workers=2) as analyzer:
            analysed, _ = corpus.analyze_pending(analyzer=analyzer)
    local, distributed = _records(local_db), _records(dask_db)
    assert analysed == len(local) >= 30
    assert distributed == local
