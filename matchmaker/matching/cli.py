"""Command line: `match` ranks exported offers and students, `evaluate` measures against judgements."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from .jsonio import InputError, append_parts, atomic_writer, read_offers, read_qrels, read_students, write_jsonl
from .pretoken import start as start_pretokens
from .ranker import Ranker
from .synonyms import ExportError, import_exports, synonym_text

_FILE = click.Path(dir_okay=False, path_type=Path)


# Set once `match` has written, flushed and renamed its output (see leave()).
_batch_done = False


def leave(code: int | str | None) -> NoReturn:
    """End the process with `code`; after a finished batch, without freeing the heap object by object.

    The documents, the fitted model and its caches are millions of objects: Python's own exit frees each
    one (0.4 s at 20 000 x 10 000) though the output is already safe on disk. Only the entry points call
    this, after their command has returned (never inside a test runner's process).
    """
    if _batch_done and not code:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    sys.exit(code)


def run(group: click.Group, prog_name: str) -> NoReturn:
    """Run a command group as the process's main program (`python -m matchmaker.matching`)."""
    try:
        group.main(prog_name=prog_name)
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


@contextmanager
def _parts_dir(out_path: Path | None) -> Iterator[str | None]:
    """A temporary folder beside the output file for the batch's part files (None when writing to stdout)."""
    if out_path is None:
        yield None
        return
    with tempfile.TemporaryDirectory(dir=out_path.parent, prefix=f".{out_path.name}.parts.") as folder:
        yield folder


def _fail(message: str) -> None:
    """Print a one-line problem to stderr and exit with code 2 (bad input)."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("match")
@click.option("--offers", "offers_path", required=True, type=_FILE, help="Offers, one JSON object per line.")
@click.option("--students", "students_path", required=True, type=_FILE,
              help="Students, one JSON object per line.")
@click.option("--k", default=10, show_default=True, type=click.IntRange(min=1), help="Matches per line.")
@click.option("--direction", type=click.Choice(["offers", "students"]), default="offers", show_default=True,
              help="offers: best offers per student; students: best students per offer.")
@click.option("--out", "out_path", type=_FILE, default=None, help="Output JSONL (default: stdout).")
@click.option("--n-jobs", default=2, show_default=True, type=click.IntRange(min=1), help="Worker processes.")
@click.option("--fit-students/--no-fit-students", default=False, show_default=True,
              help="Also learn vocabulary and IDF from the students' text (default: from the offers only).")
def match_command(offers_path: Path, students_path: Path, k: int, direction: str, out_path: Path | None,
                  n_jobs: int, fit_students: bool) -> None:
    """Rank offers for every student (or students for every offer) and write JSONL, best first."""
    try:
        offers = read_offers(offers_path)
        students = read_students(students_path)
    except InputError as exc:
        _fail(str(exc))
    ranker = Ranker()
    # The students' fields are tokenised by a second process meanwhile (pretoken.py).
    pretokens = start_pretokens(students) if direction == "offers" else None
    # The offers are what is ranked: their vocabulary and IDF suffice, and fitting on them alone is the
    # index the web app uses too. Students' text only when asked.
    ranker.fit(offers, students if fit_students else ())
    with atomic_writer(out_path) as f:
        if direction == "offers":
            # JSON lines straight from the batch's arrays, formatted by the worker processes.
            from .batch import top_k_jsonl

            f.flush()
            # Worker processes write their chunks to part files next to the output, appended in order.
            with _parts_dir(out_path) as spill:
                append_parts(top_k_jsonl(ranker, students, k=k, n_jobs=n_jobs, spill_dir=spill,
                                         pretokens=pretokens), f.buffer)
        else:
            X = ranker.transform_students(students)
            rows = ({"offer_id": o.id,
                     "matches": [{"student_id": m.student_id, "score": round(m.score, 6),
                                  "reasons": [r.to_dict() for r in m.reasons]}
                                 for m in ranker.rank_students(o, students, k=k, student_matrix=X)]}
                    for o in offers)
            write_jsonl(f, rows)
    global _batch_done
    _batch_done = True


@click.command("evaluate")
@click.option("--offers", "offers_path", required=True, type=_FILE, help="Offers, one JSON object per line.")
@click.option("--students", "students_path", required=True, type=_FILE,
              help="Students, one JSON object per line.")
@click.option("--qrels", "qrels_path", required=True, type=_FILE,
              help='Judgements: {"student_id", "offer_id", "grade"} per line.')
@click.option("--k", default=10, show_default=True, type=click.IntRange(min=1), help="Cut-off.")
@click.option("--n-jobs", default=2, show_default=True, type=click.IntRange(min=1), help="Worker processes.")
def evaluate_command(offers_path: Path, students_path: Path, qrels_path: Path, k: int, n_jobs: int) -> None:
    """Print nDCG@k, Recall@k and MRR for the engine and a plain TF-IDF baseline as JSON."""
    # Imported here: the baseline needs scikit-learn, which `match` does without (0.8 s of imports).
    from .evaluate import compare

    try:
        offers = read_offers(offers_path)
        students = read_students(students_path)
        qrels = read_qrels(qrels_path)
    except InputError as exc:
        _fail(str(exc))
    result = compare(offers, students, qrels, k=k, n_jobs=n_jobs)
    result["counts"] = {"offers": len(offers), "students": len(students),
                        "judged_students": sum(1 for j in qrels.values() if any(g > 0 for g in j.values()))}
    click.echo(json.dumps(result, indent=2))


@click.command("import-synonyms")
@click.argument("exports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--language", "languages", multiple=True,
              help="Language of each export in order (sv, en): labels of that export are tagged so reasons "
                   "can name the concept in the user's language. Give it once per export, or not at all.")
@click.option("--existing", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A synonym file whose variants the new groups must not reuse (default: the packaged one).")
@click.option("--out", "out_path", type=_FILE, default=None, help="Synonym file to write (default: stdout).")
def import_synonyms_command(exports: tuple[Path, ...], languages: tuple[str, ...], existing: Path | None,
                            out_path: Path | None) -> None:
    """Turn ESCO / JobTech Taxonomy label exports (CSV: preferred and alternative labels) into synonym groups.

    Several exports of the same concepts (e.g. the Swedish and the English file) are joined by concept id,
    the first export's preferred label canonical. Point Ranker(synonyms_path=...) at the file written, or
    append its lines to the packaged synonym file.
    """
    if languages and len(languages) != len(exports):
        _fail(f"--language given {len(languages)} times for {len(exports)} exports: give it once per export")
    try:
        lines = import_exports(list(zip(exports, languages or [None] * len(exports), strict=True)),
                               synonym_text(existing))
    except ExportError as exc:
        _fail(str(exc))
    with atomic_writer(out_path) as f:
        f.write(f"# Imported from {', '.join(p.name for p in exports)}: {len(lines)} groups.\n")
        f.writelines(line + "\n" for line in lines)
    click.echo(f"{len(lines)} synonym groups written", err=True)


@click.group()
def main() -> None:
    """Matching engine command line (also available as `matchmaker match|evaluate`)."""


main.add_command(match_command)
main.add_command(evaluate_command)
main.add_command(import_synonyms_command)
