"""``textmine evaluate arguments GOLD`` and ``textmine train arguments GOLD``: adapt textmine to your data."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from textmine.cli.app import app
from textmine.cli.common import (
    EXIT_INPUT,
    JsonOption,
    ModelOption,
    console,
    fail,
    load_pipeline_or_fail,
)
from textmine.cli.output import emit_rows

evaluate_app = typer.Typer(help="Measure textmine against your own annotations.", no_args_is_help=True)
train_app = typer.Typer(help="Retrain textmine's models on your own annotations.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(train_app, name="train")


def _gold(path: Path) -> Path:
    if not path.is_file():
        fail(f"{path}: no such file", EXIT_INPUT, "the gold JSONL format is described in the README (Your own data)")
    return path


@evaluate_app.command("arguments")
def evaluate_arguments(
    gold: Path = typer.Argument(..., help="Gold JSONL: one post per line with labelled sentences."),
    model: Optional[str] = ModelOption, as_json: bool = JsonOption,
) -> None:
    """Precision/recall of claims and critiques, critic/holder/target accuracy on your gold file.

    Example: [bold]textmine evaluate arguments my-gold.jsonl[/]
    """
    from textmine.evaluation.post_gold import evaluate_arguments as run

    try:
        figures = run(_gold(gold), nlp=load_pipeline_or_fail(model))
    except (ValueError, KeyError, FileNotFoundError) as error:
        fail(f"{gold}: {error}", EXIT_INPUT, "check the gold format (README: Your own data)")
    rows = [{"measure": f"{name} {m}", "value": figures[name][m]} for name in ("claims", "critiques") for m in ("precision", "recall", "gold")]
    rows += [{"measure": m, "value": figures[m]} for m in ("critic_accuracy", "holder_accuracy", "target_accuracy", "clear_non_arguments_kept_out")]
    emit_rows(console, rows, title=f"Arguments on {gold}", as_json=as_json, json_payload=figures)


@train_app.command("arguments")
def train_arguments(
    gold: Path = typer.Argument(..., help="Gold JSONL with labelled sentences (same format as evaluate)."),
    out: Path = typer.Option(Path("models/arguments-custom"), "--out", help="Folder for the retrained model."),
    as_json: bool = JsonOption,
) -> None:
    """Retrain the claim/critique/none sentence model on your annotations (at least 5 posts).

    Example: [bold]textmine train arguments my-gold.jsonl --out my-model[/], then
    nlp.add_pipe("textmine_arguments", config={"model_dir": "my-model"})
    """
    from textmine.evaluation.post_gold import train_arguments as run

    try:
        result = run(_gold(gold), out)
    except (ValueError, KeyError, FileNotFoundError) as error:
        fail(f"{gold}: {error}", EXIT_INPUT, "check the gold format (README: Your own data)")
    if as_json:
        console.print_json(data=result)
    else:
        console.print(f"trained on {gold}; model written to {out}")
        for key, value in result.items():
            if not isinstance(value, (dict, list)):
                console.print(f"  {key}: {value}")
