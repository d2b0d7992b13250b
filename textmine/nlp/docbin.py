"""Save and load analysed Docs with textmine's annotations (span groups and ``Span._`` values).

spaCy's ``DocBin()`` keeps ``doc.spans`` but drops every custom attribute unless it is made with
``store_user_data=True`` (the ``Span._`` values live in ``doc.user_data``). These helpers always
do that, and give lists back as lists (msgpack returns tuples)::

    from textmine.nlp.docbin import save_docs, load_docs
    save_docs(nlp.pipe(texts), "posts.spacy")
    docs = load_docs("posts.spacy", nlp)          # doc.spans["critiques"][0]._.textmine_critic is kept
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from textmine.nlp.extensions import LIST_ATTRIBUTES, SPAN_ATTRIBUTES, register_extensions


def doc_bin(docs: Iterable[Doc] = ()) -> DocBin:
    """A ``DocBin`` that keeps textmine's attributes (``store_user_data=True``)."""
    return DocBin(store_user_data=True, docs=docs)


def docs_to_bytes(docs: Iterable[Doc]) -> bytes:
    return doc_bin(docs).to_bytes()


def docs_from_bytes(data: bytes, nlp_or_vocab: Language | Vocab) -> list[Doc]:
    """The Docs of ``docs_to_bytes``, with span groups and ``Span._`` values as they were."""
    register_extensions()
    vocab = nlp_or_vocab.vocab if isinstance(nlp_or_vocab, Language) else nlp_or_vocab
    docs = list(DocBin().from_bytes(data).get_docs(vocab))
    for doc in docs:
        for key, value in list(doc.user_data.items()):
            if isinstance(key, tuple) and len(key) == 4 and key[0] == "._." and key[1] in LIST_ATTRIBUTES \
                    and isinstance(value, tuple):
                doc.user_data[key] = list(value)
    return docs


def save_docs(docs: Iterable[Doc], path: str | Path) -> Path:
    path = Path(path)
    path.write_bytes(docs_to_bytes(docs))
    return path


def load_docs(path: str | Path, nlp_or_vocab: Language | Vocab) -> list[Doc]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no saved docs at {path}")
    return docs_from_bytes(path.read_bytes(), nlp_or_vocab)


__all__ = ["SPAN_ATTRIBUTES", "doc_bin", "docs_from_bytes", "docs_to_bytes", "load_docs", "save_docs"]
