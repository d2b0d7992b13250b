"""Topic models: determinism, reuse, choice of k, shares over time, seed words, 10kGNAD floor."""
from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import pytest

from textmine.topics.model import (
    DEFAULT_METHOD,
    TopicError,
    TopicModel,
    choose_k,
    fit_topics,
    parse_k,
    topic_agreement,
    topic_shares_over_time,
)

THEMES = {
    "pflege": "Pflege Pflegekraft Altenheim Demenz Angehörige Pflegeversicherung Heim Betreuung Fachkraft Pflegedienst Senior Hospiz".split(),
    "kita": "Kita Erzieherin Kind Eltern Betreuungsplatz Krippe Frühförderung Spielgruppe Kindergarten Bildungsplan Elternbeitrag Sprachförderung".split(),
    "wohnen": "Wohnung Miete Obdachlosigkeit Notunterkunft Vermieter Wohnungsnot Sozialwohnung Streetwork Räumung Mietpreis Wohngeld Quartier".split(),
    "ehrenamt": "Ehrenamt Verein Freiwillige Engagement Spende Stiftung Vorstand Mitglied Förderverein Tafel Nachbarschaftshilfe Ehrenamtliche".split(),
}
SHARED = "Träger Projekt Stadt Gesellschaft Sozialarbeit Mensch Leben Hilfe".split()


def make_corpus(n_per_theme: int = 25, length: int = 40, seed: int = 0) -> tuple[list[list[str]], list[str]]:
    """Generated term lists: mostly one theme's words, some shared words, a little of another theme."""
    rng = random.Random(seed)
    docs, labels = [], []
    names = list(THEMES)
    for index in range(n_per_theme * len(names)):
        theme = names[index % len(names)]
        other = names[(index + 1) % len(names)]
        terms = [rng.choice(THEMES[theme]) for _ in range(int(length * 0.75))]
        terms += [rng.choice(SHARED) for _ in range(int(length * 0.15))]
        terms += [rng.choice(THEMES[other]) for _ in range(length - len(terms))]
        rng.shuffle(terms)
        docs.append(terms)
        labels.append(theme)
    return docs, labels


@pytest.fixture(scope="module")
def corpus() -> tuple[list[list[str]], list[str]]:
    return make_corpus()


def purity(dominant: list[int], labels: list[str]) -> float:
    by_topic: dict[int, list[str]] = {}
    for topic, label in zip(dominant, labels):
        by_topic.setdefault(topic, []).append(label)
    return sum(max(group.count(x) for x in set(group)) for group in by_topic.values()) / len(labels)


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_fit_recovers_generated_themes(corpus, method):
    docs, labels = corpus
    model = fit_topics(docs, 4, method=method, seed=1)
    assert model.k == 4 and model.method == method and len(model.topics) == 4
    assert purity(model.dominant, labels) >= 0.9
    for topic in model.topics:
        assert len(topic["terms"]) == 10 and len(topic["weights"]) == 10
        assert " / " in topic["label"]
    assert sum(t["share"] for t in model.topics) == pytest.approx(1.0)
    assert all(sum(w) == pytest.approx(1.0) for w in model.doc_topics)
    assert set(model.coherence) == {"c_v", "c_npmi"} and 0.0 < model.coherence["c_v"] <= 1.0


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_same_seed_is_bit_identical_also_with_workers(corpus, method):
    docs, _ = corpus
    first = fit_topics(docs, 4, method=method, seed=7)
    second = fit_topics(docs, 4, method=method, seed=7, workers=2)
    assert first.topics == second.topics
    assert first.doc_topics == second.doc_topics  # exact float equality, not approx
    assert first.dominant == second.dominant
    assert first.coherence == second.coherence


def test_different_seed_changes_the_fit(corpus):
    docs, _ = corpus
    one = fit_topics(docs, 4, method="lda", seed=1, coherence=False)
    two = fit_topics(docs, 4, method="lda", seed=2, coherence=False)
    assert one.doc_topics != two.doc_topics


