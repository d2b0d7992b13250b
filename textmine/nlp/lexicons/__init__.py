"""Data files (cue words, gazetteers, patterns) that users can extend; see each file's header."""
