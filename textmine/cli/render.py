"""Show one analysed text in the terminal: the text with its annotations highlighted, and a legend."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from textmine.sanitize import plain, same_length_printable

#: Span group -> Rich style; later groups are drawn over earlier ones.
STYLES: dict[str, str] = {
    "claims": "underline",
    "critiques": "underline red",
    "quotes": "italic green",
    "citations": "bold cyan",
    "actors": "bold yellow",
}


def highlighted(record: dict) -> Text:
    text = Text(same_length_printable(record["text"]))  # offsets stay valid
    for group, style in STYLES.items():
        for span in record.get(group, []):
            text.stylize(style, span["start"], span["end"])
    return text


def print_record(console: Console, record: dict) -> None:
    if record.get("title"):
        console.rule(f"[bold]{plain(record['title'])}")
    console.print(highlighted(record))
    console.print()
    legend = Text("legend: ")
    for group, style in STYLES.items():
        legend.append(group, style=style)
        legend.append("  ")
    console.print(legend)
    for critique in record.get("critiques", []):
        console.print(f"[red]critique[/] by [bold]{plain(critique['critic'])}[/]" + (f" of [bold]{plain(critique['target'])}[/]" if critique.get("target") else "") + f": {plain(critique['text'][:160])}", highlight=False)
    for claim in record.get("claims", []):
        console.print(f"claim by [bold]{plain(claim['holder'])}[/]: {plain(claim['text'][:160])}", highlight=False)
    for citation in record.get("citations", []):
        who = "/".join(citation.get("authors") or []) or "?"
        console.print(f"[cyan]citation[/] {plain(citation['kind'])}: {plain(who)} {plain(citation.get('year') or '')} {plain(citation.get('pages') or '')}", highlight=False)
    if record.get("actors"):
        actors = sorted({(a["canonical"], a["type"], a["sector"]) for a in record["actors"]})
        console.print("[yellow]actors[/]: " + plain("; ".join(f"{c} ({t}, {s})" for c, t, s in actors)), highlight=False)
