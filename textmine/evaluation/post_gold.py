"""Train and evaluate textmine's argument component (claims and critiques) on post gold files.

Library side of ``textmine train arguments GOLD.jsonl`` / ``textmine evaluate arguments GOLD.jsonl``
and of ``scripts/train_arguments.py`` / ``scripts/evaluate_arguments.py``.

Gold JSONL format (one JSON object per line, one per post)::

    {"post_id": "https://blog.example.org/?p=12",          # the feed guid (Post.id)
     "source": "corpus/sample-blog.xml",                   # feed the post comes from (optional if
                                                           #   "text" is given); "shared:…" = ../shared
     "text": "…",                                          # optional: the post text itself
     "sentences": [
        {"start": 0, "end": 87,                            # char offsets into the post text
         "label": "claim" | "critique" | "none",
         "kind": "description" | "narration" | "announcement" | "heading" | "bibliography" | "question",
                                                           #   optional, only for clear non-arguments
         "holder": "author" | "<actor>",                   # claims: who asserts it
         "critic": "author" | "<actor>",                   # critiques: who criticises
         "target": "<actor or noun>" | null,               # critiques: whom or what
         "sha1": "0123456789"}                             # optional: first 10 hex digits of the SHA-1
     ]}                                                    #   of the whitespace-normalised sentence

The post text is ``"\\n\\n".join(html_to_paragraphs(content))`` of the feed item (title not
included), exactly what ``textmine`` analyses. Sentences not listed count as unannotated and are
ignored. ``sha1`` lets the evaluator re-find a sentence when the HTML cleaner shifts offsets a
little, without storing the sentence itself (needed for texts you may not redistribute).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterable
from textmine.nlp.contract import CLAIMS, CRITIQUES

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"


# ------------------------------------------------------------------------------------ gold files
def read_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error})") from error
    return records


def sentence_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def post_texts(source: str, base: Path = REPO_ROOT) -> dict[str, str]:
    """Post id -> analysed text for every item of a feed named in a gold file."""
    from textmine.evaluation.gold import post_texts as feed_texts, source_path

    path = source_path(source, base)
    if not path.exists():
        raise FileNotFoundError(f"feed {path} not found")
    return feed_texts(path)


def align(text: str, sentence: dict) -> tuple[int, int] | None:
    """The gold sentence's offsets in ``text``, re-found by its hash when the offsets moved."""
    start, end = sentence["start"], sentence["end"]
    digest = sentence.get("sha1")
    if not digest or sentence_hash(text[start:end]) == digest:
        return start, end
    length = end - start
    for shift in range(1, 400):
        for candidate in (start - shift, start + shift):
            if candidate < 0:
                continue
            for delta in range(-6, 7):
                if sentence_hash(text[candidate:candidate + length + delta]) == digest:
                    return candidate, candidate + length + delta
    return None


def gold_documents(records: Iterable[dict], base: Path = REPO_ROOT) -> list[tuple[dict, str]]:
    """(record, text) pairs: the text from the record, or from its feed."""
    feeds: dict[str, dict[str, str]] = {}
    documents = []
    for record in records:
        text = record.get("text")
        if text is None:
            source = record["source"]
            if source not in feeds:
                feeds[source] = post_texts(source, base)
            text = feeds[source].get(record["post_id"])
            if text is None:
                raise KeyError(f"post {record['post_id']} not in {source}")
        documents.append((record, text))
    return documents


# ----------------------------------------------------------------------------------- evaluation
_LEGAL_FORMS = frozenset("e.v. ev e. v. ggmbh gmbh ag eg e.g. gug ug kg des der die das von und".split())
_NAME_TOKEN = re.compile(r"[\w’'\-]+", re.UNICODE)


def _norm_name(name: str | None) -> str:
    """The last significant token of a name, lower-cased (kept for callers that want one key)."""
    tokens = _name_tokens(name)
    return tokens[-1] if tokens else AUTHOR_NAME


