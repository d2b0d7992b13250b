"""Topic models: determinism, reuse, choice of k, shares over time, seed words, 10kGNAD floor."""
from __future__ import annotations

import csv
import random
import time
from datetime import date
from pathlib import Path

import pytest

from textmine.topics import (
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
    for bad in ("x", "5:", "9:3", "1", "5:10:0"):
        with pytest.raises(TopicError):
            parse_k(bad)


def test_topic_agreement():
    a = [["A", "B", "C"], ["D", "E", "F"]]
    assert topic_agreement(a, list(reversed(a))) == 1.0
    assert topic_agreement(a, [["A", "B", "X"], ["Y", "Z", "W"]]) == pytest.approx((0.5 + 0.0) / 2)


def test_choose_k_prefers_the_generated_number_of_themes(corpus):
    docs, _ = corpus
    best, rows = choose_k(docs, [2, 4, 7], method="nmf", seed=1, seeds_for_stability=2)
    assert [row["k"] for row in rows] == [2, 4, 7]
    assert {"k", "c_v", "c_npmi", "stability", "chosen"} <= set(rows[0])
    assert sum(row["chosen"] for row in rows) == 1
    assert best == 4


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
    started = time.perf_counter()
    model = fit_topics(terms, 9, seed=1, coherence=False)
    assert time.perf_counter() - started < 180
    nmi = normalized_mutual_info_score([label for label, _ in rows], model.dominant)
    assert nmi >= 0.45


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
