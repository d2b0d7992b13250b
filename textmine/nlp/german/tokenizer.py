"""Tokenizer rules for German blog and citation text, applicable to any German spaCy pipeline.

Abbreviations ("vgl.", "a.a.O.", "et al.") stay one token so that they do not end sentences;
gender-inclusive forms ("Nutzer/innen", "Kund:innen") stay one token so that they lemmatise and
count as one word; URLs, e-mail addresses, hashtags and mentions stay whole.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from textmine import resources

LEXICONS = resources.lexicon_dir("tokenizer")
ABBREVIATIONS_FILE = LEXICONS / "abbreviations.txt"
GENDER_SUFFIXES_FILE = LEXICONS / "gender_suffixes.txt"

#: Marks textmine's part of the token_match pattern, so that customising twice is a no-op.
_MARKER = "(?#textmine)"
_URL = r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}'’”]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
_HASHTAG = r"[#@][^\W\d_][\w-]*\w|[#@][^\W\d_]"
#: A full stop glued to the next sentence (" .Die") and a year's full stop ("im Jahr 2019.")
#: are split off; German keeps other "3." tokens whole because they are ordinals.
_PREFIX = r"(?#textmine)\.(?=[A-ZÄÖÜ][a-zäöüß])"
_SUFFIX = r"(?#textmine)(?:(?<=[12][0-9]{3})|(?<=/))\."


def read_lexicon(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a lexicon file."""
    return resources.read_lines(path)


@lru_cache(maxsize=None)
def abbreviations() -> tuple[str, ...]:
    """The abbreviations from the data file plus capitalised variants ("vgl." → "Vgl.")."""
    found: list[str] = []
    for entry in read_lexicon(ABBREVIATIONS_FILE):
        for variant in (entry, entry[:1].upper() + entry[1:]):
            if variant not in found:
                found.append(variant)
    return tuple(found)


@lru_cache(maxsize=None)
def gender_pattern() -> str:
    """Regex for one gender-inclusive word: stem + separator + lower-case ending."""
    endings = sorted(read_lexicon(GENDER_SUFFIXES_FILE), key=len, reverse=True)
    ending = "|".join(re.escape(item) for item in endings)
    return rf"[^\W\d_]+(?:/-?|[*:_])(?:{ending})|[^\W\d_]*[a-zäöüß]Innen"


@lru_cache(maxsize=None)
def textmine_token_pattern() -> str:
    """The whole-token pattern textmine adds in front of a tokenizer's own token_match."""
    return _MARKER + rf"(?:{_URL}|{_EMAIL}|{_HASHTAG}|{gender_pattern()})$"


def customize_tokenizer(nlp: Language) -> None:
    """Add textmine's abbreviations and whole-token patterns to a German pipeline (idempotent)."""
    tokenizer = _inner(nlp)
    for abbreviation in abbreviations():
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    _extend_affixes(nlp)
    ours = textmine_token_pattern()
    current = tokenizer.token_match
    current_pattern = getattr(getattr(current, "__self__", None), "pattern", None)
    if current_pattern is not None and _MARKER in current_pattern:
        return
    if current is None:
        tokenizer.token_match = re.compile(ours).match
    elif current_pattern is not None:
        tokenizer.token_match = re.compile(f"(?:{ours})|(?:{current_pattern})").match
    else:
        own = re.compile(ours).match
        tokenizer.token_match = lambda text: own(text) or current(text)


def _extend_affixes(nlp: Language) -> None:
    """Put textmine's prefix and suffix rules in front of the tokenizer's own (idempotent)."""
    tokenizer = _inner(nlp)
    prefix = getattr(tokenizer.prefix_search, "__self__", None)
    if prefix is not None and _MARKER not in prefix.pattern:
        # "#" before a letter starts a hashtag, not a prefix to split off ("#Digitalisierung.").
        own = prefix.pattern.replace("|^#|", "|^#(?![^\\W\\d_])|")
        tokenizer.prefix_search = re.compile(f"^{_PREFIX}|{own}").search
    suffix = getattr(tokenizer.suffix_search, "__self__", None)
    if suffix is not None and _MARKER not in suffix.pattern:
        tokenizer.suffix_search = re.compile(f"{_SUFFIX}$|{suffix.pattern}").search


#: Whitespace-free runs longer than this are not words (base64, "((((…", pasted junk). spaCy's
#: affix search is quadratic in the length of such a run, so they are cut before tokenising.
LONG_RUN = 400
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)
_PIECE = 100


class GuardedTokenizer:
    """Wraps a pipeline's tokenizer so that adversarial whitespace-free runs cost linear time.

    Ordinary text goes to the wrapped tokenizer unchanged; a run of more than ``LONG_RUN``
    characters without whitespace is cut into ``_PIECE``-character tokens. ``doc.text`` is always
    the input text."""

    def __init__(self, tokenizer: object) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in _LONG_RUN.finditer(text):
            self._add_tokens(text[position:match.start()], words, spaces)
            run = match.group()
            for offset in range(0, len(run), _PIECE):
                words.append(run[offset:offset + _PIECE])
                spaces.append(False)
            position = match.end()
        self._add_tokens(text[position:], words, spaces)
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def _add_tokens(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if not segment:
            return
        for token in self.tokenizer(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def __getattr__(self, name: str) -> object:
        # pipe(), vocab, rules … are the wrapped tokenizer's. Only called for names this object
        # lacks: while unpickling, ``tokenizer`` itself is not set yet and must not be looked up
        # through itself (that recursed forever, so spawn-started workers could not get ``nlp``).
        if name == "tokenizer" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __reduce__(self) -> tuple:
        # Pickled as "wrap this tokenizer": what spawn-started worker processes receive.
        return (GuardedTokenizer, (self.tokenizer,))


def guard_tokenizer(nlp: Language) -> None:
    """Install ``GuardedTokenizer`` (idempotent). Not saved with the pipeline: applied at load."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)


def _inner(nlp: Language) -> object:
    """The real spaCy tokenizer, also when it is wrapped by ``GuardedTokenizer``."""
    tokenizer = nlp.tokenizer
    return tokenizer.tokenizer if isinstance(tokenizer, GuardedTokenizer) else tokenizer
