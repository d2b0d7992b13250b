"""Two worker processes give exactly the records of one process, in the same order."""
from tests.helpers import SAMPLE_FEED
from textmine.analysis.texts import analyze_texts
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


def test_a_failing_component_is_reported_in_the_record_not_raised(monkeypatch):
    nlp = load_pipeline()
    component = nlp.get_pipe("textmine_arguments")

    def broken(doc):  # noqa: ANN001, ANN202
        raise IndexError("simulated bug")

    monkeypatch.setattr(type(component), "__call__", lambda self, doc: broken(doc))
    (result,) = analyze_texts(nlp, [("p1", None, "Laut Lember (2018, 4) muss sich etwas ändern.")])
    assert result.record["errors"] == ["textmine_arguments: IndexError: simulated bug"]
    assert result.record["citations"] and result.record["claims"] == []
