"""Build textmine's shipped German pipeline ``textmine/data/models/de_textmine_sm`` reproducibly from ../shared.

Stages (each caches its output in --work-dir, so a rerun only redoes what is missing):

1. ``silver``: HanTa (LGPL, used here only, never shipped) tags unlabelled German sentences with
   STTS: GermEval 2014 dev+test sentences (CC BY 4.0) and the CIMT posts (CC BY / BY-SA 4.0).
   The 10kGNAD news (non-commercial) are never used for training.
2. ``corpus``: UD German GSD dev (gold STTS, UPOS, morphology; CC BY-SA 4.0) + silver STTS,
   as spaCy DocBins; 100 gold dev sentences are held back for checkpoint selection.
   UD GSD *test* is never trained on: it is the held-out evaluation set.
3. ``train``: a small CPU tok2vec + tagger (STTS) + morphologizer (gold only) [+ NER on GermEval].
3a. ``vectors``: 64-dimensional fastText vectors (gensim) for the 20,000 commonest word forms of the
   unlabelled text at hand (CIMT, blog-args excerpts, GermEval test and GSD dev sentences; 10kGNAD
   only with ``--vectors-gnad``, which is non-commercial and so not for the shipped model): the
   tagger's and the NER's tok2vec read them beside their hash embeddings (``--no-vectors``: without).
3b. ``ner``: the NER on GermEval 2014 test + the blog-args persons and organisations.
4. ``assemble``: textmine's tokenizer rules, sentence rules, STTS→UPOS mapping and simplemma
   lemmatiser around the trained components; writes ``textmine/data/models/de_textmine_sm`` and meta.json
   with sources, licences and the accuracy measured by ``scripts/evaluate_pipeline.py``.

Usage::

    PYTHONPATH=. python scripts/build_pipeline.py                 # everything
    PYTHONPATH=. python scripts/build_pipeline.py --stage silver  # one stage
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine.evaluation.germeval import germeval_entities, read_germeval  # noqa: E402
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
GSD = DATASETS / "ud-german-gsd"
GERMEVAL = DATASETS / "germeval2014"
CIMT = DATASETS / "cimt"
OUTPUT = ROOT / "textmine" / "data" / "models" / "de_textmine_sm"
SEED = 20240601
LOG = logging.getLogger("build_pipeline")

csv.field_size_limit(10_000_000)


# --------------------------------------------------------------------------- readers
def read_conllu(path: Path) -> list[list[dict]]:
    """Sentences of a CoNLL-U file as lists of token dicts (multi-word ranges dropped)."""
    sentences: list[list[dict]] = []
    current: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        current.append({
            "id": int(cols[0]), "form": cols[1], "lemma": cols[2], "upos": cols[3], "xpos": cols[4],
            "feats": "" if cols[5] == "_" else cols[5], "head": int(cols[6]) if cols[6].isdigit() else 0,
            "deprel": cols[7], "space_after": "SpaceAfter=No" not in cols[9],
        })
    if current:
        sentences.append(current)
    return sentences


def read_cimt_sentences() -> list[str]:
    """All CIMT post sentences (CC BY / BY-SA), in a fixed order."""
    texts: list[str] = []
    for path in sorted(CIMT.glob("*/dataset_*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                text = " ".join((row.get("content") or "").split())
                if 3 <= len(text.split()) <= 60:
                    texts.append(text)
    return texts


# --------------------------------------------------------------------------- stage 1: silver
def stage_silver(work: Path) -> Path:
    """HanTa STTS tags for GermEval and CIMT sentences → silver.jsonl (cached)."""
    out = work / "silver.jsonl"
    if out.exists():
        return out
    import spacy
    from HanTa import HanoverTagger

    from textmine.nlp.german.tokenizer import customize_tokenizer

    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    items: list[tuple[str, list[str], list[bool]]] = []
    for name in ("NER-de-dev.tsv", "NER-de-test.tsv"):
        for sentence in read_germeval(GERMEVAL / name):
            words = [word for word, _ in sentence]
            items.append(("germeval", words, [True] * len(words)))
    for text in read_cimt_sentences():
        doc = nlp.make_doc(text)
        items.append(("cimt", [t.text for t in doc], [bool(t.whitespace_) for t in doc]))
    tmp = out.with_suffix(".tmp")
    started = time.time()
    with tmp.open("w", encoding="utf-8") as handle:
        for number, (source, words, spaces) in enumerate(items, 1):
            tags = [tag.replace("(", "").replace(")", "") for tag in tagger.tag_sent(words, taglevel=0)]
            handle.write(json.dumps({"source": source, "words": words, "spaces": spaces, "tags": tags},
                                    ensure_ascii=False) + "\n")
            if number % 2000 == 0:
                LOG.info("silver: %d/%d sentences, %.0f s", number, len(items), time.time() - started)
    tmp.replace(out)
    return out



# --------------------------------------------------------------------------- stage 2: corpus
def upos_table(gold: list[list[dict]]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """STTS→UPOS as GSD annotates it: per (STTS, lower-case word) where seen twice, else per STTS."""
    from collections import Counter, defaultdict

    by_word: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_tag: dict[str, Counter] = defaultdict(Counter)
    for sentence in gold:
        for token in sentence:
            by_word[(token["xpos"], token["form"].lower())][token["upos"]] += 1
            by_tag[token["xpos"]][token["upos"]] += 1
    words = {key: c.most_common(1)[0][0] for key, c in by_word.items() if sum(c.values()) >= 2}
    tags = {key: c.most_common(1)[0][0] for key, c in by_tag.items()}
    return words, tags


def map_upos(tag: str, word: str, words: dict, tags: dict) -> str:
    """UPOS for a silver STTS tag (fallbacks for tags GSD dev lacks)."""
    found = words.get((tag, word.lower())) or tags.get(tag)
    if found:
        return found
    return {"$.": "PUNCT", "$,": "PUNCT", "$(": "PUNCT", "XY": "X", "FM": "X", "TRUNC": "X"}.get(tag, "X")


def stage_corpus(work: Path, silver_sentences: int) -> tuple[Path, Path]:
    """train.spacy (gold GSD dev ×3 + silver) and dev.spacy (100 gold sentences for selection)."""
    train_path, dev_path = work / "train.spacy", work / "dev.spacy"
    if train_path.exists() and dev_path.exists():
        return train_path, dev_path
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("de")
    gold = read_conllu(GSD / "de_gsd-ud-dev.conllu")
    rng = random.Random(SEED)
    order = list(range(len(gold)))
    rng.shuffle(order)
    dev_ids = set(order[:100])
    words_map, tags_map = upos_table([s for i, s in enumerate(gold) if i not in dev_ids])

    def gold_doc(sentence: list[dict]) -> Doc:
        return Doc(nlp.vocab, words=[t["form"] for t in sentence], spaces=[t["space_after"] for t in sentence],
                   tags=[f'{t["xpos"]}|{t["upos"]}' for t in sentence], pos=[t["upos"] for t in sentence],
                   morphs=[t["feats"] for t in sentence], sent_starts=[i == 0 for i in range(len(sentence))])

    train, dev = DocBin(), DocBin()
    for i, sentence in enumerate(gold):
        if i in dev_ids:
            dev.add(gold_doc(sentence))
        else:
            for _ in range(3):
                train.add(gold_doc(sentence))
    silver = [json.loads(line) for line in stage_silver(work).read_text(encoding="utf-8").splitlines()]
    per_source: dict[str, list[dict]] = {}
    for item in silver:
        per_source.setdefault(item["source"], []).append(item)
    chosen: list[dict] = []
    for source in sorted(per_source):
        items = per_source[source]
        rng.shuffle(items)
        chosen.extend(items[: silver_sentences // len(per_source)])
    for item in chosen:
        tags = [f'{tag}|{map_upos(tag, word, words_map, tags_map)}' for tag, word in zip(item["tags"], item["words"])]
        train.add(Doc(nlp.vocab, words=item["words"], spaces=item["spaces"], tags=tags))
    train.to_disk(train_path)
    dev.to_disk(dev_path)
    (work / "upos_map.json").write_text(json.dumps({"tags": tags_map}, ensure_ascii=False, indent=1), encoding="utf-8")
    LOG.info("corpus: %d gold (×3) + %d silver sentences; %d dev", len(gold) - len(dev_ids), len(chosen), len(dev_ids))
    return train_path, dev_path


# --------------------------------------------------------------------------- stage 3: train
TAGGER_CONFIG = """
[paths]
train = null
dev = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "de"
pipeline = ["tok2vec","tagger","morphologizer"]
batch_size = 1000

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[components.morphologizer]
factory = "morphologizer"

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = {epochs}
max_steps = 0
eval_frequency = 400
frozen_components = []
annotating_components = []
before_to_disk = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
tag_acc = 0.6
pos_acc = 0.0
morph_acc = 0.4
morph_per_feat = null

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


