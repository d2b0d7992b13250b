"""How right the statements are on annotated real text: speaker and agreement per statement.

Gold: ``real-blogs``' format (``excerpts.jsonl`` with the texts, ``gold.jsonl`` with one record per
excerpt whose ``sentences`` carry ``label`` claim|critique|none|ambiguous, ``holder`` (claims) or
``critic`` (critiques): "author", an actor's canonical name or "unspecified", and a critique's
``target``). Every gold claim or critique is a gold statement with agreement +1 or -1.

A predicted statement *matches* a gold sentence when their character spans overlap by at least
half of the shorter one. Per gold statement:

* found: some statement matches it;
* speaker right: the matched statement's speaker is the gold one ("author" = the post's author;
  an actor by canonical name, case-insensitive, or the same surname); "unspecified" speakers are
  left out of the speaker figures and counted;
* agreement right: the matched statement's agreement has the gold sign;
* both right (strict): found, speaker right and agreement right, over all gold statements with a
  specified speaker (a missed statement counts as wrong);
* target right (critiques with a gold target): one target contains the other's head word.

Precision: of the statements that match an annotated sentence, how many match a claim or critique
(not a sentence annotated "none").
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textmine.discourse.statements import Statement, statements_from_record

AUTHOR_NAME = "(author)"


def read_gold(gold_path: Path, texts_path: Path) -> list[tuple[dict, str]]:
    """(gold record, excerpt text) pairs, in file order; a gold id without text is an error."""
    texts = {}
    for line in Path(texts_path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            texts[item["id"]] = item["text"]
    pairs = []
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record["id"] not in texts:
                raise ValueError(f"{gold_path}: {record['id']} has no text in {texts_path}")
            pairs.append((record, texts[record["id"]]))
    return pairs


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def same_speaker(gold: str, statement: Statement) -> bool:
    if gold == "author":
        return statement.speaker_is_author
    if statement.speaker_is_author or not statement.actor:
        return False
    a, b = gold.casefold().split(), statement.actor.casefold().split()
    return a == b or (bool(a) and bool(b) and a[-1] == b[-1])


def same_target(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    g, p = gold.casefold(), predicted.casefold()
    return p in g or (g.split()[-1] in p if g.split() else False)


@dataclass
class StatementScores:
    gold: int = 0
    found: int = 0
    specified: int = 0
    unspecified: int = 0
    speaker_right: int = 0
    speaker_judged: int = 0
    agreement_right: int = 0
    both_right: int = 0
    targets: int = 0
    target_right: int = 0
    predicted_on_annotated: int = 0
    predicted_on_arguments: int = 0
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "gold_statements": self.gold, "found": share(self.found, self.gold),
            "precision": share(self.predicted_on_arguments, self.predicted_on_annotated),
            "speaker_right": share(self.speaker_right, self.speaker_judged),
            "agreement_right": share(self.agreement_right, self.found),
            "both_right_strict": share(self.both_right, self.specified),
            "target_right": share(self.target_right, self.targets),
            "counts": {"found": self.found, "speaker_judged": self.speaker_judged, "speaker_right": self.speaker_right,
                       "agreement_right": self.agreement_right, "both_right": self.both_right,
                       "specified": self.specified, "unspecified_speaker": self.unspecified,
                       "critiques_with_target": self.targets, "target_right": self.target_right,
                       "predicted_on_annotated": self.predicted_on_annotated,
                       "predicted_on_arguments": self.predicted_on_arguments},
        }


def score_statements(pairs: Iterable[tuple[dict, list[Statement]]]) -> StatementScores:
    """Compare each gold record's sentences with the statements predicted for its text."""
    scores = StatementScores()
    for gold, predicted in pairs:
        sentences = [s for s in gold["sentences"] if s["label"] in ("claim", "critique", "none")]
        for statement in predicted:
            hits = [s for s in sentences if _overlap((s["start"], s["end"]), (statement.start, statement.end))]
            if hits:
                scores.predicted_on_annotated += 1
                scores.predicted_on_arguments += any(s["label"] != "none" for s in hits)
        for sentence in sentences:
            if sentence["label"] == "none":
                continue
            scores.gold += 1
            speaker = sentence.get("holder") if sentence["label"] == "claim" else sentence.get("critic")
            speaker = speaker or "unspecified"
            agreement = 1 if sentence["label"] == "claim" else -1
            match = next((s for s in predicted if _overlap((sentence["start"], sentence["end"]), (s.start, s.end))), None)
            if speaker == "unspecified":
                scores.unspecified += 1
            else:
                scores.specified += 1
            error = {"id": gold["id"], "start": sentence["start"], "gold_speaker": speaker, "gold_agreement": agreement,
                     "speaker": None, "agreement": None, "text": sentence["text"]}
            if match is None:
                scores.errors.append(error)
                continue
            scores.found += 1
            speaker_ok = speaker != "unspecified" and same_speaker(speaker, match)
            if speaker != "unspecified":
                scores.speaker_judged += 1
                scores.speaker_right += speaker_ok
            agreement_ok = match.agreement == agreement
            scores.agreement_right += agreement_ok
            scores.both_right += speaker_ok and agreement_ok
            if sentence["label"] == "critique" and sentence.get("target"):
                scores.targets += 1
                scores.target_right += match.kind == "critique" and same_target(sentence["target"], match.target)
            if not (agreement_ok and (speaker_ok or speaker == "unspecified")):
                scores.errors.append({**error, "speaker": AUTHOR_NAME if match.speaker_is_author else match.actor,
                                      "agreement": match.agreement})
    return scores


def predict(nlp: Any, pairs: list[tuple[dict, str]]) -> list[tuple[dict, list[Statement]]]:
    """Analyse each excerpt text and build its statements (the excerpt's author is unknown)."""
    from textmine.analysis.texts import analyze_texts

    results = analyze_texts(nlp, ((gold["id"], None, text) for gold, text in pairs))
    return [(gold, statements_from_record(gold["id"], None, gold["id"], None, result.record))
            for (gold, _text), result in zip(pairs, results)]
