"""Who cites whom: the blog's authors and the authors they cite, from pandas and from plain SQL.

Notebook-style (each ``# %%`` is a cell). Run on an ingested corpus:

    textmine ingest corpus/sample-blog.xml
    python docs/examples/who_cites_whom.py --db textmine.sqlite
"""
# %%
import argparse
import sqlite3

import textmine

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--db", default="textmine.sqlite")
parser.add_argument("--top", type=int, default=15)
args = parser.parse_args()

# %% pandas: one row per cited author of each in-text citation (a citation of two authors is two rows)
with textmine.Corpus(args.db, readonly=True) as corpus:
    cited = corpus.citations(by_author=True)
edges = (cited.groupby(["post_author", "author"]).agg(citations=("citation", "size"), posts=("post_id", "nunique"))
         .reset_index().sort_values(["citations", "post_author", "author"], ascending=[False, True, True]))
print(f"{len(cited)} cited names in {cited['post_id'].nunique()} posts; {len(edges)} author → cited pairs")
print(edges.head(args.top).to_string(index=False))

# %% The same from plain SQL (any SQLite client, Datasette, DuckDB's sqlite extension, R's DBI)
QUERY = """
SELECT p.author AS post_author, ca.author AS cited, count(*) AS citations, count(DISTINCT p.id) AS posts
FROM citation_authors ca JOIN posts p ON p.id = ca.post_id
GROUP BY p.author, ca.author
ORDER BY citations DESC, post_author, cited
"""
with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as connection:
    rows = connection.execute(QUERY).fetchall()
assert [(a, b, n) for a, b, n, _ in rows] == list(edges[["post_author", "author", "citations"]].itertuples(index=False, name=None))
print(f"SQL gives the same {len(rows)} pairs")

# %% Most cited works (author + year), with how many of the blog's authors cite them
works = cited.dropna(subset=["year"]).groupby(["author", "year"]).agg(
    citations=("citation", "size"), citing_authors=("post_author", "nunique")).reset_index()
print(works.sort_values(["citations", "author"], ascending=[False, True]).head(args.top).to_string(index=False))
