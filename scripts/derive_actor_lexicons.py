"""Derive actor lexicons from the real training annotation (``../shared/datasets/blog-args``).

Writes two derived tables (counts and short surface forms only, no text) into
``textmine/data/lexicons/actors/``:

* ``learnt_mentions.tsv``: surface form -> canonical, type, sector, for the forms that the
  annotators marked as an actor in most excerpts where they occur (``annotated / occurring``
  ≥ ``--min-rate``, annotated in ≥ ``--min-count`` excerpts). A collective is an actor when it acts or
  is acted upon; the rate says how often a form is used that way.
* ``learnt_first_names.txt``: first names from the person names of GermEval 2014 test and blog-args.
* ``learnt_collectives.tsv``: collective nouns the annotators mark as actors that the hand lexicon
  (``collectives.tsv``) lacks, in its format: a lemma marked in ≥ 2 excerpts and in at least half of
  the excerpts where its forms occur, or in ≥ 10 excerpts and a fifth of them ("Menschen": a frequent
  actor although often used generically); its forms are the annotated surfaces used as an actor in
  at least a fifth of the excerpts where they occur ("Länder" but not the singular "Land").
* ``person_sector_words.tsv``, ``organisation_sector_words.tsv``: for the sector of actors no rule
  places, how often each feature (``textmine.nlp.actors.context.sector_features``: context words,
  an organisation's name words; in ≥ 3 actors' features) goes with actors of each sector, and the
  number of actors per sector (word ``__actors__``): counts only, no text.
* ``learnt_not_acronyms.txt``: acronyms (``patterns.ACRONYM``) that occur in the training text but
  never alone name an annotated actor ("SGB", "KI", "NRW"): the acronym rule skips them.
* ``learnt_not_actors.tsv``: canonical forms that the rules (collective lexicon) find but the
  annotators rarely marked (role nouns, institutions as places, policy words): the actor component
  drops them.

The development gold (``corpus/real-blogs``) is never read here.

    PYTHONPATH=. python scripts/derive_actor_lexicons.py
"""
from __future__ import annotations

import argparse
import re
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textmine import resources  # noqa: E402
from textmine.evaluation.actor_gold import gold_mentions, occurrences  # noqa: E402
from textmine.nlp.actors import patterns as actor_patterns  # noqa: E402

TRAIN = ROOT.parent / "shared" / "datasets" / "blog-args" / "train.jsonl"
GERMEVAL_TEST = ROOT.parent / "shared" / "datasets" / "germeval2014" / "NER-de-test.tsv"
NAME = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèáàíóúçñëï]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóúçñëï]+)?")


def first_names(records: list[dict], germeval: Path) -> list[tuple[str, int]]:
    """First words of multi-word person names (GermEval 2014 test PER spans, blog-args persons)
    that are used as part of a person name in at least half of their GermEval occurrences."""
    named: Counter[str] = Counter()
    in_person: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    if germeval.exists():
        sentence: list[tuple[str, str]] = []
        for line in [*germeval.read_text(encoding="utf-8").splitlines(), ""]:
            if line.startswith("#"):
                continue
            if line.strip():
                cols = line.split("\t")
                sentence.append((cols[1], cols[2]))
                continue
            for index, (word, label) in enumerate(sentence):
                anywhere[word] += 1
                in_person[word] += label.endswith("PER")
                following = sentence[index + 1][1] if index + 1 < len(sentence) else "O"
                if label == "B-PER" and following == "I-PER":
                    named[word] += 1
            sentence = []
    for record in records:
        for actor in record.get("actors", []):
            words = actor["canonical"].split()
            if actor["type"] == "person" and len(words) >= 2:
                named[words[0]] += 1
    return sorted((word, count) for word, count in named.items()
                  if NAME.fullmatch(word) and len(word) >= 3 and in_person[word] * 2 >= anywhere[word])


