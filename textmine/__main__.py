"""``python -m textmine``: the command line."""
from textmine.cli import app

if __name__ == "__main__":  # not when a spawned worker process imports the main module
    app(prog_name="textmine")
