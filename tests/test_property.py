"""Property-based tests: random and adversarial Unicode into the cleaner, the feed reader and the
whole pipeline. Nothing may raise, every offset must index into the text, and time must grow
linearly with the input."""
from __future__ import annotations

import time
import unicodedata
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textmine.ingest.clean import autop, html_to_paragraphs, normalize_text, text_of
from textmine.ingest.feeds import FeedError, Post, Skipped, read_feed_bytes

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that have broken text tools before: markup, entities, CDATA ends, combining marks, joiners,
# bidi controls, surrogate-free astral characters, German citation and gender forms.
ADVERSARIAL = [
    "<p>", "</p>", "<br>", "<div>", "</div>", "<li>", "<b>", "</i>", "<script>", "</script>", "<!--", "-->",
    "<![CDATA[", "]]>", "]]]]><![CDATA[>", "&amp;", "&shy;", "&#0;", "&#xD800;", "&#8211;", "&nbsp;", "&bogus;",
    "<", ">", "&", "\"", "'", "\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff", "\u0301", "\u0308",
    "e\u200d\u0301", "\u202e", "\u2028", "\u0085", "\x0b", "\x00", "\r\n", "\n\n", "\t", "\u3000", "\u00a0",
    "😀", "👩\u200d👩\u200d👧", "ß", "ẞ", "İ", "ﬁ", "Ǆ", "(", ")", "((((", "„", "“", "‚", "‘", "«", "»",
    " (Müller 2018, S. 4)", " (vgl. ebd.)", " et al.", "Nutzer/innen", "Träger:innen", "Bürger*innen",
    "Der Beitrag X erschien zuerst auf Y.", " z. B. ", "Dr. ", "S. 12–14", "https://x.example/?a=1&b=2",
    "Die Caritas kritisiert, dass ", "Laut BMFSFJ ist das falsch. ", "\U0001d400", "\u0640" * 3, "٣",
]
adversarial_text = st.lists(st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=12)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=400), adversarial_text)


# -- cleaner -------------------------------------------------------------------------------------

@SETTINGS
@given(any_text)
def test_cleaner_never_raises_and_gives_clean_paragraphs(html):
    paragraphs = html_to_paragraphs(html)
    for paragraph in paragraphs:
        assert paragraph and paragraph == paragraph.strip()
        assert "\n" not in paragraph  # so that text_of() and splitting agree
        assert unicodedata.is_normalized("NFC", paragraph)
        assert not any(ch in paragraph for ch in "\x00\x0b\u00ad\u200b\ufeff")
    text = text_of(paragraphs)
    assert text.split("\n\n") == paragraphs or text == ""


