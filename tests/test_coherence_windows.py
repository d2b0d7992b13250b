"""The numpy window counts are gensim's sliding-window counts, number for number."""
import random

import numpy as np
from gensim.corpora import Dictionary
from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator

from textmine.coherence_windows import WindowCounts


def _texts(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    words = ["Stiftung", "Verein", "Ehrenamt", "Spende", "Kritik", "Förderung", "Daten", "Schutz"]
    # repeated words inside a window, documents shorter and longer than the window, an empty one
    return [[rng.choice(words) for _ in range(rng.randint(0, 40))] for _ in range(60)] + [[], ["Verein"] * 12]


def test_window_counts_equal_gensims_accumulator_for_every_pair():
    for seed in (1, 2, 3):
        texts = _texts(seed)
        dictionary = Dictionary(texts)
        relevant = {dictionary.token2id[w] for w in ("Stiftung", "Verein", "Spende", "Kritik", "Daten")}
        for window in (1, 3, 10, 110):
            gensim = WordOccurrenceAccumulator(relevant, dictionary).accumulate(texts, window)
            ours = WindowCounts(relevant, dictionary).accumulate(texts, window)
            assert ours.num_docs == gensim.num_docs
            for a in relevant:
                assert ours.get_occurrences(a) == gensim.get_occurrences(a)
                for b in relevant:
                    assert ours.get_co_occurrences(a, b) == gensim.get_co_occurrences(a, b), (seed, window, a, b)
            assert int(np.asarray(gensim._occurrences).sum()) > 0


def test_coherence_scores_equal_gensims_own():
    from gensim.models import CoherenceModel

    from textmine.topics.model import TOP_N, coherence_scores

    texts = _texts(4) * 3
    dictionary = Dictionary(texts)
    topics = [["Stiftung", "Verein", "Spende"], ["Kritik", "Daten", "Schutz"], ["Ehrenamt", "Förderung", "Verein"]]
    expected = {m: round(float(CoherenceModel(topics=topics, texts=texts, dictionary=dictionary, coherence=m,
                                              topn=TOP_N).get_coherence()), 6) for m in ("c_v", "c_npmi")}
    assert coherence_scores(topics, texts, dictionary) == expected
