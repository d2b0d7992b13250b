"""Person names merged across a corpus (textmine.discourse.names), invented records."""
from __future__ import annotations

import copy
import json

from textmine.discourse.names import merge_names, person_names


def record(*persons: str, critics: tuple[str, ...] = (), holders: tuple[str, ...] = ()) -> dict:
    return {
        "actors": [{"text": p, "canonical": p, "type": "person", "sector": "unknown"} for p in persons],
        "critiques": [{"text": "…", "critic": c, "target": "Förderprogramm"} for c in critics],
        "claims": [{"text": "…", "holder": h} for h in holders],
    }


def test_a_surname_joins_the_one_full_name_of_the_corpus():
    names = person_names([record("Veiko Lember"), record("Lember", critics=("Lember",))])
    assert names == {"Lember": "Veiko Lember"}


def test_a_surname_two_people_share_stays_as_written():
    names = person_names([record("Anna Müller"), record("Bernd Müller"), record(critics=("Müller", "Anna Müller"))])
    assert "Müller" not in names and "Anna Müller" not in names


def test_a_surname_of_two_first_names_stays_as_written():
    names = person_names([record("Sabine Winter", "Tom Winter"), record(critics=("Winter",))])
    assert "Winter" not in names


def test_titles_roles_and_initials_join_the_full_name():
    records = [record("Verena Bentele", "Sherry R. Arnstein"),
               record(critics=("Verbandspräsidentin Bentele", "Sherry Arnstein"), holders=("Prof. Dr. Arnstein",))]
    names = person_names(records)
    assert names["Verbandspräsidentin Bentele"] == "Verena Bentele"
    assert names["Sherry Arnstein"] == "Sherry R. Arnstein"
    assert names["Prof. Dr. Arnstein"] == "Sherry R. Arnstein"


def test_an_initial_of_another_given_name_does_not_join():
    names = person_names([record("Sherry Arnstein"), record(critics=("K. Arnstein",))])
    assert "K. Arnstein" not in names


def test_organisations_and_the_author_are_not_person_names():
    names = person_names([record(critics=("author", "Paritätischer Wohlfahrtsverband", "Wohlfahrtsverband"))])
    assert names == {}


def test_merge_replaces_critics_holders_and_actors_without_changing_the_stored_record():
    stored = record("Lember", critics=("Lember",), holders=("Lember",))
    before = copy.deepcopy(stored)
    merged = merge_names(stored, {"Lember": "Veiko Lember"})
    assert stored == before
    assert merged["critiques"][0]["critic"] == merged["claims"][0]["holder"] == "Veiko Lember"
    assert merged["actors"][0]["canonical"] == "Veiko Lember"


def test_the_critiques_listing_counts_a_person_once(tmp_path):
    from typer.testing import CliRunner

    from tests.helpers import write_feed
    from textmine.cli import app
    from textmine.corpus import Corpus

    db = tmp_path / "names.sqlite"
    with Corpus(db) as corpus:
        corpus.ingest([str(write_feed(tmp_path / "feed.xml", range(2)))], analyze=False)
        posts = [post for post, _ in corpus.records()]
        with corpus.store.transaction():
            for post, critic in zip(posts, ("Veiko Lember", "Lember")):
                analysis = record(critic, critics=(critic,))
                analysis.update(id=post.id, text="", claims=[], citations=[], quotes=[], references=[])
                analysis["critiques"][0].update(start=0, end=1, score=0.9)
                analysis["actors"][0].update(start=0, end=1)
                corpus.store.save_analysis(post.id, post.content_hash, "test", analysis, [])
    result = CliRunner().invoke(app, ["critiques", "--count", "critic", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"critic": "Veiko Lember", "count": 2}]
