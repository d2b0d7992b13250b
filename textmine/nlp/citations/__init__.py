"""Citations, quotes and bibliographies: a spaCy-free parser and the component around it."""
