from textmine.ingest.clean import html_to_paragraphs, is_boilerplate, normalize_text, text_of


def test_blocks_lists_and_headings_become_paragraphs():
    html = "<h2>Neue Formen</h2><p>Erster <strong>Absatz</strong>.</p><ul><li>Eins</li><li>Zwei</li></ul><p>Ende</p>"
    assert html_to_paragraphs(html) == ["Neue Formen", "Erster Absatz.", "Eins", "Zwei", "Ende"]


def test_entities_soft_hyphens_and_spaces_resolved_and_nfc():
    html = "<p>Pro&shy;jekt&nbsp;und Bu\u0308rger &amp; Co &#8211; gut</p>"
    (paragraph,) = html_to_paragraphs(html)
    assert paragraph == "Projekt und Bürger & Co – gut"
    assert paragraph == normalize_text(paragraph)
    assert "\u0308" not in paragraph  # combining diaeresis composed (NFC)


def test_wordpress_footer_and_embeds_removed():
    html = (
        "<p>Text.</p><iframe src='https://video.example'>Video</iframe><img src='a.png' alt='Bild'>"
        "<script>alert(1)</script>"
        "<p>Der Beitrag <a href='x'>Titel</a> erschien zuerst auf <a href='y'>Mein Blog</a>.</p>"
    )
    assert html_to_paragraphs(html) == ["Text."]
    assert is_boilerplate("The post Foo appeared first on Bar.")
    assert not is_boilerplate("Der Beitrag von Kessler ist lesenswert.")


def test_br_starts_a_new_paragraph_and_text_of_joins_with_blank_lines():
    paragraphs = html_to_paragraphs("<li><strong>Ergänzung:</strong><br />Die Digitalisierung hilft.</li>")
    assert paragraphs == ["Ergänzung:", "Die Digitalisierung hilft."]
    assert text_of(paragraphs) == "Ergänzung:\n\nDie Digitalisierung hilft."


def test_empty_and_plain_text_input():
    assert html_to_paragraphs("") == []
    assert html_to_paragraphs(None) == []
    assert html_to_paragraphs("<p>  </p><div></div>") == []
    assert html_to_paragraphs("Nur Text ohne Tags") == ["Nur Text ohne Tags"]