def with_static_vectors(config: str, vectors: Path | None) -> str:
    """The config with the tok2vec reading the static vectors of ``stage_vectors`` (unchanged without)."""
    if vectors is None:
        return config
    config = config.replace("include_static_vectors = false", "include_static_vectors = true")
    return config.replace("[initialize]\nvectors = null", f'[initialize]\nvectors = "{vectors}"')


def stage_train(work: Path, epochs: int, width: int, depth: int, vectors: Path | None = None) -> Path:
    """Train tok2vec + tagger (STTS|UPOS) + morphologizer; returns model-best."""
    out = work / "tagger"
    best = out / "model-best"
    if best.exists():
        return best
    from spacy.cli.train import train

    config = work / "tagger.cfg"
    config.write_text(with_static_vectors(TAGGER_CONFIG.format(seed=SEED, width=width, depth=depth, epochs=epochs), vectors),
                      encoding="utf-8")
    train_path, dev_path = work / "train.spacy", work / "dev.spacy"
    train(config, out, use_gpu=-1, overrides={"paths.train": str(train_path), "paths.dev": str(dev_path)})
    return best


# --------------------------------------------------------------------------- stage 3a: word vectors
GNAD = DATASETS / "10kgnad-test.csv"
#: Rows kept in the shipped vector table (the most frequent word forms) and their width: a few MB.
VECTOR_ROWS = 20000
VECTOR_WIDTH = 64


