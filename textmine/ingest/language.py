"""The language of one post, from its title, its text and the feed's declared language.

Why not the classifier alone: on a short item (a title, a one-line comment, a reddit post) its
best guess is noise ("Hello world!" -> Nigerian Fulfulde), so short items used to get no language
and were analysed as German. Here the classifier's probabilities (py3langid, normalised) are
weighed with the feed's ``<language>`` as a prior: a long text decides by itself, a short one
follows the feed unless the classifier is sure it is something else.
"""
from __future__ import annotations

from functools import lru_cache

#: How much more likely the feed's declared language is, a priori, than any other.
FEED_PRIOR = 10.0
#: The weighted probability the best language needs; below it the feed's language (or None) stands.
MIN_PROBABILITY = 0.5
#: Fewer letters than this carry no evidence: the feed's language (or None) stands.
MIN_LETTERS = 3
#: Classifier labels that name no language.
NO_LANGUAGE = frozenset({"zxx", "und"})
#: The classifier reads this many characters at most (speed; language is settled long before).
MAX_CHARS = 5000


@lru_cache(maxsize=1)
def identifier():  # noqa: ANN202 - py3langid has no type hints
    """py3langid's model with normalised probabilities (~70 MB resident), loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def release_identifier() -> None:
    """Free the classifier (it is loaded again when a post needs it)."""
    identifier.cache_clear()


def identifier_loaded() -> bool:
    return identifier.cache_info().currsize > 0


def language_code(value: str | None) -> str | None:
    """"de-DE", "de_AT", "DE" -> "de"; None for no or an unusable value."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def post_language(title: str | None, text: str, feed_language: str | None = None) -> str | None:
    """ISO 639-1 code of the post's language, or None when neither text nor feed tells."""
    prior = language_code(feed_language)
    sample = f"{title or ''}\n{text}"[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return prior
    # "zxx" (no linguistic content: codes, numbers, names) is no language: it leaves the decision to the feed
    ranked = [(lang, p) for lang, p in identifier().rank(sample) if lang not in NO_LANGUAGE]
    weighted = {lang: p * (FEED_PRIOR if lang == prior else 1.0) for lang, p in ranked}
    total = sum(weighted.values()) or 1.0
    best = max(weighted, key=weighted.__getitem__)
    if weighted[best] / total >= MIN_PROBABILITY:
        return best
    return prior
