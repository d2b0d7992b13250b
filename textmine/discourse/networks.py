"""Discourse networks from statements, as DNA exports them, and their files.

Let ``c_a(k, q)`` be how often actor ``a`` made a statement on concept ``k`` with agreement ``q``
(+1 or -1); with ``duplicates="document"`` a repeated (actor, concept, agreement) within one post
counts once (DNA's "ignore duplicates per document").

* ``two-mode``: actor -- concept; weight = sum over q of ``c_a(k, q)``; ``support``/``oppose`` count
  each side, ``agreement`` is their balance in [-1, 1].
* ``congruence``: actor -- actor; weight = sum over k, q of ``min(c_a(k,q), c_b(k,q))`` (pairs of
  statements on the same concept with the same agreement).
* ``conflict``: actor -- actor; weight = sum over k of ``min(c_a(k,+), c_b(k,-)) + min(c_a(k,-), c_b(k,+))``.
* ``critique``: directed critic -> target actor, one per critique whose target is an actor.

Normalisations (one-mode): ``average-activity`` divides by the mean number of distinct concepts
the two actors speak about; ``jaccard`` is the number of shared (for conflict: opposed) concepts
over the concepts either speaks about; ``cosine`` is the weight over the norms of the two actors'
(concept, agreement) count vectors. Two-mode and critique networks take ``average-activity``
(the edge's share of the actor's statements) or none.

Every edge keeps the statements behind it (``posts``, ``statements``: ";"-joined ids) so a
researcher can go back to the text; actors carry ``type`` and ``sector``.
"""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from textmine.discourse.statements import Statement, day_of

NETWORK_TYPES: tuple[str, ...] = ("two-mode", "congruence", "conflict", "critique")
NORMALIZATIONS: tuple[str, ...] = ("none", "average-activity", "jaccard", "cosine")
DUPLICATES: tuple[str, ...] = ("document", "none")
FORMATS: tuple[str, ...] = (".graphml", ".gexf", ".csv")
_PERIOD = re.compile(r"^(\d+)\s*([dwmy])$")


class NetworkError(ValueError):
    """The options do not make a network; the message is one line for the user."""


def check_options(network_type: str, normalize: str, duplicates: str) -> None:
    if network_type not in NETWORK_TYPES:
        raise NetworkError(f"unknown network type {network_type!r}: use {', '.join(NETWORK_TYPES)}")
    if normalize not in NORMALIZATIONS:
        raise NetworkError(f"unknown normalisation {normalize!r}: use {', '.join(NORMALIZATIONS)}")
    if duplicates not in DUPLICATES:
        raise NetworkError(f"unknown duplicate handling {duplicates!r}: use {', '.join(DUPLICATES)}")
    if network_type in ("two-mode", "critique") and normalize in ("jaccard", "cosine"):
        raise NetworkError(f"{normalize} compares two actors: use it with congruence or conflict, "
                           f"or none/average-activity for {network_type}")


def _deduplicate(statements: Iterable[Statement], key: Any) -> list[Statement]:
    seen: set = set()
    kept = []
    for statement in statements:
        marker = key(statement)
        if marker in seen:
            continue
        seen.add(marker)
        kept.append(statement)
    return kept


def _join(values: Iterable[str]) -> str:
    return ";".join(sorted(set(values)))


def _add_actor(graph: nx.Graph, name: str, statement: Statement, *, type_: str | None = None, sector: str | None = None) -> None:
    if name not in graph:
        graph.add_node(name, kind="actor", type=type_ or statement.actor_type or "unknown",
                       sector=sector or statement.actor_sector or "unknown", statements=0)


def build_network(statements: Sequence[Statement], network_type: str, *, normalize: str = "none",
                  duplicates: str = "document", min_weight: float = 0.0) -> nx.Graph:
    """The network of ``network_type`` (see the module docstring); ``graph.graph`` says how it was
    made and how many statements it could not use (no speaker, no concept, no actor target)."""
    check_options(network_type, normalize, duplicates)
    if network_type == "critique":
        graph = _critique_network(statements, normalize, duplicates)
    else:
        usable = [s for s in statements if s.actor and s.concept]
        skipped = len(statements) - len(usable)
        if duplicates == "document":
            usable = _deduplicate(usable, lambda s: (s.document, s.actor, s.concept, s.agreement))
        graph = _two_mode(usable, normalize) if network_type == "two-mode" else _one_mode(usable, network_type, normalize)
        graph.graph["skipped"] = skipped
    graph.graph.update({"network": network_type, "normalize": normalize, "duplicates": duplicates})
    if min_weight > 0:
        graph.remove_edges_from([(u, v) for u, v, w in graph.edges(data="weight") if w < min_weight])
    return graph


