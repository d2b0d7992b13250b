"""The sentence model of ``textmine_arguments``: claim / critique / none for each sentence, from the
sentence's words, character n-grams, cue-lexicon hits and its context (the sentences around it).

Why stored as plain arrays: the model must never run code when it is loaded and must load with any
scikit-learn (or none): ``vocabulary.json`` (word and character n-gram vocabularies, in column
order), ``idf_word.npy`` / ``idf_char.npy``, ``coef.npy`` (features x classes), ``intercept.npy``,
and ``meta.json`` (classes, decision offsets calibrated on a validation split, data credits,
licence, scores). Prediction is numpy only; ``scripts/train_arguments.py`` makes the files
(scikit-learn's LogisticRegression fits the weights over exactly the features computed here).
"""
from __future__ import annotations

import json
import re
from itertools import chain
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from textmine import resources

FILES = ("vocabulary.json", "idf_word.npy", "idf_char.npy", "coef.npy", "intercept.npy", "meta.json")
#: Optional file: idf of the context block (lemmas of the previous and next sentence); models saved
#: before it existed have no context block.
CONTEXT_FILE = "idf_context.npy"
#: Weight of the context block against the sentence's own (each block is L2-normalised).
CONTEXT_WEIGHT = 0.5
CLASSES = ("claim", "critique", "none")
CHAR_RANGE = (2, 5)
_WHITE = re.compile(r"\s+")
_QUOTE = re.compile(r"[„“”\"»«]")


class ModelError(RuntimeError):
    """A model folder that is missing files or whose arrays do not fit together."""


