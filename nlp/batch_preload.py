"""Imported once by the fork server of a batch pool (``multiprocessing`` forkserver): the
models load here a single time and every worker forks from this process ready to work,
instead of each worker spending seconds loading them on its first file."""
from __future__ import annotations

from .batch import _init_worker
from .pipeline import warm_up

_init_worker()
warm_up()
