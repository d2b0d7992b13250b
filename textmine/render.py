"""Show one analysed text in the terminal: the text with its annotations highlighted, and a legend."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

#: Span group -> Rich style; later groups are drawn over earlier ones.
STYLES: dict[str, str] = {
    "claims": "underline",
    "critiques": "underline red",
    "quotes": "italic green",
    "citations": "bold cyan",
    "actors": "bold yellow",
}


def highlighted(record: dict) -> Text:
    text = Text(record["text"])
    for group, style in STYLES.items():
        for span in record.get(group, []):
            text.stylize(style, span["start"], span["end"])
    return text


def print_record(console: Console, record: dict) -> None:
    if record.get("title"):
        console.rule(f"[bold]{record['title']}")
    console.print(highlighted(record))
    console.print()
    legend = Text("legend: ")
    for group, style in STYLES.items():
        legend.append(group, style=style)
        legend.append("  ")
    console.print(legend)
    for critique in record.get("critiques", []):
        console.print(f"[red]critique[/] by [bold]{critique['critic']}[/]" + (f" of [bold]{critique['target']}[/]" if critique.get("target") else "") + f": {critique['text'][:160]}", highlight=False)
    for claim in record.get("claims", []):
        console.print(f"claim by [bold]{claim['holder']}[/]: {claim['text'][:160]}", highlight=False)
    for citation in record.get("citations", []):
        who = "/".join(citation.get("authors") or []) or "?"
        console.print(f"[cyan]citation[/] {citation['kind']}: {who} {citation.get('year') or ''} {citation.get('pages') or ''}", highlight=False)
    if record.get("actors"):
        actors = sorted({(a["canonical"], a["type"], a["sector"]) for a in record["actors"]})
        console.print("[yellow]actors[/]: " + "; ".join(f"{c} ({t}, {s})" for c, t, s in actors), highlight=False)