@SETTINGS
@given(any_text)
def test_normalize_text_is_idempotent_and_trimmed(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip() and "  " not in once
    assert unicodedata.is_normalized("NFC", once)


def test_normalize_text_joiner_inside_a_letter():
    # A zero-width joiner between "e" and its accent: removed before NFC, so the letter composes.
    assert normalize_text("Caf\u0065\u200d\u0301") == "Café"


def test_deeply_nested_html_keeps_its_text():
    for depth in (300, 1500, 50_000):
        html = "<div>" * depth + "tief unten" + "</div>" * depth + "<p>danach</p>"
        assert html_to_paragraphs(html) == ["tief unten", "danach"], depth


def _nasty_html(size: int) -> str:
    """Unclosed tags, deep inline nesting, entity storms, long whitespace runs, brackets."""
    unit = ("<p>Text (( mit <b><i>vielen <span>Tags " + "&amp;&shy;&#8211;" * 5 + "</b> ,  ,   .\u00ad"
            + " " * 60 + "<br><li>Punkt<div><div><div>(((( " + "x" * 40 + "\u200b" * 10 + "<!-- c -->")
    return (unit * (size // len(unit) + 1))[:size]


def _best_of(runs: int, func, *args) -> float:  # noqa: ANN001 - any callable
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - start)
    return best


def test_cleaner_is_linear_on_100_kb_of_nasty_html():
    small, large = _nasty_html(10_000), _nasty_html(100_000)
    t_small = _best_of(3, html_to_paragraphs, small)
    t_large = _best_of(2, html_to_paragraphs, large)
    assert t_large < 5, f"100 KB took {t_large:.2f} s"
    # Linear is 10x; quadratic would be 100x. Allow generous noise on a shared machine.
    assert t_large < 30 * t_small + 0.05, f"10 KB {t_small:.3f} s, 100 KB {t_large:.3f} s"


def test_normalize_text_is_linear_on_100_kb():
    nasty = ("a \u00ad\u200b " + " " * 50 + "\u0065\u0301 ,  . ( x") * 2000
    t_small = _best_of(3, normalize_text, nasty[:10_000])
    t_large = _best_of(2, normalize_text, nasty[:100_000])
    assert t_large < 2 and t_large < 30 * t_small + 0.05


# -- feed reader ---------------------------------------------------------------------------------

def _feed(titles_and_bodies: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><guid>g{i}</guid><description>{escape(body)}</description></item>"
        for i, (title, body) in enumerate(titles_and_bodies)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(
        "utf-8", errors="surrogatepass")


@SETTINGS
@given(st.binary(max_size=600))
def test_feed_reader_on_random_bytes_raises_only_feed_error(data):
    try:
        records = read_feed_bytes(data)
    except FeedError as error:
        assert "\n" not in str(error)
    else:
        assert all(isinstance(r, (Post, Skipped)) for r in records)


@SETTINGS
@given(st.lists(st.tuples(any_text, any_text), max_size=4))
def test_feed_reader_on_random_item_text(items):
    data = _feed(items)
    try:
        records = read_feed_bytes(data)
    except FeedError as error:
        # Only characters XML forbids (controls, U+FFFE/FFFF, lone surrogates) may make it fail.
        assert "\n" not in str(error)
        assert any(
            (ord(ch) < 0x20 and ch not in "\t\n\r") or ch in "\ufffe\uffff" or 0xD800 <= ord(ch) <= 0xDFFF
            for title, body in items for ch in title + body
        ), str(error)
        return
    assert len(records) == len(items)
    for record, (title, body) in zip(records, items):
        # C0 controls that XML forbids are removed (with a warning); a blank line is a paragraph break
        body = "".join(ch for ch in body if ord(ch) >= 0x20 or ch in "\t\n\r")
        body = body.replace("\r\n", "\n").replace("\r", "\n")  # XML's end-of-line handling (XML 1.0, 2.11)
        if isinstance(record, Post):
            assert record.paragraphs == tuple(html_to_paragraphs(autop(body)))  # WordPress's line rule
        else:
            assert not html_to_paragraphs(autop(body))


# -- the whole pipeline --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    import textmine

    return textmine.load_pipeline()


GROUPS = ("claims", "critiques", "citations", "quotes", "references", "actors")


def assert_offsets_valid(record: dict) -> None:
    text = record["text"]
    for sentence in record["sentences"]:
        assert 0 <= sentence["start"] <= sentence["end"] <= len(text)
    for group in GROUPS:
        for item in record[group]:
            assert 0 <= item["start"] <= item["end"] <= len(text), (group, item)
            assert text[item["start"]:item["end"]] == item["text"], (group, item)


pipeline_text = st.one_of(
    st.text(max_size=300),
    adversarial_text,
    st.lists(adversarial_text, min_size=1, max_size=4).map(lambda ps: text_of([normalize_text(p) or "x" for p in ps])),
)


@SETTINGS
@given(pipeline_text)
def test_pipeline_never_raises_and_offsets_index_into_the_text(nlp, text):
    from textmine.nlp.contract import doc_to_record

    doc = nlp(text)
    doc._.textmine_language = "de"
    record = doc_to_record(doc)
    assert record["text"] == text
    assert_offsets_valid(record)


def _german_like(size: int) -> str:
    pieces = [
        "Müller (2018, S. 4) kritisiert, dass die Träger:innen zu wenig Geld bekommen. ",
        "„Das ist falsch“, sagt die Caritas. ", "Laut BMFSFJ (vgl. ebd.) steigt die Zahl. ",
        "Meyer, Schulz & Co. (2020a; 2021b) fordern mehr Personal für Nutzer/innen. ",
        "Der Deutsche Caritasverband e.V. widerspricht dem Ministerium deutlich. ", "\n\n",
        "Aber z. B. Dr. Lember (2018, 4) hält das für übertrieben. ",
    ]
    return "".join(pieces[i % len(pieces)] for i in range(size // 40 + 1))[:size]


class _Snapshots:
    """Docs of German-like text of a given size before each pipeline stage, computed once and
    onwards only as far as needed, so that each component is timed alone on what the components
    before it produced."""

    def __init__(self, nlp) -> None:  # noqa: ANN001 - spaCy Language
        self.nlp = nlp
        self.stages: dict[int, dict[str, object]] = {}  # size -> component -> Doc before it
        self.progress: dict[int, tuple[int, object]] = {}  # size -> (next stage, Doc so far)

    def before(self, component: str, size: int):  # noqa: ANN201 - a spaCy Doc
        stages = self.stages.setdefault(size, {})
        index, doc = self.progress.get(size, (0, self.nlp.make_doc(_german_like(size))))
        while component not in stages:  # ``doc`` is the Doc before pipeline[index]
            name, proc = self.nlp.pipeline[index]
            stages[name] = doc.copy()
            if name == component:
                break
            doc = proc(doc)
            index += 1
        self.progress[size] = (index, doc)
        return stages[component].copy()


@pytest.fixture(scope="module")
def snapshots(nlp) -> _Snapshots:  # noqa: ANN001
    return _Snapshots(nlp)


@pytest.mark.parametrize(
    "component",
    ["textmine_sentences", "textmine_citations", "textmine_actors", "textmine_arguments"],
)
def test_component_time_is_linear_up_to_100_kb(nlp, snapshots, component):
    if component not in nlp.pipe_names:
        pytest.skip(f"{component} is not in this pipeline ({', '.join(nlp.pipe_names)})")
    proc = nlp.get_pipe(component)

    def timed(size: int, runs: int) -> float:
        return min(_best_of(1, proc, snapshots.before(component, size)) for _ in range(runs))

    t_small = timed(10_000, 3)
    t_medium = timed(40_000, 3)
    # Linear is 4x; quadratic 16x. Checked before the 100 KB run, so a quadratic component fails fast.
    # The constant absorbs scheduler noise on a busy machine for components that take milliseconds.
    assert t_medium < 8 * t_small + 0.5, f"{component}: 10 KB {t_small:.2f} s, 40 KB {t_medium:.2f} s"
    t_large = timed(100_000, 1)
    assert t_large < 10, f"{component}: 100 KB took {t_large:.1f} s"
    assert t_large < 20 * t_small + 0.5, f"{component}: 10 KB {t_small:.2f} s, 100 KB {t_large:.2f} s"
