"""Train and evaluate textmine's argument component (claims and critiques).

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

import csv
import datetime as _dt
import hashlib
import json
import re
import statistics
from pathlib import Path
from typing import Iterable, Sequence

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
CIMT_DIR = SHARED / "datasets" / "cimt"

#: CIMT labels -> (argumentative, position). ``position`` is None for non-arguments.
CIMT_LABELS = {"mpos": (1, 1), "mpos+premise": (1, 1), "premise": (1, 0), "non-arg": (0, None)}

CIMT_CREDIT = (
    "Trained on the CIMT argument mining dataset v1.1 (Romberg & Conrad, 'Citizen Involvement in "
    "Urban Planning - How Can Municipalities Be Supported in Evaluating Public Participation Processes "
    "for Mobility Transitions?', Proceedings of the 8th Workshop on Argument Mining, ACL 2021, "
    "https://aclanthology.org/2021.argmining-1.9; LREC 2022 corpus paper), "
    "https://github.com/juliaromberg/cimt-argument-mining-dataset. The citizen contributions are "
    "licensed CC BY 4.0 (Cycling-Dialogue-Bonn/-Cologne/-Moers, Mobility-Concept-Krefeld) and "
    "CC BY-SA 4.0 (Survey-Bonn); the dataset as a whole is CC BY-SA 4.0."
)
MODEL_LICENSE = "CC-BY-SA-4.0"


# ------------------------------------------------------------------------------------------ CIMT
def load_cimt(directory: Path = CIMT_DIR) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, groups) for all CIMT sentences; groups = dataset/document_id."""
    texts, labels, groups = [], [], []
    files = sorted(Path(directory).glob("*/dataset_*.tsv"))
    if not files:
        raise FileNotFoundError(f"no CIMT dataset_*.tsv under {directory}")
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                label = (row.get("code") or "").strip()
                content = (row.get("content") or "").strip()
                if label not in CIMT_LABELS or not content:
                    continue
                texts.append(content)
                labels.append(label)
                groups.append(f"{path.parent.name}/{row['document_id']}")
    return texts, labels, groups


# ------------------------------------------------------------------------------------- training
def _vectorizers(max_word: int = 20000, max_char: int = 30000):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_features=max_word, sublinear_tf=True,
                           token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, max_features=max_char,
                           sublinear_tf=True, dtype=np.float32)
    return word, char


def _classifier(c: float = 1.0):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")


def fit_bundle(texts: Sequence[str], arg: Sequence[int], position: Sequence[int | None],
               c_arg: float = 1.0, c_pos: float = 1.0, weights: Sequence[float] | None = None) -> dict:
    """Fit vectorizers and both classifiers; the dict that ``model.joblib`` holds."""
    import numpy as np

    from textmine.nlp.arguments.component import build_matrix, lemma_text

    word, char = _vectorizers()
    word.fit([lemma_text(t) for t in texts])
    char.fit([t.lower() for t in texts])
    for vectorizer in (word, char):
        vectorizer.stop_words_ = None  # the pruned vocabulary is only needed for introspection
    x = build_matrix(word, char, texts)
    sample_weight = np.asarray(weights) if weights is not None else None
    clf_arg = _classifier(c_arg).fit(x, np.asarray(arg), sample_weight=sample_weight)
    rows = [i for i, p in enumerate(position) if p is not None]
    clf_pos = None
    if rows and len({position[i] for i in rows}) == 2:
        clf_pos = _classifier(c_pos).fit(
            x[rows], np.asarray([position[i] for i in rows]),
            sample_weight=sample_weight[rows] if sample_weight is not None else None,
        )
    return {"word": word, "char": char, "arg": clf_arg, "position": clf_pos}