def _starved_fit(corpus):
    """An LDA fit on the generated themes whose topic 3 is starved: without word statistics it is
    flat, so no post is about it and its theme's posts fall to the other topics."""
    from gensim.models import TfidfModel

    from textmine.topics.model import _infer

    docs, labels = corpus
    model = fit_topics(docs, 4, method="lda", seed=1, coherence=False, reseed_rounds=0)
    bows = [model.dictionary.doc2bow(model.phrases[doc]) for doc in docs]
    model.model.state.sstats[3] = 0.0
    model.model.sync_state()
    tfidf = TfidfModel(bows, id2word=model.dictionary, smartirs="ltc")
    inferred = _infer(model.model, "lda", bows, tfidf, 4, 1)
    assert 3 not in inferred[1] and purity(inferred[1], labels) <= 0.8
    return model, bows, tfidf, inferred


def test_a_starved_topic_is_restarted_from_the_largest(corpus):
    """The restart gives the starved topic its own theme back, and returns the fresh inference."""
    import numpy as np

    from textmine.topics.model import DEFAULT_OPTIONS, _infer, _reseed_small_topics

    _, labels = corpus
    model, bows, tfidf, inferred = _starved_fit(corpus)
    options = {**DEFAULT_OPTIONS, "reseed_below": 0.5}
    restarts, (weights, dominant) = _reseed_small_topics(model.model, bows, tfidf, model.dictionary, 4, 1, options, inferred)
    assert restarts >= 1
    assert (weights, dominant) == _infer(model.model, "lda", bows, tfidf, 4, 1)
    assert len(set(dominant)) == 4 and purity(dominant, labels) >= 0.9
    assert np.bincount(dominant, minlength=4).min() >= len(bows) / 8


def test_a_restart_that_does_not_help_is_undone(corpus, monkeypatch):
    """If the split halves leave the starved topic starved, the previous fit comes back exactly."""
    import numpy as np

    import textmine.topics.model as topics_module

    model, bows, tfidf, inferred = _starved_fit(corpus)
    lda = model.model
    before = (lda.state.sstats.copy(), lda.expElogbeta.copy(), np.copy(lda.alpha))

    def useless_halves(bows, tfidf, dictionary, seed):  # both halves on the rarest term: no post fits
        halves = np.zeros((len(dictionary), 2))
        halves[int(np.argmin([dictionary.dfs[i] for i in range(len(dictionary))]))] = 1.0
        return halves

    monkeypatch.setattr(topics_module, "_split_in_two", useless_halves)
    options = {**topics_module.DEFAULT_OPTIONS, "reseed_below": 0.5, "reseed_passes": 1}
    restarts, result = topics_module._reseed_small_topics(lda, bows, tfidf, model.dictionary, 4, 1, options, inferred)
    assert restarts == 0 and result == inferred
    assert np.array_equal(lda.state.sstats, before[0]) and np.array_equal(lda.expElogbeta, before[1])
    assert np.array_equal(lda.alpha, before[2])


def test_split_in_two_separates_two_themes():
    import numpy as np
    from gensim.corpora import Dictionary
    from gensim.models import TfidfModel

    from textmine.topics.model import _split_in_two

    docs, labels = make_corpus(n_per_theme=10)
    two = [(doc, label) for doc, label in zip(docs, labels) if label in ("pflege", "wohnen")]
    dictionary = Dictionary(doc for doc, _ in two)
    bows = [dictionary.doc2bow(doc) for doc, _ in two]
    halves = _split_in_two(bows, TfidfModel(bows, id2word=dictionary, smartirs="ltc"), dictionary, seed=1)
    assert halves.shape == (len(dictionary), 2) and np.allclose(halves.sum(axis=0), 1.0)
    tops = [{dictionary[int(i)] for i in np.argsort(-halves[:, j])[:8]} for j in range(2)]
    themes = [set(THEMES["pflege"]), set(THEMES["wohnen"])]
    assert sorted(max(len(top & theme) for theme in themes) for top in tops) == [8, 8]
    assert {max(range(2), key=lambda t: len(top & themes[t])) for top in tops} == {0, 1}


