"""The report's discourse view: who argues with whom about what.

Replaces the actor co-occurrence hairball with what discourse network analysis shows: an actor x
concept map (agreement in colour), the congruence and conflict networks of the most active actors
(the rest listed), the directed critique network, and per concept who supports and who criticises
it, each linked to the sentences behind it. Concepts are the critique targets
(``textmine.discourse.concepts.assign_targets``): what is criticised, and who speaks for or against it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from textmine.discourse.concepts import assign_targets
from textmine.discourse.networks import build_network
from textmine.discourse.statements import Statement, corpus_statements

#: Rows and columns of the actor x concept map, nodes per network chart, rows of the concept table.
MAP_ACTORS, MAP_CONCEPTS, NETWORK_ACTORS, CONCEPT_ROWS, SENTENCE_LINKS = 15, 12, 14, 20, 6
SUPPORT, OPPOSE = "#1a7f37", "#cf222e"
LABEL_CHARS = 26


def agreement_color(agreement: float) -> str:
    """-1 red ... 0 pale ... +1 green, as an rgb() colour for a cell background."""
    low, high, middle = (207, 34, 46), (26, 127, 55), (246, 248, 250)
    end = high if agreement >= 0 else low
    share = min(1.0, abs(agreement))
    return "rgb({},{},{})".format(*(round(m + (c - m) * share) for m, c in zip(middle, end)))


def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    """A node label that does not run over its neighbours ("Bundesarbeitsgemeinschaft der Fr…")."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def discourse_section(data: Any) -> str:
    """The ``<section id="discourse">`` of the report (``data``: ``report.ReportData``)."""
    from textmine.report.html import _empty

    head = ('<section id="discourse"><h2>Discourse</h2>'
            '<p class="note">Who argues with whom about what, computed as in discourse network analysis: every claim is a '
            'statement in support (+1), every critique one against (−1); the speaker is the claim\'s holder or the critic '
            '(the post\'s author where the author speaks), the concepts are what the critiques target. '
            'Export the same data with <code>textmine statements --csv</code> and <code>textmine network</code>.</p>')
    report = assign_targets(corpus_statements(data.analysed))
    usable = [s for s in report.statements if s.actor and s.concept]
    if not usable:
        return head + _empty("No statements with a speaker and a concept yet (no analysed critiques).") + "</section>\n"
    speakers = {s.actor for s in report.statements if s.actor}
    parts = [head, (f'<p class="note">{len(report.statements)} statements by {len(speakers)} speakers; '
                    f'{len(usable)} name a concept ({len(report.concepts)} concepts).</p>'),
             "<h3>Actors × concepts</h3>", _concept_map(usable),
             "<h3>Who agrees, who disagrees</h3>", _one_mode_charts(usable),
             "<h3>Who criticises whom</h3>", _critique_chart(report.statements),
             "<h3>Concepts: who supports, who criticises</h3>", _concept_table(data, usable)]
    return "".join(parts) + "</section>\n"


