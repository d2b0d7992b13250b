"""``python -m textmine``: the command line."""
from textmine.cli import app

app(prog_name="textmine")