def test_restarts_are_recorded_and_reloaded(corpus, tmp_path):
    docs, _ = corpus
    # ten passes leave a starved topic on this generated corpus (a fit that needs a restart)
    model = fit_topics(docs, 5, seed=1, coherence=False, lda_passes=10)
    assert model.restarts >= 1 and model.to_dict()["restarts"] == model.restarts
    model.save(tmp_path / "run")
    assert TopicModel.load(tmp_path / "run").restarts == model.restarts
    assert fit_topics(docs, 5, seed=1, coherence=False, lda_passes=10, reseed_rounds=0).restarts == 0


def test_default_method_is_known():
    assert DEFAULT_METHOD in ("lda", "nmf")


@pytest.mark.parametrize("method", ["lda", "nmf"])
def test_save_load_transform_round_trip(corpus, tmp_path, method):
    docs, labels = corpus
    model = fit_topics(docs, 4, method=method, seed=3, coherence=False)
    model.save(tmp_path / "run")
    loaded = TopicModel.load(tmp_path / "run")
    assert loaded.topics == model.topics and loaded.k == 4 and loaded.method == method
    weights, dominant = loaded.transform(docs)
    assert dominant == model.dominant
    assert weights == model.doc_topics
    new_docs, new_labels = make_corpus(n_per_theme=3, seed=99)
    _, new_dominant = loaded.transform(new_docs)
    theme_topic = {label: topic for topic, label in zip(model.dominant, labels)}
    assert sum(theme_topic[label] == topic for label, topic in zip(new_labels, new_dominant)) >= 10
    assert loaded.transform([["Wort", "dasesnichtgibt"]])[1] == [-1]


def test_load_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(TopicError, match="topics.json"):
        TopicModel.load(tmp_path)


def test_parse_k():
    assert parse_k("9") == [9]
    assert parse_k(12) == [12]
    assert parse_k("5:30:5") == [5, 10, 15, 20, 25, 30]
    assert parse_k("3:5") == [3, 4, 5]
    assert len(parse_k("auto")) > 3
    assert parse_k("5:30:5", n_docs=60) == [5, 10]
    assert parse_k("auto", n_docs=100) == [5, 7, 9, 11, 13, 15, 20]
    assert parse_k("auto", n_docs=50) == [5, 7, 9]
    assert parse_k("auto", n_docs=32) == [3, 4, 5, 6, 7, 8]  # small archive: every k up to a quarter
    assert parse_k("auto", n_docs=44) == [3, 4, 5, 6, 7, 8, 9]  # never above the grid of 45 posts
    assert parse_k("auto", n_docs=10) == [2]
    for bad in ("x", "5:", "9:3", "1", "5:10:0"):
        with pytest.raises(TopicError):
            parse_k(bad)


def test_topic_agreement():
    a = [["A", "B", "C"], ["D", "E", "F"]]
    assert topic_agreement(a, list(reversed(a))) == 1.0
    assert topic_agreement(a, [["A", "B", "X"], ["Y", "Z", "W"]]) == pytest.approx((0.5 + 0.0) / 2)


def test_choose_k_prefers_the_generated_number_of_themes(corpus):
    docs, _ = corpus
    best, rows = choose_k(docs, [2, 4, 7], method="nmf", seed=1, resamples=2)
    assert [row["k"] for row in rows] == [2, 4, 7]
    assert {"k", "c_v", "c_npmi", "stability", "diversity", "chosen"} <= set(rows[0])
    assert sum(row["chosen"] for row in rows) == 1
    assert best == 4