def _ranked_actors(statements: Sequence[Statement]) -> list[str]:
    counts = Counter(s.actor for s in statements)
    return [actor for actor, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _ranked_concepts(statements: Sequence[Statement]) -> list[str]:
    """Concepts criticised by the most speakers first, then those with the most speakers."""
    speakers: dict[str, set] = defaultdict(set)
    critics: dict[str, set] = defaultdict(set)
    for s in statements:
        speakers[s.concept].add(s.actor)
        if s.agreement < 0:
            critics[s.concept].add(s.actor)
    return sorted(speakers, key=lambda c: (-len(critics[c]), -len(speakers[c]), c))


def _concept_map(statements: Sequence[Statement]) -> str:
    from textmine.report.html import e

    concepts = _ranked_concepts(statements)[:MAP_CONCEPTS]
    actors = _ranked_actors([s for s in statements if s.concept in set(concepts)])[:MAP_ACTORS]
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    for s in statements:
        cells[(s.actor, s.concept)].append(s.agreement)
    header = "".join(f'<th class="concept"><span>{e(c)}</span></th>' for c in concepts)
    rows = []
    for actor in actors:
        tds = []
        for concept in concepts:
            values = cells.get((actor, concept))
            if not values:
                tds.append("<td></td>")
                continue
            support, oppose = values.count(1), values.count(-1)
            mean = (support - oppose) / len(values)
            tip = f"{actor} on {concept}: {support} in support, {oppose} against"
            tds.append(f'<td class="cell" style="background:{agreement_color(mean)}" title="{e(tip)}">{len(values)}</td>')
        rows.append(f'<tr><th class="actor">{e(actor)}</th>{"".join(tds)}</tr>')
    legend = (f'<p class="note">The {len(actors)} speakers most active on them × the {len(concepts)} concepts criticised by the most speakers; '
              f'number = statements, colour = agreement: <span class="swatch" style="background:{agreement_color(1)}"></span> '
              f'support, <span class="swatch" style="background:{agreement_color(0)}"></span> mixed, '
              f'<span class="swatch" style="background:{agreement_color(-1)}"></span> criticise.</p>')
    return (legend + '<div class="scroll"><table class="concept-map" id="concept-map"><thead><tr><th></th>'
            + header + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def _top_subgraph(graph: Any, n: int) -> tuple[Any, list[str]]:
    """The ``n`` actors with the heaviest ties, and the names of the others that have ties."""
    strength = {node: sum(w for _u, _v, w in graph.edges(node, data="weight")) for node in graph}
    ranked = sorted((node for node in graph if strength[node] > 0), key=lambda node: (-strength[node], node))
    return graph.subgraph(ranked[:n]).copy(), ranked[n:]


def _one_mode_charts(statements: Sequence[Statement]) -> str:
    from textmine.report.html import _empty, e

    parts = []
    for network_type, color, what in (("congruence", SUPPORT, "agree on a concept (same side)"),
                                      ("conflict", OPPOSE, "take opposite sides on a concept")):
        graph = build_network(statements, network_type)
        sub, rest = _top_subgraph(graph, NETWORK_ACTORS)
        sub.remove_nodes_from([node for node in list(sub) if sub.degree(node) == 0])
        if not sub.number_of_edges():
            parts.append(_empty(f"No two speakers {what} yet: no {network_type} network."))
            continue
        listed = f' Not drawn: {e(", ".join(rest))}.' if rest else ""
        parts.append(f'<p class="note"><strong>{network_type.capitalize()}</strong>: actors linked when they {what}; '
                     f"line width = number of such concepts; the {sub.number_of_nodes()} most connected speakers.{listed}</p>"
                     + _network_chart(sub, color, f"{network_type}-network", f"{network_type} network of speakers"))
    return "".join(parts)


def _critique_chart(statements: Sequence[Statement]) -> str:
    from textmine.report.html import _empty, e

    graph = build_network(statements, "critique")
    sub, rest = _top_subgraph(graph.to_undirected(), NETWORK_ACTORS + 4)
    directed = graph.subgraph(sub.nodes).copy()
    directed.remove_nodes_from([node for node in list(directed) if directed.degree(node) == 0])
    if not directed.number_of_edges():
        return _empty("No critique names an actor as its target yet: no critique network.")
    listed = f' Not drawn: {e(", ".join(rest))}.' if rest else ""
    return (f'<p class="note">Arrows point from the critic to the criticised actor; width = critiques.{listed}</p>'
            + _network_chart(directed, OPPOSE, "critique-network", "directed network: who criticises whom"))


def _network_chart(graph: Any, edge_color: str, name: str, label: str) -> str:
    import networkx as nx

    from textmine.report.charts import SECTOR_COLORS, _pyplot, _svg

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(11, 6.5))
    if graph.is_directed():  # critics and targets on a circle, ordered by component: arrows never hide a node
        order = [node for component in nx.weakly_connected_components(graph) for node in sorted(component)]
        pos = nx.circular_layout(order)
    elif nx.is_connected(graph) and graph.number_of_nodes() > 2:
        pos = nx.kamada_kawai_layout(graph)
    else:
        pos = nx.spring_layout(graph, seed=1, k=3.5 / max(1, graph.number_of_nodes()) ** 0.5, iterations=300)
    weights = [graph.edges[edge]["weight"] for edge in graph.edges]
    heaviest = max(weights, default=1.0) or 1.0
    widths = [0.8 + 4.5 * w / heaviest for w in weights]
    if graph.is_directed():
        nx.draw_networkx_edges(graph, pos, ax=ax, edge_color=edge_color, width=widths, alpha=0.7, arrows=True,
                               arrowstyle="-|>", arrowsize=16, node_size=900, connectionstyle="arc3,rad=0.08")
    else:
        nx.draw_networkx_edges(graph, pos, ax=ax, edge_color=edge_color, width=widths, alpha=0.55)
    colors = [SECTOR_COLORS.get(graph.nodes[n].get("sector", "unknown"), SECTOR_COLORS["unknown"]) for n in graph]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=260, node_color=colors, edgecolors="white", linewidths=1)
    for node, (x, y) in pos.items():
        outward = graph.is_directed()  # on the circle, labels go outside it
        ax.annotate(short_label(node), (x, y), xytext=(14 * x, 14 * y + 4) if outward else (0, 9), textcoords="offset points",
                    ha=("left" if x > 0.2 else "right" if x < -0.2 else "center") if outward else "center",
                    va=("bottom" if y >= 0 else "top") if outward else "bottom", fontsize=10,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    sectors = {graph.nodes[n].get("sector") for n in graph}
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=color, label=sector.replace("_", " "))
               for sector, color in SECTOR_COLORS.items() if sector in sectors]
    ax.legend(handles=handles, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1), frameon=False)
    ax.margins(0.12)
    ax.set_axis_off()
    return _svg(fig, name, label)


def _concept_table(data: Any, statements: Sequence[Statement]) -> str:
    from textmine.report.html import _table, e

    by_side: dict[tuple[str, int], dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for s in statements:
        by_side[(s.concept, s.agreement)][s.actor].append(s)

    def who(concept: str, side: int) -> str:
        speakers = by_side.get((concept, side), {})
        chips = []
        for actor, items in sorted(speakers.items(), key=lambda item: (-len(item[1]), item[0])):
            links = "".join(
                f' <a href="#{data.anchors[s.document]}" title="{e(s.text)}">[{n}]</a>'
                for n, s in enumerate(items[:SENTENCE_LINKS], 1) if s.document in data.anchors)
            more = f' <span class="muted">+{len(items) - SENTENCE_LINKS}</span>' if len(items) > SENTENCE_LINKS else ""
            chips.append(f'<span class="speaker">{e(actor)}{links}{more}</span>')
        return "; ".join(chips) or '<span class="muted">–</span>'

    concepts = _ranked_concepts(statements)[:CONCEPT_ROWS]
    rows = [(e(c), who(c, 1), who(c, -1)) for c in concepts]
    return ('<p class="note">Per concept, the speakers in support and those who criticise it; [n] links to the post, '
            "the sentence shows on hover.</p>"
            + _table([("concept", ""), ("who supports", ""), ("who criticises", "")], rows, table_id="concept-table"))
