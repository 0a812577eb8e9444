"""Where shipped data and trained models live, in a source checkout and when installed.

``models/`` sits at the top of the repository (fixed by the design) and is installed as
the package ``nlp.models``; lookups try the installed place first, then the checkout.
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
from pathlib import Path
from typing import Any, Iterator

from .errors import ModelError

log = logging.getLogger(__name__)
_PKG = Path(__file__).resolve().parent


_OVERRIDE: list[Path] = []


@contextlib.contextmanager
def models_from(path: Path) -> Iterator[None]:
    """Use the models in ``path`` for the duration (training scores its fresh models)."""
    _OVERRIDE.append(Path(path))
    load_model.cache_clear()
    model_meta.cache_clear()
    try:
        yield
    finally:
        _OVERRIDE.pop()
        load_model.cache_clear()
        model_meta.cache_clear()


def models_dir() -> Path:
    if _OVERRIDE:
        return _OVERRIDE[-1]
    installed = _PKG / "models"
    if installed.is_dir() and any(installed.glob(f"*{MODEL_SUFFIX}")):
        return installed
    checkout = _PKG.parent / "models"
    return checkout


MODEL_SUFFIX = ".linear.zip"


@functools.lru_cache(maxsize=8)
def load_model(name: str) -> Any | None:
    """Load ``models/<name>.linear.zip`` once per process; None when it is not there."""
    path = models_dir() / f"{name}{MODEL_SUFFIX}"
    if not path.exists():
        log.info("model %s not found at %s; using rules", name, path)
        return None
    from .linear import LinearTextModel

    try:
        return LinearTextModel.load(path)
    except Exception as exc:  # a damaged, foreign or incompatible file
        raise ModelError(path, f"cannot load model ({type(exc).__name__}: {exc})") from None


@functools.lru_cache(maxsize=8)
def model_meta(name: str) -> dict[str, Any]:
    path = models_dir() / f"{name}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