def learnt_collectives(records: list[dict]) -> list[tuple[str, str, str, str]]:
    """(lemma, sector, gendered, forms) for collective nouns of the annotation unknown to the lexicon."""
    from textmine.nlp.actors.canonical import COLLECTIVES_FILE, fold_gender, load_collectives, match_collective

    hand = load_collectives(COLLECTIVES_FILE, learnt=None)  # not the previous run's output

    surfaces: dict[str, Counter[str]] = defaultdict(Counter)  # lemma -> surface -> excerpts marked
    marked: Counter[str] = Counter()
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        seen: set[str] = set()
        for actor in record.get("actors", []):
            lemma = actor["canonical"]
            if actor["type"] != "collective" or actor.get("citation_only") or " " in lemma or not lemma[:1].isupper():
                continue
            words = {m for m in actor.get("mentions", []) if " " not in m and m[:1].isupper()}
            if not words:
                continue
            surfaces[lemma].update(words)
            sectors[lemma][actor["sector"]] += 1
            seen.add(lemma)
        marked.update(seen)
    rows = []
    for lemma, count in sorted(marked.items()):
        if match_collective(lemma, hand) is not None or all(match_collective(w, hand) is not None for w in surfaces[lemma]):
            continue
        present = [sum(1 for record in records if next(occurrences(record["text"], w), None) is not None) for w in surfaces[lemma]]
        forms = [w for w, n in zip(surfaces[lemma], present) if surfaces[lemma][w] >= 0.2 * max(n, 1)]
        occurring = sum(1 for record in records if any(next(occurrences(record["text"], w), None) is not None for w in surfaces[lemma]))
        rate = count / max(occurring, count)
        if not forms or count < 2 or not (rate >= 0.5 or (count >= 10 and rate >= 0.2)):
            continue
        gendered = "y" if any(fold_gender(w) != w for w in forms) else "n"
        rows.append((lemma, sectors[lemma].most_common(1)[0][0], gendered, "|".join(sorted(forms))))
    return rows


def sector_counts(records: list[dict], actor_type: str, min_actors: int = 3) -> list[tuple[str, str, int]]:
    """(word, sector, actors) rows for the sector model of one actor type, and ("__actors__", sector, n)."""
    from textmine.nlp.actors.context import sector_features

    actors: list[tuple[set[str], str]] = []
    for record in records:
        mentions = gold_mentions(record["text"], record.get("actors", []))
        for index, actor in enumerate(record.get("actors", [])):
            spans = [(m["start"], m["end"]) for m in mentions if m["actor"] == index]
            if actor["type"] == actor_type and spans:
                actors.append((sector_features(record["text"], spans, actor_type, actor["canonical"]), actor["sector"]))
    spread = Counter(word for features, _ in actors for word in features)
    counts: Counter[tuple[str, str]] = Counter()
    for features, sector in actors:
        counts[("__actors__", sector)] += 1
        counts.update((word, sector) for word in features if spread[word] >= min_actors)
    return sorted((word, sector, n) for (word, sector), n in counts.items())


