"""``safetask``: a thin command line over the ``nlp`` library.

Every verb parses its arguments, calls one library function and prints. Errors users can
act on (``SafetaskError``) become one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn Chinese safety-production speeches and circulars into task lists.")


def _console():
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        # Piped or redirected: wide enough that Chinese task text stays readable.
        console = Console(width=160)
    return console


def _fail(msg: str, code: int = 1) -> None:
    typer.echo(f"safetask: {msg}", err=True)
    raise typer.Exit(code)


@app.command()
def normalize(file: Path = typer.Argument(..., help="A document (txt in any encoding, docx, pdf, html, doc/wps).")) -> None:
    """Print the cleaned (normalized) text of FILE."""
    from nlp.normalizer import normalize as _normalize
    from nlp.readers import read

    typer.echo(_normalize(read(file).text).text)


@app.command()
def split(file: Path = typer.Argument(..., help="A file that may hold several documents."),
          fmt: str = typer.Option("table", "--format", help="table or json")) -> None:
    """List the documents found in FILE: title, type, date, size, duplicates, topic."""
    from nlp.pipeline import load_documents

    _, _, docs = load_documents(file)
    if fmt == "json":
        from dataclasses import asdict

        for d in docs:
            typer.echo(json.dumps(asdict(d.meta), ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{file.name}: {len(docs)} document(s)")
    for col in ("id", "title", "type", "date", "chars", "duplicate of", "on topic"):
        table.add_column(col)
    for d in docs:
        m = d.meta
        table.add_row(m.doc_id.rsplit("#", 1)[-1] if "#" in m.doc_id else m.doc_id, m.title or "—", m.doc_type,
                      m.date or "—", str(m.chars), (m.duplicate_of or "").rsplit("#", 1)[-1] or "—",
                      "yes" if m.on_topic else "no")
    _console().print(table)


def _print_table(results, explain: bool) -> None:
    from rich.table import Table

    console = _console()
    for r in results:
        m = r.meta
        head = f"{m.title or m.doc_id}"
        if m.duplicate_of:
            console.print(f"[dim]{head}: duplicate of {m.duplicate_of}, skipped[/dim]")
            continue
        if not m.on_topic and not r.tasks:
            console.print(f"[dim]{head}: not about safety production, skipped[/dim]")
            continue
        table = Table(title=f"{head}  ({m.doc_type}{', ' + m.date if m.date else ''})", show_lines=True)
        for col, ratio in (("序号", 1), ("工作任务", 8), ("牵头单位", 3), ("配合单位", 2), ("完成时限", 2),
                           ("所属领域", 2), ("涉及行动", 2), ("备注", 2)):
            table.add_column(col, overflow="fold", ratio=ratio)
        table.expand = True
        for i, t in enumerate(r.tasks, 1):
            dl = t.deadline.text if t.deadline else ""
            if t.deadline and t.deadline.date:
                dl += f"\n({t.deadline.date})"
            elif t.deadline and t.deadline.recurrence:
                dl += f"\n({t.deadline.recurrence})"
            sectors = "、".join(t.sector_names)
            if explain and t.sectors:
                sectors = "\n".join(f"{s.name} {s.score:.2f}: {'、'.join(s.evidence)}" for s in t.sectors)
            missing = [m for m, bad in (("缺牵头单位", not t.leads), ("缺完成时限", t.deadline is None)) if bad]
            note = f"[red]信息不全：{'、'.join(missing)}[/red]" if missing else ""
            table.add_row(str(i), t.text, "、".join(t.leads), "、".join(t.supports), dl, sectors, "、".join(t.campaigns), note)
        console.print(table)


def _print_merged(results) -> None:
    from rich.table import Table

    from nlp.export import document_title, task_rows

    table = Table(title=document_title(results), show_lines=True, expand=True)
    for col, ratio in (("序号", 1), ("工作任务", 8), ("牵头单位", 3), ("配合单位", 2), ("完成时限", 2), ("原文出处", 3)):
        table.add_column(col, overflow="fold", ratio=ratio)
    for row in task_rows(results, merge=True):
        table.add_row(str(row.number), row.task.text, row.leads, row.supports, row.deadline_text or row.note,
                      "；".join(row.sources))
    _console().print(table)


@app.command()
def extract(files: List[Path] = typer.Argument(..., help="Documents to extract tasks from."),
            fmt: str = typer.Option("table", "--format", help="table, json or jsonl"),
            date: Optional[str] = typer.Option(None, "--date", help="Document date (YYYY-MM-DD) when the text has none."),
            explain: bool = typer.Option(False, "--explain", help="Show the words behind each sector."),
            sector_model: Optional[Path] = typer.Option(None, "--sector-model",
                                                        help="A transformer sector model made by 'safetask train --sectors-backend transformers'."),
            output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
            merge: bool = typer.Option(False, "--merge", help="One table from all FILES; a task said twice is listed once.")) -> None:
    """Extract the task list of each document in FILES (table, json, jsonl, docx, xlsx, csv, ics)."""
    from nlp.errors import SafetaskError
    from nlp.pipeline import extract_file

    formats = ("table", "json", "jsonl", "docx", "xlsx", "csv", "ics")
    if fmt not in formats:
        _fail(f"unknown format {fmt!r} ({', '.join(formats)})", 2)
    if fmt in ("docx", "xlsx", "ics") and output is None:
        _fail(f"--format {fmt} writes a file: give it with -o, e.g. -o 任务清单.{fmt}", 2)
    results = []
    failed = 0
    for f in files:
        try:
            results.extend(extract_file(f, date=date, explain=explain,
                                        sector_model=str(sector_model) if sector_model else None))
        except SafetaskError as exc:
            typer.echo(f"safetask: {exc}", err=True)
            failed += 1
    if fmt in ("docx", "xlsx", "csv", "ics") and output is not None:
        from nlp.export import export

        export(results, fmt, output, merge=merge)
        typer.echo(f"wrote {output}", err=True)
    elif fmt == "csv":
        from nlp.export import task_rows
        from nlp.export.csv import csv_text

        sys.stdout.write(csv_text(task_rows(results, merge=merge)))
    elif fmt == "table" and merge:
        _print_merged(results)
    elif fmt == "table":
        _print_table(results, explain)
    else:
        lines = [json.dumps(r.to_dict(), ensure_ascii=False, indent=1 if fmt == "json" else None) for r in results]
        text = "\n".join(lines) + ("\n" if lines else "")
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(gold: List[Path] = typer.Argument(..., help="Gold JSONL files (annotation guide §7)."),
             misses: int = typer.Option(20, "--misses", help="How many misses to print."),
             fmt: str = typer.Option("table", "--format", help="table or json")) -> None:
    """Score the extractor against gold documents (annotation guide §8)."""
    from nlp.evaluate import evaluate, load_jsonl
    from nlp.pipeline import extract_tasks

    docs = [d for g in gold for d in load_jsonl(g)]

    def predict(d):
        return {"tasks": [t.to_dict() for t in extract_tasks(d["text"], date=d.get("date"))]}

    rep = evaluate(docs, predict)
    scores = rep.as_dict()
    if fmt == "json":
        typer.echo(json.dumps(scores, ensure_ascii=False, indent=1))
        return
    from rich.table import Table

    t = Table(title=f"{len(docs)} documents")
    for col in ("field", "matched P", "matched R", "matched F1", "end-to-end P", "end-to-end R", "end-to-end F1"):
        t.add_column(col)
    tk = scores["tasks"]
    t.add_row("tasks", "", "", "", f"{tk['p']:.3f}", f"{tk['r']:.3f}", f"{tk['f1']:.3f}")
    for field in ("departments", "deadline", "campaigns"):
        m, e = scores["matched"].get(field, {}), scores["end_to_end"].get(field, {})
        t.add_row(field, *(f"{m.get(k, 0):.3f}" for k in ("p", "r", "f1")), *(f"{e.get(k, 0):.3f}" for k in ("p", "r", "f1")))
    sec = scores["sectors"]
    t.add_row("sectors (micro)", f"{sec['matched_micro']['p']:.3f}", f"{sec['matched_micro']['r']:.3f}",
              f"{sec['matched_micro']['f1']:.3f}", f"{sec['e2e_micro']['p']:.3f}", f"{sec['e2e_micro']['r']:.3f}",
              f"{sec['e2e_micro']['f1']:.3f}")
    t.add_row("sectors (macro F1)", "", "", f"{sec['matched_macro_f1']:.3f}", "", "", f"{sec['e2e_macro_f1']:.3f}")
    console = _console()
    console.print(t)
    console.print(f"deadline kind accuracy {scores['deadline_kind_accuracy']}, date accuracy {scores['deadline_date_accuracy']}")
    for miss in rep.misses[:misses]:
        detail = ""
        if miss["kind"] == "fields":
            for name in ("departments", "deadline", "campaigns"):
                g, p = miss[f"gold_{name}"], miss[f"pred_{name}"]
                if g != p:
                    detail += f"  {name} gold={g} pred={p}"
        console.print(f"[dim]{miss['doc']}[/dim] {miss['kind']}: " + (miss.get("gold") or miss.get("pred") or "")[:80]
                      + detail, highlight=False)


@app.command()
def train(corpora: Path = typer.Option(Path("corpora"), help="The corpora folder."),
          models: Path = typer.Option(Path("models"), help="Where the models are written."),
          sectors_backend: str = typer.Option("sklearn", "--sectors-backend", help="sklearn (default) or transformers"),
          base_model: Optional[Path] = typer.Option(None, "--base-model",
                                                    help="Local checkpoint folder to fine-tune (transformers backend)."),
          epochs: int = typer.Option(3, "--epochs", help="Fine-tuning epochs (transformers backend).")) -> None:
    """Rebuild every model in models/ from corpora/ (deterministic)."""
    if sectors_backend == "transformers":
        from nlp.train import train_transformer_sectors

        if base_model is None:
            _fail("--base-model PATH is required with --sectors-backend transformers", 2)
        out = models / "sectors-transformer"
        meta = train_transformer_sectors(corpora, base_model, out, epochs=epochs)
        typer.echo(f"sectors (transformers): {meta['items']} items, thresholds {meta['thresholds']} -> {out}")
        return
    if sectors_backend != "sklearn":
        _fail(f"unknown sectors backend {sectors_backend!r} (sklearn, transformers)", 2)
    from nlp.train import train_all

    for line in train_all(corpora, models):
        typer.echo(line)


@app.command()
def batch(sources: List[str] = typer.Argument(..., help="Files, folders (recursive), globs or zip archives."),
          db: Path = typer.Option(Path("results.sqlite"), "--db", help="The SQLite store (created if missing)."),
          workers: Optional[int] = typer.Option(None, "--workers", help="Processes (default: all cores)."),
          scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
          date: Optional[str] = typer.Option(None, "--date", help="Date for documents whose text has none."),
          strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file failed.")) -> None:
    """Process an archive into the SQLite store: parallel, resumable, every bad file reported."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from nlp.batch import run_batch

    console = _console()
    columns = [TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[info]}"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=Console_err(), transient=False) as bar:
        job = bar.add_task("files", total=None, info="", rate="")
        import time

        started = time.monotonic()

        def progress(summary, total):
            done = summary.files + summary.errors
            rate = done / max(1e-9, time.monotonic() - started)
            bar.update(job, total=total, completed=done, rate=f"{rate:.1f} files/s",
                       info=f"tasks {summary.tasks}  errors {summary.errors}  duplicates {summary.duplicates}")

        summary = run_batch(sources, db, workers=workers, scheduler=scheduler, date=date, progress=progress)
    console.print(f"{summary.files} file(s) stored, {summary.skipped} already done, {summary.errors} error(s), "
                  f"{summary.documents} new document(s), {summary.duplicates} duplicate(s), {summary.tasks} task(s) → {db}")
    for path, message in summary.error_list[:20]:
        console.print(f"[red]error[/red] {message}")
    if len(summary.error_list) > 20:
        console.print(f"… and {len(summary.error_list) - 20} more (table 'errors' in {db})")
    if strict and summary.errors:
        raise typer.Exit(1)


