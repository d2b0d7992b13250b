"""Topics per actor: which themes the posts that mention an actor are about.

Notebook-style (each ``# %%`` is a cell). Run on an ingested corpus:

    textmine ingest corpus/sample-blog.xml
    python docs/examples/topics_per_actor.py --db textmine.sqlite [--k 5]

Uses the latest stored topic run, or fits one (``Corpus.fit_topics``) when there is none.
"""
# %%
import argparse

import textmine

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--db", default="textmine.sqlite")
parser.add_argument("--k", default="5", help="topics to fit when no run is stored")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--top", type=int, default=10, help="actors to show")
args = parser.parse_args()

# %% A topic run: the latest, or a new one
with textmine.Corpus(args.db) as corpus:
    if not corpus.topic_runs():
        fitted = corpus.fit_topics(int(args.k) if args.k.isdigit() else args.k, seed=args.seed)
        print(f"fitted run {fitted.id}: k={fitted.model.k}")
    shares = corpus.topics()            # one row per post and topic: weight, label, dominant
    mentions = corpus.actors("mention")  # one row per actor mention
    terms = corpus.topic_terms()

print(terms[["topic", "label", "share"]].to_string(index=False))

# %% Mean topic weights of the posts that mention each actor (each post counted once per actor)
posts_of = mentions[["canonical", "post_id"]].drop_duplicates()
weights = shares.pivot_table(index="post_id", columns="label", values="weight")
per_actor = posts_of.join(weights, on="post_id").groupby("canonical").mean(numeric_only=True)
per_actor.insert(0, "posts", posts_of.groupby("canonical").size())
top = per_actor.sort_values(["posts"], ascending=False).head(args.top)
print(top.round(2).to_string())

# %% Each actor's strongest topic
strongest = top.drop(columns="posts").idxmax(axis=1)
for actor, label in strongest.items():
    print(f"{actor}: {label}")
