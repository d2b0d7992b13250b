"""Write ``constraints.txt``: the exact versions a fresh install of textmine resolves to today.

The README's install line uses it (``pip install -c constraints.txt -e ".[dev]"``), so every new
user and CI get the versions the tests passed with. ``.ci/run`` also runs the tests once with the
newest versions the bounds in ``pyproject.toml`` allow, so an upstream release breaks CI before it
breaks a user; rerun this script (and the tests) to move the lock forward.

Usage: python scripts/lock_dependencies.py [--python python3.11] [--out constraints.txt]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter to build the venv with")
    parser.add_argument("--out", type=Path, default=ROOT / "constraints.txt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([args.python, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
        # A non-editable install of the checkout: the freeze then lists every dependency.
        subprocess.run([*pip, "install", "--quiet", f"{ROOT}[{EXTRAS}]"], check=True)
        frozen = subprocess.run([*pip, "freeze", "--all", "--exclude", "textmine", "--exclude", "pip",
                                 "--exclude", "setuptools", "--exclude", "wheel"],
                                check=True, capture_output=True, text=True).stdout
        version = subprocess.run([str(venv / "bin" / "python"), "-c", "import sys; print(sys.version.split()[0])"],
                                 check=True, capture_output=True, text=True).stdout.strip()
    lines = sorted(line for line in frozen.splitlines() if line and not line.startswith("#"))
    header = (f"# Exact versions for a reproducible install (Python {version}, Linux x86-64), written by\n"
              "# scripts/lock_dependencies.py from pyproject.toml's bounds. Used as pip constraints:\n"
              '#   pip install -c constraints.txt -e ".[dev]"\n')
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pins to {args.out}")


if __name__ == "__main__":
    main()
