"""Train the sentence model of ``textmine_arguments`` (claim / critique / none) on annotated real text.

Why here and not in the component: training needs scikit-learn and the data, prediction neither.
Data: ``blog-args`` (``../shared/datasets/blog-args/train.jsonl``: excerpts with sentence units in
order). Whole excerpts stay together: cross-validation folds of excerpts give held-out
probabilities that pick the regularisation and calibrate the per-class decision offsets (macro F1),
then the model is refitted on all excerpts with those settings. The result is saved as plain arrays
(:class:`SentenceModel.save`).
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import random
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from textmine.nlp.arguments.model import CLASSES, Featurizer, SentenceModel, char_grams, sentence_inputs, word_grams

BLOG_ARGS_CREDIT = (
    "Sentence labels from blog-args (textmine project): real German web excerpts annotated by hand "
    "following textmine's annotation guide. The texts belong to their publishers and are not "
    "distributed; only weights derived from them are shipped."
)


def load_units(path: Path) -> list[dict]:
    """Excerpts as {"id", "texts": [unit text…], "labels": [label…]} with the units in order."""
    documents = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error})") from error
        units = record.get("sentences") or []
        documents.append({"id": record.get("id") or f"line{number}",
                          "texts": [u["text"] for u in units], "labels": [u["label"] for u in units]})
    return documents


def _vocabulary(grams_per_row: Sequence[Sequence[str]], min_df: int, max_features: int) -> tuple[dict[str, int], np.ndarray]:
    df, total = Counter(), Counter()
    for grams in grams_per_row:
        df.update(set(grams))
        total.update(grams)
    kept = [g for g, n in df.items() if n >= min_df]
    kept.sort(key=lambda g: (-total[g], g))
    kept = sorted(kept[:max_features])
    n = len(grams_per_row)
    idf = np.asarray([math.log((1 + n) / (1 + df[g])) + 1.0 for g in kept])
    return {g: i for i, g in enumerate(kept)}, idf


def _inputs(documents: list[dict], lexicon=None):
    """(texts, lemmas, dense, context grams, labels) of the labelled sentences of ``documents``; the
    features of a document are computed once and kept on it (cross-validation reuses them)."""
    texts, lemmas, dense, context, labels = [], [], [], [], []
    for document in documents:
        if "_inputs" not in document:
            document["_inputs"] = sentence_inputs(document["texts"], lexicon)
        lem, den, ctx = document["_inputs"]
        for text, l, d, c, label in zip(document["texts"], lem, den, ctx, document["labels"]):
            if label in CLASSES:
                texts.append(text)
                lemmas.append(l)
                dense.append(d)
                context.append(c)
                labels.append(label)
    return texts, lemmas, dense, context, labels


def _matrix(featurizer: Featurizer, texts, lemmas, dense, context):
    from scipy import sparse

    rows = featurizer.rows(texts, lemmas, dense, context)
    indptr = np.cumsum([0] + [len(i) for i, _ in rows])
    indices = np.concatenate([i for i, _ in rows]) if rows else np.empty(0, dtype=np.int64)
    values = np.concatenate([v for _, v in rows]) if rows else np.empty(0)
    return sparse.csr_matrix((values, indices, indptr), shape=(len(rows), featurizer.n_features))


def fit(texts, lemmas, dense, context, labels, c: float, max_word: int = 20000, max_char: int = 40000,
        max_context: int = 5000) -> SentenceModel:
    from sklearn.linear_model import LogisticRegression

    word_vocabulary, idf_word = _vocabulary([word_grams(l) for l in lemmas], 2, max_word)
    char_rows = [[g for w in t.lower().split() for g in char_grams(w)] for t in texts]
    char_vocabulary, idf_char = _vocabulary(char_rows, 3, max_char)
    context_vocabulary, idf_context = _vocabulary(context, 3, max_context)
    featurizer = Featurizer(word_vocabulary, char_vocabulary, idf_word, idf_char, context_vocabulary, idf_context)
    x = _matrix(featurizer, texts, lemmas, dense, context)
    y = np.asarray([CLASSES.index(label) for label in labels])
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    classifier.fit(x, y)
    coef = np.zeros((featurizer.n_features, len(CLASSES)))
    coef[:, classifier.classes_] = classifier.coef_.T
    intercept = np.zeros(len(CLASSES))
    intercept[classifier.classes_] = classifier.intercept_
    return SentenceModel(featurizer, coef, intercept, {"classes": list(CLASSES)})


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = []
    for label in CLASSES:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def calibrate(model: SentenceModel, probabilities: np.ndarray, gold: Sequence[str]) -> tuple[np.ndarray, float]:
    """Per-class offsets (none fixed at 0) that maximise macro F1 on held-out sentences."""
    best = (np.zeros(len(CLASSES)), -1.0)
    grid = np.round(np.arange(-1.0, 1.01, 0.1), 2)
    for a in grid:
        for b in grid:
            model.offsets = np.asarray([a, b, 0.0])
            score = macro_f1(gold, model.decide(probabilities))
            if score > best[1] + 1e-9 or (abs(score - best[1]) <= 1e-9 and abs(a) + abs(b) < np.abs(best[0]).sum()):
                best = (model.offsets.copy(), score)
    model.offsets = best[0]
    return best


def train(data: Path, out_dir: Path | None, cs: Sequence[float] = (2.0,), folds: int = 5, seed: int = 0,
          log: Callable[[str], None] = print, extra: Sequence[Path] = (), fraction: float = 1.0) -> dict:
    """Train on a blog-args style file (see :func:`train_documents`); ``extra`` files in the same
    format join every training fold but never a validation fold, so the validation figures stay
    comparable with and without them; ``fraction`` < 1 keeps only that share of each training fold
    (a learning curve on the same validation folds)."""
    extra_documents = [d for path in extra for d in load_units(path)]
    name = "blog-args" + (f" + {len(extra_documents)} further excerpts annotated the same way" if extra_documents else "")
    credit = BLOG_ARGS_CREDIT + (
        f" Further {len(extra_documents)} real German web excerpts (other pages, none in the development gold) "
        "were annotated the same way, blind, by project annotators; their texts are not distributed either."
        if extra_documents else "")
    return train_documents(load_units(data), out_dir, cs=cs, folds=folds, seed=seed, log=log,
                           extra=extra_documents, fraction=fraction, data_name=name, credit=credit)


def fold_documents(documents: list[dict], folds: int, seed: int = 0) -> list[list[dict]]:
    """Whole excerpts dealt into ``folds`` groups after a seeded shuffle."""
    order = list(range(len(documents)))
    random.Random(seed).shuffle(order)
    return [[documents[i] for i in order[k::folds]] for k in range(folds)]


def train_documents(documents: list[dict], out_dir: Path | None, cs: Sequence[float] = (2.0,), folds: int = 5,
                    seed: int = 0, log: Callable[[str], None] = print, data_name: str = "blog-args",
                    credit: str = BLOG_ARGS_CREDIT, extra: Sequence[dict] = (), fraction: float = 1.0) -> dict:
    """Cross-validate by whole excerpts: every sentence gets a held-out probability from a model
    that never saw its excerpt; C and the per-class decision offsets are chosen for macro F1 on all
    held-out probabilities. Then refit on all excerpts, save to ``out_dir``, return the meta."""
    labels = {label for document in documents for label in document["labels"] if label in CLASSES}
    if len(labels) < 2:
        raise ValueError("the training data needs at least two of the labels claim, critique, none")
    if len(documents) < 5:
        raise ValueError(f"{len(documents)} documents: too few to hold out validation folds (need 5)")
    folds = min(folds, len(documents))
    groups = fold_documents(documents, folds, seed)
    held = [_inputs(group) for group in groups]
    gold = [label for part in held for label in part[4]]
    log(f"{len(documents)} excerpts (+{len(extra)} extra for training only), {len(gold)} labelled sentences, "
        f"{folds}-fold cross-validation by excerpt" + (f", {fraction:.0%} of each training fold" if fraction < 1 else ""))
    best = None
    for c in cs:
        probabilities = []
        for k in range(folds):
            rest = [d for j, group in enumerate(groups) if j != k for d in group]
            rest = rest[: max(1, round(len(rest) * fraction))] + list(extra)
            model = fit(*_inputs(rest), c=c)
            probabilities.append(model.scores(model.featurizer.rows(*held[k][:4])))
        stacked = np.vstack(probabilities)
        model.offsets = np.zeros(len(CLASSES))
        raw = macro_f1(gold, model.decide(stacked))
        offsets, tuned = calibrate(model, stacked, gold)
        log(f"C={c}: held-out macro F1 {raw:.3f}, calibrated {tuned:.3f} (offsets {offsets.tolist()})")
        if best is None or tuned > best[1]:
            best = (c, tuned, raw, offsets)
    c, tuned, raw, offsets = best
    everything = _inputs(documents[: max(1, round(len(documents) * fraction))] + list(extra))
    model = fit(*everything, c=c)
    model.offsets = offsets
    counts = Counter(everything[4])
    model.meta = {
        "name": "textmine-arguments",
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "task": "sentence classification: claim / critique / none (textmine annotation guide)",
        "features": "simplemma lemma 1-2-gram tf-idf, char 2-5-gram (within words) tf-idf, cue-lexicon hits "
                    "(textmine/data/lexicons/arguments), mood/shape features, the previous and next "
                    "sentence's cue hits and lemmas (tf-idf, weight 0.5), position, quotes",
        "classifier": f"multinomial LogisticRegression(C={c}, class_weight=balanced), stored as arrays",
        "decision": "argmax of log P(class) + offsets; offsets calibrated for macro F1 on held-out folds",
        "training_data": {"name": data_name, "excerpts": len(documents) + len(extra), "sentences": len(everything[0]),
                          "labels": dict(counts)},
        "validation": {"method": f"{folds}-fold cross-validation by whole excerpts (seed {seed}); C and "
                                 "offsets chosen on the held-out predictions",
                       "C": c, "macro_f1_uncalibrated": round(raw, 4), "macro_f1_calibrated": round(tuned, 4)},
        "credit": credit,
        "license": "Apache-2.0",
        "license_note": "Only derived weights (vocabularies, idf, coefficients) are shipped; no training "
                        "text is redistributed.",
        "cimt": "not used: CIMT's argumentative/position probabilities as extra features measured no gain "
                "on a validation split of blog-args (calibrated macro F1 0.646 vs 0.644 without), so the "
                "model carries no CC BY / CC BY-SA 4.0 data.",
        "files": ["vocabulary.json", "idf_word.npy", "idf_char.npy", "idf_context.npy", "coef.npy", "intercept.npy",
                  "meta.json"],
    }
    if out_dir is not None:
        model.save(out_dir)
    return model.meta
