"""Claims and critiques against a sentence-unit gold of real excerpts (``corpus/real-blogs`` format).

Why a second evaluator beside :mod:`textmine.evaluation.post_gold`: the real-text gold marks its own
sentence units (``gold.jsonl``: ``id``, ``sentences`` with ``start``/``end``/``label``/``holder``/
``critic``/``target``) over excerpt texts kept in a sibling ``excerpts.jsonl`` (``id``, ``host``,
``text``). The pipeline's sentences need not coincide with these units, so each gold unit takes the
label that covers most of its non-space characters in the prediction (claim, critique, or none where
nothing covers it). Units labelled ``ambiguous`` are skipped.

Figures: P/R/F1 per label, the 3-way macro F1, argumentative-vs-none macro F1, critic / holder /
target accuracy on the units found with the right label (``unspecified`` gold speakers are left out
of the speaker accuracies and counted apart; a predicted speaker is right when it names the gold
actor or one of the surface forms the gold lists for it), a confusion matrix and a per-site breakdown.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from textmine.evaluation.post_gold import same_actor, _target_match
from textmine.nlp.contract import CLAIMS, CRITIQUES

LABELS = ("claim", "critique", "none")


def is_unit_gold(records: list[dict]) -> bool:
    """Whether gold records are in the real-excerpt format (``id`` + units, texts elsewhere)."""
    return bool(records) and "id" in records[0] and "post_id" not in records[0]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error})") from error
    return rows


def load_unit_gold(gold_path: Path, excerpts_path: Path | None = None) -> list[tuple[dict, dict]]:
    """(gold record, excerpt) pairs; the excerpts file defaults to ``excerpts.jsonl`` beside the gold."""
    gold_path = Path(gold_path)
    excerpts_path = Path(excerpts_path) if excerpts_path else gold_path.with_name("excerpts.jsonl")
    if not excerpts_path.exists():
        raise FileNotFoundError(f"{excerpts_path} not found (the excerpt texts of {gold_path})")
    excerpts = {row["id"]: row for row in read_jsonl(excerpts_path)}
    pairs = []
    for record in read_jsonl(gold_path):
        if record["id"] not in excerpts:
            raise KeyError(f"{gold_path}: excerpt {record['id']} not in {excerpts_path}")
        pairs.append((record, excerpts[record["id"]]))
    return pairs


def predictions(doc) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, end, label, speaker, target) of every claim and critique span of an analysed doc."""
    found = [(s.start_char, s.end_char, "claim", s._.textmine_holder, None) for s in doc.spans.get(CLAIMS, [])]
    found += [(s.start_char, s.end_char, "critique", s._.textmine_critic, s._.textmine_target) for s in doc.spans.get(CRITIQUES, [])]
    return sorted(found)


def unit_label(text: str, start: int, end: int, predicted: list[tuple]) -> tuple[str, tuple | None]:
    """The label covering most non-space characters of ``text[start:end]`` and its prediction."""
    covered: dict[str, int] = {"claim": 0, "critique": 0}
    best: dict[str, tuple[int, tuple]] = {}
    for item in predicted:
        a, b = max(start, item[0]), min(end, item[1])
        if a >= b:
            continue
        chars = sum(1 for ch in text[a:b] if not ch.isspace())
        covered[item[2]] += chars
        if chars > best.get(item[2], (0, None))[0]:
            best[item[2]] = (chars, item)
    total = sum(1 for ch in text[start:end] if not ch.isspace())
    none = total - covered["claim"] - covered["critique"]
    label = max(("critique", "claim"), key=lambda k: covered[k])
    if covered[label] <= none or covered[label] == 0:
        return "none", None
    return label, best[label][1]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": tp + fn}


def metrics(confusion: dict[tuple[str, str], int]) -> dict:
    """Per-label P/R/F1, 3-way macro F1 and argumentative-vs-none macro F1 from a confusion count."""
    out = {}
    for label in LABELS:
        tp = confusion.get((label, label), 0)
        fp = sum(confusion.get((g, label), 0) for g in LABELS if g != label)
        fn = sum(confusion.get((label, p), 0) for p in LABELS if p != label)
        out[label] = _prf(tp, fp, fn)
    out["macro_f1"] = round(sum(out[l]["f1"] for l in LABELS) / 3, 3)
    arg = ("claim", "critique")
    tp = sum(confusion.get((g, p), 0) for g in arg for p in arg)
    fp = sum(confusion.get(("none", p), 0) for p in arg)
    fn = sum(confusion.get((g, "none"), 0) for g in arg)
    tn = confusion.get(("none", "none"), 0)
    f_arg, f_none = _prf(tp, fp, fn)["f1"], _prf(tn, fn, fp)["f1"]
    out["arg_vs_none_macro_f1"] = round((f_arg + f_none) / 2, 3)
    right = sum(confusion.get((l, l), 0) for l in LABELS)
    out["accuracy"] = round(right / max(1, sum(confusion.values())), 3)
    return out


def _speaker_right(who: str, predicted: str | None, actors: list[dict]) -> bool:
    """Whether the predicted speaker is the gold one: the same name (:func:`same_actor`), or a
    surface form the gold lists among that actor's mentions ("Arbeiterwohlfahrt" for the canonical
    "AWO", "Caritas" for "Kölner Diözesan-Caritasverband")."""
    if same_actor(who, predicted):
        return True
    if not predicted:
        return False
    mentions = [m for a in actors if a.get("canonical") == who for m in a.get("mentions", [])]
    return any(same_actor(m, predicted) for m in mentions)


