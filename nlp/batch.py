"""Archive jobs: many files, in parallel, resumable, nothing lost.

The coordinating process lists the work, skips files already stored with the same content
hash, hands the rest to a process pool (or a Dask cluster) one file per task, and writes
each file's outcome to the SQLite store in its own transaction. Bad files become error rows;
identical and near-identical documents (MinHash over character shingles) are stored once
with every path they came from.
"""
from __future__ import annotations

import glob
import hashlib
import logging
import os
import zipfile
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import SafetaskError
from .store import Store

log = logging.getLogger(__name__)
MEMBER_SEP = "!/"
NUM_PERM = 64
NEAR_DUPLICATE = 0.8
CHUNK = 4  # files per pool task
SCHEME = "affine32"  # datasketch's hashing scheme, fixed so stored signatures stay comparable
_SKIP = {".sqlite", ".db", ".sqlite-wal", ".sqlite-shm", ".pyc", ".jpg", ".jpeg", ".png", ".gif", ".exe", ".dll"}


@dataclass(frozen=True)
class WorkItem:
    """One file to process: a path on disk, or a member of a zip archive."""

    name: str  # what the store records: /path/a.txt or /path/b.zip!/dir/c.docx
    path: str
    member: str | None = None

    def read(self) -> bytes:
        if self.member is None:
            return Path(self.path).read_bytes()
        with zipfile.ZipFile(self.path) as zf:
            return zf.read(self.member)


@dataclass
class FileOutcome:
    """What a worker sends back: plain, picklable data."""

    name: str
    content_hash: str
    docs: list[dict[str, Any]] = field(default_factory=list)
    error_kind: str | None = None
    error: str | None = None


def iter_sources(sources: Iterable[str | os.PathLike[str]]) -> Iterator[WorkItem]:
    """Files, folders (recursive), globs and zip archives → work items, each once, sorted."""
    seen: set[str] = set()

    def emit(p: Path) -> Iterator[WorkItem]:
        p = p.resolve()
        if str(p) in seen or p.suffix.lower() in _SKIP:
            return
        seen.add(str(p))
        if p.suffix.lower() == ".zip" and zipfile.is_zipfile(p):
            try:
                with zipfile.ZipFile(p) as zf:
                    names = sorted(n for n in zf.namelist() if not n.endswith("/"))
            except (zipfile.BadZipFile, OSError):
                yield WorkItem(str(p), str(p))  # the worker reports it as a bad file
                return
            for n in names:
                yield WorkItem(f"{p}{MEMBER_SEP}{n}", str(p), n)
        else:
            yield WorkItem(str(p), str(p))

    for src in sources:
        s = str(src)
        if any(ch in s for ch in "*?[") and not os.path.exists(s):
            for m in sorted(glob.glob(s, recursive=True)):
                if os.path.isfile(m):
                    yield from emit(Path(m))
            continue
        p = Path(s)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if not f.startswith("."):
                        yield from emit(Path(root) / f)
        elif p.exists():
            yield from emit(p)
        else:
            yield WorkItem(str(p.absolute()), str(p.absolute()))  # reported as missing


def _minhash(text: str) -> bytes:
    from datasketch import MinHash

    from .splitter import _PUNCT

    s = _PUNCT.sub("", text)
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    m.update_batch([s[i : i + 5].encode("utf-8") for i in range(max(1, len(s) - 4))])
    return m.hashvalues.astype("uint64").tobytes()


def process_item(item: WorkItem, date: str | None = None) -> FileOutcome:
    """Read, normalize, split and extract one file (runs in a worker; never raises)."""
    from .normalizer import normalize
    from .pipeline import _results
    from .readers import read_bytes
    from .splitter import content_hash, split_documents

    try:
        data = item.read()
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        return FileOutcome(item.name, "", error_kind="read", error=f"{item.name}: cannot read ({exc})")
    digest = hashlib.sha256(data).hexdigest()
    try:
        raw = read_bytes(data, path=item.name)
        norm = normalize(raw.text)
        docs = split_documents(norm, doc_prefix=Path(item.member or item.path).stem, source=item.name)
        results = _results(docs, norm, date, False)
    except SafetaskError as exc:
        return FileOutcome(item.name, digest, error_kind=exc.kind, error=str(exc))
    except Exception as exc:  # one bad file must not stop a batch: record it and go on
        log.exception("unexpected failure on %s", item.name)
        return FileOutcome(item.name, digest, error_kind="internal", error=f"{item.name}: {type(exc).__name__}: {exc}")
    out = FileOutcome(item.name, digest)
    keys: dict[str, str] = {}
    for r in results:
        key = content_hash(r.text)
        keys[r.meta.doc_id] = key
        dup_of = r.meta.duplicate_of
        out.docs.append({"key": key, "rows": Store.rows_of(r), "minhash": None if dup_of else _minhash(r.text),
                         "same_as": keys.get(dup_of) if dup_of else None, "repeat": bool(dup_of)})
    return out


@dataclass
class BatchSummary:
    files: int = 0
    skipped: int = 0
    errors: int = 0
    tasks: int = 0
    documents: int = 0
    duplicates: int = 0
    error_list: list[tuple[str, str]] = field(default_factory=list)


