"""The word lists behind citation detection, read from ``data/lexicons/citations/*.txt``.

They live in data files so that users can extend them (a corpus with other cue words, places or
name particles) without touching code; :func:`load_lexicons` takes another directory for that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from textmine import resources
from textmine.nlp.common.bibliography import HEADINGS_FILE, heading_keys
from textmine.nlp.common.speech import SPEECH_VERBS_FILE, SpeechVerbs, read_speech_verbs, speech_verbs

LEXICON_DIR = resources.lexicon_dir("citations")


def read_list(path: Path) -> tuple[str, ...]:
    """Non-empty lines of a lexicon file, without ``#`` comment lines."""
    return tuple(resources.read_lines(path)) if path.exists() else ()


@dataclass(frozen=True)
class CitationLexicons:
    """Every list the citation parser consults (lowercased where matching is case-insensitive)."""

    cues: tuple[str, ...]
    narrative_cues: frozenset[str]
    ibid: tuple[str, ...]
    headings: frozenset[str]
    non_authors: frozenset[str]
    non_author_suffixes: tuple[str, ...]
    particles: frozenset[str]
    places: frozenset[str]
    s_surnames: frozenset[str]
    corporate_heads: frozenset[str]
    bib_notes: tuple[str, ...]
    determiners: frozenset[str]
    first_names: frozenset[str]
    org_heads: tuple[tuple[str, str], ...] = ()
    legal_forms: frozenset[str] = frozenset()
    speech_verbs: SpeechVerbs = SpeechVerbs(frozenset(), ())
    anaphora: tuple[str, ...] = ()
    lead_ins: tuple[str, ...] = ()
    lowercase_non_authors: frozenset[str] = frozenset()
    title_cues: frozenset[str] = frozenset()

    def org_head(self, word: str) -> tuple[str, str] | None:
        """(head suffix, gender) when ``word`` ends in an organisation head ("Energieagentur"),
        also in the genitive ("Datenlabors", "Verbandes"); the longest head wins."""
        index, lengths = self._org_head_index
        low = word.lower()
        for length in lengths:
            for ending in ("", "s", "es"):
                if ending and not low.endswith(ending):
                    continue
                stem = low[: len(low) - len(ending)]
                if len(stem) < length:
                    continue
                for gender in index.get(stem[-length:], ()):
                    if ending == "" or gender in "mn":
                        return stem[-length:], gender
        return None

    @cached_property
    def _org_head_index(self) -> tuple[dict[str, tuple[str, ...]], tuple[int, ...]]:
        """Head suffix -> its genders (in list order), and the suffix lengths, longest first."""
        index: dict[str, tuple[str, ...]] = {}
        for suffix, gender in self.org_heads:
            index[suffix] = index.get(suffix, ()) + (gender,)
        return index, tuple(sorted({len(suffix) for suffix in index}, reverse=True))

    @cached_property
    def cue_re(self) -> re.Pattern[str]:
        """Cue words at a position; a word cue must end at a word boundary ("so", not "Sonne")."""
        parts = [re.escape(cue) + ("" if cue[-1] in ".:" else r"(?![\w’'\-])") for cue in self.cues]
        return re.compile(r"\s*(?:" + "|".join(parts) + ")", re.IGNORECASE)

    @cached_property
    def ibid_re(self) -> re.Pattern[str]:
        parts = [re.escape(word) + ("" if word[-1] == "." else r"(?!\w)") for word in self.ibid]
        return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + ")", re.IGNORECASE)

    @cached_property
    def lead_in_re(self) -> re.Pattern[str]:
        """A lead-in word inside a parenthesis ("bei", "in", "unter anderem") followed by a space."""
        parts = [re.escape(word) for word in self.lead_ins] or ["(?!)"]
        return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")\s+", re.IGNORECASE)

    @cached_property
    def narrative_particles(self) -> frozenset[str]:
        """Particles that stay name parts in running text ("von"/"zu" are cues there)."""
        return self.particles - self.narrative_cues


@lru_cache(maxsize=8)
def load_lexicons(directory: str | None = None) -> CitationLexicons:
    """Load the citation lexicons from ``directory`` (default: the shipped ones)."""
    base = Path(directory) if directory else LEXICON_DIR

    def words(name: str) -> tuple[str, ...]:
        own = read_list(base / name)
        return own if own or base == LEXICON_DIR else read_list(LEXICON_DIR / name)

    def lower(name: str) -> tuple[str, ...]:
        return tuple(word.lower() for word in words(name))

    return CitationLexicons(
        cues=tuple(sorted(set(lower("cues.txt")), key=len, reverse=True)),
        narrative_cues=frozenset(lower("narrative_cues.txt")),
        ibid=tuple(sorted(set(lower("ibid.txt")), key=len, reverse=True)),
        # Shared with the actors and arguments components (data/lexicons/common); a user's folder
        # may bring its own list.
        headings=frozenset(h.lower() for h in read_list(base / HEADINGS_FILE)) or heading_keys(),
        non_authors=frozenset(words("non_authors.txt")),
        non_author_suffixes=lower("non_author_suffixes.txt"),
        particles=frozenset(lower("particles.txt")),
        places=frozenset(words("places.txt")),
        s_surnames=frozenset(words("s_surnames.txt")),
        corporate_heads=frozenset(words("corporate_heads.txt")),
        bib_notes=tuple(sorted(set(lower("bib_notes.txt")), key=len, reverse=True)),
        determiners=frozenset(lower("determiners.txt")),
        # Shared with the actor component: a first name before a capitalised word marks a person.
        first_names=frozenset(resources.lexicon_lines("actors", "first_names.txt")),
        org_heads=tuple(sorted(
            {(parts[0].lower(), parts[1] if len(parts) > 1 else "f")
             for parts in (line.split() for line in words("org_heads.txt"))},
            key=lambda item: len(item[0]), reverse=True)),
        legal_forms=frozenset(words("legal_forms.txt")),
        speech_verbs=read_speech_verbs(base / SPEECH_VERBS_FILE) if (base / SPEECH_VERBS_FILE).exists() else speech_verbs(),
        anaphora=tuple(sorted(set(lower("anaphora.txt")), key=len, reverse=True)),
        lead_ins=tuple(sorted(set(lower("lead_ins.txt")), key=len, reverse=True)),
        lowercase_non_authors=frozenset(lower("lowercase_non_authors.txt")),
        title_cues=frozenset(lower("title_cues.txt")),
    )