def unlabelled_texts(include_gnad: bool = False) -> list[str]:
    """Raw German text for unsupervised word vectors, never the development or evaluation splits:
    CIMT sentences, blog-args excerpts (training text), GermEval 2014 test sentences, UD GSD dev
    sentences, and with ``include_gnad`` the 10kGNAD test articles (labels unused; CC BY-NC-SA, so
    off by default: a model derived from them could not be shipped under the pipeline's licence)."""
    texts: list[str] = []
    if include_gnad and GNAD.exists():
        with GNAD.open(encoding="utf-8", newline="") as handle:
            texts += [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
    texts += read_cimt_sentences()
    if BLOG_ARGS.exists():
        texts += [json.loads(line)["text"] for line in BLOG_ARGS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [" ".join(word for word, _ in sentence) for sentence in read_germeval(GERMEVAL / "NER-de-test.tsv")]
    texts += [" ".join(t["form"] for t in sentence) for sentence in read_conllu(GSD / "de_gsd-ud-dev.conllu")]
    return texts


def stage_vectors(work: Path, rows: int = VECTOR_ROWS, width: int = VECTOR_WIDTH, include_gnad: bool = False) -> Path:
    """fastText vectors (gensim, subword-aware, so rare forms still get good vectors) trained on
    ``unlabelled_texts`` with textmine's tokenizer, the ``rows`` most frequent forms written as a
    spaCy vectors table (a blank German pipeline directory) for the NER's tok2vec."""
    out = work / ("vectors-gnad" if include_gnad else "vectors")
    if (out / "vocab" / "vectors").exists():
        return out
    import numpy
    import spacy
    from gensim.models import FastText

    from textmine.nlp.german.tokenizer import customize_tokenizer

    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    sentences = []
    for text in unlabelled_texts(include_gnad):
        for line in text.split("\n"):
            words = [t.text for t in nlp.make_doc(line) if not t.is_space]
            if words:
                sentences.append(words)
    LOG.info("vectors: %d lines, %d words", len(sentences), sum(map(len, sentences)))
    model = FastText(vector_size=width, window=5, min_count=2, sg=1, epochs=10, workers=2, seed=SEED)
    model.build_vocab(corpus_iterable=sentences)
    model.train(corpus_iterable=sentences, total_examples=len(sentences), epochs=model.epochs)
    words = model.wv.index_to_key[:rows]
    table = numpy.asarray([model.wv[word] for word in words], dtype="float32")
    nlp.vocab.reset_vectors(width=width)
    for word, vector in zip(words, table):
        nlp.vocab.set_vector(word, vector)
    nlp.to_disk(out)
    return out


# --------------------------------------------------------------------------- stage 3b: NER
BLOG_ARGS = DATASETS / "blog-args" / "train.jsonl"
#: Actor types of the blog-args annotation that are named entities.
BLOG_ENTITY_LABELS = {"person": "PER", "organisation": "ORG"}


def ner_config(epochs: int, width: int, depth: int, vectors: Path | None = None) -> str:
    """The tagger config with its own tok2vec and an entity recognizer instead of tagger and
    morphologizer; with ``vectors`` (a spaCy directory from ``stage_vectors``) the NER's tok2vec also
    reads the static word vectors."""
    config = TAGGER_CONFIG.format(seed=SEED, width=width, depth=depth, epochs=epochs)
    head, _, rest = config.partition("[components.tagger]")
    _, _, tail = rest.partition("[corpora]")
    head = head.replace('pipeline = ["tok2vec","tagger","morphologizer"]', 'pipeline = ["tok2vec","ner"]')
    # Names need more hash rows than tags, and the case-sensitive word form beside the norm.
    head = head.replace('attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]\nrows = [5000,1000,2500,2500]',
                        'attrs = ["ORTH","NORM","PREFIX","SUFFIX","SHAPE"]\nrows = [10000,10000,2500,5000,2500]')
    ner = f"""[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

"""
    head, tail = with_static_vectors(head, vectors), with_static_vectors(tail, vectors)
    config = head + ner + "[corpora]" + tail
    start = config.index("[training.score_weights]")
    end = config.index("[pretraining]")
    return config[:start] + "[training.score_weights]\nents_f = 1.0\nents_p = 0.0\nents_r = 0.0\nents_per_type = null\n\n" + config[end:]


def blog_ner_docs(nlp) -> list:  # noqa: ANN001 - a spaCy Language with textmine's tokenizer
    """The persons and organisations of blog-args (real blog text) as PER/ORG entities, one doc per
    line of each excerpt; every whole-word occurrence of a mention string is that entity."""
    from spacy.util import filter_spans

    from textmine.evaluation.actor_gold import gold_mentions

    docs = []
    for line in BLOG_ARGS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        named = [a for a in record.get("actors", []) if a["type"] in BLOG_ENTITY_LABELS]
        mentions = gold_mentions(text, named)
        offset = 0
        for part in text.split("\n"):
            start, end = offset, offset + len(part)
            offset = end + 1
            if len(part.split()) < 3:
                continue
            doc = nlp.make_doc(part)
            spans = []
            for mention in mentions:
                if mention["start"] >= start and mention["end"] <= end:
                    span = doc.char_span(mention["start"] - start, mention["end"] - start,
                                         label=BLOG_ENTITY_LABELS[mention["type"]], alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
            doc.ents = filter_spans(spans)
            docs.append(doc)
    return docs


def stage_ner(work: Path, epochs: int, width: int, depth: int, vectors: Path | None = None) -> Path:
    """NER trained on GermEval 2014 *test* (300 sentences held back for selection) plus the persons
    and organisations of blog-args; GermEval dev stays unseen for ``scripts/evaluate_pipeline.py``."""
    out = work / "ner"
    best = out / "model-best"
    if best.exists():
        return best
    import spacy
    from spacy.cli.train import train
    from spacy.tokens import Doc, DocBin, Span

    from textmine.nlp.german.tokenizer import customize_tokenizer

    nlp = spacy.blank("de")
    sentences = read_germeval(GERMEVAL / "NER-de-test.tsv")
    rng = random.Random(SEED)
    rng.shuffle(sentences)
    bins = {"ner-dev.spacy": DocBin(), "ner-train.spacy": DocBin()}
    for number, sentence in enumerate(sentences):
        doc = Doc(nlp.vocab, words=[w for w, _ in sentence])
        doc.ents = [Span(doc, a, b, label=label) for a, b, label in germeval_entities([l for _, l in sentence])]
        bins["ner-dev.spacy" if number < 300 else "ner-train.spacy"].add(doc)
    if BLOG_ARGS.exists():
        customize_tokenizer(nlp)
        blog_docs = blog_ner_docs(nlp)
        for doc in blog_docs:
            bins["ner-train.spacy"].add(doc)
        LOG.info("ner: %d GermEval sentences + %d blog-args lines", len(sentences) - 300, len(blog_docs))
    for name, docbin in bins.items():
        docbin.to_disk(work / name)
    config = work / "ner.cfg"
    config.write_text(ner_config(epochs, width, depth, vectors), encoding="utf-8")
    train(config, out, use_gpu=-1,
          overrides={"paths.train": str(work / "ner-train.spacy"), "paths.dev": str(work / "ner-dev.spacy")})
    return best


# --------------------------------------------------------------------------- stage 4: assemble
SOURCES = [
    {"name": "UD German GSD 2.x (dev split; test held out for evaluation)",
     "url": "https://github.com/UniversalDependencies/UD_German-GSD", "license": "CC BY-SA 4.0"},
    {"name": "CIMT argument mining dataset 1.1 (sentences, silver STTS by HanTa)",
     "url": "https://github.com/juliaromberg/cimt-argument-mining-dataset",
     "license": "CC BY 4.0 / CC BY-SA 4.0 (Survey-Bonn)"},
    {"name": "GermEval 2014 NER (sentences: silver STTS by HanTa; test split: NER labels)",
     "url": "https://sites.google.com/site/germeval2014ner/", "license": "CC BY 4.0"},
    {"name": "simplemma (lemmatiser, runtime dependency)", "url": "https://github.com/adbar/simplemma",
     "license": "MIT"},
]


def stage_assemble(work: Path, with_ner: bool, pos_source: str) -> Path:
    """Wrap the trained components in textmine's rules and write textmine/data/models/de_textmine_sm."""
    import spacy

    from textmine.nlp.german import tags as german

    nlp = spacy.load(work / "tagger" / "model-best")
    german.customize_tokenizer(nlp)
    nlp.add_pipe("textmine_sentences", first=True)
    gold = read_conllu(GSD / "de_gsd-ud-dev.conllu")
    pairs = sorted({f'{t["xpos"]}|{t["upos"]}' for sentence in gold for t in sentence})
    _, fallback = upos_table(gold)
    nlp.add_pipe("textmine_upos", after="morphologizer",
                 config={"pos_source": pos_source, "allowed_pairs": pairs, "fallback": fallback})
    if with_ner and (work / "ner" / "model-best").exists():
        ner_nlp = spacy.load(work / "ner" / "model-best")
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        nlp.vocab.vectors = ner_nlp.vocab.vectors
        nlp.add_pipe("ner", source=ner_nlp, after="textmine_upos")
    nlp.add_pipe("textmine_lemmatizer")
    nlp.meta.update({
        "name": "textmine_sm", "version": "0.1.0", "lang": "de",
        "description": "textmine's offline German pipeline: blog/citation tokenizer rules, rule sentences, "
                       "CPU tagger (STTS|UPOS, gold GSD dev + HanTa silver), morphologizer (GSD dev), "
                       "simplemma lemmas" + (", GermEval NER" if "ner" in nlp.pipe_names else ""),
        "license": "CC BY-SA 4.0", "author": "textmine",
        "sources": SOURCES + (NER_SOURCES if "ner" in nlp.pipe_names else []),
        "requirements": ["simplemma>=1.0"],
        "notes": "HanTa (LGPL-3.0+) produced silver training tags at build time; it is not shipped. "
                 "10kGNAD (non-commercial) was never used for training.",
    })
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    nlp.to_disk(OUTPUT)
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate_pipeline

    figures = evaluate_pipeline.main_figures(german.offline_pipeline(), OUTPUT)
    meta_path = OUTPUT / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {key: value for key, value in figures.items() if key not in {"pipeline", "components"}}
    meta["performance"]["evaluated_on"] = ("UD German GSD test (tags, morphology, lemmas, sentences), "
                                           "gold/sentences.jsonl (blog sentences), GermEval 2014 dev (NER)")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    LOG.info("performance: %s", meta["performance"])
    return OUTPUT


# --------------------------------------------------------------------------- stage 5: NER into the shipped pipeline
NER_SOURCES = [
    {"name": "GermEval 2014 NER, test split (NER training; dev split held out for evaluation)",
     "url": "https://sites.google.com/site/germeval2014ner/", "license": "CC BY 4.0"},
    {"name": "blog-args (textmine's annotated real blog excerpts): persons and organisations as PER/ORG; "
             "only model weights derived, no text shipped", "url": "", "license": "research use of the pages' text"},
]


def stage_ship_ner(work: Path, output: Path = OUTPUT) -> Path:
    """Add the trained NER (with its own tok2vec) to an already built pipeline at ``output``, after
    the tagger; the tagger is not retrained. Records sources, licences and GermEval dev F1 in meta.json."""
    import spacy

    from textmine.nlp.german import tags as german  # registers textmine's pipeline factories

    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate_pipeline

    nlp = spacy.load(output)
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    ner_nlp = spacy.load(work / "ner" / "model-best")
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.vocab.vectors = ner_nlp.vocab.vectors  # the NER's static vectors (none without --vectors)
    after = "textmine_upos" if "textmine_upos" in nlp.pipe_names else nlp.pipe_names[-1]
    nlp.add_pipe("ner", source=ner_nlp, after=after)
    meta = dict(nlp.meta)
    meta["sources"] = SOURCES + NER_SOURCES
    if ", GermEval NER" not in meta.get("description", ""):
        meta["description"] = meta.get("description", "") + ", GermEval NER"
    nlp.meta.update(meta)
    german.customize_tokenizer(nlp)
    nlp.to_disk(output)
    reloaded = spacy.load(output)
    german.customize_tokenizer(reloaded)
    scores = evaluate_pipeline.ner_scores(reloaded) or {}
    meta_path = output / "meta.json"
    written = json.loads(meta_path.read_text(encoding="utf-8"))
    written.setdefault("performance", {}).update({key: round(value, 4) for key, value in scores.items()})
    written["performance"]["size_mb"] = evaluate_pipeline.model_size_mb(output)
    for stale in ("words_per_second", "words_per_wall_second"):  # measured without the NER
        written["performance"].pop(stale, None)
    written["performance"]["ner_evaluated_on"] = "GermEval 2014 dev (not trained on), gold tokens"
    meta_path.write_text(json.dumps(written, ensure_ascii=False, indent=2), encoding="utf-8")
    LOG.info("ner in %s: %s", output, scores)
    return output


# --------------------------------------------------------------------------- main
STAGES = ("silver", "corpus", "train", "vectors", "ner", "assemble", "ship-ner")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stage", choices=STAGES + ("all",), default="all")
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "textmine-build")
    parser.add_argument("--silver-sentences", type=int, default=8000)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--ner-epochs", type=int, default=12)
    parser.add_argument("--ner-width", type=int, default=128, help="width of the NER's own tok2vec")
    parser.add_argument("--with-ner", action=argparse.BooleanOptionalAction, default=True,
                        help="train the NER (GermEval 2014 test + blog-args persons/organisations)")
    parser.add_argument("--vectors", action=argparse.BooleanOptionalAction, default=True,
                        help="static fastText vectors (stage vectors) as an input of the tagger's and the NER's tok2vec")
    parser.add_argument("--vectors-gnad", action="store_true",
                        help="also train the vectors on 10kGNAD (CC BY-NC-SA: not for a shipped model)")
    parser.add_argument("--ship-ner", action=argparse.BooleanOptionalAction, default=True,
                        help="add the trained NER to the shipped pipeline")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the built pipeline that ship-ner adds the NER to")
    parser.add_argument("--pos-source", choices=("tagger", "morphologizer", "constrained"), default="constrained",
                        help="where UPOS comes from (see textmine.nlp.german.tags.SplitTags)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not DATASETS.exists():
        LOG.error("../shared/datasets not found (%s): the build needs the training data", DATASETS)
        return 2
    random.seed(SEED)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    if args.stage in ("silver", "all"):
        LOG.info("silver → %s", stage_silver(args.work_dir))
    if args.stage in ("corpus", "all"):
        LOG.info("corpus → %s", stage_corpus(args.work_dir, args.silver_sentences))
    vectors = None
    if args.stage in ("vectors", "train", "ner", "all") and args.vectors:
        vectors = stage_vectors(args.work_dir, include_gnad=args.vectors_gnad)
        LOG.info("vectors → %s", vectors)
    if args.stage in ("train", "all"):
        LOG.info("train → %s", stage_train(args.work_dir, args.epochs, args.width, args.depth, vectors))
    if args.stage in ("ner", "all") and args.with_ner:
        LOG.info("ner → %s", stage_ner(args.work_dir, args.ner_epochs, args.ner_width, args.depth, vectors))
    if args.stage in ("assemble", "all"):
        LOG.info("assemble → %s", stage_assemble(args.work_dir, args.ship_ner, args.pos_source))
    if args.stage == "ship-ner":
        LOG.info("ship-ner → %s", stage_ship_ner(args.work_dir, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
