"""Exports for other tools: the records as JSONL/CSV/Parquet, typed tables per kind."""