def _named(who: str | None) -> bool:
    return bool(who) and who.strip().lower() not in {"unspecified", "unknown"}


def evaluate_units(pairs: Iterable[tuple[dict, dict]], nlp, errors: list | None = None) -> dict:
    """All figures for (gold record, excerpt) pairs analysed with ``nlp``."""
    confusion: dict[tuple[str, str], int] = {}
    by_site: dict[str, dict[tuple[str, str], int]] = {}
    speaker = {"critic_ok": 0, "critic_n": 0, "critic_unspecified": 0, "holder_ok": 0, "holder_n": 0,
               "holder_unspecified": 0, "target_ok": 0, "target_n": 0, "critic_exact_name": 0,
               "holder_exact_name": 0}
    pairs = list(pairs)
    docs = nlp.pipe([excerpt["text"] for _, excerpt in pairs])
    for (record, excerpt), doc in zip(pairs, docs):
        text = excerpt["text"]
        predicted = predictions(doc)
        site = by_site.setdefault(excerpt.get("host") or "?", {})
        for unit in record.get("sentences", []):
            gold = unit["label"]
            if gold not in LABELS:
                continue
            label, item = unit_label(text, unit["start"], unit["end"], predicted)
            confusion[(gold, label)] = confusion.get((gold, label), 0) + 1
            site[(gold, label)] = site.get((gold, label), 0) + 1
            who = unit.get("critic") if gold == "critique" else unit.get("holder")
            kind = "critic" if gold == "critique" else "holder"
            right_who = None
            if gold == label and gold != "none":
                if _named(who) or (who or "").lower() == "author":
                    speaker[f"{kind}_n"] += 1
                    right_who = _speaker_right(who, item[3], record.get("actors", []))
                    speaker[f"{kind}_ok"] += right_who
                    speaker[f"{kind}_exact_name"] += same_actor(who, item[3])  # without the gold's mention list
                else:
                    speaker[f"{kind}_unspecified"] += 1
                if gold == "critique" and unit.get("target"):
                    speaker["target_n"] += 1
                    speaker["target_ok"] += _target_match(unit["target"], item[4])
            if errors is not None and (gold != label or right_who is False):
                errors.append({"id": record["id"], "host": excerpt.get("host"), "start": unit["start"],
                               "gold": gold, "predicted": label, "who": who,
                               "predicted_who": item[3] if item else None,
                               "target": unit.get("target"), "predicted_target": item[4] if item else None,
                               "sentence": text[unit["start"]:unit["end"]]})
    figures = metrics(confusion)

    def ratio(a: str, b: str) -> float | None:
        return round(speaker[a] / speaker[b], 3) if speaker[b] else None

    figures["critic_accuracy"] = ratio("critic_ok", "critic_n")
    figures["holder_accuracy"] = ratio("holder_ok", "holder_n")
    figures["target_accuracy"] = ratio("target_ok", "target_n")
    figures["speaker_counts"] = speaker
    figures["confusion"] = {g: {p: confusion.get((g, p), 0) for p in LABELS} for g in LABELS}
    figures["sites"] = {host: {"units": sum(c.values()), **metrics(c)} for host, c in sorted(by_site.items())}
    figures["excerpts"] = len(pairs)
    figures["units"] = sum(confusion.values())
    return figures


def format_report(figures: dict) -> list[str]:
    """The human-readable lines the evaluation script prints."""
    lines = [f"{figures['excerpts']} excerpts, {figures['units']} gold units (ambiguous skipped)"]
    for label in LABELS:
        f = figures[label]
        lines.append(f"{label:<9} precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}  "
                     f"(gold {f['gold']})")
    lines.append(f"3-way macro F1 {figures['macro_f1']:.3f}   argumentative-vs-none macro F1 "
                 f"{figures['arg_vs_none_macro_f1']:.3f}   accuracy {figures['accuracy']:.3f}")
    s = figures["speaker_counts"]
    lines.append(f"critic right {figures['critic_accuracy']} ({s['critic_ok']} of {s['critic_n']} critiques found; "
                 f"{s['critic_unspecified']} unspecified left out)   holder right {figures['holder_accuracy']} "
                 f"({s['holder_ok']} of {s['holder_n']})   target right {figures['target_accuracy']} "
                 f"({s['target_ok']} of {s['target_n']})")
    lines.append(f"  (by name alone, without the gold's mention lists: critic {s['critic_exact_name']} of {s['critic_n']}, "
                 f"holder {s['holder_exact_name']} of {s['holder_n']})")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':>10}" + "".join(f"{p:>10}" for p in LABELS))
    for g in LABELS:
        lines.append(f"{g:>10}" + "".join(f"{figures['confusion'][g][p]:>10}" for p in LABELS))
    lines.append("per site (units, accuracy, 3-way macro F1, critique recall), worst first:")
    sites = sorted(figures["sites"].items(), key=lambda kv: (kv[1]["accuracy"], kv[0]))
    for host, f in sites:
        lines.append(f"  {host:<40} {f['units']:>4}  acc {f['accuracy']:.2f}  macro {f['macro_f1']:.2f}  "
                     f"crit R {f['critique']['recall']:.2f}")
    return lines
