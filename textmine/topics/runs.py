"""Topic runs on a stored corpus: fit and store, apply to new posts, compare, shares over time, by actor.

The workflow behind ``textmine topics`` and ``textmine runs``, as library calls on a
:class:`~textmine.store.database.Store` (``Corpus.fit_topics`` and friends wrap these): the CLI only parses
options and renders. Errors are :class:`~textmine.topics.model.TopicError` subclasses with one-line messages.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from textmine.topics.run_folders import model_folder, save_model
from textmine.store.database import Store
from textmine.topics.model import TopicError, TopicModel

#: Periods of ``shares_over_time``.
PERIODS = ("month", "quarter", "year")
#: Keys of ``topics_by``.
BY_KEYS = ("actor", "sector")


class NothingToFit(TopicError):
    """The store holds no analysed posts (or no dated ones, for shares over time)."""


class RunNotFound(TopicError):
    """No topic run (or no saved model of it) with that id."""


@dataclass
class FittedRun:
    """A run that ``fit_run`` fitted and stored."""

    id: int
    model: TopicModel
    post_ids: list[str]
    #: One row per k tried (``k``, ``c_v``, ``c_npmi``, ``stability``, ``chosen``) when k was swept.
    k_curve: list[dict] | None
    model_dir: Path | None

    @property
    def pick_reason(self) -> str | None:
        from textmine.topics.model import pick_reason

        return pick_reason(self.k_curve) if self.k_curve else None

    def assignments(self) -> list[dict[str, Any]]:
        """Per post: id, dominant topic and the topic weights (rounded to 4 places)."""
        return [{"id": pid, "topic": int(dom), "weights": [round(float(w), 4) for w in weights]}
                for pid, dom, weights in zip(self.post_ids, self.model.dominant, self.model.doc_topics)]


def _terms(store: Store) -> list[tuple[str, str | None, list[str]]]:
    rows = list(store.terms())
    if not rows:
        raise NothingToFit("no analysed posts in the database")
    return rows


def fit_run(
    store: Store, k: int | str = "auto", *, method: str | None = None, seed: int = 1, workers: int = 1,
    resamples: int = 3, seed_words: list[list[str]] | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> FittedRun:
    """Fit a topic model on every analysed post, store the run (and its model files next to the
    database, so that it can be applied later) and return it.

    ``k``: a number, ``"auto"`` or a range ``"START:STOP[:STEP]"`` (a sweep picks k by resampling
    stability, see README); ``method``: ``"lda"`` (default) or ``"nmf"``; the same corpus, options
    and seed give bit-identical results.
    """
    from textmine.topics import model as topic_models

    rows = _terms(store)
    ids = [r[0] for r in rows]
    term_lists = [r[2] for r in rows]
    method = method or topic_models.DEFAULT_METHOD
    if method not in topic_models.METHODS:
        raise TopicError(f"unknown method {method!r}: choose one of {', '.join(topic_models.METHODS)}")
    if resamples < 1:
        raise TopicError("resamples must be at least 1")
    try:
        ks = topic_models.parse_k(k, n_docs=len(rows))
    except TopicError:
        raise
    except ValueError as error:
        raise TopicError(str(error)) from error
    curve = None
    if len(ks) > 1:
        best_k, curve = topic_models.choose_k(term_lists, ks, method=method, seed=seed, workers=workers,
                                              resamples=resamples, progress=progress)
    else:
        best_k = ks[0]
    model = topic_models.fit_topics(term_lists, best_k, method=method, seed=seed, workers=workers,
                                    seed_words=seed_words, progress=progress)
    params = {"k": k, "workers": workers, "seed_words": seed_words, "posts": len(ids), "resamples": resamples}
    model_dir = None
    if str(store.path) != ":memory:":
        # The model folder first (complete, checksummed: gensim's files are pickles), then the run
        # in one transaction: a folder that cannot be written stores no half run.
        model_dir, params["model_sha256"] = save_model(model, store.path)
    run_id = store.add_topic_run(
        method=model.method, k=model.k, seed=seed, params=params, coherence=model.coherence,
        topics=model.topics, model_dir=model_dir,
        assignments=((pid, int(dom), [round(float(w), 6) for w in weights])
                     for pid, dom, weights in zip(ids, model.dominant, model.doc_topics)),
    )
    return FittedRun(run_id, model, ids, curve, model_folder(store.path, store.topic_run(run_id)) if model_dir else None)


def stored_run(store: Store, run: int | None = None) -> dict:
    """A stored run by id, or the latest; ``RunNotFound`` when there is none."""
    found = store.topic_run(run)
    if found is None:
        raise RunNotFound(f"no topic run {run} in the database" if run is not None else "no stored topic run")
    return found


def apply_run(store: Store, run: int) -> list[dict[str, Any]]:
    """Assign the analysed posts that run ``run`` has not seen to its topics, without refitting;
    stores and returns them (``post``, ``topic``, ``label``, ``weights``)."""
    found = stored_run(store, run)
    model = TopicModel.load(model_folder(store.path, found))  # RunFolderError when missing or changed
    done = store.topic_assignments(run)
    new = [r for r in store.terms() if r[0] not in done]
    doc_topics, dominant = model.transform([r[2] for r in new]) if new else ([], [])
    assignments = [(r[0], int(d), [round(float(x), 6) for x in w]) for r, d, w in zip(new, dominant, doc_topics)]
    store.add_topic_assignments(run, assignments)
    labels = {t["id"]: t["label"] for t in found["topics"]}
    return [{"post": pid, "topic": topic, "label": labels.get(topic), "weights": weights}
            for pid, topic, weights in assignments]


def compare(store: Store, run_a: int, run_b: int) -> dict[str, Any]:
    """Match the topics of two stored runs and measure how far the posts moved
    (``textmine.topics.compare.compare_runs``; adds ``run_a`` and ``run_b``)."""
    from textmine.topics.compare import compare_runs

    found = {run: store.topic_run(run) for run in (run_a, run_b)}
    missing = [str(run) for run, value in found.items() if value is None]
    if missing:
        raise RunNotFound(f"no topic run {', '.join(missing)} in the database")
    dominant = {run: {post: topic for post, (topic, _) in store.topic_assignments(run).items()} for run in (run_a, run_b)}
    result = compare_runs(found[run_a]["topics"], found[run_b]["topics"], dominant[run_a], dominant[run_b])
    return {"run_a": run_a, "run_b": run_b, **result}


def shares_over_time(store: Store, freq: str = "year", run: int | None = None, *, labels: bool = True) -> list[dict]:
    """Mean topic weights per period (``month``, ``quarter``, ``year``) of a stored run, no refit:
    rows of ``period``, ``posts`` and one column per topic (its label, or its number)."""
    from textmine.topics.model import topic_shares_over_time

    if freq not in PERIODS:
        raise TopicError(f"unknown period {freq!r}: use month, quarter or year")
    found = stored_run(store, run)
    assignments = store.topic_assignments(found["id"])
    dated = [(published, assignments[pid][1]) for pid, published, _ in store.terms()
             if pid in assignments and published]
    if not dated:
        raise NothingToFit("no dated posts in this run")
    table = topic_shares_over_time([d for d, _ in dated], [w for _, w in dated], freq=freq, fill_gaps=True)
    names = {t["id"]: (t["label"] if labels else str(t["id"])) for t in found["topics"]}
    return [{"period": r["period"], "posts": r["posts"], **{names.get(i, str(i)): s for i, s in enumerate(r["shares"])}}
            for r in table]


def topics_by(store: Store, key: str = "actor", run: int | None = None, *, top: int = 3) -> list[dict]:
    """Per actor (canonical) or sector: posts and their most frequent dominant topics."""
    from textmine.topics.by_actor import topics_by as by

    if key not in BY_KEYS:
        raise TopicError(f"unknown key {key!r}: use actor or sector")
    found = stored_run(store, run)
    return by(list(store.records()), store.topic_assignments(found["id"]), found["topics"], key=key, top=top)


def typical_actors(store: Store, run: int | None = None, top: int = 5) -> list[dict]:
    """Per topic of a stored run, the actors most over-represented in its posts."""
    from textmine.topics.by_actor import typical_actors as typical

    found = stored_run(store, run)
    per_topic = typical(list(store.records()), store.topic_assignments(found["id"]), found["topics"], top=top)
    return [{"topic": t["id"], "label": t["label"], "typical actors": per_topic.get(t["id"], [])} for t in found["topics"]]


def runs_overview(runs: Sequence[dict]) -> list[dict]:
    """One summary row per stored run (id, date, method, k, seed, coherence, labels)."""
    return [{"run": r["id"], "created": r["created_at"], "method": r["method"], "k": r["k"], "seed": r["seed"],
             "c_v": r["coherence"].get("c_v"), "c_npmi": r["coherence"].get("c_npmi"),
             "labels": [t["label"] for t in r["topics"]]} for r in runs]
