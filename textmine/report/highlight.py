"""A post's text with its annotations drawn as stacked, labelled underlines."""
from __future__ import annotations

from collections import defaultdict

from textmine.nlp.contract import ACTORS, CITATIONS, CLAIMS, CRITIQUES, QUOTES
from textmine.report.html import e

#: Span groups in drawing order: label, colour (displaCy's palette), and what the legend says.
GROUPS: dict[str, tuple[str, str, str]] = {
    CLAIMS: ("CLAIM", "#7aecec", "a position that could be disputed"),
    CRITIQUES: ("CRITIQUE", "#ff8197", "a claim that judges or doubts"),
    QUOTES: ("QUOTE", "#c887fb", "a quotation"),
    CITATIONS: ("CITATION", "#feca74", "a pointer to a source"),
    ACTORS: ("ACTOR", "#aa9cfc", "who acts, speaks or is acted upon"),
}

#: Underline bars stack below the text; deeper nesting than this shares the last slot.
MAX_SLOTS = 6

SLOT_STEP = 11  # px between stacked bars

def _span_css() -> str:
    """Colours per span group and vertical offsets per slot (bars drawn as inline backgrounds)."""
    rules = [f".g-{group}{{--c:{color}}}\n" for group, (_, color, _) in GROUPS.items()]
    for slot in range(MAX_SLOTS):
        pad = 6 + SLOT_STEP * slot
        rules.append(f".spans .a.s{slot}{{padding-bottom:{pad}px}}"
                     f".spans .lbl.s{slot}{{top:{pad + 10}px}}"
                     f".spans p.l{slot + 1}{{line-height:calc(1.7em + {pad + 6}px)}}\n")
    return "".join(rules)

def legend() -> str:
    return '<div class="legend" id="legend">' + "".join(
        f'<span title="{e(note)}"><span class="chip" style="background:{color}"></span>{e(label)}</span>'
        for label, color, note in GROUPS.values()) + "</div>"

def _describe(group: str, span: dict) -> str:
    """Tooltip text for one annotation."""
    if group == CLAIMS:
        return f"claim by {span.get('holder') or 'author'}"
    if group == CRITIQUES:
        return f"critique by {span.get('critic') or 'author'}" + (f" of {span['target']}" if span.get("target") else "")
    if group == CITATIONS:
        who = "/".join(span.get("authors") or []) or "?"
        return f"citation ({span.get('kind')}): {who} {span.get('year') or ''} {span.get('pages') or ''}".strip()
    if group == QUOTES:
        return f"quote from {span.get('source') or 'unknown source'}"
    return f"actor {span.get('canonical')} ({span.get('type')}, {span.get('sector')})"

def highlight(record: dict) -> str:
    """The text with every annotation as a coloured bar below it and a label at its start.

    Spans get a slot (bar height) so overlapping ones stack like displaCy's span view; the text is
    cut at every span boundary and each piece nests the bars of the spans covering it, so crossing
    spans render too. Linear in text length plus spans.
    """
    text = record.get("text") or ""
    spans = []
    for order, group in enumerate(GROUPS):
        for span in record.get(group, []):
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, order, group, span))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    slot_ends: list[int] = []
    placed = []
    for start, end, _, group, span in spans:
        slot = next((i for i, last in enumerate(slot_ends) if last <= start), len(slot_ends))
        if slot == len(slot_ends):
            slot_ends.append(end)
        else:
            slot_ends[slot] = end
        placed.append((start, end, min(slot, MAX_SLOTS - 1), group, span))
    paragraphs = []
    offset = 0
    for part in text.split("\n\n"):
        paragraphs.append((offset, offset + len(part)))
        offset += len(part) + 2
    cuts = sorted({0, len(text)} | {s[0] for s in placed} | {s[1] for s in placed}
                  | {b for p in paragraphs for b in p})
    starts: dict[int, list] = defaultdict(list)
    for item in placed:
        starts[item[0]].append(item)
    buckets: list[list[str]] = [[] for _ in paragraphs]
    depths = [0] * len(paragraphs)
    active: list = []
    index = 0
    for left, right in zip(cuts, cuts[1:]):
        active = [a for a in active if a[1] > left] + starts.get(left, [])
        while index + 1 < len(paragraphs) and left >= paragraphs[index + 1][0]:
            index += 1
        if left >= paragraphs[index][1]:
            continue  # the blank line between two paragraphs
        inner = e(text[left:right])
        for start, _, slot, group, span in sorted(active, key=lambda a: -a[2]):
            label = ""
            if start == left:
                label = f'<span class="lbl g-{group} s{slot}" title="{e(_describe(group, span))}">{GROUPS[group][0]}</span>'
            inner = f'<span class="a g-{group} s{slot}">{label}{inner}</span>'
        depths[index] = max([depths[index]] + [a[2] + 1 for a in active])
        buckets[index].append(inner)
    return '<div class="spans">' + "".join(_paragraph(b, d) for b, d in zip(buckets, depths) if b) + "</div>"

def _paragraph(pieces: list[str], depth: int) -> str:
    return f'<p class="l{depth}">{"".join(pieces)}</p>' if depth else f"<p>{''.join(pieces)}</p>"

def _annotation_lists(record: dict) -> str:
    items = []
    for critique in record.get("critiques", []):
        target = f" → <strong>{e(critique['target'])}</strong>" if critique.get("target") else ""
        items.append(f'<li><span class="tag g-critiques" style="background:var(--c)">critique</span> '
                     f"<strong>{e(critique.get('critic') or 'author')}</strong>{target}: {e(_short(critique.get('text')))}</li>")
    for citation in record.get("citations", []):
        who = "/".join(citation.get("authors") or []) or "?"
        items.append(f'<li><span class="tag g-citations" style="background:var(--c)">citation</span> {e(citation.get("kind"))}: '
                     f"<strong>{e(who)}</strong> {e(citation.get('year') or '')} {e(citation.get('pages') or '')} "
                     f'<span class="muted">{e(citation.get("text"))}</span></li>')
    references = record.get("references", [])
    refs = "".join(f"<li>{e(ref.get('text'))}</li>" for ref in references)
    block = f'<ul class="annotations">{"".join(items)}</ul>' if items else ""
    if refs:
        block += f'<details class="annotations"><summary>Bibliography ({len(references)} parsed entries)</summary><ol>{refs}</ol></details>'
    return block

def _short(text: str | None, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
