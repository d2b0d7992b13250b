"""Topic models over stored term lists (gensim): fit, score, choose k, reuse, shares over time.

Input is one list of content terms per post (``textmine.nlp.terms.doc_terms``, computed once at
ingest), so topics never re-run spaCy. Two methods, both gensim:

* ``nmf``: gensim ``Nmf`` on log-tf-idf (SMART ``ltc``), started from an NNDSVD decomposition of
  that matrix instead of gensim's random start. The deterministic start is what makes runs with
  different seeds agree and lifts NMI on 10kGNAD from 0.31–0.40 (random start) to 0.45–0.46.
* ``lda`` (default): gensim ``LdaModel`` on term counts whose topic-word statistics start from the
  ``nmf`` solution, then refined by variational Bayes; a topic that (almost) no post ends up in is
  restarted from one half of the largest topic (``_reseed_small_topics``). On 10kGNAD (k=9) this
  is the best variant measured (README table; ``scripts/evaluate_topics.py``). The restart is what
  lifts mean NMI over seeds 1-20 from 0.495 to 0.512 (every seed >= 0.503): without it one topic
  held ~17 of 1,028 articles ("zur Verfügung stehen") while one broad topic absorbed culture,
  media and panorama.
  The NMF start is what lifts LDA from 0.13-0.26 (random start) to 0.49. Phrases matter (without
  them LDA falls to 0.44), as does ``no_below=3`` (5: 0.45, 2: 0.48).
  Tried without gain before the restart (mean NMI, seeds 1-5, within 0.492-0.497): alpha
  asymmetric/auto/0.05/0.03, eta 0.05, no_above 0.3, 400 E-step iterations, 20 passes, 40 NMF
  passes, tf-idf ``Ltc``, Phrases threshold 0.4/0.6, ``lda_start_weight`` 0.25/1/2; counts as
  1+log, sqrt, capped or binary; counts times idf^0.5; averaging inference over sub-seeds or
  aligned fits; LDA from k-means on LSA (0.485). Worse: idf-weighted counts (0.488), adjectives
  or verbs as extra terms (0.470), compound heads as extra terms (0.471), a stop list of
  light-verb nouns (0.03 lower: the starved topic then splits a real one instead).
  The spread over seeds comes from the NMF start (the seeded ARPACK vector of the SVD and Nmf's
  own random state), not from LDA's random E-step start.

Determinism: every random draw comes from ``numpy.random.RandomState(seed)``; the models are the
single-process ``LdaModel`` and ``Nmf`` (never ``LdaMulticore``), and inference resets the model's
random state first, so the same terms, options and seed give bit-identical topics and shares.
``workers`` only spreads independent work (coherence windows, the fits of ``choose_k``) over
processes, which does not change any number.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import math
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from gensim import matutils
from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel, Phrases, TfidfModel
from gensim.models.nmf import Nmf
from gensim.models.phrases import FrozenPhrases
from scipy.optimize import linear_sum_assignment
from scipy.sparse.linalg import svds
from sklearn.decomposition import NMF

METHODS: tuple[str, ...] = ("lda", "nmf")
#: Chosen by measurement on 10kGNAD (k=9, seeds 1–5): see the module docstring and README.
DEFAULT_METHOD = "lda"
#: The grid that ``--k auto`` sweeps (capped by corpus size in ``parse_k``'s caller).
AUTO_KS: tuple[int, ...] = (5, 7, 9, 11, 13, 15, 20)
#: choose_k rule: going up the grid, the largest k before the first whose topics come back on
#: resamples of the documents less than this (``ranked_agreement`` of the top-10 terms).
STABILITY_THRESHOLD = 0.5
#: Share of the documents in each resample of ``choose_k``.
RESAMPLE_FRACTION = 0.8
#: One line for tables and the README.
CHOOSE_K_RULE = "largest k before the first k with resampling stability < 0.5 or c_npmi <= 0"
TOP_N = 10
PHRASE_DELIMITER = " "

#: Defaults for ``fit_topics(**opts)``; every key may be overridden.
DEFAULT_OPTIONS: dict[str, Any] = {
    "phrases_min_count": 5,  # a bigram must occur this often ...
    "phrases_threshold": 0.5,  # ... and reach this normalised PMI to become one term
    "no_below": 3,  # drop terms in fewer documents (2 for corpora under 100 documents)
    "no_above": 0.4,  # drop terms in a larger share of documents
    "keep_n": 50000,
    "tfidf": "ltc",  # SMART scheme of the NMF input: log tf, idf, cosine normalisation
    "nmf_passes": 20,
    "lda_passes": 4,  # 10 before: same NMI (seeds 1-3: 0.509 vs 0.512), 2.0 instead of 3.7-5.0 CPU s
    "lda_iterations": 100,
    "lda_alpha": "symmetric",
    "lda_eta": 0.01,
    "init": "nndsvd",  # or "random": gensim's own random start
    "lda_start_weight": 0.5,  # NMF start of LDA: pseudo-counts as a share of the corpus' tokens
    "coherence": True,  # compute c_v and c_npmi
    "seed_weight": 1.0,  # eta of a seed word in its own topic (others get lda_eta / 100)
    "reseed_below": 0.3,  # LDA: a topic that dominates fewer than this share of 1/k of the posts ...
    "reseed_rounds": 3,  # ... is restarted from half of the largest topic, at most this often
    "reseed_passes": 2,  # passes of LDA after each restart (5 before, see lda_passes)
}

Progress = Callable[[str, float], None]


class TopicError(ValueError):
    """The corpus or the options do not allow a topic model."""


# --------------------------------------------------------------------------------------------
# The result


@dataclasses.dataclass
class TopicModel:
    """A fitted topic model: plain results plus the gensim objects needed to reuse it."""

    k: int
    method: str
    seed: int
    coherence: dict[str, float | None]
    topics: list[dict[str, Any]]
    doc_topics: list[list[float]]
    dominant: list[int]
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: Starved topics restarted from half of the largest one (``_reseed_small_topics``).
    restarts: int = 0
    model: Any = dataclasses.field(default=None, repr=False, compare=False)
    dictionary: Dictionary | None = dataclasses.field(default=None, repr=False, compare=False)
    phrases: FrozenPhrases | None = dataclasses.field(default=None, repr=False, compare=False)
    tfidf: TfidfModel | None = dataclasses.field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready results (no gensim objects)."""
        return {
            "k": self.k,
            "method": self.method,
            "seed": self.seed,
            "coherence": self.coherence,
            "options": self.options,
            "restarts": self.restarts,
            "topics": self.topics,
            "doc_topics": self.doc_topics,
            "dominant": self.dominant,
        }

    def save(self, directory: str | Path) -> Path:
        """Write the gensim objects (their own format) and ``topics.json`` into ``directory``."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save(str(path / "model.gensim"))
        self.dictionary.save(str(path / "dictionary.gensim"))
        if self.phrases is not None:
            self.phrases.save(str(path / "phrases.gensim"))
        if self.tfidf is not None:
            self.tfidf.save(str(path / "tfidf.gensim"))
        (path / "topics.json").write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: str | Path) -> "TopicModel":
        """Read a model written by ``save``."""
        path = Path(directory)
        meta_file = path / "topics.json"
        if not meta_file.exists():
            raise TopicError(f"no topic model in {path} (topics.json missing)")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        model_class = LdaModel if meta["method"] == "lda" else Nmf
        phrases_file = path / "phrases.gensim"
        tfidf_file = path / "tfidf.gensim"
        return cls(
            k=meta["k"],
            method=meta["method"],
            seed=meta["seed"],
            coherence=meta["coherence"],
            topics=meta["topics"],
            doc_topics=meta["doc_topics"],
            dominant=meta["dominant"],
            options=meta.get("options", {}),
            restarts=meta.get("restarts", 0),
            model=model_class.load(str(path / "model.gensim")),
            dictionary=Dictionary.load(str(path / "dictionary.gensim")),
            phrases=FrozenPhrases.load(str(phrases_file)) if phrases_file.exists() else None,
            tfidf=TfidfModel.load(str(tfidf_file)) if tfidf_file.exists() else None,
        )

    def transform(self, term_lists: Sequence[Sequence[str]]) -> tuple[list[list[float]], list[int]]:
        """Topic weights and dominant topic of new documents, without refitting."""
        docs = [self.phrases[list(terms)] if self.phrases is not None else list(terms) for terms in term_lists]
        bows = [self.dictionary.doc2bow(doc) for doc in docs]
        return _infer(self.model, self.method, bows, self.tfidf, self.k, self.seed)


# --------------------------------------------------------------------------------------------
# Fitting


def fit_topics(
    term_lists: Sequence[Sequence[str]],
    k: int,
    method: str = DEFAULT_METHOD,
    seed: int = 1,
    workers: int = 1,
    seed_words: list[list[str]] | None = None,
    progress: Progress | None = None,
    **opts: Any,
) -> TopicModel:
    """Fit a k-topic model on per-document term lists; same input and seed, same bits."""
    report = progress or _no_progress
    options = _options(opts)
    if method not in METHODS:
        raise TopicError(f"unknown topic method {method!r}: choose one of {', '.join(METHODS)}")
    if k < 2:
        raise TopicError(f"k must be at least 2, not {k}")
    if seed_words and method != "lda":
        raise TopicError("seed words steer LDA (through its eta prior): use method 'lda'")
    if seed_words and len(seed_words) > k:
        raise TopicError(f"{len(seed_words)} seed-word topics do not fit into k={k} topics")

    report("phrases", 0.0)
    docs, phrases = _phrase(term_lists, options)
    report("dictionary", 0.1)
    dictionary = _dictionary(docs, options, k)
    bows = [dictionary.doc2bow(doc) for doc in docs]
    tfidf = TfidfModel(bows, id2word=dictionary, smartirs=options["tfidf"])
    report("nmf", 0.15)
    nmf = _fit_nmf(bows, tfidf, dictionary, k, seed, options)
    model: Any = nmf
    restarts = 0
    if method == "lda":
        report("lda", 0.45)
        model = _fit_lda(bows, dictionary, k, seed, options, nmf if options["init"] == "nndsvd" else None, seed_words)
    report("inference", 0.8)
    doc_topics, dominant = _infer(model, method, bows, tfidf, k, seed)
    if method == "lda":
        report("rebalance", 0.82)
        restarts, (doc_topics, dominant) = _reseed_small_topics(
            model, bows, tfidf, dictionary, k, seed, options, (doc_topics, dominant), protected=len(seed_words or ())
        )
    term_weights = _topic_term_matrix(model, method)
    topics = _describe_topics(term_weights, dictionary, dominant, k)
    coherence: dict[str, float | None] = {"c_v": None, "c_npmi": None}
    if options["coherence"]:
        report("coherence", 0.85)
        coherence = coherence_scores([topic["terms"] for topic in topics], docs, dictionary, workers)
    report("done", 1.0)
    return TopicModel(
        k=k,
        method=method,
        seed=seed,
        coherence=coherence,
        topics=topics,
        doc_topics=doc_topics,
        dominant=dominant,
        options={**options, "seed_words": seed_words or []},
        restarts=restarts,
        model=model,
        dictionary=dictionary,
        phrases=phrases,
        tfidf=tfidf,
    )


def _no_progress(stage: str, fraction: float) -> None:
    """Default progress callback: report nothing."""
    return None


def _options(opts: dict[str, Any]) -> dict[str, Any]:
    unknown = set(opts) - set(DEFAULT_OPTIONS)
    if unknown:
        raise TopicError(f"unknown topic option(s): {', '.join(sorted(unknown))}")
    return {**DEFAULT_OPTIONS, **opts}


def _phrase(term_lists: Sequence[Sequence[str]], options: dict[str, Any]) -> tuple[list[list[str]], FrozenPhrases]:
    """Join frequent, strongly associated neighbours ("Rotes Kreuz") into one term."""
    docs = [list(terms) for terms in term_lists]
    phrases = Phrases(
        docs,
        min_count=options["phrases_min_count"],
        threshold=options["phrases_threshold"],
        scoring="npmi",
        delimiter=PHRASE_DELIMITER,
    ).freeze()
    intern = sys.intern  # a joined phrase is a new string per occurrence: keep one per term
    return [[intern(term) for term in phrases[doc]] for doc in docs], phrases


def _dictionary(docs: list[list[str]], options: dict[str, Any], k: int) -> Dictionary:
    """Vocabulary without rare and ubiquitous terms; relaxed for small corpora."""
    dictionary = Dictionary(docs)
    no_below = options["no_below"] if len(docs) >= 100 else min(options["no_below"], 2)
    dictionary.filter_extremes(no_below=no_below, no_above=options["no_above"], keep_n=options["keep_n"])
    if len(dictionary) < 2 * k:
        dictionary = Dictionary(docs)
        dictionary.filter_extremes(no_below=1, no_above=1.0, keep_n=options["keep_n"])
    if len(dictionary) < k:
        raise TopicError(f"the documents have only {len(dictionary)} distinct terms: too few for k={k} topics")
    return dictionary


def nndsvd(matrix: Any, k: int, seed: int) -> np.ndarray:
    """Non-negative start (terms x k) from a truncated SVD: NNDSVDa (Boutsidis & Gallopoulos 2008)."""
    rows, cols = matrix.shape
    if min(rows, cols) <= k:
        raise TopicError(f"{rows} terms x {cols} documents: too small for k={k} topics")
    start = np.random.RandomState(seed).uniform(-1.0, 1.0, min(rows, cols))
    u, s, vt = svds(matrix.astype(np.float64), k=k, v0=start)
    order = np.argsort(-s)
    u, s, vt = u[:, order], s[order], vt[order]
    w = np.zeros((rows, k))
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    for j in range(1, k):
        x, y = u[:, j], vt[j]
        x_pos, x_neg = np.maximum(x, 0), np.maximum(-x, 0)
        y_pos, y_neg = np.maximum(y, 0), np.maximum(-y, 0)
        pos = np.linalg.norm(x_pos) * np.linalg.norm(y_pos)
        neg = np.linalg.norm(x_neg) * np.linalg.norm(y_neg)
        x_part, scale = (x_pos, pos) if pos >= neg else (x_neg, neg)
        norm = np.linalg.norm(x_part)
        if norm > 0:
            w[:, j] = np.sqrt(s[j] * scale) * x_part / norm
    w[w < 1e-10] = 0.0
    w[w == 0.0] = matrix.mean() / 100  # NNDSVDa: zeros would stay zeros under NMF updates
    return w


def _fit_nmf(bows: list, tfidf: TfidfModel, dictionary: Dictionary, k: int, seed: int, options: dict[str, Any]) -> Nmf:
    matrix = matutils.corpus2csc([tfidf[bow] for bow in bows], num_terms=len(dictionary), num_docs=len(bows))
    model = Nmf(
        None,
        num_topics=k,
        id2word=dictionary,
        chunksize=max(2000, len(bows)),
        passes=options["nmf_passes"],
        normalize=True,
        eval_every=0,
        random_state=seed,
    )
    if options["init"] == "nndsvd":
        # gensim's Nmf has no init parameter: set up its statistics, then replace the random start.
        model._setup(matrix)
        model._W = nndsvd(matrix, k, seed)
    model.update(matrix)
    return model


def _fit_lda(
    bows: list,
    dictionary: Dictionary,
    k: int,
    seed: int,
    options: dict[str, Any],
    start: Nmf | None,
    seed_words: list[list[str]] | None,
) -> LdaModel:
    eta: Any = options["lda_eta"]
    order = list(range(k))
    if seed_words:
        eta, order = _seeded_eta(dictionary, k, seed_words, options, start)
    model = LdaModel(
        None,
        num_topics=k,
        id2word=dictionary,
        alpha=options["lda_alpha"],
        eta=eta,
        random_state=seed,
        chunksize=max(2000, len(bows)),
        passes=options["lda_passes"],
        iterations=options["lda_iterations"],
        eval_every=None,
    )
    if start is not None:
        # Start variational Bayes from the NMF topics, scaled to a share of the corpus' token mass.
        words = start._W[:, order]
        words = words / np.maximum(words.sum(axis=0, keepdims=True), 1e-12)
        tokens = sum(count for bow in bows for _, count in bow)
        model.state.sstats[:] = words.T * (options["lda_start_weight"] * tokens / k)
        model.sync_state()
    model.update(bows, passes=options["lda_passes"], iterations=options["lda_iterations"], chunks_as_numpy=True)
    return model


def _reseed_small_topics(
    model: LdaModel,
    bows: list,
    tfidf: TfidfModel,
    dictionary: Dictionary,
    k: int,
    seed: int,
    options: dict[str, Any],
    inferred: tuple[list[list[float]], list[int]],
    protected: int = 0,
) -> tuple[int, tuple[list[list[float]], list[int]]]:
    """Restart topics that (almost) no post is about by splitting the largest topic in two.

    Variational Bayes from the NMF start can keep a topic alive on a handful of posts (on 10kGNAD
    one held 17 of 1,028 articles, around "zur Verfügung stehen"), while one broad topic absorbs
    three sections. As in k-means with an empty cluster, the starved topic is restarted: the posts
    of the largest topic get a two-topic NMF (NNDSVD start), its halves replace the two topics'
    word statistics, and LDA runs ``reseed_passes`` more passes. Repeated while the smallest topic
    holds less than ``reseed_below / k`` of the posts, at most ``reseed_rounds`` times; a restart
    after which the smallest topic is no larger is undone, and the search stops. Seeded
    topics (the first ``protected``) are neither restarted nor split.

    ``inferred`` is ``_infer``'s result for the model as it is; returns the restarts made and
    ``_infer``'s result for the model as it is left (no inference is repeated). A restart costs
    ``reseed_passes`` passes and one inference pass (10kGNAD: 4 s -> 6 s).
    """
    restarts = 0
    for _ in range(options["reseed_rounds"]):
        dominant = inferred[1]
        assigned = np.array([d for d in dominant if d >= 0], dtype=int)
        free = np.arange(protected, k)
        if not len(assigned) or len(free) < 2:
            break
        shares = np.bincount(assigned, minlength=k) / len(assigned)
        small = int(free[np.argmin(shares[free])])
        if shares[small] >= options["reseed_below"] / k:
            break
        big = int(free[np.argmax(shares[free])])
        members = [bows[i] for i, d in enumerate(dominant) if d == big]
        if len(members) < 4 or len({term for bow in members for term, _ in bow}) < 4:
            break
        halves = _split_in_two(members, tfidf, dictionary, seed)
        # update() changes the state, and alpha/eta when they are learnt ("auto"): keep all for an undo.
        before = (copy.deepcopy(model.state), np.copy(model.alpha), np.copy(model.eta), model.num_updates)
        mass = model.state.sstats[big].sum() / 2
        model.state.sstats[big] = halves[:, 0] * mass
        model.state.sstats[small] = halves[:, 1] * mass
        model.sync_state()
        model.update(bows, passes=options["reseed_passes"], iterations=options["lda_iterations"], chunks_as_numpy=True)
        after = _infer(model, "lda", bows, tfidf, k, seed)
        grown = np.bincount([d for d in after[1] if d >= 0], minlength=k)[free].min() / len(assigned)
        if grown <= shares[small]:
            # The restart did not feed the starved topic: back to the previous fit.
            model.state, model.alpha, model.eta, model.num_updates = before
            model.sync_state()
            break
        inferred = after
        restarts += 1
    return restarts, inferred


def _split_in_two(bows: list, tfidf: TfidfModel, dictionary: Dictionary, seed: int) -> np.ndarray:
    """Two word distributions (terms x 2) that split ``bows``: NMF of their tf-idf from NNDSVD.

    scikit-learn's coordinate-descent NMF, not gensim's online Nmf: on the one-topic sub-corpus
    it separates the two halves more cleanly (10kGNAD, seeds 1-5: mean NMI 0.509 vs 0.503).
    """
    matrix = matutils.corpus2csc([tfidf[bow] for bow in bows], num_terms=len(dictionary), num_docs=len(bows))
    start_words = nndsvd(matrix, 2, seed)
    start_docs = np.maximum(np.asarray(matrix.T @ start_words).T, 1e-6)  # 2 x docs, matrix stays sparse
    halves = NMF(2, init="custom", random_state=seed, max_iter=300).fit_transform(matrix, W=start_words, H=start_docs)
    return halves / np.maximum(halves.sum(axis=0, keepdims=True), 1e-12)


def _seeded_eta(
    dictionary: Dictionary, k: int, seed_words: list[list[str]], options: dict[str, Any], start: Nmf | None
) -> tuple[np.ndarray, list[int]]:
    """An eta prior (k x terms) that ties each seed list to its own topic.

    A seed word gets ``seed_weight`` in its topic and almost nothing in the others. When LDA starts
    from NMF, the NMF topics are reordered so that each seed list starts from the topic that
    already weighs its words most.
    """
    lookup = {token.casefold(): token_id for token_id, token in dictionary.items()}
    ids = [[lookup[w.casefold()] for w in words if w.casefold() in lookup] for words in seed_words]
    missing = [words for words, found in zip(seed_words, ids) if not found]
    if missing:
        raise TopicError(f"no seed word of {missing[0]} occurs in the vocabulary")
    base = options["lda_eta"]
    eta = np.full((k, len(dictionary)), base, dtype=np.float64)
    for topic, word_ids in enumerate(ids):
        for word_id in word_ids:
            eta[:, word_id] = base / 100
            eta[topic, word_id] = options["seed_weight"]
    order = list(range(k))
    if start is not None:
        weights = start._W  # terms x k
        score = np.array([[weights[word_ids, topic].sum() for topic in range(k)] for word_ids in ids])
        rows, cols = linear_sum_assignment(-score)
        chosen = [int(c) for _, c in sorted(zip(rows, cols))]
        order = chosen + [t for t in range(k) if t not in chosen]
    return eta, order


def _infer(model: Any, method: str, bows: list, tfidf: TfidfModel | None, k: int, seed: int) -> tuple[list[list[float]], list[int]]:
    """Normalised topic weights per document and the dominant topic (-1: no known term)."""
    model.random_state = np.random.RandomState(seed)  # the same documents always get the same weights
    doc_topics: list[list[float]] = []
    dominant: list[int] = []
    for bow in bows:
        if not bow:
            doc_topics.append([1.0 / k] * k)
            dominant.append(-1)
            continue
        vector = tfidf[bow] if method == "nmf" and tfidf is not None else bow
        weights = np.zeros(k)
        for topic, weight in model.get_document_topics(vector, minimum_probability=0.0):
            weights[topic] = weight
        total = weights.sum()
        weights = weights / total if total > 0 else np.full(k, 1.0 / k)
        doc_topics.append([float(w) for w in weights])
        dominant.append(int(np.argmax(weights)) if total > 0 else -1)
    return doc_topics, dominant


def _topic_term_matrix(model: Any, method: str) -> np.ndarray:
    """Topics x terms, each row a distribution."""
    matrix = np.asarray(model.get_topics(), dtype=np.float64)
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1e-12)


def _describe_topics(term_weights: np.ndarray, dictionary: Dictionary, dominant: list[int], k: int) -> list[dict[str, Any]]:
    """Top terms, share of documents (dominant topic) and a two-term label per topic."""
    assigned = [d for d in dominant if d >= 0]
    overall = term_weights.mean(axis=0)
    topics = []
    for topic in range(k):
        row = term_weights[topic]
        top = np.argsort(-row, kind="stable")[:TOP_N]
        topics.append(
            {
                "id": topic,
                "terms": [dictionary[int(i)] for i in top],
                "weights": [round(float(row[i]), 6) for i in top],
                "share": round(assigned.count(topic) / len(assigned), 6) if assigned else 0.0,
                "label": _label(row, overall, dictionary),
            }
        )
    return topics


def _label(row: np.ndarray, overall: np.ndarray, dictionary: Dictionary, lam: float = 0.6) -> str:
    """The two most distinctive of the top-30 terms by relevance (Sievert & Shirley 2014)."""
    candidates = np.argsort(-row, kind="stable")[:30]
    relevance = lam * np.log(row[candidates] + 1e-12) + (1 - lam) * np.log((row[candidates] + 1e-12) / (overall[candidates] + 1e-12))
    best = candidates[np.argsort(-relevance, kind="stable")[:2]]
    return " / ".join(dictionary[int(i)] for i in best)


# --------------------------------------------------------------------------------------------
# Coherence, stability, choice of k


def coherence_scores(topics: list[list[str]], docs: list[list[str]], dictionary: Dictionary, workers: int = 1) -> dict[str, float | None]:
    """c_v and c_npmi of the topics' top terms over the (phrased) documents."""
    from gensim.topic_coherence.probability_estimation import unique_ids_from_segments

    from textmine.coherence_windows import WindowCounts

    scores: dict[str, float | None] = {}
    for measure in ("c_v", "c_npmi"):
        model = CoherenceModel(
            topics=topics, texts=docs, dictionary=dictionary, coherence=measure, topn=TOP_N, processes=max(1, workers)
        )
        # gensim's own counts, computed with numpy (the same numbers; gensim's loop was ~1/5 of the command)
        segments = model.segment_topics()
        model._accumulator = WindowCounts(unique_ids_from_segments(segments), dictionary).accumulate(docs, model.window_size)
        value = float(model.get_coherence())
        scores[measure] = None if math.isnan(value) else round(value, 6)
    return scores


