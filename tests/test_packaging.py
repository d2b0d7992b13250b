"""What a fresh install relies on: shipped data found through the package, loud when missing,
optional extras named in their errors, and commands that analyse nothing never loading spaCy."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textmine import extras, resources
from tests.helpers import ROOT, SAMPLE_FEED

NO_SPACY = """
import sys
from textmine.cli import app
try:
    app({args!r})
except SystemExit as exit:
    code = exit.code
print("SPACY_LOADED" if "spacy" in sys.modules else "SPACY_NOT_LOADED", code)
"""


def _run_cli_without_spacy(args: list[str], cwd: Path) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", NO_SPACY.format(args=args)], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    return result.stdout.strip().splitlines()[-1], result.stderr


def test_shipped_lexicons_and_models_are_found_inside_the_package():
    assert resources.lexicon_path("citations", "cues.txt").is_file()
    for part in resources.LEXICON_PARTS:
        assert any(resources.lexicon_dir(part).iterdir()), part
    for model in ("de_textmine_sm", "arguments"):
        folder = resources.model_dir(model)
        assert folder.is_relative_to(Path(resources.__file__).parent), folder


def test_a_missing_shipped_file_is_a_loud_error(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "data_dir", lambda: tmp_path)
    with pytest.raises(resources.ResourceError, match="reinstall textmine"):
        resources.model_dir("de_textmine_sm")
    with pytest.raises(resources.ResourceError, match="actors/gazetteer.tsv"):
        resources.lexicon_path("actors", "gazetteer.tsv")
    with pytest.raises(ValueError, match="unknown lexicon part"):
        resources.lexicon_dir("nonsense")


def test_one_comment_rule_for_every_lexicon(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("# header\n\n  word one  \n   # indented comment\nzwei\tcell\n", encoding="utf-8")
    assert resources.read_lines(path) == ["word one", "zwei\tcell"]
    assert resources.read_table(path) == [["word one"], ["zwei", "cell"]]
    assert resources.read_table(path, header="word one") == [["zwei", "cell"]]


def test_an_optional_extra_that_is_missing_names_the_extra(monkeypatch):
    real = extras.importlib.util.find_spec
    monkeypatch.setattr(extras.importlib.util, "find_spec", lambda name: None if name == "pyarrow" else real(name))
    with pytest.raises(extras.MissingExtraError, match=r"pip install 'textmine\[parquet\]'"):
        extras.require("parquet", "parquet export")


def test_parquet_export_without_the_extra_is_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = ("import importlib.util, sys\n"
              "real = importlib.util.find_spec\n"
              "importlib.util.find_spec = lambda n, *a: None if n == 'pyarrow' else real(n, *a)\n"
              "from textmine.cli import app\n"
              "app(['export', '--format', 'parquet', '--out', 'x.parquet', '--db', 'none.sqlite'])\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "textmine[parquet]" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["info"],
    ["ingest", "{feed}"],  # the feed is stored already: nothing to analyse
    ["ingest", "bomb.xml"],
    ["claims"],
    ["critiques", "--count", "target"],
    ["export", "--format", "jsonl"],
    ["runs"],
])
def test_commands_that_analyse_nothing_never_load_spacy(tmp_path, args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "textmine", "ingest", str(SAMPLE_FEED)], cwd=tmp_path, env=env,
                   check=True, capture_output=True)
    (tmp_path / "bomb.xml").write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><rss>&a;</rss>',
                                       encoding="utf-8")
    verdict, stderr = _run_cli_without_spacy([a.format(feed=SAMPLE_FEED) for a in args], tmp_path)
    assert verdict.startswith("SPACY_NOT_LOADED"), stderr


def test_info_reports_component_versions_without_loading_the_pipeline(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "textmine", "info", "--json"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    info = json.loads(result.stdout)
    assert info["textmine"] and info["spacy"]
    assert "tagger" in info["components"] and "textmine_arguments" in info["components"]
    assert info["argument_classifier"]


def test_python_dash_m_textmine_runs_the_cli(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "textmine", "--version"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    from textmine import __version__

    assert result.stdout.strip() == f"textmine {__version__}"


def test_the_lock_file_pins_every_runtime_dependency():
    pins = {line.split("==")[0].lower() for line in (ROOT / "constraints.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")}
    for name in ("spacy", "gensim", "scikit-learn", "lxml", "typer", "pyarrow", "dask", "pytest"):
        assert name in pins, name