def test_pick_k_takes_the_finest_reproducible_k():
    from textmine.topics.model import CHOOSE_K_RULE, pick_k, pick_reason

    def row(k, stability, c_npmi):
        return {"k": k, "stability": stability, "c_npmi": c_npmi}

    # The 10kGNAD curve: c_npmi falls with k, stability drops under 0.5 at 11.
    curve = [row(5, 0.72, 0.095), row(7, 0.61, 0.083), row(9, 0.65, 0.068), row(11, 0.49, 0.047), row(15, 0.51, 0.044)]
    assert pick_k(curve)["k"] == 9
    assert pick_k([row(5, 0.7, 0.05), row(7, 0.6, -0.01), row(9, 0.7, 0.04)])["k"] == 5  # c_npmi guard stops at 7
    assert pick_k([row(9, 0.3, 0.05), row(5, 0.4, 0.05), row(7, 0.4, 0.05)])["k"] == 5  # none stable: most stable, smaller k
    assert pick_reason(curve) == CHOOSE_K_RULE
    assert "most stable" in pick_reason([row(5, 0.7, -0.02), row(7, 0.8, -0.01)])


def test_shares_over_time_without_refitting():
    dates = [date(2020, 1, 5), "2020-01-20T10:00:00+01:00", date(2020, 2, 1), None, date(2021, 7, 1)]
    weights = [[1.0, 0.0], [0.5, 0.5], [0.0, 1.0], [1.0, 0.0], [0.2, 0.8]]
    months = topic_shares_over_time(dates, weights, "month")
    assert [row["period"] for row in months] == ["2020-01", "2020-02", "2021-07"]
    assert months[0] == {"period": "2020-01", "posts": 2, "shares": [0.75, 0.25]}
    quarters = topic_shares_over_time(dates, weights, "quarter")
    assert [row["period"] for row in quarters] == ["2020-Q1", "2021-Q3"]
    assert topic_shares_over_time(dates, weights, "year")[0]["posts"] == 3
    with pytest.raises(TopicError):
        topic_shares_over_time(dates, weights, "week")


def test_seed_words_steer_a_topic(corpus):
    docs, _ = corpus
    seeds = [["pflege", "Demenz", "Hospiz"], ["Miete", "Wohnungsnot"]]
    model = fit_topics(docs, 4, method="lda", seed=1, seed_words=seeds, coherence=False)
    assert "Pflege" in model.topics[0]["terms"][:5] or "Demenz" in model.topics[0]["terms"][:5]
    assert {"Miete", "Wohnungsnot"} & set(model.topics[1]["terms"][:5])
    with pytest.raises(TopicError, match="LDA"):
        fit_topics(docs, 4, method="nmf", seed_words=seeds)
    with pytest.raises(TopicError, match="vocabulary"):
        fit_topics(docs, 4, method="lda", seed_words=[["Raumfahrt"]])


def test_bad_arguments_are_clear_errors(corpus):
    docs, _ = corpus
    with pytest.raises(TopicError, match="method"):
        fit_topics(docs, 4, method="lsi")
    with pytest.raises(TopicError, match="option"):
        fit_topics(docs, 4, passes=3)
    with pytest.raises(TopicError, match="terms"):
        fit_topics([["Wort"]] * 5, 3)


def test_progress_is_reported(corpus):
    docs, _ = corpus
    seen: list[tuple[str, float]] = []
    fit_topics(docs, 4, seed=1, coherence=False, progress=lambda stage, fraction: seen.append((stage, fraction)))
    assert seen[-1] == ("done", 1.0)
    assert [f for _, f in seen] == sorted(f for _, f in seen)


SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
GNAD = SHARED_DIR / "datasets" / "10kgnad-test.csv"


@pytest.mark.slow
def test_10kgnad_sections_recovered_by_default_method():
    if not GNAD.exists():
        pytest.skip(f"../shared not present: {GNAD} is needed for the 10kGNAD topic floor")
    from sklearn.metrics import normalized_mutual_info_score

    from textmine.nlp.pipeline import load_pipeline
    from textmine.nlp.terms import doc_terms

    with GNAD.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    nlp = load_pipeline()
    terms = [doc_terms(doc) for doc in nlp.pipe((text for _, text in rows), batch_size=64)]
    labels = [label for label, _ in rows]
    # Mean over three seeds: the target (0.50) with a margin against numeric differences between
    # machines, while a fit without the starved-topic restart (0.489 for these seeds) fails.
    scores = [normalized_mutual_info_score(labels, fit_topics(terms, 9, seed=seed, coherence=False).dominant)
              for seed in (1, 2, 3)]
    assert sum(scores) / 3 >= 0.50, scores