def Console_err():
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def query(db: Path = typer.Option(..., "--db", help="A store made by 'safetask batch'."),
          dept: Optional[str] = typer.Option(None, "--dept", help="Tasks of this department (part of the name)."),
          sector: Optional[str] = typer.Option(None, "--sector", help="Tasks in this sector."),
          due_before: Optional[str] = typer.Option(None, "--due-before", help="Dated tasks due on or before YYYY-MM-DD."),
          campaign: Optional[str] = typer.Option(None, "--campaign", help="Tasks of this campaign."),
          fmt: str = typer.Option("table", "--format", help="table, csv or xlsx"),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (xlsx needs one).")) -> None:
    """Read tasks back from the store, filtered; as a table, CSV or the Excel ledger."""
    from nlp.errors import DataError
    from nlp.store import Store

    if not db.exists():
        raise DataError(db, "no such store (run 'safetask batch … --db' first)")
    if fmt not in ("table", "csv", "xlsx"):
        _fail(f"unknown format {fmt!r} (table, csv, xlsx)", 2)
    with Store(db) as store:
        results = store.query(dept=dept, sector=sector, due_before=due_before, campaign=campaign)
    if fmt == "xlsx":
        if output is None:
            _fail("--format xlsx writes a file: give it with -o", 2)
        from nlp.export import export

        export(results, "xlsx", output)
        typer.echo(f"wrote {output} ({sum(len(r.tasks) for r in results)} tasks)", err=True)
    elif fmt == "csv":
        from nlp.export import export, task_rows
        from nlp.export.csv import csv_text

        if output:
            export(results, "csv", output)
        else:
            sys.stdout.write(csv_text(task_rows(results)))
    else:
        _print_merged(results) if results else typer.echo("no matching tasks")


def main() -> None:
    logging.basicConfig(level=os.environ.get("SAFETASK_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    from nlp.errors import SafetaskError

    try:
        rc = app(standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except SafetaskError as exc:
        typer.echo(f"safetask: {exc}", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected: one line, no traceback
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from the parser
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SAFETASK_DEBUG"):
            raise
        typer.echo(f"safetask: internal error: {type(exc).__name__}: {exc} (set SAFETASK_DEBUG=1 for details)", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
