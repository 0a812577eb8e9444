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
    if installed.is_dir() and any(installed.glob("*.skops")):
        return installed
    checkout = _PKG.parent / "models"
    return checkout


# Types our models contain beyond scikit-learn's own: trusted explicitly when loading.
TRUSTED_TYPES = [
    "nlp.tasks.analyzer",
    "nlp.tasks.cue_analyzer",
    "nlp.sectors.analyzer",
    "nlp.sectors.lexicon_analyzer",
    "builtins.dict",
]


@functools.lru_cache(maxsize=8)
def load_model(name: str) -> Any | None:
    """Load ``models/<name>.skops`` once per process; None when it is not there."""
    path = models_dir() / f"{name}.skops"
    if not path.exists():
        log.info("model %s not found at %s; using rules", name, path)
        return None
    try:
        import skops.io as sio

        untrusted = sio.get_untrusted_types(file=path)
        unknown = [t for t in untrusted if t not in TRUSTED_TYPES]
        if unknown:
            raise ModelError(path, f"model contains untrusted types: {', '.join(unknown)}")
        return sio.load(path, trusted=untrusted)
    except ModelError:
        raise
    except Exception as exc:  # a damaged or incompatible file
        raise ModelError(path, f"cannot load model ({type(exc).__name__}: {exc})") from None


@functools.lru_cache(maxsize=8)
def model_meta(name: str) -> dict[str, Any]:
    path = models_dir() / f"{name}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