def cross_validate_cimt(texts, labels, groups, folds: int = 5, seed: int = 0, log=print) -> dict:
    """Grouped k-fold CV (whole documents held out): macro F1 for both tasks, mean and sd."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    from textmine.nlp.arguments.component import ArgumentClassifier

    arg = [CIMT_LABELS[l][0] for l in labels]
    pos = [CIMT_LABELS[l][1] for l in labels]
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    scores: dict[str, list[float]] = {"arg_macro_f1": [], "position_macro_f1": [], "arg_f1_nonarg": []}
    for fold, (train, test) in enumerate(splitter.split(texts, arg, groups)):
        bundle = fit_bundle([texts[i] for i in train], [arg[i] for i in train], [pos[i] for i in train])
        model = ArgumentClassifier(bundle)
        test_texts = [texts[i] for i in test]
        x = model.matrix(test_texts)
        predicted_arg = bundle["arg"].predict(x)
        gold_arg = np.asarray([arg[i] for i in test])
        scores["arg_macro_f1"].append(f1_score(gold_arg, predicted_arg, average="macro"))
        scores["arg_f1_nonarg"].append(f1_score(gold_arg, predicted_arg, pos_label=0))
        rows = [k for k, i in enumerate(test) if pos[i] is not None]
        predicted_pos = bundle["position"].predict(x[rows])
        scores["position_macro_f1"].append(
            f1_score([pos[test[k]] for k in rows], predicted_pos, average="macro"))
        log(f"fold {fold}: " + ", ".join(f"{k} {v[-1]:.3f}" for k, v in scores.items()))
    return {
        name: {"mean": round(statistics.mean(v), 4), "sd": round(statistics.stdev(v), 4),
               "folds": [round(x, 4) for x in v]}
        for name, v in scores.items()
    }


def save_bundle(bundle: dict, out_dir: Path, meta: dict) -> Path:
    """Write ``model.joblib`` and ``meta.json`` (versions, data credit, licence, scores)."""
    import joblib
    import sklearn

    import textmine

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "model.joblib"
    joblib.dump(bundle, path, compress=3)
    meta = {
        "name": "textmine-arguments",
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "textmine_version": getattr(textmine, "__version__", None),
        "sklearn_version": sklearn.__version__,
        "size_bytes": path.stat().st_size,
        **meta,
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def train_cimt(out_dir: Path, cimt_dir: Path = CIMT_DIR, folds: int = 5, log=print) -> dict:
    """Cross-validate on CIMT by document, then fit on all of it and save the shipped model."""
    texts, labels, groups = load_cimt(cimt_dir)
    log(f"CIMT: {len(texts)} sentences, {len(set(groups))} documents")
    cv = cross_validate_cimt(texts, labels, groups, folds=folds, log=log)
    arg = [CIMT_LABELS[l][0] for l in labels]
    pos = [CIMT_LABELS[l][1] for l in labels]
    bundle = fit_bundle(texts, arg, pos)
    meta = {
        "task": "sentence classification: argumentative vs non-argumentative; position (mpos, "
                "mpos+premise) vs premise among argumentative sentences",
        "features": "simplemma lemma 1-2-gram tf-idf, char_wb 2-5-gram tf-idf, textmine cue-lexicon "
                    "hits (textmine/nlp/lexicons/argument_*.txt) and mood/shape features",
        "classifier": "LogisticRegression(class_weight=balanced, liblinear)",
        "training_data": {"name": "CIMT argument mining dataset", "version": "1.1",
                          "sentences": len(texts), "documents": len(set(groups))},
        "credit": CIMT_CREDIT,
        "license": MODEL_LICENSE,
        "license_note": "The model is derived from CC BY-SA 4.0 data (Survey-Bonn) and is shared alike "
                        "under CC BY-SA 4.0; credit the CIMT dataset when you use or redistribute it.",
        "cross_validation": {"method": f"GroupKFold({folds}) by dataset/document_id", **cv},
    }
    save_bundle(bundle, out_dir, meta)
    return meta


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
    found = [(s.start_char, s.end_char, "claim", s._.holder, None) for s in doc.spans.get("claims", [])]
    found += [(s.start_char, s.end_char, "critique", s._.critic, s._.target) for s in doc.spans.get("critiques", [])]
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


def train_arguments(gold_path: Path | str, out_dir: Path | str, cimt_dir: Path | None = CIMT_DIR,
                    gold_weight: float = 3.0) -> dict:
    """Retrain the sentence classifier on a user's gold sentences (plus CIMT when it is present),
    save it to ``out_dir`` (use it with ``nlp.add_pipe("textmine_arguments",
    config={"model_dir": out_dir})``), and return its meta data."""
    gold_path = Path(gold_path)
    documents = gold_documents(read_gold(gold_path), base=_base_for(gold_path))
    texts, arg, pos, weights = [], [], [], []
    for record, text in documents:
        for sentence in record.get("sentences", []):
            offsets = align(text, sentence)
            if offsets is None:
                continue
            texts.append(text[offsets[0]:offsets[1]])
            arg.append(int(sentence["label"] != "none"))
            pos.append(None)
            weights.append(gold_weight)
    if not texts:
        raise ValueError(f"{gold_path}: no annotated sentences")
    used_cimt = False
    if cimt_dir is not None and Path(cimt_dir).exists():
        c_texts, c_labels, _ = load_cimt(Path(cimt_dir))
        texts += c_texts
        arg += [CIMT_LABELS[l][0] for l in c_labels]
        pos += [CIMT_LABELS[l][1] for l in c_labels]
        weights += [1.0] * len(c_texts)
        used_cimt = True
    if len(set(arg)) < 2:
        raise ValueError("the gold set needs both argumentative and non-argumentative sentences")
    bundle = fit_bundle(texts, arg, pos, weights=weights)
    meta = {
        "task": "argumentative vs not (and position vs premise when CIMT is used)",
        "training_data": {"gold": str(gold_path), "gold_sentences": sum(1 for w in weights if w == gold_weight),
                          "cimt": used_cimt},
        "credit": CIMT_CREDIT if used_cimt else None,
        "license": MODEL_LICENSE if used_cimt else None,
    }
    save_bundle(bundle, Path(out_dir), meta)
    return meta
