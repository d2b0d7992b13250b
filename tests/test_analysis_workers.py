"""Two worker processes give exactly the records of one process, in the same order."""
from tests.conftest import SAMPLE_FEED
from textmine.analysis import analyze_texts
from textmine.ingest.feeds import post_texts
from textmine.nlp.pipeline import load_pipeline


def test_two_workers_match_one_worker_in_order():
    texts = list(post_texts(SAMPLE_FEED).items())[:12]
    texts.append(("english", "This is an English post about data protection in small charities. Volunteers often do not know which rules apply to them, and the boards of these organisations rarely have the time to find out."))
    items = [(post_id, None, text) for post_id, text in texts]
    nlp = load_pipeline()
    one = list(analyze_texts(nlp, items))
    two = list(analyze_texts(nlp, items, n_process=2, batch_size=4))
    assert [a.id for a in two] == [post_id for post_id, _ in texts]
    assert [(a.record, a.terms) for a in two] == [(a.record, a.terms) for a in one]
    assert two[-1].record["language"] == "en" and two[-1].record["claims"] == []
