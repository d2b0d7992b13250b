"""Actor evaluation: match ``textmine_actors``' mentions against gold mentions and count.

``scripts/evaluate_actors.py`` prints these figures (its docstring describes the gold formats).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from textmine.evaluation.actor_gold import is_real_gold, real_gold_posts
from textmine.evaluation.gold import evaluation_pipeline, gold_posts, print_unmatched, source_path
from textmine.nlp.contract import ACTORS

NAMED = {"person", "organisation"}


def build_pipeline(blank: bool):
    """textmine's pipeline, or spacy.blank("de") + sentencizer + textmine_actors with ``blank``."""
    return evaluation_pipeline("textmine_actors", blank)


def category(actor_type: str) -> str:
    return "named" if actor_type in NAMED else "collective"


def match(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping actors, exact ranges first."""
    pairs = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_gold:
                continue
            for pi, p in enumerate(predicted):
                if pi in used_pred:
                    continue
                same = (g["start"], g["end"]) == (p["start"], p["end"])
                overlap = g["start"] < p["end"] and p["start"] < g["end"]
                if same if exact else overlap:
                    pairs.append((gi, pi))
                    used_gold.add(gi)
                    used_pred.add(pi)
                    break
    return pairs


def error_kind(surface: str, actor_type: str) -> str:
    """A coarse kind for a missed or extra actor, so that errors are counted by kind, not one by one."""
    from textmine.nlp.actors.patterns import ACRONYM, is_role_word

    words = surface.split()
    if actor_type == "person":
        if surface[:1].islower() or is_role_word(words[-1]) or len(words) > 1 and is_role_word(words[0]):
            return "person: role noun or pronoun"
        return "person: surname alone" if len(words) == 1 else "person: full name"
    if actor_type == "organisation":
        if ACRONYM.fullmatch(surface.rstrip("s")):
            return "organisation: acronym"
        if surface[:1].islower() or "." in surface:
            return "organisation: lower-case or domain name"
        return "organisation: one word" if len(words) == 1 else "organisation: several words"
    return "collective: with attribute" if len(words) > 1 else "collective: one noun"


def evaluate(gold_path: Path, nlp, show_errors: bool = False) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    posts = 0
    records = real_gold_posts(gold_path) if is_real_gold(gold_path) else gold_posts(gold_path)
    for record, text in records:
        if text is None:
            print(f"skipped {record['post_id']}: {source_path(record['source'])} not present", file=sys.stderr)
            continue
        doc = nlp(text)
        predicted = [
            {"start": s.start_char, "end": s.end_char, "text": s.text, "canonical": s._.textmine_canonical,
             "type": s._.textmine_actor_type, "sector": s._.textmine_sector}
            for s in doc.spans[ACTORS]
        ]
        gold = record["actors"]
        posts += 1
        pairs = match(gold, predicted)
        count_actors(counts, gold, pairs)
        for g in gold:
            counts[f"gold_{category(g['type'])}"] += 1
            counts[f"gold_kind_{g['type']}"] += 1
        for p in predicted:
            counts[f"pred_{category(p['type'])}"] += 1
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            counts[f"tp_gold_{category(g['type'])}"] += 1
            counts[f"tp_pred_{category(p['type'])}"] += 1
            counts["matched"] += 1
            counts["canonical_ok"] += g["canonical"] == p["canonical"]
            counts["sector_ok"] += g["sector"] == p["sector"]
            counts["type_ok"] += g["type"] == p["type"]
            counts[f"tp_kind_{g['type']}"] += 1
            if show_errors and (g["canonical"], g["sector"], g["type"]) != (p["canonical"], p["sector"], p["type"]):
                print(f"WRONG  {record['post_id']} {text[g['start']:g['end']]!r}: gold {g['canonical']}/{g['type']}/{g['sector']} "
                      f"pred {p['canonical']}/{p['type']}/{p['sector']}")
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        kinds.update("missed  " + error_kind(text[g["start"]:g["end"]], g["type"]) for i, g in enumerate(gold) if i not in matched_gold)
        kinds.update("extra   " + error_kind(text[p["start"]:p["end"]], p["type"]) for i, p in enumerate(predicted) if i not in matched_pred)
        if show_errors:
            print_unmatched(record["post_id"], gold, predicted, pairs,
                            lambda a, _kind: f"{a['start']} {text[a['start']:a['end']]!r} ({a['canonical']}, {a['type']})")
    if show_errors:
        print("errors by kind:")
        for kind, number in sorted(kinds.items()):
            print(f"  {kind:48} {number}")
    return summarise(counts, posts)


def count_actors(counts: Counter[str], gold: list[dict[str, Any]], pairs: list[tuple[int, int]]) -> None:
    """Actor-level recall for real gold (one actor per excerpt, found when any of its mentions is)."""
    if not gold or "actor" not in gold[0]:
        return
    found = {gold[gi]["actor"] for gi, _ in pairs}
    actors = {g["actor"]: g["type"] for g in gold}
    counts["gold_actors"] += len(actors)
    counts["found_actors"] += sum(1 for index in actors if index in found)


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def summarise(counts: Counter[str], posts: int) -> dict[str, Any]:
    predicted = counts["pred_named"] + counts["pred_collective"]
    return {
        "posts": posts,
        "gold_named": counts["gold_named"],
        "gold_collective": counts["gold_collective"],
        "predicted": predicted,
        "recall_named": _ratio(counts["tp_gold_named"], counts["gold_named"]),
        "recall_collective": _ratio(counts["tp_gold_collective"], counts["gold_collective"]),
        "precision_named": _ratio(counts["tp_pred_named"], counts["pred_named"]),
        "precision_collective": _ratio(counts["tp_pred_collective"], counts["pred_collective"]),
        "precision": _ratio(counts["matched"], predicted),
        "recall": _ratio(counts["matched"], counts["gold_named"] + counts["gold_collective"]),
        "canonical_accuracy": _ratio(counts["canonical_ok"], counts["matched"]),
        "sector_accuracy": _ratio(counts["sector_ok"], counts["matched"]),
        "type_accuracy": _ratio(counts["type_ok"], counts["matched"]),
        "recall_person": _ratio(counts["tp_kind_person"], counts["gold_kind_person"]),
        "recall_organisation": _ratio(counts["tp_kind_organisation"], counts["gold_kind_organisation"]),
        "recall_actors": _ratio(counts["found_actors"], counts["gold_actors"]),
    }
