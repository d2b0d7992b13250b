"""What keeps an ingest's memory down: the language model is released before the pipeline runs,
freed heap is handed back, and the pipeline's batch size changes no record."""
import sys

import pytest

from tests.helpers import SAMPLE_FEED
from textmine.analysis import texts as analysis
from textmine.corpus import Corpus
from textmine.ingest import language


def test_language_model_is_released_before_the_analysis_and_reloads_when_needed(db_path):
    with Corpus(db_path) as corpus:
        corpus.ingest([str(SAMPLE_FEED)], analyze=False)
        assert language.identifier_loaded()  # languages are detected while reading
        analysed, _ = corpus.analyze_pending()
        assert analysed >= 20
        assert not language.identifier_loaded()
    english = "This is an English post about data protection in small charities. Volunteers often do not know which rules apply."
    assert analysis.detect_language(english) == "en"


def test_records_do_not_depend_on_the_batch_size():
    from textmine.ingest.feeds import post_texts
    from textmine.nlp.pipeline import load_pipeline

    items = [(post_id, None, text) for post_id, text in list(post_texts(SAMPLE_FEED).items())[:10]]
    nlp = load_pipeline()
    assert list(analysis.analyze_texts(nlp, items, batch_size=1)) == list(analysis.analyze_texts(nlp, items, batch_size=16))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_freed_memory_is_handed_back_on_linux():
    from textmine.memory import release_free_memory

    assert release_free_memory() is True
