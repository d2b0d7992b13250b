"""Compare two stored topic runs: which topics correspond, and how far the posts moved.

Researchers refit with another k, seed, method or on a grown archive and ask what changed. Two
views answer it: the *terms* (each topic of run A is matched to one of run B by the Hungarian
method on ``average_jaccard`` of their ranked top terms, ``topics.match_topics``, the measure
``choose_k`` uses for stability) and the *posts*: per matched pair, the share of topic a's posts
that b dominates in run B (``posts_stayed``) and the Jaccard overlap of the two topics' posts
(``post_overlap``); overall, ARI/NMI of the two dominant-topic assignments over the posts both runs cover. Pure
functions over what the store holds; no model is loaded.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textmine.topics.model import match_topics


def compare_runs(
    topics_a: Sequence[Mapping[str, Any]],
    topics_b: Sequence[Mapping[str, Any]],
    dominant_a: Mapping[str, int],
    dominant_b: Mapping[str, int],
) -> dict[str, Any]:
    """Matched topic pairs and overall agreement of two runs.

    ``topics_*``: the stored topics (``id``, ``label``, ``terms``); ``dominant_*``: post id ->
    dominant topic (-1 for a post without known terms). Topics left over when k differs are
    listed with no partner and counted in ``unmatched_a``/``unmatched_b``; ``term_agreement`` is
    the mean over the matched pairs. Post figures use the posts both runs assign a topic
    (``shared_posts``); ``only_in_a``/``only_in_b`` count the posts one run does not cover.
    """
    if not topics_a or not topics_b:
        raise ValueError("both runs need at least one topic")
    terms, rows, cols = match_topics([a["terms"] for a in topics_a], [b["terms"] for b in topics_b])
    shared = sorted(set(dominant_a) & set(dominant_b))
    shared = [post for post in shared if dominant_a[post] >= 0 and dominant_b[post] >= 0]
    members_a = _members(dominant_a, shared)
    members_b = _members(dominant_b, shared)
    pairs = []
    for i, j in zip(rows, cols):
        a, b = topics_a[i], topics_b[j]
        posts_a, posts_b = members_a.get(a["id"], set()), members_b.get(b["id"], set())
        union = posts_a | posts_b
        pairs.append({
            "topic_a": a["id"], "label_a": a["label"], "topic_b": b["id"], "label_b": b["label"],
            "term_agreement": round(float(terms[i, j]), 3),
            "posts_stayed": round(len(posts_a & posts_b) / len(posts_a), 3) if posts_a else None,
            "post_overlap": round(len(posts_a & posts_b) / len(union), 3) if union else None,
        })
    matched_a, matched_b = set(rows.tolist()), set(cols.tolist())
    pairs += [{"topic_a": t["id"], "label_a": t["label"], "topic_b": None, "label_b": None,
               "term_agreement": None, "posts_stayed": None, "post_overlap": None}
              for i, t in enumerate(topics_a) if i not in matched_a]
    pairs += [{"topic_a": None, "label_a": None, "topic_b": t["id"], "label_b": t["label"],
               "term_agreement": None, "posts_stayed": None, "post_overlap": None}
              for j, t in enumerate(topics_b) if j not in matched_b]
    labels_a = [dominant_a[post] for post in shared]
    labels_b = [dominant_b[post] for post in shared]
    return {
        "term_agreement": round(float(terms[rows, cols].mean()), 3),
        "unmatched_a": len(topics_a) - len(matched_a),
        "unmatched_b": len(topics_b) - len(matched_b),
        "shared_posts": len(shared),
        "only_in_a": len(set(dominant_a) - set(dominant_b)),
        "only_in_b": len(set(dominant_b) - set(dominant_a)),
        "posts_ari": round(float(adjusted_rand_score(labels_a, labels_b)), 3) if shared else None,
        "posts_nmi": round(float(normalized_mutual_info_score(labels_a, labels_b)), 3) if shared else None,
        "pairs": pairs,
    }


def _members(dominant: Mapping[str, int], posts: Sequence[str]) -> dict[int, set[str]]:
    """Topic -> the posts (of ``posts``) it dominates."""
    members: dict[int, set[str]] = {}
    for post in posts:
        members.setdefault(dominant[post], set()).add(post)
    return members
