"""The SQLite store: the only SQL (schema, migrations, typed tables) and DataFrames read from it."""
