"""Discourse networks (Leifeld's discourse network analysis, computed instead of hand-coded).

A *statement* is one argumentative sentence: who speaks (the holder of a claim or the critic of a
critique), about which concept, agreeing (+1, a claim) or disagreeing (-1, a critique), with the
critique's target. ``statements`` builds them from the stored analysis records, ``concepts``
assigns concepts (a topic run, the critique targets, or a user's code book), ``networks`` turns
them into two-mode, congruence, conflict and critique networks and writes GraphML, GEXF or CSV.
Nothing here knows the screen or the database.
"""
from textmine.discourse.concepts import (
    Concept,
    ConceptError,
    ConceptReport,
    assign_codebook,
    assign_targets,
    read_codebook,
)
from textmine.discourse.networks import (
    NetworkError,
    build_network,
    time_windows,
    write_graph,
)
from textmine.discourse.statements import (
    STATEMENT_COLUMNS,
    Statement,
    corpus_statements,
    statements_frame,
)

__all__ = [
    "STATEMENT_COLUMNS",
    "Concept",
    "ConceptError",
    "ConceptReport",
    "NetworkError",
    "Statement",
    "assign_codebook",
    "assign_targets",
    "build_network",
    "corpus_statements",
    "read_codebook",
    "statements_frame",
    "time_windows",
    "write_graph",
]
