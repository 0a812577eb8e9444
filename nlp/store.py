"""The SQLite store of archive jobs: documents, tasks and their fields, errors, and each
file's content hash — written in one transaction per file, so a run killed at any moment
leaves every finished file stored exactly once and nothing half-written.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator

from .schema import DocumentMeta, DocumentResult, Task

SCHEMA = """
PRAGMA journal_mode = WAL;
-- WAL with NORMAL sync: a killed process never corrupts or half-writes a file's rows (each file is
-- one transaction); only a power cut may lose the last commits, which the next run redoes.
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, content_hash TEXT NOT NULL, status TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0, processed_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT PRIMARY KEY, doc_id TEXT, title TEXT, type TEXT, date TEXT, issuer TEXT,
    on_topic INTEGER, chars INTEGER, first_path TEXT, minhash BLOB, text TEXT);
CREATE TABLE IF NOT EXISTS document_sources (
    doc_key TEXT NOT NULL, path TEXT NOT NULL, doc_id TEXT, relation TEXT NOT NULL,
    PRIMARY KEY (doc_key, path, doc_id));
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY, doc_key TEXT NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,
    start INTEGER, "end" INTEGER, deadline_text TEXT, deadline_kind TEXT, deadline_date TEXT,
    recurrence TEXT, section TEXT, data TEXT NOT NULL, UNIQUE (doc_key, idx));
