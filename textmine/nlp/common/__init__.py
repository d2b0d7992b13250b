"""German knowledge that several components share, written once.

``names``: capital and small letters for regex classes (Unicode-aware) and genitive stripping;
``bibliography``: the headings that open a bibliography; ``speech``: verbs of saying. Their word
lists live in ``data/lexicons/common/``; the citations, actors and arguments components all read
them from here.
"""
