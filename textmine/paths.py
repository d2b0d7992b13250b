"""Where the shipped models live: ``models/`` of a source checkout (editable install), else the
data-only ``textmine_models`` package that a wheel installs from that same folder."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_CHECKOUT_MODELS = Path(__file__).resolve().parents[1] / "models"


def models_dir() -> Path:
    if _CHECKOUT_MODELS.is_dir():
        return _CHECKOUT_MODELS
    spec = importlib.util.find_spec("textmine_models")
    if spec is None or not spec.submodule_search_locations:
        return _CHECKOUT_MODELS  # not installed: callers fall back to the rule pipeline
    return Path(list(spec.submodule_search_locations)[0])
