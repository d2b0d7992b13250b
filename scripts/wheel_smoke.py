"""Build the wheel, install it into a fresh venv outside the checkout, and use it as a user would.

The wheel is the product: this catches files missing from the package (lexicons, shipped models)
and code that only works inside a source checkout. It runs ``textmine ingest``, ``topics`` and
``analyze`` on the sample feed from a folder outside the checkout and asserts that the shipped
tagger and argument classifier are the ones in use. Exit status 0 when all of that works.

Usage: python scripts/wheel_smoke.py [--constraints constraints.txt]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample-blog.xml"
TEXT = "Lember kritisiert, dass die Organisationen die Technik auswählen (Lember 2018, 4). Die Träger müssen handeln.\n"
CHECK = """
import json, textmine
nlp = textmine.load_pipeline()
arguments = nlp.get_pipe("textmine_arguments")
print(json.dumps({"pipe_names": nlp.pipe_names, "module": textmine.__file__,
                  "classifier": getattr(arguments, "model", None) is not None}))
"""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(command), flush=True)
    result = subprocess.run(command, text=True, capture_output=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--constraints", type=Path, default=ROOT / "constraints.txt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        # From outside the checkout: its build/ folder would shadow the `build` package.
        run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(ROOT)], cwd=tmp_path)
        wheel = next((tmp_path / "dist").glob("textmine-*.whl"))
        venv = tmp_path / "venv"
        run([sys.executable, "-m", "venv", str(venv)])
        python, textmine = str(venv / "bin" / "python"), str(venv / "bin" / "textmine")
        constraints = ["-c", str(args.constraints)] if args.constraints.exists() else []
        run([python, "-m", "pip", "install", "--quiet", *constraints, str(wheel)])
        work = tmp_path / "user"
        work.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TEXTMINE_DB", "TEXTMINE_MODEL")}
        run([textmine, "ingest", str(SAMPLE), "--db", "blog.sqlite"], cwd=work, env=env)
        run([textmine, "topics", "--k", "5", "--db", "blog.sqlite"], cwd=work, env=env)
        record = json.loads(run([textmine, "analyze", "-", "--json"], cwd=work, env=env, input=TEXT).stdout)
        info = json.loads(run([textmine, "info", "--json", "--db", "blog.sqlite"], cwd=work, env=env).stdout)
        check = json.loads(run([python, "-c", CHECK], cwd=work, env=env).stdout.strip().splitlines()[-1])
    problems = []
    if not check["module"].startswith(str(venv)):
        problems.append(f"textmine imported from {check['module']}, not from the wheel")
    if "tagger" not in check["pipe_names"]:
        problems.append(f"the shipped tagger is not in the pipeline: {check['pipe_names']}")
    if not check["classifier"]:
        problems.append("the argument classifier is not loaded")
    if not record.get("citations"):
        problems.append("analyze found no citation in a text with one")
    if info.get("posts", 0) < 30:
        problems.append(f"the ingest stored {info.get('posts')} posts, expected the 32 of the sample blog")
    if problems:
        sys.exit("wheel smoke test failed:\n  " + "\n  ".join(problems))
    print(f"wheel smoke test passed: {wheel.name}, {info['posts']} posts, components {', '.join(check['pipe_names'])}")


if __name__ == "__main__":
    main()