def _name_tokens(name: str | None) -> list[str]:
    """Lower-cased name tokens without legal forms and articles ("Elternverein X e.V." -> [elternverein, x])."""
    if not name or name.strip().lower() == AUTHOR_NAME:
        return []
    words = [w.lower().replace("'", "’") for w in _NAME_TOKEN.findall(name.replace("e.V.", " ").replace("e. V.", " "))]
    return [w for w in words if w not in _LEGAL_FORMS] or [w for w in words]


def same_actor(gold: str | None, predicted: str | None) -> bool:
    """Whether two names denote the same speaker: both the author, or one name's tokens contained in
    the other's ("Bülow" ~ "Katrin von Bülow", "Elternverein Gemeinsam Lernen" ~ "… e.V."), or the
    same last token."""
    g, p = _name_tokens(gold), _name_tokens(predicted)
    if not g or not p:
        return not g and not p
    gs, ps = set(g), set(p)
    return gs <= ps or ps <= gs or g[-1] == p[-1]


AUTHOR_NAME = "author"


def predict_document(nlp, text: str) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, end, label, holder_or_critic, target) for each claim/critique the pipeline finds."""
    doc = nlp(text)
    found = [(s.start_char, s.end_char, "claim", s._.textmine_holder, None) for s in doc.spans.get(CLAIMS, [])]
    found += [(s.start_char, s.end_char, "critique", s._.textmine_critic, s._.textmine_target) for s in doc.spans.get(CRITIQUES, [])]
    return found


def _match(gold_span: tuple[int, int], predicted: list[tuple]) -> tuple | None:
    """The prediction that overlaps the gold sentence most (over half of the gold sentence)."""
    best, best_overlap = None, 0
    for item in predicted:
        overlap = min(gold_span[1], item[1]) - max(gold_span[0], item[0])
        if overlap > best_overlap:
            best, best_overlap = item, overlap
    if best is not None and best_overlap >= 0.5 * (gold_span[1] - gold_span[0]):
        return best
    return None


def evaluate_documents(documents: list[tuple[dict, str]], nlp=None, errors: list | None = None) -> dict:
    """Precision/recall for claims and critiques, critic/holder accuracy, non-argument exclusion.
    Mismatches are appended to ``errors`` when a list is given (for error analysis)."""
    if nlp is None:
        from textmine.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    counts = {k: 0 for k in ("claim_tp", "claim_fp", "claim_fn", "crit_tp", "crit_fp", "crit_fn",
                             "crit_as_arg", "crit_gold", "critic_ok", "critic_n", "holder_ok", "holder_n",
                             "target_ok", "target_n", "clear_none", "clear_none_kept_out", "none",
                             "none_kept_out", "arg_found", "arg_gold", "misaligned")}
    for record, text in documents:
        predicted = predict_document(nlp, text)
        for sentence in record.get("sentences", []):
            offsets = align(text, sentence)
            if offsets is None:
                counts["misaligned"] += 1
                continue
            guess = _match(offsets, predicted)
            gold, label = sentence["label"], (guess[2] if guess else "none")
            if gold == "none":
                counts["none"] += 1
                counts["none_kept_out"] += label == "none"
                if sentence.get("kind"):
                    counts["clear_none"] += 1
                    counts["clear_none_kept_out"] += label == "none"
            else:
                counts["arg_gold"] += 1
                counts["arg_found"] += label != "none"
            for name, key in (("claim", "claim"), ("critique", "crit")):
                if gold == name and label == name:
                    counts[f"{key}_tp"] += 1
                elif gold == name:
                    counts[f"{key}_fn"] += 1
                elif label == name:
                    counts[f"{key}_fp"] += 1
            if gold == "critique":
                counts["crit_gold"] += 1
                counts["crit_as_arg"] += label != "none"
            if gold == "critique" and label == "critique" and sentence.get("critic"):
                counts["critic_n"] += 1
                counts["critic_ok"] += same_actor(sentence.get("critic"), guess[3])
            if errors is not None and (gold != label or (guess and gold != "none" and not same_actor(
                    sentence.get("critic") or sentence.get("holder"), guess[3]))):
                errors.append({"post_id": record["post_id"], "start": offsets[0], "gold": gold,
                               "predicted": label, "who": sentence.get("critic") or sentence.get("holder"),
                               "predicted_who": guess[3] if guess else None,
                               "sentence": text[offsets[0]:offsets[0] + 70]})
            if gold == "critique" and label == "critique" and sentence.get("target"):
                counts["target_n"] += 1
                counts["target_ok"] += _target_match(sentence["target"], guess[4])
            if gold == "claim" and label == "claim":
                counts["holder_n"] += 1
                counts["holder_ok"] += same_actor(sentence.get("holder"), guess[3])
    return _figures(counts)


def _target_match(gold: str, predicted: str | None) -> bool:
    if not predicted:
        return False
    g, p = gold.lower(), predicted.lower()
    return g in p or p in g or g[:6] == p[:6]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _figures(c: dict) -> dict:
    claim_p = _ratio(c["claim_tp"], c["claim_tp"] + c["claim_fp"])
    claim_r = _ratio(c["claim_tp"], c["claim_tp"] + c["claim_fn"])
    crit_p = _ratio(c["crit_tp"], c["crit_tp"] + c["crit_fp"])
    crit_r = _ratio(c["crit_tp"], c["crit_tp"] + c["crit_fn"])
    return {
        "claims": {"precision": claim_p, "recall": claim_r, "gold": c["claim_tp"] + c["claim_fn"]},
        "critiques": {"precision": crit_p, "recall": crit_r, "gold": c["crit_tp"] + c["crit_fn"],
                      "found_as_any_argument": _ratio(c["crit_as_arg"], c["crit_gold"])},
        "arguments_recall": _ratio(c["arg_found"], c["arg_gold"]),
        "critic_accuracy": _ratio(c["critic_ok"], c["critic_n"]),
        "holder_accuracy": _ratio(c["holder_ok"], c["holder_n"]),
        "target_accuracy": _ratio(c["target_ok"], c["target_n"]),
        "non_arguments_kept_out": _ratio(c["none_kept_out"], c["none"]),
        "clear_non_arguments_kept_out": _ratio(c["clear_none_kept_out"], c["clear_none"]),
        "counts": c,
    }


def evaluate_arguments(gold_path: Path | str, nlp=None, errors: list | None = None) -> dict:
    """The figures of ``textmine evaluate arguments GOLD.jsonl`` (see the module docstring)."""
    gold_path = Path(gold_path)
    documents = gold_documents(read_gold(gold_path), base=_base_for(gold_path))
    figures = evaluate_documents(documents, nlp, errors)
    figures["gold"] = str(gold_path)
    figures["posts"] = len(documents)
    return figures


def _base_for(gold_path: Path) -> Path:
    """Relative feed paths in a gold file are relative to the repo root when the file is inside
    the repository, else to the gold file's folder."""
    try:
        gold_path.resolve().relative_to(REPO_ROOT)
        return REPO_ROOT
    except ValueError:
        return gold_path.resolve().parent


def train_arguments(gold_path: Path | str, out_dir: Path | str, log=lambda message: None) -> dict:
    """Train the sentence model (claim / critique / none) on a user's gold posts and save it to
    ``out_dir`` (use it with ``nlp.add_pipe("textmine_arguments", config={"model_dir": out_dir})``);
    held-out folds of posts calibrate the decisions. Returns the model's meta data."""
    from textmine.nlp.arguments.training import train_documents

    gold_path = Path(gold_path)
    documents = []
    for record, text in gold_documents(read_gold(gold_path), base=_base_for(gold_path)):
        units = []
        for sentence in record.get("sentences", []):
            offsets = align(text, sentence)
            if offsets is not None:
                units.append((offsets[0], text[offsets[0]:offsets[1]], sentence["label"]))
        units.sort()
        if units:
            documents.append({"id": record.get("post_id"), "texts": [u[1] for u in units],
                              "labels": [u[2] for u in units]})
    if not documents:
        raise ValueError(f"{gold_path}: no annotated sentences")
    return train_documents(documents, Path(out_dir), cs=(2.0,), log=log, data_name=str(gold_path),
                           credit=f"Trained on the user's gold file {gold_path.name}.")