# ------------------------------------------------------------------------------------ features
def word_grams(lemmas: str) -> list[str]:
    """Lemma unigrams and bigrams of one sentence (``lemmas``: space-joined lower-cased lemmas)."""
    tokens = lemmas.split()
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def char_grams(word: str, lo: int = CHAR_RANGE[0], hi: int = CHAR_RANGE[1]) -> list[str]:
    """Character n-grams of one lower-cased word padded with spaces (scikit-learn's ``char_wb``)."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(lo, hi + 1):
        if len(padded) > n:
            grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
        else:
            grams.append(padded)
            break
    return grams


def context_grams(lemmas: Sequence[str]) -> list[list[str]]:
    """Per sentence: the previous sentence's lemmas marked ``<p>`` and the next one's marked ``<n>``
    ("müssen" before a demand's reason, "kritisieren" before a quoted critique)."""
    out = []
    for i in range(len(lemmas)):
        grams = [f"<p>{w}" for w in lemmas[i - 1].split()] if i > 0 else []
        if i + 1 < len(lemmas):
            grams += [f"<n>{w}" for w in lemmas[i + 1].split()]
        out.append(grams)
    return out


def context_features(dense: Sequence[Sequence[float]], texts: Sequence[str]) -> list[list[float]]:
    """Per sentence: its own dense features, the previous and next sentence's cue hits, position."""
    from textmine.nlp.arguments.features import DENSE_FEATURES, MODEL_CUES

    n_cues = len(MODEL_CUES)
    out = []
    empty = [0.0] * n_cues
    for i, own in enumerate(dense):
        prev = list(dense[i - 1][:n_cues]) if i > 0 else empty
        nxt = list(dense[i + 1][:n_cues]) if i + 1 < len(dense) else empty
        prev_text = texts[i - 1].strip() if i > 0 else ""
        position = [
            float(i == 0), float(i == 1), i / max(1, len(dense) - 1),
            float(prev_text.endswith(":")), float(prev_text.endswith("?")),
            float(bool(_QUOTE.search(texts[i]))),
        ]
        out.append(list(own) + prev + nxt + position)
    assert not out or len(out[0]) == len(DENSE_FEATURES) + 2 * n_cues + 6
    return out


def dense_names() -> list[str]:
    from textmine.nlp.arguments.features import DENSE_FEATURES, MODEL_CUES

    return (list(DENSE_FEATURES) + [f"prev_{c}" for c in MODEL_CUES] + [f"next_{c}" for c in MODEL_CUES]
            + ["first", "second", "relative_position", "prev_colon", "prev_question", "quotes"])


@dataclass
class Featurizer:
    """Sentence -> sparse feature row (column indices, values) over word, char and dense blocks."""

    word_vocabulary: dict[str, int]
    char_vocabulary: dict[str, int]
    idf_word: np.ndarray
    idf_char: np.ndarray
    context_vocabulary: dict[str, int] | None = None
    idf_context: np.ndarray | None = None

    def __post_init__(self):
        self._words: dict[str, list[int]] = {}
        if self.context_vocabulary is None:
            self.context_vocabulary, self.idf_context = {}, np.empty(0)

    @property
    def n_features(self) -> int:
        return (len(self.word_vocabulary) + len(self.char_vocabulary) + len(dense_names())
                + len(self.context_vocabulary))

    def _char_ids(self, word: str) -> list[int]:
        known = self._words.get(word)
        if known is None:
            if len(self._words) > 200_000:
                self._words.clear()
            vocabulary = self.char_vocabulary
            known = self._words[word] = [vocabulary[g] for g in char_grams(word) if g in vocabulary]
        return known

    @staticmethod
    def _block(ids: list[int], idf: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0)
        unique, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
        values = (1.0 + np.log(counts)) * idf[unique]
        norm = float(np.sqrt(np.dot(values, values)))
        return unique + offset, values / norm if norm else values

    def rows(self, texts: Sequence[str], lemmas: Sequence[str], dense: Sequence[Sequence[float]],
             context: Sequence[Sequence[str]] | None = None):
        """(indices, values) per sentence; ``dense`` from :func:`context_features`, ``context`` from
        :func:`context_grams` (the context block, after the dense one, stays empty without it)."""
        n_word, n_char = len(self.word_vocabulary), len(self.char_vocabulary)
        n_dense = len(dense_names())
        cv = self.context_vocabulary
        context = context if context is not None else [()] * len(texts)
        out = []
        for text, lemma, extra, around in zip(texts, lemmas, dense, context):
            wv = self.word_vocabulary
            w_idx, w_val = self._block([wv[g] for g in word_grams(lemma) if g in wv], self.idf_word, 0)
            c_ids: list[int] = []
            for word in _WHITE.split(text.lower()):
                if word:
                    c_ids.extend(self._char_ids(word))
            c_idx, c_val = self._block(c_ids, self.idf_char, n_word)
            d_idx = np.arange(len(extra), dtype=np.int64) + n_word + n_char
            d_val = np.asarray(extra, dtype=float)
            keep = d_val != 0
            x_idx, x_val = self._block([cv[g] for g in around if g in cv], self.idf_context,
                                       n_word + n_char + n_dense)
            out.append((np.concatenate([w_idx, c_idx, d_idx[keep], x_idx]),
                        np.concatenate([w_val, c_val, d_val[keep], CONTEXT_WEIGHT * x_val])))
        return out


    def coo(self, texts: Sequence[str], lemmas: Sequence[str], dense: Sequence[Sequence[float]],
            context: Sequence[Sequence[str]] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows of :meth:`rows` for a whole document at once, as (row, column, value) arrays:
        one ``np.unique`` per block for all sentences instead of one per sentence and block (the
        component's prediction path; :meth:`rows` stays the per-sentence reference)."""
        n = len(texts)
        n_word, n_char = len(self.word_vocabulary), len(self.char_vocabulary)
        n_dense = len(dense_names())
        wv, cv = self.word_vocabulary, self.context_vocabulary
        context = context if context is not None else [()] * n
        words = [[wv[g] for g in word_grams(lemma) if g in wv] for lemma in lemmas]
        chars = []
        for text in texts:
            ids: list[int] = []
            for word in _WHITE.split(text.lower()):
                if word:
                    ids.extend(self._char_ids(word))
            chars.append(ids)
        around = [[cv[g] for g in grams if g in cv] for grams in context]
        blocks = [_coo_block(words, self.idf_word, 0, 1.0),
                  _coo_block(chars, self.idf_char, n_word, 1.0),
                  _coo_block(around, self.idf_context, n_word + n_char + n_dense, CONTEXT_WEIGHT)]
        extra = np.asarray(dense, dtype=float).reshape(n, n_dense)
        d_row, d_col = np.nonzero(extra)
        blocks.append((d_row, d_col + n_word + n_char, extra[d_row, d_col]))
        return tuple(np.concatenate(parts) for parts in zip(*blocks))  # type: ignore[return-value]


def _coo_block(ids_per_row: Sequence[Sequence[int]], idf: np.ndarray, offset: int,
               weight: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sublinear tf × idf, L2-normalised per row (scikit-learn's ``TfidfVectorizer`` with
    ``sublinear_tf=True``), for the id lists of all rows of one block."""
    flat = np.array(list(chain.from_iterable(ids_per_row)), dtype=np.int64)
    if not len(flat):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0)
    width = max(len(idf), 1)
    rows = np.repeat(np.arange(len(ids_per_row), dtype=np.int64), [len(ids) for ids in ids_per_row])
    keys, counts = np.unique(rows * width + flat, return_counts=True)
    row, col = keys // width, keys % width
    values = (1.0 + np.log(counts)) * idf[col]
    norms = np.sqrt(np.bincount(row, weights=values * values, minlength=len(ids_per_row)))
    values = values / np.where(norms[row] > 0, norms[row], 1.0)
    return row, col + offset, weight * values


def sentence_inputs(texts: Sequence[str], lexicon=None) -> tuple[list[str], list[list[float]], list[list[str]]]:
    """Lemma strings, context-aware dense features and context grams for the sentences of one
    document, in order."""
    from textmine.nlp.arguments.features import cue_features, lemma_text

    lemmas = [lemma_text(t) for t in texts]
    dense = context_features([cue_features(t, lexicon) for t in texts], texts)
    return lemmas, dense, context_grams(lemmas)


# ------------------------------------------------------------------------------------ the model
class SentenceModel:
    """Multinomial logistic regression over :class:`Featurizer` rows; numpy only."""

    def __init__(self, featurizer: Featurizer, coef: np.ndarray, intercept: np.ndarray, meta: dict):
        n = featurizer.n_features
        if coef.shape != (n, len(CLASSES)) or intercept.shape != (len(CLASSES),):
            raise ModelError(f"coefficients {coef.shape} / intercept {intercept.shape} do not fit "
                             f"{n} features x {len(CLASSES)} classes")
        if tuple(meta.get("classes", CLASSES)) != CLASSES:
            raise ModelError(f"model classes {meta.get('classes')} are not {CLASSES}")
        self.featurizer = featurizer
        self.coef = coef
        self.intercept = intercept
        self.meta = meta
        self.offsets = np.asarray(meta.get("offsets", [0.0] * len(CLASSES)), dtype=float)

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "SentenceModel":
        directory = Path(directory) if directory is not None else resources.model_dir("arguments")
        missing = [name for name in FILES if not (directory / name).exists()]
        if missing:
            raise ModelError(f"argument model in {directory} lacks {', '.join(missing)}")
        vocabulary = json.loads((directory / "vocabulary.json").read_text(encoding="utf-8"))
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        has_context = "context" in vocabulary
        if has_context and not (directory / CONTEXT_FILE).exists():
            raise ModelError(f"argument model in {directory} lacks {CONTEXT_FILE}")
        featurizer = Featurizer(
            {g: i for i, g in enumerate(vocabulary["word"])}, {g: i for i, g in enumerate(vocabulary["char"])},
            np.load(directory / "idf_word.npy", allow_pickle=False),
            np.load(directory / "idf_char.npy", allow_pickle=False),
            {g: i for i, g in enumerate(vocabulary["context"])} if has_context else None,
            np.load(directory / CONTEXT_FILE, allow_pickle=False) if has_context else None,
        )
        return cls(featurizer, np.load(directory / "coef.npy", allow_pickle=False),
                   np.load(directory / "intercept.npy", allow_pickle=False), meta)

    def save(self, directory: Path | str) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        f = self.featurizer
        vocabulary = {"word": sorted(f.word_vocabulary, key=f.word_vocabulary.get),
                      "char": sorted(f.char_vocabulary, key=f.char_vocabulary.get)}
        if f.context_vocabulary:
            vocabulary["context"] = sorted(f.context_vocabulary, key=f.context_vocabulary.get)
            np.save(directory / CONTEXT_FILE, f.idf_context.astype(np.float32), allow_pickle=False)
        (directory / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")
        np.save(directory / "idf_word.npy", f.idf_word.astype(np.float32), allow_pickle=False)
        np.save(directory / "idf_char.npy", f.idf_char.astype(np.float32), allow_pickle=False)
        np.save(directory / "coef.npy", self.coef.astype(np.float32), allow_pickle=False)
        np.save(directory / "intercept.npy", self.intercept.astype(np.float32), allow_pickle=False)
        meta = {**self.meta, "classes": list(CLASSES), "offsets": [round(float(x), 4) for x in self.offsets]}
        (directory / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def scores(self, rows) -> np.ndarray:
        """Class probabilities (softmax of the linear scores), one row per sentence."""
        out = np.empty((len(rows), len(CLASSES)))
        for k, (idx, val) in enumerate(rows):
            out[k] = val @ self.coef[idx] + self.intercept if len(idx) else self.intercept
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def decide(self, probabilities: np.ndarray) -> list[str]:
        """The label per sentence: argmax of log-probabilities plus the calibrated offsets."""
        adjusted = np.log(np.maximum(probabilities, 1e-12)) + self.offsets
        return [CLASSES[i] for i in adjusted.argmax(axis=1)]

    def predict_document(self, texts: Sequence[str], lexicon=None) -> tuple[list[str], np.ndarray]:
        """Labels and probabilities for the sentences of one document, in order."""
        if not texts:
            return [], np.empty((0, len(CLASSES)))
        lemmas, dense, context = sentence_inputs(texts, lexicon)
        probabilities = self.scores_coo(len(texts), *self.featurizer.coo(texts, lemmas, dense, context))
        return self.decide(probabilities), probabilities

    def scores_coo(self, n_rows: int, row: np.ndarray, col: np.ndarray, value: np.ndarray) -> np.ndarray:
        """:meth:`scores` for the (row, column, value) arrays of :meth:`Featurizer.coo`."""
        contributions = value[:, None] * self.coef[col]
        out = np.tile(self.intercept.astype(float), (n_rows, 1))
        for k in range(len(CLASSES)):
            out[:, k] += np.bincount(row, weights=contributions[:, k], minlength=n_rows)
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out