def _two_mode(statements: Sequence[Statement], normalize: str) -> nx.Graph:
    graph = nx.Graph()
    activity: dict[str, int] = defaultdict(int)
    for s in statements:
        _add_actor(graph, s.actor, s)
        graph.nodes[s.actor]["statements"] += 1
        activity[s.actor] += 1
        if s.concept not in graph:
            graph.add_node(s.concept, kind="concept", type="concept", sector="", statements=0)
        graph.nodes[s.concept]["statements"] += 1
        if not graph.has_edge(s.actor, s.concept):
            graph.add_edge(s.actor, s.concept, weight=0.0, support=0, oppose=0, agreement=0.0, posts=set(), statements=set())
        edge = graph.edges[s.actor, s.concept]
        edge["support" if s.agreement > 0 else "oppose"] += 1
        edge["posts"].add(s.document)
        edge["statements"].add(s.statement_id)
    for actor, concept, edge in graph.edges(data=True):
        if graph.nodes[actor]["kind"] != "actor":
            actor = concept
        count = edge["support"] + edge["oppose"]
        edge["agreement"] = round((edge["support"] - edge["oppose"]) / count, 4)
        edge["weight"] = round(count / activity[actor], 4) if normalize == "average-activity" else float(count)
    return _finish(graph)


def _one_mode(statements: Sequence[Statement], network_type: str, normalize: str) -> nx.Graph:
    counts: dict[str, dict[tuple[str, int], int]] = defaultdict(lambda: defaultdict(int))
    sources: dict[tuple[str, str, int], list[Statement]] = defaultdict(list)
    graph = nx.Graph()
    for s in statements:
        _add_actor(graph, s.actor, s)
        graph.nodes[s.actor]["statements"] += 1
        counts[s.actor][(s.concept, s.agreement)] += 1
        sources[(s.actor, s.concept, s.agreement)].append(s)
    concepts_of = {a: {k for k, _ in c} for a, c in counts.items()}
    norms = {a: math.sqrt(sum(n * n for n in c.values())) for a, c in counts.items()}
    for a, b in itertools.combinations(sorted(counts), 2):
        weight, behind, shared = 0, [], set()
        for concept in concepts_of[a] & concepts_of[b]:
            sides = [(1, 1), (-1, -1)] if network_type == "congruence" else [(1, -1), (-1, 1)]
            for qa, qb in sides:
                pair = min(counts[a].get((concept, qa), 0), counts[b].get((concept, qb), 0))
                if pair:
                    weight += pair
                    shared.add(concept)
                    behind += sources[(a, concept, qa)] + sources[(b, concept, qb)]
        if not weight:
            continue
        if normalize == "average-activity":
            value = weight / ((len(concepts_of[a]) + len(concepts_of[b])) / 2)
        elif normalize == "jaccard":
            value = len(shared) / len(concepts_of[a] | concepts_of[b])
        elif normalize == "cosine":
            dot = sum(counts[a].get((k, qa), 0) * counts[b].get((k, qb), 0) for k in shared
                      for qa, qb in ([(1, 1), (-1, -1)] if network_type == "congruence" else [(1, -1), (-1, 1)]))
            value = dot / (norms[a] * norms[b])
        else:
            value = float(weight)
        graph.add_edge(a, b, weight=round(value, 4), count=weight, concepts=_join(shared),
                       posts={s.document for s in behind}, statements={s.statement_id for s in behind})
    return _finish(graph)


def _critique_network(statements: Sequence[Statement], normalize: str, duplicates: str) -> nx.DiGraph:
    graph = nx.DiGraph()
    usable = [s for s in statements if s.kind == "critique" and s.actor and s.target
              and s.target_type not in (None, "concept") and s.target != s.actor]
    skipped = sum(1 for s in statements if s.kind == "critique") - len(usable)
    if duplicates == "document":
        usable = _deduplicate(usable, lambda s: (s.document, s.actor, s.target))
    activity: dict[str, int] = defaultdict(int)
    for s in usable:
        _add_actor(graph, s.actor, s)
        graph.nodes[s.actor]["statements"] += 1
        if s.target not in graph:
            graph.add_node(s.target, kind="actor", type=s.target_type or "unknown", sector=s.target_sector or "unknown", statements=0)
        activity[s.actor] += 1
        if not graph.has_edge(s.actor, s.target):
            graph.add_edge(s.actor, s.target, weight=0.0, count=0, posts=set(), statements=set())
        edge = graph.edges[s.actor, s.target]
        edge["count"] += 1
        edge["posts"].add(s.document)
        edge["statements"].add(s.statement_id)
    for critic, _target, edge in graph.edges(data=True):
        edge["weight"] = round(edge["count"] / activity[critic], 4) if normalize == "average-activity" else float(edge["count"])
    graph.graph["skipped"] = skipped
    return _finish(graph)


def _finish(graph: nx.Graph) -> nx.Graph:
    """Sets of ids become ";"-joined strings (GraphML and GEXF hold scalars only)."""
    for _u, _v, edge in graph.edges(data=True):
        for key in ("posts", "statements"):
            if isinstance(edge.get(key), set):
                edge[key] = _join(edge[key])
    return graph


