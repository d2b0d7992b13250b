"""Claims and critiques of one actor over time.

Notebook-style (each ``# %%`` is a cell). Run on an ingested corpus:

    textmine ingest corpus/sample-blog.xml
    python docs/examples/claims_of_one_actor_over_time.py --db textmine.sqlite [--actor Hartmann]

Without ``--actor`` it takes the actor who holds the most claims and critiques (the blog's own
authors excluded).
"""
# %%
import argparse

import pandas as pd

import textmine

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--db", default="textmine.sqlite")
parser.add_argument("--actor", default=None, help="part of the actor's name (case-insensitive)")
args = parser.parse_args()

# %% One row per claim and per critique; holder_name / critic_name resolve "author" to the post's author.
with textmine.Corpus(args.db, readonly=True) as corpus:
    claims = corpus.claims()
    critiques = corpus.critiques()

positions = claims.assign(kind="claim", actor=claims["holder_name"], reported=~claims["holder_is_author"])
judgements = critiques.assign(kind="critique", actor=critiques["critic_name"], reported=~critiques["critic_is_author"])
columns = ["post_id", "published", "kind", "actor", "reported", "text"]
statements = pd.concat([positions[columns], judgements[columns]], ignore_index=True)

# %% Pick the actor
if args.actor:
    mask = statements["actor"].fillna("").str.casefold().str.contains(args.actor.casefold(), regex=False)
    actor = args.actor
else:
    reported = statements[statements["reported"]]
    if reported.empty:
        raise SystemExit("no claims or critiques of other actors than the blog's authors in this corpus")
    actor = reported["actor"].value_counts().index[0]
    mask = statements["actor"] == actor
mine = statements[mask].copy()
print(f"{actor}: {len(mine)} claims and critiques in {mine['post_id'].nunique()} posts")
if mine.empty:
    raise SystemExit(0)

# %% Per year: how many claims and critiques
mine["year"] = mine["published"].dt.year
per_year = mine.pivot_table(index="year", columns="kind", values="text", aggfunc="count", fill_value=0)
print(per_year.to_string())

# %% The statements themselves, oldest first
for row in mine.sort_values("published").itertuples():
    print(f"{row.published:%Y-%m-%d} {row.kind:8} {row.text[:100]}")
