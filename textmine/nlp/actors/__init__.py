"""Actors: character-level finders, canonical forms and sectors, and the component."""