def test_doc_terms_keeps_nouns_and_names_only():
    from textmine.nlp.pipeline import load_pipeline
    from textmine.nlp.terms import doc_terms

    nlp = load_pipeline()
    text = (
        "Die Pflegekräfte im Heim fordern mehr Personal. Dann kam die EU mit neuen Regeln. "
        "Die Regeln gelten ab 2020 für 30 Prozent der All-in-Verträgen, siehe www.example.de im März."
    )
    terms = doc_terms(nlp(text))
    for expected in ("Pflegekraft", "Heim", "Personal", "EU", "Regel", "All-in-Vertrag"):
        assert expected in terms
    for dropped in ("Die", "Dann", "die", "2020", "30", "Prozent", "März", "www.example.de", "fordern", "neu"):
        assert dropped not in terms
    assert terms.index("Pflegekraft") < terms.index("Personal")  # text order
    assert "Personal" not in doc_terms(nlp(text), extra_stop_words=["personal"])


def test_doc_terms_on_a_blank_pipeline_without_lemmas_or_tags():
    import spacy

    from textmine.nlp.terms import doc_terms

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    terms = doc_terms(nlp("Der Verein sammelt Spenden für die Tafel. Spenden helfen."))
    assert terms == ["Verein", "Spenden", "Tafel", "Spenden"]


