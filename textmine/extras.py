"""Optional features that need an extra install: one clear error that names the extra."""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

#: extra name -> the modules it installs (checked before use).
EXTRAS: dict[str, tuple[str, ...]] = {"parquet": ("pyarrow", "pandas"), "dask": ("dask", "distributed")}


class MissingExtraError(ImportError):
    """A feature's optional dependencies are not installed."""


def require(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtraError` unless every module of ``extra`` can be imported."""
    missing = [name for name in EXTRAS[extra] if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(
            f"{feature} needs {', '.join(missing)}: install it with pip install 'textmine[{extra}]'")


def load(extra: str, module: str, feature: str) -> ModuleType:
    """Import ``module`` of an optional extra, or raise :class:`MissingExtraError`."""
    require(extra, feature)
    return importlib.import_module(module)
