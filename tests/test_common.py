"""The German knowledge the components share (textmine.nlp.common), written once."""
from __future__ import annotations

import re

from textmine.nlp.common.bibliography import bibliography_headings, heading_keys, heading_line_regex
from textmine.nlp.common.names import LOWER, UPPER, strip_genitive
from textmine.nlp.common.speech import SpeechVerbs, speech_verbs


def test_genitives_go_only_from_known_names_unless_guessing():
    known = {"Lember", "Putnam"}
    assert strip_genitive("Lembers", known) == "Lember"
    assert strip_genitive("Putnam’s", known) == "Putnam"
    assert strip_genitive("Schröders", known) == "Schröders"  # unknown: kept without guess
    assert strip_genitive("Schröders", known, guess=True) == "Schröder"
    assert strip_genitive("Haas", known, guess=True) == "Haas"  # a vowel before the s
    assert strip_genitive("Evans", known, keep={"Evans"}, guess=True) == "Evans"
    assert strip_genitive("Als", known, guess=True) == "Als"  # too short to guess


def test_name_letters_reach_beyond_german():
    name = re.compile(rf"[{UPPER}][{LOWER}]+")
    for word in ("Özdemir", "Łukasz", "Ștefan", "Çelik", "Aydın"):
        assert name.fullmatch(word), word
    assert not name.fullmatch("über")


def test_one_heading_list_for_every_component():
    headings = bibliography_headings()
    assert "Literatur" in headings and "Zum Weiterlesen" in headings and "literaturverzeichnis" in heading_keys()
    text = "Ein Absatz.\n\nLiteraturverzeichnis:\nLember, Veiko (2018): Titel."
    assert heading_line_regex().search(text).group(0).startswith("Literaturverzeichnis")
    assert heading_line_regex().search("Die Literatur zeigt das.") is None


def test_speech_verbs_match_forms_and_stems_as_whole_words():
    verbs = speech_verbs()
    for word in ("sagte", "Sagt", "kritisierte", "schrieb", "so", "bilanzierte"):
        assert word in verbs, word
    assert "laut" not in verbs and "Sonne" not in verbs
    own = SpeechVerbs.from_entries(["meint*", "so"])
    assert "meinte" in own and "so" in own and "sagt" not in own
    assert re.fullmatch(own.regex(), "Meinten")