# -- time windows --------------------------------------------------------------------------------
def parse_period(value: str) -> tuple[int, str]:
    """``6m`` -> (6, "m"); units d (days), w (weeks), m (months), y (years)."""
    match = _PERIOD.match(value.strip().lower())
    if not match or int(match.group(1)) == 0:
        raise NetworkError(f"not a period: {value!r} (use e.g. 30d, 2w, 6m, 1y)")
    return int(match.group(1)), match.group(2)


def add_period(day: dt.date, period: tuple[int, str]) -> dt.date:
    n, unit = period
    if unit == "d":
        return day + dt.timedelta(days=n)
    if unit == "w":
        return day + dt.timedelta(weeks=n)
    months = n * (12 if unit == "y" else 1)
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    while True:
        try:
            return dt.date(year, month, day.day)
        except ValueError:
            day = day.replace(day=day.day - 1)


def time_windows(statements: Sequence[Statement], window: str, step: str) -> list[tuple[dt.date, dt.date, list[Statement]]]:
    """``(start, end, statements)`` per window ``[start, end)``, starting at the first dated
    statement and moving by ``step``; windows without statements are left out. Undated statements
    belong to no window."""
    size, stride = parse_period(window), parse_period(step)
    dated = sorted(((day_of(s.date), s) for s in statements if day_of(s.date)), key=lambda pair: pair[0])
    if not dated:
        raise NetworkError("no dated statements: time windows need posts with dates")
    first, last = dated[0][0], dated[-1][0]
    windows = []
    start = first
    while start <= last:
        end = add_period(start, size)
        inside = [s for day, s in dated if start <= day < end]
        if inside:
            windows.append((start, end, inside))
        if end > last:
            break
        start = add_period(start, stride)
    return windows


# -- files ---------------------------------------------------------------------------------------
def check_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise NetworkError(f"{path}: unknown network format {suffix or '(none)'!r}: use {', '.join(FORMATS)}")
    return suffix


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary file next to ``path`` that replaces it only when writing succeeded."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_graph(graph: nx.Graph, path: str | Path) -> list[Path]:
    """Write GraphML, GEXF or CSV (edges, plus ``<name>-nodes.csv``), each file atomically; the
    paths written."""
    path = Path(path)
    suffix = check_format(path)
    if suffix in (".graphml", ".gexf"):
        with _atomic(path) as temporary:
            (nx.write_graphml if suffix == ".graphml" else nx.write_gexf)(graph, temporary)
        return [path]
    edge_keys = sorted({key for _u, _v, data in graph.edges(data=True) for key in data} - {"weight", "posts", "statements"})
    with _atomic(path) as temporary, temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight", *edge_keys, "posts", "statements"])
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
            writer.writerow([u, v, data["weight"], *(data.get(k, "") for k in edge_keys), data.get("posts", ""), data.get("statements", "")])
    nodes_path = path.with_name(f"{path.stem}-nodes.csv")
    with _atomic(nodes_path) as temporary, temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "kind", "type", "sector", "statements"])
        for name, data in sorted(graph.nodes(data=True), key=lambda n: (-n[1]["statements"], n[0])):
            writer.writerow([name, data["kind"], data["type"], data["sector"], data["statements"]])
    return [path, nodes_path]


def window_path(path: Path, start: dt.date) -> Path:
    return path.with_name(f"{path.stem}-{start.isoformat()}{path.suffix}")


def dynamic_graph(windows: Sequence[tuple[dt.date, dt.date, nx.Graph]]) -> nx.Graph:
    """One graph whose nodes and edges carry spells (GEXF's dynamic mode): ``window_weight`` gives
    an edge's weight per window (``weight`` is its largest), so Gephi's timeline plays the windows."""
    directed = any(graph.is_directed() for _s, _e, graph in windows)
    merged: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    merged.graph["mode"] = "dynamic"
    merged.graph["timeformat"] = "date"
    for start, end, graph in windows:
        spell = (start.isoformat(), end.isoformat())
        for name, data in graph.nodes(data=True):
            if name not in merged:
                merged.add_node(name, kind=data["kind"], type=data["type"], sector=data["sector"], spells=[])
            merged.nodes[name]["spells"].append(spell)
        for u, v, data in graph.edges(data=True):
            if not merged.has_edge(u, v):
                merged.add_edge(u, v, spells=[], weight=0.0, window_weight=[], posts="")
            edge = merged.edges[u, v]
            edge["spells"].append(spell)
            edge["weight"] = max(edge["weight"], data["weight"])
            edge["window_weight"].append((data["weight"], *spell))
            edge["posts"] = _join(filter(None, edge["posts"].split(";") + data.get("posts", "").split(";")))
    return merged