OUT_DIR = resources.lexicon_dir("actors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--min-rate", type=float, default=0.5)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--max-drop-rate", type=float, default=0.34)
    parser.add_argument("--min-drop-count", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"error: {args.train} not found\nhint: the training data lives in ../shared/datasets/blog-args", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines() if line.strip()]

    labels: dict[str, Counter] = defaultdict(Counter)  # surface -> (canonical, type, sector) counts
    annotated: Counter[str] = Counter()
    for record in records:
        seen: set[str] = set()
        for actor in record.get("actors", []):
            if actor.get("citation_only"):
                continue
            for surface in set(actor.get("mentions", [])):
                surface = surface.strip()
                if len(surface) < 2 or len(surface.split()) > 5:
                    continue
                labels[surface][(actor["canonical"], actor["type"], actor["sector"])] += 1
                seen.add(surface)
        annotated.update(seen)
    occurring: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        occurring.update(surface for surface in labels if next(occurrences(text, surface), None) is not None)

    rows = []
    for surface, count in annotated.items():
        rate = count / max(occurring[surface], count)
        if count < args.min_count or rate < args.min_rate:
            continue
        (canonical, actor_type, sector), votes = labels[surface].most_common(1)[0]
        if actor_type == "person" and len(surface.split()) < 2:
            continue  # a surname alone names different people on different pages
        rows.append((surface, canonical, actor_type, sector, count, occurring[surface]))
    rows.sort(key=lambda row: (row[2], row[1], row[0]))
    with (OUT_DIR / "learnt_mentions.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Derived by scripts/derive_actor_lexicons.py from the blog-args training annotation: surface\n"
                     "# forms marked as an actor in most excerpts where they occur. Regenerate, do not edit.\n")
        handle.write("surface\tcanonical\ttype\tsector\tannotated\toccurring\n")
        for row in rows:
            handle.write("\t".join(map(str, row)) + "\n")

    collectives = learnt_collectives(records)
    with (OUT_DIR / "learnt_collectives.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Derived by scripts/derive_actor_lexicons.py: collective nouns the blog-args annotators mark\n"
                     "# as actors that collectives.tsv lacks (same columns; plural \"-\", forms as annotated).\n")
        handle.write("lemma\tplural\tsector\tgendered\thead\tclass\tforms\n")
        for lemma, sector, gendered, forms in collectives:
            handle.write(f"{lemma}\t-\t{sector}\t{gendered}\tn\tnoun\t{forms}\n")

    for actor_type in ("person", "organisation"):
        sector_rows = sector_counts(records, actor_type)
        with (OUT_DIR / f"{actor_type}_sector_words.tsv").open("w", encoding="utf-8") as handle:
            handle.write(f"# Derived by scripts/derive_actor_lexicons.py: {actor_type}s of each sector in the blog-args\n"
                         f"# annotation with each context (and name:) word of theirs (__actors__: all of the sector).\n")
            handle.write("word\tsector\tactors\n")
            handle.write("".join(f"{word}\t{sector}\t{n}\n" for word, sector, n in sector_rows))

    acronyms: Counter[str] = Counter()
    actor_acronyms: set[str] = set()
    for record in records:
        for match in actor_patterns.ACRONYM.finditer(record["text"]):
            acronyms[match.group("name")] += 1
        for actor in record.get("actors", []):
            for mention in actor.get("mentions", []):
                whole = actor_patterns.ACRONYM.fullmatch(mention.strip())
                if whole is not None:  # the acronym alone names the actor (not "Caritas in NRW")
                    actor_acronyms.add(whole.group("name"))
    not_acronyms = sorted(name for name in acronyms if name not in actor_acronyms)
    with (OUT_DIR / "learnt_not_acronyms.txt").open("w", encoding="utf-8") as handle:
        handle.write("# Derived by scripts/derive_actor_lexicons.py: acronyms of the blog-args text that never alone\n"
                     "# name an annotated actor (laws, programmes, places, topics); the acronym rule skips them.\n")
        handle.write("".join(f"{name}\n" for name in not_acronyms))

    # Rule hits (collective lexicon) the annotators rarely marked.
    predicted: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        gold = gold_mentions(text, [a for a in record.get("actors", [])])
        hit_canonicals: set[str] = set()
        ok_canonicals: set[str] = set()
        for candidate in actor_patterns.find_collectives(text, not_actors=frozenset()):
            hit_canonicals.add(candidate.canonical)
            if any(g["start"] < candidate.end and candidate.start < g["end"] for g in gold):
                ok_canonicals.add(candidate.canonical)
        predicted.update(hit_canonicals)
        confirmed.update(ok_canonicals)
    drops = [(canonical, n, confirmed[canonical]) for canonical, n in predicted.items()
             if n >= args.min_drop_count and confirmed[canonical] / n <= args.max_drop_rate]
    drops.sort()
    with (OUT_DIR / "learnt_not_actors.tsv").open("w", encoding="utf-8") as handle:
        handle.write("# Derived by scripts/derive_actor_lexicons.py: collective-lexicon hits that the blog-args\n"
                     "# annotators marked as actors in at most a third of the excerpts where the rules find them.\n")
        handle.write("canonical\tfound_in\tannotated_in\n")
        for row in drops:
            handle.write("\t".join(map(str, row)) + "\n")
    excluded = set(resources.read_lines(OUT_DIR / "first_names_excluded.txt"))
    names = [(word, count) for word, count in first_names(records, GERMEVAL_TEST) if word not in excluded]
    with (OUT_DIR / "learnt_first_names.txt").open("w", encoding="utf-8") as handle:
        handle.write("# Derived by scripts/derive_actor_lexicons.py: first words of multi-word person names in\n"
                     "# GermEval 2014 test (CC BY 4.0) and the blog-args persons, used in person names in at least\n"
                     "# half of their GermEval occurrences. Read together with first_names.txt.\n")
        handle.write("".join(f"{word}\n" for word, _ in names))
    print(f"learnt_mentions.tsv: {len(rows)} forms; learnt_collectives.tsv: {len(collectives)} lemmas; learnt_not_actors.tsv: {len(drops)} canonical forms; "
          f"learnt_first_names.txt: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
