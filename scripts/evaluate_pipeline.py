"""Measure a German pipeline on held-out data: UPOS, STTS, morphology, lemmas, sentences, NER, speed.

Data (read from ../shared, never copied): UD German GSD *test* (tags, morphology, lemmas, sentence
F1 on its raw text in chunks of 20 sentences), textmine's blog sentence gold
``gold/sentences.jsonl`` (offsets into the posts of ../shared/corpus/npo-rss.xml) and GermEval
2014 *dev* (NER; the shipped NER, if any, is trained on GermEval test only).

    PYTHONPATH=. python scripts/evaluate_pipeline.py                 # textmine's offline pipeline
    PYTHONPATH=. python scripts/evaluate_pipeline.py --rules         # rules only (no trained parts)
    PYTHONPATH=. python scripts/evaluate_pipeline.py --model PATH    # any spaCy pipeline

Prints one figure per line, a README-ready markdown table against de_core_news_sm's published
figures, and last a JSON line with every figure.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.evaluation.germeval import germeval_sentences  # noqa: E402
from textmine.evaluation.sentences import blog_sentence_f1, sentence_spans, span_f1  # noqa: E402

SHARED = ROOT.parent / "shared"
GSD_TEST = SHARED / "datasets" / "ud-german-gsd" / "de_gsd-ud-test.conllu"
GERMEVAL_DEV = SHARED / "datasets" / "germeval2014" / "NER-de-dev.tsv"
#: de_core_news_sm 3.8.0, published (trained on TIGER and WikiNER; not comparable one to one).
PUBLISHED_SM = {"upos": 0.98, "las": 0.90, "lemma": 0.975, "sentence_f1": 0.95, "ner_f1": 0.82}
CHUNK = 20


def read_conllu_text(path: Path) -> tuple[list[list[dict]], list[str]]:
    """Token dicts and raw sentence texts of a CoNLL-U file."""
    sentences, texts, current = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            texts.append(line[len("# text = "):])
        elif not line.strip():
            if current:
                sentences.append(current)
                current = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            current.append({"form": cols[1], "lemma": cols[2], "upos": cols[3], "xpos": cols[4],
                            "feats": "" if cols[5] == "_" else cols[5],
                            "space": "SpaceAfter=No" not in cols[9]})
    if current:
        sentences.append(current)
    return sentences, texts


def annotate(nlp, words: list[str], spaces: list[bool]):
    """Run the pipeline's components (not its tokenizer) on gold tokens."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def tagging_scores(nlp, sentences: list[list[dict]]) -> dict[str, float | None]:
    """Token accuracy of UPOS, STTS, morphology (full feature set) and lemma on gold tokens."""
    totals = {"upos": 0, "tag": 0, "morph": 0, "lemma": 0}
    n = 0
    has = {}
    for sentence in sentences:
        doc = annotate(nlp, [t["form"] for t in sentence], [t["space"] for t in sentence])
        if not has:
            has = {"upos": doc.has_annotation("POS"), "tag": doc.has_annotation("TAG"),
                   "morph": doc.has_annotation("MORPH"), "lemma": doc.has_annotation("LEMMA")}
        for token, gold in zip(doc, sentence):
            n += 1
            totals["upos"] += token.pos_ == gold["upos"]
            totals["tag"] += token.tag_ == gold["xpos"]
            totals["morph"] += str(token.morph) == gold["feats"]
            totals["lemma"] += token.lemma_ == gold["lemma"]
    return {key: round(totals[key] / n, 4) if has.get(key) else None for key in totals}


def gsd_sentence_f1(nlp, texts: list[str]) -> float:
    """Sentence F1 on GSD test raw text, joined with spaces into chunks of 20 sentences."""
    gold, predicted = set(), set()
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start:start + CHUNK]
        offset = 0
        for text in chunk:
            gold.add((start, offset, offset + len(text)))
            offset += len(text) + 1
        doc = nlp(" ".join(chunk))
        predicted |= {(start, a, b) for a, b in sentence_spans(doc)}
    return span_f1(gold, predicted)


