"""Adversarial whitespace-free runs must not make spaCy's tokenizer quadratic."""
import time

import textmine


def test_long_punctuation_run_is_tokenised_in_linear_time_and_text_is_kept():
    nlp = textmine.load_pipeline()
    text = "Vorher (Lember 2018, 4). " + "(" * 50_000 + " Nachher (ebd., 5)."
    start = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - start < 10  # unguarded: many minutes (quadratic affix search)
    assert doc.text == text
    assert any(c.text == "(Lember 2018, 4)" for c in doc.spans["citations"])


def test_ordinary_text_is_tokenised_by_the_wrapped_tokenizer():
    nlp = textmine.load_pipeline()
    assert [t.text for t in nlp.tokenizer("Nutzer/innen z.B. hier.")] == ["Nutzer/innen", "z.B.", "hier", "."]