def topic_agreement(a: list[list[str]], b: list[list[str]]) -> float:
    """Mean Jaccard of top-term sets after matching each topic of ``a`` to one of ``b`` (Hungarian)."""
    sets_a, sets_b = [set(t) for t in a], [set(t) for t in b]
    jaccard = np.array([[len(x & y) / len(x | y) if x | y else 1.0 for y in sets_b] for x in sets_a])
    rows, cols = linear_sum_assignment(-jaccard)
    return float(jaccard[rows, cols].mean())


def parse_k(value: str | int, n_docs: int | None = None) -> list[int]:
    """``"9"`` -> [9]; ``"5:30:5"`` -> [5, 10, ..., 30] (end included); ``"auto"`` -> AUTO_KS.

    With ``n_docs``, a grid keeps only k below a fifth of the documents (at least its smallest k);
    ``"auto"`` on fewer than 45 documents sweeps 3 (or 2) up to a quarter of them (at most 9).
    """
    text = str(value).strip().lower()
    if text == "auto":
        ks = list(AUTO_KS)
    elif ":" in text:
        parts = text.split(":")
        if len(parts) not in (2, 3) or not all(p.strip().isdigit() for p in parts):
            raise TopicError(f"cannot read k range {value!r}: write START:END[:STEP], e.g. 5:30:5")
        start, end = int(parts[0]), int(parts[1])
        step = int(parts[2]) if len(parts) == 3 else 1
        if step < 1 or end < start:
            raise TopicError(f"empty k range {value!r}")
        ks = list(range(start, end + 1, step))
    elif text.isdigit():
        ks = [int(text)]
    else:
        raise TopicError(f"cannot read k {value!r}: write a number, START:END[:STEP] or auto")
    if any(k < 2 for k in ks):
        raise TopicError(f"k must be at least 2 in {value!r}")
    if n_docs is not None and len(ks) > 1:
        capped = [k for k in ks if k <= max(2, n_docs // 5)]
        if text == "auto" and len(capped) < 3:
            # A small archive (under 45 posts): every k up to a quarter of the posts (at most the
            # third k of the grid, so that the grid's top never shrinks as the archive grows).
            top = min(AUTO_KS[2], max(2, n_docs // 4))
            capped = list(range(3 if top >= 5 else 2, top + 1))
        ks = capped or ks[:1]
    return ks


def average_jaccard(a: Sequence[str], b: Sequence[str], depth: int = TOP_N) -> float:
    """Mean Jaccard of the top-1, top-2, ... top-``depth`` terms: agreement that weighs the top ranks most."""
    return float(np.mean([len(set(a[:d]) & set(b[:d])) / len(set(a[:d]) | set(b[:d])) for d in range(1, depth + 1)]))


def match_topics(
    a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], depth: int = TOP_N
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``average_jaccard`` of every pair of top-term lists and the best one-to-one matching
    (Hungarian): (scores a x b, matched rows of a, matched columns of b)."""
    scores = np.array([[average_jaccard(x, y, depth) for y in b] for x in a])
    rows, cols = linear_sum_assignment(-scores)
    return scores, rows, cols


def ranked_agreement(a: list[list[str]], b: list[list[str]], depth: int = TOP_N) -> float:
    """Mean ``average_jaccard`` after matching each topic of ``a`` to one of ``b`` (Hungarian)."""
    scores, rows, cols = match_topics(a, b, depth)
    return float(scores[rows, cols].mean())


def resample_indices(n_docs: int, resamples: int, seed: int, fraction: float = RESAMPLE_FRACTION) -> list[list[int]]:
    """``resamples`` sorted random subsets of ``fraction`` of the documents (without replacement)."""
    rng = np.random.RandomState(seed)
    size = max(2, int(round(fraction * n_docs)))
    return [sorted(int(i) for i in rng.choice(n_docs, size, replace=False)) for _ in range(resamples)]


def _fit_for_grid(args: tuple) -> tuple[int, int, list[list[str]], dict]:
    """One fit of the choose_k grid (top level, so that worker processes can run it).

    ``sample`` -1 is the reference fit on every document (with coherence), 0.. the resamples.
    """
    term_lists, k, method, seed, sample, opts = args
    model = fit_topics(term_lists, k, method=method, seed=seed, **{**opts, "coherence": sample < 0})
    return k, sample, [t["terms"] for t in model.topics], model.coherence


def choose_k(
    term_lists: Sequence[Sequence[str]],
    ks: Sequence[int],
    method: str = DEFAULT_METHOD,
    seed: int = 1,
    resamples: int = 3,
    workers: int = 1,
    progress: Progress | None = None,
    **opts: Any,
) -> tuple[int, list[dict[str, Any]]]:
    """Fit every k on all documents and on resamples; pick k by the rule below. Returns (k, rows).

    Rule (documented in the README): **going up the grid, take the largest k before the first k
    whose topics do not survive resampling (stability < STABILITY_THRESHOLD) or whose top terms
    co-occur no more than by chance (c_npmi <= 0); if already the smallest k fails, the most
    stable k (ties to the smaller k).** So k is the finest granularity the corpus reproduces.

    * stability (Greene, O'Callaghan & Cunningham 2014): the model is refitted on ``resamples``
      random 80 % subsets of the documents (the same subsets for every k); each refit's topics
      are matched to the full fit's (Hungarian) and compared by average Jaccard of their top-10
      term rankings (``ranked_agreement``); stability is the mean. 0.5 means that, rank by rank,
      about half of a topic's top terms come back when a fifth of the corpus is left out.
      Agreement across *seeds* alone says nothing here: the NNDSVD start makes fits with
      different seeds nearly identical (0.78-1.0 at every k on 10kGNAD).
    * c_npmi is a guard, not the criterion: it tends to fall with k (broader topics have more
      co-occurring top terms; on 10kGNAD 0.095 at k=5, 0.007 at k=20), so the earlier rule "highest c_npmi among the stable k" picked
      the smallest k of the grid on 10kGNAD (5). c_v and diversity (share of
      distinct terms among all top-10 terms, a warning sign of duplicated topics) are reported.

    On 10kGNAD (1,028 articles, nine sections; grid 5..20) the rule picks k=11: stability 0.80,
    0.62, 0.65, 0.50 at k=5, 7, 9, 11, then 0.48 at 13; c_npmi 0.102 -> 0.044 (with slightly
    different lemmas stability at 11 was 0.49 and the pick 9: within three resamples' noise). The sweep took
    184 s on one core. It costs (1 + resamples) fits per k; ``workers`` runs them in parallel,
    with the same result.
    """
    report = progress or _no_progress
    docs = [list(terms) for terms in term_lists]
    samples = resample_indices(len(docs), max(1, resamples), seed)
    jobs = []
    for k in ks:
        jobs.append((docs, k, method, seed, -1, opts))
        jobs += [([docs[i] for i in sample], k, method, seed, index, opts) for index, sample in enumerate(samples)]
    results: list[tuple[int, int, list[list[str]], dict]] = []
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done, result in enumerate(pool.map(_fit_for_grid, jobs), start=1):
                results.append(result)
                report("choose_k", done / len(jobs))
    else:
        for done, job in enumerate(jobs, start=1):
            results.append(_fit_for_grid(job))
            report("choose_k", done / len(jobs))
    by_k: dict[int, dict[int, tuple[list[list[str]], dict]]] = defaultdict(dict)
    for k, sample, terms, coherence in results:
        by_k[k][sample] = (terms, coherence)
    rows = []
    for k in ks:
        reference, coherence = by_k[k][-1]
        agreements = [ranked_agreement(reference, by_k[k][index][0]) for index in range(len(samples))]
        distinct = len({term for topic in reference for term in topic})
        rows.append(
            {
                "k": k,
                "c_v": coherence["c_v"],
                "c_npmi": coherence["c_npmi"],
                "stability": round(float(np.mean(agreements)), 6),
                "diversity": round(distinct / max(1, sum(len(topic) for topic in reference)), 6),
            }
        )
    best = pick_k(rows)
    for row in rows:
        row["chosen"] = row is best
    return best["k"], rows


def pick_k(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The row ``choose_k``'s rule picks from curve rows with k, stability and c_npmi."""
    best = None
    for row in sorted(rows, key=lambda row: row["k"]):
        if not _passes(row):
            break
        best = row
    if best is None:
        best = max(rows, key=lambda row: (row["stability"], -row["k"]))
    return best


def pick_reason(rows: Sequence[dict[str, Any]]) -> str:
    """Why ``pick_k`` took its row: the rule, or the fallback when already the smallest k fails."""
    smallest = min(rows, key=lambda row: row["k"])
    if _passes(smallest):
        return CHOOSE_K_RULE
    return "the most stable k: already the smallest k has stability < 0.5 or c_npmi <= 0"


def _passes(row: dict[str, Any]) -> bool:
    return row["stability"] >= STABILITY_THRESHOLD and row["c_npmi"] is not None and row["c_npmi"] > 0


# --------------------------------------------------------------------------------------------
# Shares over time


def _period(value: Any, freq: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise TopicError(f"cannot read date {value!r}: expected ISO 8601") from error
    if not isinstance(value, (date, datetime)):
        raise TopicError(f"cannot read date {value!r}")
    if freq == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if freq == "quarter":
        return f"{value.year:04d}-Q{(value.month - 1) // 3 + 1}"
    if freq == "year":
        return f"{value.year:04d}"
    raise TopicError(f"unknown period {freq!r}: choose month, quarter or year")


def topic_shares_over_time(
    dates: Iterable[Any], doc_topics: Sequence[Sequence[float]], freq: str = "month", fill_gaps: bool = False
) -> list[dict[str, Any]]:
    """Per period (month "2020-01", quarter "2020-Q1", year "2020"): number of posts and each
    topic's mean weight over them, rows sorted by period.

    Uses the fitted weights, so no model is refitted per slice; posts without a date are left out.
    Dates are taken as given (the store keeps UTC). ``fill_gaps`` adds the empty periods between
    the first and the last (0 posts, shares 0.0) so that a time axis is not compressed.
    """
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = defaultdict(int)
    for when, weights in zip(dates, doc_topics):
        period = _period(when, freq)
        if period is None:
            continue
        vector = np.asarray(weights, dtype=np.float64)
        sums[period] = sums.get(period, np.zeros_like(vector)) + vector
        counts[period] += 1
    rows = [
        {"period": period, "posts": counts[period], "shares": [round(float(x), 6) for x in sums[period] / counts[period]]}
        for period in sorted(sums)
    ]
    if not fill_gaps or len(rows) < 2:
        return rows
    k = len(rows[0]["shares"])
    present = {row["period"]: row for row in rows}
    return [present.get(period, {"period": period, "posts": 0, "shares": [0.0] * k})
            for period in _periods_between(rows[0]["period"], rows[-1]["period"], freq)]


def _periods_between(first: str, last: str, freq: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive."""
    year = int(first[:4])
    step = {"month": 12, "quarter": 4, "year": 1}[freq]
    index = 0 if freq == "year" else int(first[5:].lstrip("Q")) - 1
    labels = []
    while True:
        if freq == "month":
            label = f"{year:04d}-{index + 1:02d}"
        elif freq == "quarter":
            label = f"{year:04d}-Q{index + 1}"
        else:
            label = f"{year:04d}"
        labels.append(label)
        if label == last:
            return labels
        index += 1
        if index == step:
            year, index = year + 1, 0