CREATE TABLE IF NOT EXISTS task_departments (task_id INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS task_sectors (task_id INTEGER NOT NULL, sector TEXT NOT NULL, score REAL);
CREATE TABLE IF NOT EXISTS task_campaigns (task_id INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS errors (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, message TEXT NOT NULL, at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks (doc_key);
CREATE INDEX IF NOT EXISTS dept_name ON task_departments (name);
CREATE INDEX IF NOT EXISTS sector_name ON task_sectors (sector);
"""


class Store:
    """One SQLite database; only the coordinating process writes to it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- reading state
    def done(self) -> dict[str, tuple[str, str]]:
        """path → (content hash, status) of every file already handled."""
        return {p: (h, s) for p, h, s in self.db.execute("SELECT path, content_hash, status FROM files")}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT doc_key, minhash FROM documents WHERE minhash IS NOT NULL")

    def has_document(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE doc_key = ?", (key,)).fetchone() is not None

    # ----------------------------------------------------------------- writing a file
    @staticmethod
    def rows_of(result: DocumentResult) -> dict[str, Any]:
        """A document's rows, ready to insert: built where the document was extracted (a
        worker), so the single writing process only executes statements."""
        m = result.meta
        tasks = []
        for t in result.tasks:
            dl = t.deadline
            tasks.append(((t.text, t.start, t.end, dl and dl.text, dl and dl.kind, dl and dl.date, dl and dl.recurrence,
                           " > ".join(t.section), json.dumps(t.to_dict(), ensure_ascii=False)),
                          [(p.name, p.role) for p in t.departments],
                          [(s.name, s.score) for s in t.sectors],
                          [(c,) for c in t.campaigns]))
        return {"doc_id": m.doc_id, "document": (m.doc_id, m.title, m.doc_type, m.date, m.issuer, int(m.on_topic), m.chars),
                "text": result.text, "tasks": tasks}

    def write_file(self, path: str, content_hash: str, docs: Iterable[dict[str, Any]]) -> int:
        """Store one file's documents in a single transaction; returns tasks written.

        Each doc dict: key, rows (``Store.rows_of``), minhash (bytes|None), and ``same_as``:
        None for a new document, else the key of the stored document it repeats."""
        n_tasks = 0
        docs = list(docs)
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute("DELETE FROM errors WHERE path = ?", (path,))
            for d in docs:
                rows = d["rows"]
                key = d.get("same_as") or d["key"]
                if d.get("same_as") is None and not self.has_document(key):
                    cur.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                (key, *rows["document"], path, d.get("minhash"), rows["text"]))
                    for idx, (task, depts, sectors, campaigns) in enumerate(rows["tasks"]):
                        n_tasks += 1
                        cur.execute(
                            'INSERT INTO tasks (doc_key, idx, text, start, "end", deadline_text, deadline_kind, '
                            "deadline_date, recurrence, section, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            (key, idx, *task))
                        tid = cur.lastrowid
                        if depts:
                            cur.executemany("INSERT INTO task_departments VALUES (?,?,?)", [(tid, *p) for p in depts])
                        if sectors:
                            cur.executemany("INSERT INTO task_sectors VALUES (?,?,?)", [(tid, *s) for s in sectors])
                        if campaigns:
                            cur.executemany("INSERT INTO task_campaigns VALUES (?,?)", [(tid, *c) for c in campaigns])
                    relation = "original"
                else:
                    relation = "duplicate"
                cur.execute("INSERT OR IGNORE INTO document_sources VALUES (?,?,?,?)", (key, path, rows["doc_id"], relation))
            cur.execute("INSERT OR REPLACE INTO files (path, content_hash, status, documents) VALUES (?,?,?,?)",
                        (path, content_hash, "done", len(docs)))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return n_tasks

    def write_error(self, path: str, content_hash: str, kind: str, message: str) -> None:
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        cur.execute("INSERT OR REPLACE INTO errors (path, kind, message) VALUES (?,?,?)", (path, kind, message))
        cur.execute("INSERT OR REPLACE INTO files (path, content_hash, status, documents) VALUES (?,?,?,0)",
                    (path, content_hash, "error"))
        cur.execute("COMMIT")

    # ----------------------------------------------------------------- queries
    def counts(self) -> dict[str, int]:
        q = {"files": "SELECT COUNT(*) FROM files WHERE status='done'",
             "errors": "SELECT COUNT(*) FROM errors",
             "documents": "SELECT COUNT(*) FROM documents",
             "sources": "SELECT COUNT(*) FROM document_sources",
             "tasks": "SELECT COUNT(*) FROM tasks"}
        return {k: self.db.execute(v).fetchone()[0] for k, v in q.items()}

    def query(self, *, dept: str | None = None, sector: str | None = None, due_before: str | None = None,
              campaign: str | None = None) -> list[DocumentResult]:
        """Documents with the tasks that match every filter given (substring match on names)."""
        where, args = [], []
        if dept:
            where.append("t.id IN (SELECT task_id FROM task_departments WHERE name LIKE ?)")
            args.append(f"%{dept}%")
        if sector:
            where.append("t.id IN (SELECT task_id FROM task_sectors WHERE sector LIKE ?)")
            args.append(f"%{sector}%")
        if campaign:
            where.append("t.id IN (SELECT task_id FROM task_campaigns WHERE name LIKE ?)")
            args.append(f"%{campaign}%")
        if due_before:
            where.append("t.deadline_date IS NOT NULL AND t.deadline_date <= ?")
            args.append(due_before)
        sql = ("SELECT d.doc_key, d.doc_id, d.title, d.type, d.date, d.issuer, d.first_path, t.data "
               "FROM tasks t JOIN documents d ON d.doc_key = t.doc_key"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.first_path, d.doc_id, t.idx")
        docs: dict[str, DocumentResult] = {}
        for key, doc_id, title, typ, date, issuer, path, data in self.db.execute(sql, args):
            if key not in docs:
                meta = DocumentMeta(doc_id=doc_id, title=title, doc_type=typ or "其他", date=date, issuer=issuer,
                                    source=path)
                docs[key] = DocumentResult(meta=meta, text="")
            docs[key].tasks.append(Task.from_dict(json.loads(data)))
        return list(docs.values())

    def sources_of(self, key: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT path FROM document_sources WHERE doc_key = ? ORDER BY path", (key,))]


__all__ = ["Store", "SCHEMA"]