def _blank_doc(text: str):
    import spacy

    from textmine.nlp.extensions import register_extensions

    register_extensions()
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def _span(doc, text: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return span


def test_topic_stop_words_are_read_from_the_lexicon_file(tmp_path):
    from textmine.nlp.terms import STOPWORDS_FILE, TOPIC_STOP_WORDS, load_topic_stopwords

    assert STOPWORDS_FILE.name == "stopwords.txt" and STOPWORDS_FILE.exists()
    assert TOPIC_STOP_WORDS == load_topic_stopwords()
    assert {"prozent", "januar", "herr"} <= TOPIC_STOP_WORDS
    assert not any(word.startswith("#") for word in TOPIC_STOP_WORDS)
    custom = tmp_path / "stop.txt"
    custom.write_text("# comment\nQuartier\n\n", encoding="utf-8")
    assert load_topic_stopwords(custom) == frozenset({"quartier"})


def test_doc_terms_leaves_out_citations_bibliography_and_cited_persons():
    from textmine.nlp.terms import doc_terms

    text = (
        "Die Beratungsstelle im Quartier hilft Familien (Hartmann 2021, 4). "
        "Tobias Kessler zeigt das für die Schuldnerberatung. Auch Kessler lobt die Tafel. "
        "Ministerin Petra Albers besucht die Tafel.\n\n"
        "Literatur\n\nKessler, Tobias (2020): Armut im Quartier. Berlin: Verlag."
    )
    doc = _blank_doc(text)
    citation = _span(doc, "(Hartmann 2021, 4)")
    citation._.textmine_authors = ["Hartmann"]
    reference = _span(doc, "Kessler, Tobias (2020): Armut im Quartier. Berlin: Verlag.")
    reference._.textmine_authors = ["Kessler, Tobias"]
    doc.spans["citations"] = [citation]
    doc.spans["references"] = [reference]
    doc.spans["bibliography"] = [_span(doc, "Literatur\n\nKessler, Tobias (2020): Armut im Quartier. Berlin: Verlag.")]
    persons = [_span(doc, "Tobias Kessler"), _span(doc, "Kessler", 1), _span(doc, "Petra Albers")]
    for span in persons:
        span._.textmine_actor_type = "person"
    collective = _span(doc, "Familien")
    collective._.textmine_actor_type = "collective"
    doc.spans["actors"] = persons + [collective]

    cited = doc_terms(doc, persons="cited")
    assert cited.count("Quartier") == 1  # the bibliography's "Quartier" is left out
    for source in ("Hartmann", "Kessler", "Tobias", "Armut", "Berlin", "Verlag", "Literatur"):
        assert source not in cited
    assert {"Beratungsstelle", "Familien", "Schuldnerberatung", "Tafel", "Petra", "Albers"} <= set(cited)
    dropped = doc_terms(doc, persons="drop")
    assert "Albers" not in dropped and "Petra" not in dropped and "Familien" in dropped
    kept = doc_terms(doc, persons="keep")
    assert "Kessler" in kept and "Hartmann" not in kept  # persons kept, citations still out
    with pytest.raises(ValueError, match="persons"):
        doc_terms(doc, persons="all")


def test_doc_terms_default_keeps_uncited_persons():
    from textmine.nlp.terms import DEFAULT_PERSONS

    assert DEFAULT_PERSONS == "cited"  # dropping every person cost 0.025 NMI on 10kGNAD


def test_doc_terms_keeps_plural_nouns_that_lemmatise_to_another_word():
    from textmine.nlp.terms import doc_terms

    doc = _blank_doc("Wir schützen Daten und Sozialdaten vor Soldaten. Daten helfen.")
    lemmas = {"Daten": "Datum", "Sozialdaten": "Sozialdatum", "Soldaten": "Soldat"}
    for token in doc:
        token.lemma_ = lemmas.get(token.text, token.text)
    terms = doc_terms(doc)
    assert terms == ["Daten", "Sozialdaten", "Soldat", "Daten"]
    assert "Datum" not in terms


def test_shares_over_time_can_fill_empty_periods():
    dates = ["2019-11-03", "2020-02-10T08:00:00Z", date(2020, 3, 1)]
    weights = [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
    months = topic_shares_over_time(dates, weights, "month", fill_gaps=True)
    assert [row["period"] for row in months] == ["2019-11", "2019-12", "2020-01", "2020-02", "2020-03"]
    assert months[1] == {"period": "2019-12", "posts": 0, "shares": [0.0, 0.0]}
    quarters = topic_shares_over_time(dates, weights, "quarter", fill_gaps=True)
    assert [row["period"] for row in quarters] == ["2019-Q4", "2020-Q1"] and quarters[1]["posts"] == 2
    years = topic_shares_over_time(["2018-05-01", "2020-01-01"], weights[:2], "year", fill_gaps=True)
    assert [row["period"] for row in years] == ["2018", "2019", "2020"]
    with pytest.raises(TopicError, match="date"):
        topic_shares_over_time(["letzten Dienstag"], weights[:1], "month")


def test_choose_k_is_deterministic_with_workers(corpus):
    docs, _ = corpus
    one = choose_k(docs, [3, 4], method="nmf", seed=2, resamples=1)
    two = choose_k(docs, [3, 4], method="nmf", seed=2, resamples=1, workers=2)
    assert one == two


def test_ranked_agreement_weighs_top_ranks():
    from textmine.topics.model import average_jaccard, ranked_agreement, resample_indices

    assert average_jaccard(["A", "B"], ["A", "B"], depth=2) == 1.0
    assert average_jaccard(["A", "B"], ["B", "A"], depth=2) == pytest.approx(0.5)  # 0/2 then 2/2
    assert ranked_agreement([["A", "B"], ["C", "D"]], [["C", "D"], ["A", "B"]], depth=2) == 1.0
    samples = resample_indices(10, 2, seed=1)
    assert samples == resample_indices(10, 2, seed=1) and all(len(s) == 8 == len(set(s)) for s in samples)


SAMPLE_FEED = Path(__file__).resolve().parents[1] / "corpus" / "sample-blog.xml"
SEED_WORDS = Path(__file__).resolve().parents[1] / "corpus" / "seed-words.txt"


def test_example_seed_words_steer_topics_on_the_sample_corpus():
    from textmine.ingest.feeds import Post, read_feed
    from textmine.nlp.pipeline import load_pipeline
    from textmine.nlp.terms import doc_terms

    lines = [line for line in SEED_WORDS.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    seed_words = [line.replace(",", " ").split() for line in lines]
    assert len(seed_words) >= 3 and all(len(words) >= 3 for words in seed_words)
    with SAMPLE_FEED.open("rb") as handle:
        texts = ["\n\n".join(r.paragraphs) for r in read_feed(handle) if isinstance(r, Post)]
    nlp = load_pipeline()
    terms = [doc_terms(doc) for doc in nlp.pipe(texts)]
    model = fit_topics(terms, 6, method="lda", seed=1, seed_words=seed_words, coherence=False)
    for topic, words in zip(model.topics, seed_words):
        assert set(words) & set(topic["terms"]), (words, topic["terms"])


def test_compare_runs_matches_topics_and_measures_moved_posts():
    from textmine.topics.compare import compare_runs

    a = [{"id": 0, "label": "Pflege / Heim", "terms": ["Pflege", "Heim", "Demenz"]},
         {"id": 1, "label": "Kita / Kind", "terms": ["Kita", "Kind", "Eltern"]}]
    b = [{"id": 0, "label": "Kita / Eltern", "terms": ["Kita", "Eltern", "Kind"]},
         {"id": 1, "label": "Pflege / Demenz", "terms": ["Pflege", "Demenz", "Heim"]},
         {"id": 2, "label": "Miete / Wohnung", "terms": ["Miete", "Wohnung", "Vermieter"]}]
    dominant_a = {"p1": 0, "p2": 0, "p3": 1, "p4": 1, "p5": -1, "p7": 1}
    dominant_b = {"p1": 1, "p2": 1, "p3": 0, "p4": 2, "p6": 0, "p7": 1}
    result = compare_runs(a, b, dominant_a, dominant_b)
    pairs = {(p["topic_a"], p["topic_b"]): p for p in result["pairs"]}
    assert set(pairs) == {(0, 1), (1, 0), (None, 2)}
    # Topic 0 of A (p1, p2) all stayed with B's topic 1, which also took p7.
    assert pairs[(0, 1)]["posts_stayed"] == 1.0 and pairs[(0, 1)]["post_overlap"] == 0.667
    # Topic 1 of A (p3, p4, p7): only p3 is in B's topic 0 (p6 is not shared).
    assert pairs[(1, 0)]["posts_stayed"] == 0.333 and pairs[(1, 0)]["post_overlap"] == 0.333
    assert result["shared_posts"] == 5  # p5 has no topic, p6 is only in run B
    assert result["only_in_a"] == 1 and result["only_in_b"] == 1
    assert result["unmatched_a"] == 0 and result["unmatched_b"] == 1
    assert 0 < result["term_agreement"] < 1 and result["posts_ari"] < 1


def test_empty_posts_stay_without_topic_when_a_topic_is_restarted(corpus):
    """Posts without known terms get -1 before and after a restart and do not count for the shares."""
    from textmine.topics.model import DEFAULT_OPTIONS, _infer, _reseed_small_topics

    model, bows, tfidf, _ = _starved_fit(corpus)
    bows = bows + [[], []]
    inferred = _infer(model.model, "lda", bows, tfidf, 4, 1)
    assert inferred[1][-2:] == [-1, -1]
    options = {**DEFAULT_OPTIONS, "reseed_below": 0.5}
    restarts, (weights, dominant) = _reseed_small_topics(model.model, bows, tfidf, model.dictionary, 4, 1, options, inferred)
    assert restarts >= 1
    assert dominant[-2:] == [-1, -1] and weights[-1] == [0.25] * 4
    assert all(d >= 0 for d in dominant[:-2]) and len(set(dominant[:-2])) == 4
    fitted = fit_topics(corpus[0] + [[], ["Unbekanntwort"]], 4, seed=1, coherence=False)
    assert fitted.dominant[-2:] == [-1, -1] and sum(t["share"] for t in fitted.topics) == pytest.approx(1.0)