class _NearDuplicates:
    """MinHash LSH over the documents already in the store, built when the first document
    arrives (so importing datasketch overlaps with the workers' first files)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lsh: Any = None

    @property
    def lsh(self) -> Any:
        if self._lsh is None:
            from datasketch import MinHashLSH

            self._lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
            for key, blob in self.store.signatures():
                self._insert(key, blob)
        return self._lsh

    def _mh(self, blob: bytes):
        import numpy as np
        from datasketch import LeanMinHash

        # Straight from the stored values: a full MinHash would rebuild its permutations each time.
        return LeanMinHash(seed=7, hashvalues=np.frombuffer(blob, dtype="uint64"), scheme=SCHEME)

    def _insert(self, key: str, blob: bytes) -> None:
        if key not in self._lsh.keys:
            self._lsh.insert(key, self._mh(blob))

    def match(self, key: str, blob: bytes) -> str | None:
        lsh = self.lsh
        mh = self._mh(blob)
        for other in lsh.query(mh):
            if other != key:
                return other
        self._insert(key, blob)
        return None


def _record(store: Store, near: _NearDuplicates, outcome: FileOutcome, summary: BatchSummary) -> None:
    if outcome.error is not None:
        store.write_error(outcome.name, outcome.content_hash, outcome.error_kind or "error", outcome.error)
        summary.errors += 1
        summary.error_list.append((outcome.name, outcome.error))
        return
    for d in outcome.docs:
        if d["same_as"] is None and d["minhash"] is not None:
            if store.has_document(d["key"]):
                d["same_as"] = d["key"]
            else:
                twin = near.match(d["key"], d["minhash"])
                if twin is not None:
                    d["same_as"] = twin
        if d["same_as"] is not None or d["repeat"]:
            summary.duplicates += 1
        else:
            summary.documents += 1
    summary.tasks += store.write_file(outcome.name, outcome.content_hash, outcome.docs)
    summary.files += 1


def _pending(items: list[WorkItem], store: Store) -> tuple[list[WorkItem], int]:
    """Items not yet stored with their current content (unchanged files are skipped)."""
    done = store.done()
    todo, skipped = [], 0
    for it in items:
        prev = done.get(it.name)
        if prev and prev[1] == "done":
            try:
                if hashlib.sha256(it.read()).hexdigest() == prev[0]:
                    skipped += 1
                    continue
            except (OSError, KeyError, zipfile.BadZipFile):
                pass
        todo.append(it)
    return todo, skipped


def _init_worker() -> None:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    # One file per process already uses every core: BLAS threads inside each worker would
    # only fight each other for the same cores.
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - comes with scikit-learn
        pass
    from .pipeline import warm_up

    warm_up()  # models in memory before the first file (a fraction of a second)


def run_batch(sources: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str], *, workers: int | None = None,
              scheduler: str | None = None, date: str | None = None,
              progress: Callable[[BatchSummary, int], None] | None = None) -> BatchSummary:
    """Process every file under ``sources`` into the store at ``db``.

    ``workers``: processes of the local pool (default: all cores). ``scheduler``: the address
    of a Dask distributed scheduler (``tcp://host:8786``) to run on instead.
    ``progress(summary, total)`` is called after each file."""
    items = list(iter_sources(sources))
    summary = BatchSummary()
    with Store(db) as store:
        todo, summary.skipped = _pending(items, store)
        near = _NearDuplicates(store)
        total = len(todo)
        if progress:
            progress(summary, total)
        if not todo:
            return summary
        outcomes = (_dask_outcomes(todo, scheduler, date) if scheduler
                    else _pool_outcomes(todo, workers or os.cpu_count() or 1, date))
        for outcome in outcomes:
            _record(store, near, outcome, summary)
            if progress:
                progress(summary, total)
    return summary


def _pool_outcomes(todo: list[WorkItem], workers: int, date: str | None) -> Iterator[FileOutcome]:
    if workers <= 1:
        # The same settings as a pool worker, so 1 and N workers compare fairly; restored after.
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            for it in todo:
                yield process_item(it, date)
        return
    # Files go to workers a few at a time (one message each way per chunk rather than per
    # file, so the coordinator wakes less often), and a bounded number of chunks is in flight
    # so memory stays flat however large the archive.
    chunks = _chunks(todo, CHUNK)
    limit = workers * 3
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        running = set()
        for chunk in chunks:
            running.add(pool.submit(process_items, chunk, date))
            if len(running) >= limit:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for f in finished:
                yield from f.result()
                nxt = next(chunks, None)
                if nxt is not None:
                    running.add(pool.submit(process_items, nxt, date))


def _chunks(items: list[WorkItem], size: int) -> Iterator[list[WorkItem]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def process_items(items: list[WorkItem], date: str | None = None) -> list[FileOutcome]:
    """``process_item`` over a few files (one pool task)."""
    return [process_item(it, date) for it in items]


def _dask_outcomes(todo: list[WorkItem], scheduler: str, date: str | None) -> Iterator[FileOutcome]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SafetaskError(None, "--scheduler needs the dask extra: pip install 'safetask[dask]'") from None
    client = scheduler if not isinstance(scheduler, str) else None
    own = client is None
    if own:
        try:
            client = Client(scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise SafetaskError(None, f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        limit = max(8, 4 * sum(client.nthreads().values()))
        it = iter(todo)
        first = [client.submit(process_item, x, date, pure=False) for x in [next(it) for _ in range(min(limit, len(todo)))]]
        pending = as_completed(first)
        for fut in pending:
            yield fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                pending.add(client.submit(process_item, nxt, date, pure=False))
    finally:
        if own:
            client.close()


__all__ = ["WorkItem", "FileOutcome", "BatchSummary", "iter_sources", "process_item", "run_batch"]
