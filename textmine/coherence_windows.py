"""gensim's sliding-window word counts for c_v and c_npmi, computed with numpy.

gensim's ``WordOccurrenceAccumulator`` visits every window of every document in Python (10kGNAD:
about a fifth of ``textmine topics``). ``WindowCounts`` gives the same counts, bit for bit,
including gensim's way of sliding: when a window moves on, the word that leaves it is marked absent
even if it occurs again inside the window, until it enters again at the window's end.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from gensim.topic_coherence.text_analysis import WordOccurrenceAccumulator


class WindowCounts(WordOccurrenceAccumulator):
    """A ``WordOccurrenceAccumulator`` whose ``accumulate`` is vectorised per document."""

    def accumulate(self, texts: Iterable[Sequence[str]], window_size: int) -> "WindowCounts":
        size = self._vocab_size
        occurrences = np.zeros(size, dtype=np.int64)
        co_occurrences = np.zeros((size, size), dtype=np.int64)
        windows = 0
        for ids in self._iter_texts(texts):
            count = max(1, len(ids) - window_size + 1)
            windows += count
            present = np.unique(ids[ids != self._none_token])
            if not len(present):
                continue
            member = _membership(ids.astype(np.int64), present.astype(np.int64), window_size, count)
            occurrences[present] += member.sum(axis=1)
            weights = member.astype(np.int64)
            co_occurrences[np.ix_(present, present)] += weights @ weights.T
        self._occurrences = occurrences.astype(np.uint32)
        self._co_occurrences = co_occurrences.astype(np.uint32)
        self._num_docs = windows
        return self


def _membership(ids: np.ndarray, present: np.ndarray, window_size: int, count: int) -> np.ndarray:
    """words x windows: whether gensim counts the word in the window.

    Window 0 holds the words of ``ids[:window_size]``; moving to window j removes ``ids[j - 1]``
    and then adds ``ids[j + window_size - 1]``. A word is in window j when its latest addition
    is at least as late as its latest removal."""
    times = np.arange(count)
    added = np.zeros((len(present), count), dtype=bool)
    removed = np.zeros((len(present), count), dtype=bool)
    added[:, 0] = np.isin(present, ids[:window_size])
    if count > 1:
        added[:, 1:] = ids[window_size:window_size + count - 1][None, :] == present[:, None]
        removed[:, 1:] = ids[:count - 1][None, :] == present[:, None]
    last_added = np.maximum.accumulate(np.where(added, times, -1), axis=1)
    last_removed = np.maximum.accumulate(np.where(removed, times, -1), axis=1)
    return (last_added >= 0) & (last_added >= last_removed)
