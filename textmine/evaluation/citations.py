"""Citation evaluation against gold files: span alignment, field comparison and P/R/F1.

Library side of ``scripts/evaluate_citations.py`` (its docstring describes the gold formats)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

from textmine.evaluation.citation_gold import is_real_text_gold, read_jsonl, real_text_posts
from textmine.evaluation.gold import evaluation_pipeline, gold_posts, print_unmatched
from textmine.nlp.contract import CITATIONS, QUOTED_TERMS, QUOTES, REFERENCES
TOLERANCE = 3


def build_pipeline(blank: bool):
    """textmine's pipeline, or spacy.blank("de") + sentencizer + textmine_citations with ``blank``."""
    return evaluation_pipeline("textmine_citations", blank)


def spans_match(a: dict, b: dict) -> bool:
    """Same span up to a few characters, or the shorter mostly inside the longer."""
    overlap = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if overlap <= 0:
        return False
    if abs(a["start"] - b["start"]) <= TOLERANCE and abs(a["end"] - b["end"]) <= TOLERANCE:
        return True
    shorter = min(a["end"] - a["start"], b["end"] - b["start"])
    return overlap >= 0.8 * shorter


def align(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), closest boundaries first."""
    candidates = sorted(
        (abs(g["start"] - p["start"]) + abs(g["end"] - p["end"]), gi, pi)
        for gi, g in enumerate(gold) for pi, p in enumerate(pred) if spans_match(g, p)
    )
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def same(field: str, gold: Any, pred: Any) -> bool:
    """Field equality; pages in their one normal form ("31 f." = "31f", "55–72" = "55-72")."""
    if field == "pages" and isinstance(gold, str) and isinstance(pred, str):
        from textmine.nlp.citations.parse import clean_pages

        return clean_pages(gold) == clean_pages(pred)
    return norm(gold) == norm(pred)


def norm(value: Any) -> Any:
    """Compare names regardless of apostrophe form and case."""
    if isinstance(value, str):
        return value.replace("’", "'").strip().lower()
    if isinstance(value, list):
        return [norm(v) for v in value]
    return value


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def predict(nlp, text: str) -> dict[str, list[dict]]:
    doc = nlp(text)
    return {
        "citations": [{"start": s.start_char, "end": s.end_char, "kind": s._.textmine_kind, "authors": list(s._.textmine_authors or []),
                       "year": s._.textmine_year, "pages": s._.textmine_pages, "reference": s._.textmine_reference} for s in doc.spans[CITATIONS]],
        # Every quoted string: the in-house gold marks titles and terms in quotation marks too.
        "quotes": sorted(({"start": s.start_char, "end": s.end_char, "source": s._.textmine_source, "kind": s.label_}
                          for group in (QUOTES, QUOTED_TERMS) for s in doc.spans[group]),
                         key=lambda q: q["start"]),
        "references": [{"start": s.start_char, "end": s.end_char, "authors": list(s._.textmine_authors or []), "year": s._.textmine_year,
                        "title": s._.textmine_title, "container": s._.textmine_container, "editors": list(s._.textmine_editors or []),
                        "publisher": s._.textmine_publisher, "place": s._.textmine_place, "pages": s._.textmine_pages}
                       for s in doc.spans[REFERENCES]],
    }


def evaluate(gold_path: Path, blank: bool = False, errors: bool = False) -> dict[str, Any]:
    """Scores over every gold post whose feed is available."""
    nlp = build_pipeline(blank)
    counts: dict[str, int] = {k: 0 for k in (
        "gold", "pred", "matched", "authors", "year", "pages", "kind", "citation", "link_total", "link_ok",
        "q_gold", "q_pred", "q_matched", "q_source", "r_gold", "r_pred", "r_matched")}
    ref_fields = ("authors", "year", "title", "container", "editors", "publisher", "place", "pages")
    ref_ok = {f: 0 for f in ref_fields}
    ref_seen = {f: 0 for f in ref_fields}
    posts = skipped = 0
    lines = read_jsonl(gold_path)
    real_text = bool(lines) and is_real_text_gold(lines[0])
    for record, text in (real_text_posts(gold_path) if real_text else gold_posts(gold_path)):
        if text is None:
            skipped += 1
            continue
        posts += 1
        pred = predict(nlp, text)
        gold_c, pred_c = record["citations"], pred["citations"]
        counts["gold"] += len(gold_c)
        counts["pred"] += len(pred_c)
        pairs = align(gold_c, pred_c)
        counts["matched"] += len(pairs)
        for gi, pi in pairs:
            g, p = gold_c[gi], pred_c[pi]
            for field in ("authors", "year", "pages", "kind"):
                if same(field, g[field], p[field]):
                    counts[field] += 1
                elif errors:
                    print(f"WRONG  {record['post_id']} {text[g['start']:g['end']]!r} {field}: gold {g[field]!r} pred {p[field]!r}")
            counts["citation"] += same("authors", g["authors"], p["authors"]) and same("year", g["year"], p["year"])
            counts["link_total"] += 1
            counts["link_ok"] += g.get("reference") == p["reference"]
        if errors:
            print_unmatched(record["post_id"], gold_c, pred_c, pairs, lambda c, _kind: repr(text[c["start"]:c["end"]]))
        if record["quotes"] is None:  # real-text gold: citations only
            continue
        q_pairs = align(record["quotes"], pred["quotes"])
        counts["q_gold"] += len(record["quotes"])
        counts["q_pred"] += len(pred["quotes"])
        counts["q_matched"] += len(q_pairs)
        counts["q_source"] += sum(norm(record["quotes"][g]["source"]) == norm(pred["quotes"][p]["source"]) for g, p in q_pairs)
        r_pairs = align(record["references"], pred["references"])
        counts["r_gold"] += len(record["references"])
        counts["r_pred"] += len(pred["references"])
        counts["r_matched"] += len(r_pairs)
        for gi, pi in r_pairs:
            g, p = record["references"][gi], pred["references"][pi]
            for field in ref_fields:
                if field in g:  # shared posts carry no titles (their text stays out of the repo)
                    ref_seen[field] += 1
                    ref_ok[field] += same(field, g[field], p[field])
    result: dict[str, Any] = {"posts": posts, "skipped_posts": skipped, "gold_citations": counts["gold"],
                              "pipeline": "blank+sentencizer" if blank else "load_pipeline",
                              "quotes_annotated": not real_text}
    result["detection"] = prf(counts["matched"], counts["pred"], counts["gold"])
    for field in ("authors", "year", "pages", "kind", "citation"):
        result[field] = prf(counts[field], counts["pred"], counts["gold"])
    result["linking_accuracy"] = round(counts["link_ok"] / counts["link_total"], 4) if counts["link_total"] else None
    result["quotes"] = prf(counts["q_matched"], counts["q_pred"], counts["q_gold"])
    result["quote_source_accuracy"] = round(counts["q_source"] / counts["q_matched"], 4) if counts["q_matched"] else None
    result["references"] = prf(counts["r_matched"], counts["r_pred"], counts["r_gold"])
    result["reference_fields"] = {f: round(ref_ok[f] / ref_seen[f], 4) if ref_seen[f] else None for f in ref_fields}
    return result