def ner_scores(nlp) -> dict[str, float] | None:
    """Entity F1 (overall and per label) on GermEval dev, gold tokens."""
    if "ner" not in nlp.pipe_names or not GERMEVAL_DEV.exists():
        return None
    gold, predicted = set(), set()
    for number, (words, entities) in enumerate(germeval_sentences(GERMEVAL_DEV)):
        doc = annotate(nlp, words, [True] * len(words))
        gold |= {(number, *e) for e in entities}
        predicted |= {(number, e.start, e.end, e.label_) for e in doc.ents}
    scores = {"ner_f1": span_f1(gold, predicted)}
    for label in ("PER", "LOC", "ORG", "MISC"):
        scores[f"ner_{label}"] = span_f1({g for g in gold if g[3] == label}, {p for p in predicted if p[3] == label})
    return scores


def speed(nlp, texts: list[str]) -> tuple[int, int]:
    """Words per second of the whole pipeline (tokenizer included) on GSD test text, one thread:
    per CPU-second of this process (the one-core figure, fair on a shared machine) and per wall
    second (lower wherever other jobs compete for the core)."""
    chunks = [" ".join(texts[i:i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    list(nlp.pipe(chunks[:5]))
    cpu, wall = time.process_time(), time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(chunks, batch_size=16))
    return round(words / (time.process_time() - cpu)), round(words / (time.perf_counter() - wall))


def model_size_mb(path: Path | None) -> float | None:
    if path is None or not path.exists():
        return None
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def markdown_table(figures: dict) -> str:
    """README table: textmine's pipeline vs de_core_news_sm (published)."""
    def fmt(value):
        return "—" if value is None else (f"{value:.3f}" if isinstance(value, float) and value <= 1 else f"{value:,}")

    rows = [
        ("POS (UPOS accuracy)", figures.get("upos"), PUBLISHED_SM["upos"]),
        ("Morphology (all features)", figures.get("morph"), None),
        ("Lemma accuracy", figures.get("lemma"), PUBLISHED_SM["lemma"]),
        ("Sentences F1 (UD GSD test)", figures.get("sentence_f1_gsd"), PUBLISHED_SM["sentence_f1"]),
        ("Sentences F1 (blog posts)", figures.get("sentence_f1_blog"), None),
        ("Dependencies (LAS)", None, PUBLISHED_SM["las"]),
        ("Named entities F1", figures.get("ner_f1"), PUBLISHED_SM["ner_f1"]),
        ("Speed (words per CPU-second, 1 thread)", figures.get("words_per_second"), None),
        ("Size on disk (MB)", figures.get("size_mb"), None),
    ]
    lines = ["| task | textmine `de_textmine_sm` | `de_core_news_sm` 3.8 (published) |", "| --- | --- | --- |"]
    lines += [f"| {task} | {fmt(ours)} | {fmt(theirs)} |" for task, ours, theirs in rows]
    return "\n".join(lines)


def main_figures(nlp, path: Path | None, with_speed: bool = True) -> dict:
    """Every figure for one pipeline (see the module docstring)."""
    sentences, texts = read_conllu_text(GSD_TEST)
    figures: dict = {"components": nlp.pipe_names}
    figures.update(tagging_scores(nlp, sentences))
    figures["sentence_f1_gsd"] = gsd_sentence_f1(nlp, texts)
    figures["sentence_f1_blog"] = blog_sentence_f1(nlp)
    figures.update(ner_scores(nlp) or {"ner_f1": None})
    figures["words_per_second"], figures["words_per_wall_second"] = speed(nlp, texts) if with_speed else (None, None)
    figures["size_mb"] = model_size_mb(path)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", help="a spaCy pipeline name or path (default: textmine's offline pipeline)")
    group.add_argument("--rules", action="store_true", help="textmine's rule pipeline (no trained parts)")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    if not GSD_TEST.exists():
        print(f"../shared not present ({GSD_TEST}): nothing to evaluate", file=sys.stderr)
        return 2
    import spacy

    from textmine.nlp.german import tags as german

    path: Path | None = None
    if args.rules:
        nlp, name = german.rule_pipeline(), "rules"
    elif args.model:
        nlp, name = spacy.load(args.model), args.model
        german.customize_tokenizer(nlp)
        path = Path(args.model) if Path(args.model).exists() else None
    else:
        nlp, name = german.offline_pipeline(), "offline"
        path = german.SHIPPED_PIPELINE if "textmine_upos" in nlp.pipe_names else None
    figures = {"pipeline": name, **main_figures(nlp, path, with_speed=not args.no_speed)}
    for key, value in figures.items():
        print(f"{key:20} {value}")
    print()
    print(markdown_table(figures))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
