"""Which topics the posts mentioning an actor (or a sector) belong to, from a stored topic run."""
from __future__ import annotations

from collections import Counter, defaultdict


def topics_by(records: list, assignments: dict, topics: list[dict], *, key: str = "actor", top: int = 3) -> list[dict]:
    """Per actor (canonical) or sector: posts, the most frequent dominant topics, and their share.

    ``records`` are (post, record) pairs; ``assignments`` maps post id -> (topic, weights).
    """
    labels = {t["id"]: t["label"] for t in topics}
    topic_counts: dict[str, Counter] = defaultdict(Counter)
    for post, record in records:
        if not record or post.id not in assignments:
            continue
        topic = assignments[post.id][0]
        names = {a["canonical"] if key == "actor" else a["sector"] for a in record["actors"]}
        for name in names:
            topic_counts[name][topic] += 1
    rows = []
    for name, counts in sorted(topic_counts.items(), key=lambda item: (-sum(item[1].values()), item[0])):
        n = sum(counts.values())
        rows.append({key: name, "posts": n,
                     "topics": [f"{labels.get(t, t)} ({c / n:.0%})" for t, c in counts.most_common(top)]})
    return rows


def typical_actors(records: list, assignments: dict, topics: list[dict], top: int = 5) -> dict[int, list[str]]:
    """Per topic, the actors most over-represented in its posts (lift over their corpus-wide rate)."""
    in_topic: dict[int, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    posts_per_topic: Counter = Counter()
    n_posts = 0
    for post, record in records:
        if not record or post.id not in assignments:
            continue
        topic = assignments[post.id][0]
        n_posts += 1
        posts_per_topic[topic] += 1
        for name in {a["canonical"] for a in record["actors"]}:
            in_topic[topic][name] += 1
            overall[name] += 1
    result = {}
    for topic in (t["id"] for t in topics):
        scored = [((c / posts_per_topic[topic]) / (overall[name] / n_posts) * min(c, 3), name)
                  for name, c in in_topic[topic].items() if c >= 2 or posts_per_topic[topic] < 4]
        result[topic] = [name for _, name in sorted(scored, reverse=True)[:top]]
    return result
