"""Actor co-occurrence network and actor table from analysed posts (the JSON records of the contract).

Researchers ask who acts together and who is blamed: two actors are linked when they are named in
the same sentence (weight ``SENTENCE_WEIGHT``) or only in the same paragraph (``PARAGRAPH_WEIGHT``);
a critique whose critic and target are actors marks the edge (``critique`` count, ``critic`` = the
critic's name, so the direction critic -> target survives in an undirected graph). Pure functions
on plain records; the CLI (``textmine actors --network FILE``) only calls them.
"""
from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

SENTENCE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 0.5


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    ranges, start = [], 0
    for part in text.split("\n\n"):
        ranges.append((start, start + len(part)))
        start += len(part) + 2
    return ranges


def _index_of(ranges: list[tuple[int, int]], offset: int) -> int | None:
    for index, (start, end) in enumerate(ranges):
        if start <= offset < end:
            return index
    return None


def _resolve(name: str | None, actors: list[dict[str, Any]], start: int, end: int) -> str | None:
    """The canonical actor a critic/target string names: canonical, surface text or surname."""
    if not name or name == "author":
        return None
    lowered = name.lower()
    inside = [a for a in actors if start <= a["start"] < end] or actors
    for actor in inside:
        canonical = actor["canonical"]
        if lowered in {canonical.lower(), actor["text"].lower(), canonical.split()[-1].lower()}:
            return canonical
    for actor in inside:
        if actor["text"].lower() in lowered:
            return actor["canonical"]
    return None


def build_network(records: Iterable[dict[str, Any]], sentence_weight: float = SENTENCE_WEIGHT,
                  paragraph_weight: float = PARAGRAPH_WEIGHT) -> nx.Graph:
    """Undirected weighted co-occurrence graph; nodes carry type, sector, mentions and posts."""
    graph = nx.Graph()
    node_posts: dict[str, set[str]] = defaultdict(set)
    edge_posts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for number, record in enumerate(records):
        post = str(record.get("id") or number)
        text = record.get("text") or ""
        actors = [a for a in record.get("actors", []) if a.get("canonical")]
        sentences = [(s["start"], s["end"]) for s in record.get("sentences", [])] or [(0, len(text))]
        paragraphs = _paragraph_ranges(text)
        by_sentence: dict[int, set[str]] = defaultdict(set)
        by_paragraph: dict[int, set[str]] = defaultdict(set)
        for actor in actors:
            name = actor["canonical"]
            if name not in graph:
                graph.add_node(name, type=actor.get("type", "unknown"), sector=actor.get("sector", "unknown"), mentions=0, posts=0)
            graph.nodes[name]["mentions"] += 1
            node_posts[name].add(post)
            sentence = _index_of(sentences, actor["start"])
            paragraph = _index_of(paragraphs, actor["start"])
            if sentence is not None:
                by_sentence[sentence].add(name)
            if paragraph is not None:
                by_paragraph[paragraph].add(name)
        in_sentence: set[tuple[str, str]] = set()
        for names in by_sentence.values():
            for pair in itertools.combinations(sorted(names), 2):
                in_sentence.add(pair)
                _add(graph, pair, "sentence", sentence_weight)
                edge_posts[pair].add(post)
        for names in by_paragraph.values():
            for pair in itertools.combinations(sorted(names), 2):
                if pair not in in_sentence:
                    _add(graph, pair, "paragraph", paragraph_weight)
                    edge_posts[pair].add(post)
        for critique in record.get("critiques", []):
            start, end = critique.get("start", 0), critique.get("end", len(text))
            critic = _resolve(critique.get("critic"), actors, start, end)
            target = _resolve(critique.get("target"), actors, start, end)
            if critic and target and critic != target:
                pair = tuple(sorted((critic, target)))
                _add(graph, pair, "critique", 0.0)
                critics = set(filter(None, graph.edges[pair]["critic"].split(";")))
                graph.edges[pair]["critic"] = ";".join(sorted(critics | {critic}))
                edge_posts[pair].add(post)
    for name, posts in node_posts.items():
        graph.nodes[name]["posts"] = len(posts)
    for pair, posts in edge_posts.items():
        graph.edges[pair]["posts"] = len(posts)
    return graph


def _add(graph: nx.Graph, pair: tuple[str, str], kind: str, weight: float) -> None:
    if not graph.has_edge(*pair):
        graph.add_edge(*pair, weight=0.0, sentence=0, paragraph=0, critique=0, critic="", posts=0)
    edge = graph.edges[pair]
    edge["weight"] = round(edge["weight"] + weight, 4)
    edge[kind] += 1


def write_network(graph: nx.Graph, path: str | Path) -> list[Path]:
    """Write GraphML (``.graphml``) or CSV (``.csv``: edges, plus ``<name>-nodes.csv``); the paths written."""
    from textmine.outfiles import atomic_path, atomic_text
    from textmine.sanitize import spreadsheet_safe

    path = Path(path)
    if path.suffix.lower() == ".graphml":
        with atomic_path(path) as temporary:
            nx.write_graphml(graph, temporary)
        return [path]
    if path.suffix.lower() != ".csv":
        raise ValueError(f"unknown network format {path.suffix!r}: use .graphml or .csv")
    with atomic_text(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight", "sentence", "paragraph", "critique", "critic", "posts"])
        for source, target, data in sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"]):
            if data["critic"] and data["critic"].split(";")[0] == target:
                source, target = target, source  # critic first: the edge reads critic -> target
            writer.writerow([spreadsheet_safe(v) for v in (source, target, data["weight"], data["sentence"], data["paragraph"],
                                                           data["critique"], data["critic"], data["posts"])])
    nodes_path = path.with_name(f"{path.stem}-nodes.csv")
    with atomic_text(nodes_path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "type", "sector", "mentions", "posts"])
        for name, data in sorted(graph.nodes(data=True), key=lambda n: -n[1]["mentions"]):
            writer.writerow([spreadsheet_safe(v) for v in (name, data["type"], data["sector"], data["mentions"], data["posts"])])
    return [path, nodes_path]


def actor_table(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per canonical actor: type, sector, mentions, posts, critiques it is critic/target of."""
    rows: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(records):
        post = str(record.get("id") or number)
        actors = [a for a in record.get("actors", []) if a.get("canonical")]
        for actor in actors:
            row = rows.setdefault(actor["canonical"], {
                "actor": actor["canonical"], "type": actor.get("type", "unknown"), "sector": actor.get("sector", "unknown"),
                "mentions": 0, "posts": set(), "as_critic": 0, "as_target": 0})
            row["mentions"] += 1
            row["posts"].add(post)
        for critique in record.get("critiques", []):
            start, end = critique.get("start", 0), critique.get("end", 0)
            for role, key in (("critic", "as_critic"), ("target", "as_target")):
                name = _resolve(critique.get(role), actors, start, end)
                if name in rows:
                    rows[name][key] += 1
    table = [{**row, "posts": len(row["posts"])} for row in rows.values()]
    return sorted(table, key=lambda row: (-row["mentions"], row["actor"]))
