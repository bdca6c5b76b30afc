"""JSONL input and output for the command line: strict validation with file and line in every error."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

from .documents import OfferDoc, StudentDoc
from .gcpause import paused_gc

T = TypeVar("T")


class InputError(ValueError):
    """A problem in an input file, located by file name and line number."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


_TEXT = {"offers": ("title", "description", "skills"), "students": ("about", "interests", "skills")}
_LISTS = {"skills", "programs", "kinds", "municipalities", "counties"}
_BOOLS = {"sparse", "remote", "has_contract", "relocate", "remote_ok", "prefers_sparse"}
_STRINGS = {"title", "description", "kind", "municipality", "county", "language", "status", "about",
            "interests", "program"}


@cache
def _known(cls: type) -> frozenset[str]:
    """The field names of a document class (dataclasses.fields per line cost the command 0.2 s)."""
    return frozenset(f.name for f in fields(cls))


def _convert(cls: type[T], obj: dict[str, Any], path: str | Path, line: int) -> T:
    known = _known(cls)
    kw: dict[str, Any] = {}
    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise InputError(path, line, "missing id")
    if not isinstance(raw_id, str | int) or isinstance(raw_id, bool):
        raise InputError(path, line, f"id must be a string or an integer, got {type(raw_id).__name__}")
    kw["id"] = str(raw_id)
    for key, value in obj.items():
        if key == "id" or key not in known or value is None:
            continue  # unknown keys are ignored so exports may carry extra columns
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(path, line, f"'{key}' must be a list of strings")
            kw[key] = tuple(value)
        elif key in _BOOLS:
            if not isinstance(value, bool):
                raise InputError(path, line, f"'{key}' must be true or false")
            kw[key] = value
        elif key in _STRINGS:
            if not isinstance(value, str):
                raise InputError(path, line, f"'{key}' must be a string")
            kw[key] = value
        elif key == "deadline":
            try:
                kw[key] = date.fromisoformat(value)
            except (TypeError, ValueError):
                raise InputError(path, line, "'deadline' must be a date like 2026-05-31") from None
        elif key == "places_left":
            if not isinstance(value, int) or isinstance(value, bool):
                raise InputError(path, line, "'places_left' must be an integer")
            kw[key] = value
    return cls(**kw)


def read_jsonl(path: str | Path, convert: Callable[[dict[str, Any], int], T], what: str) -> list[T]:
    """Read one JSON object per line (blank lines skipped); raise InputError on the first problem."""
    items: list[T] = []
    try:
        f = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror}") from None
    with f, paused_gc():
        try:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(path, n, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
                except RecursionError:
                    raise InputError(path, n, "JSON nested too deeply") from None
                except ValueError as exc:  # e.g. an integer with more digits than Python converts
                    raise InputError(path, n, f"unreadable JSON value ({exc})") from None
                if not isinstance(obj, dict):
                    raise InputError(path, n, f"expected a JSON object, got {type(obj).__name__}")
                items.append(convert(obj, n))
        except UnicodeDecodeError:
            raise InputError(path, None, "not UTF-8 text") from None
    if not items:
        raise InputError(path, None, f"no {what} found (the file is empty)")
    return items


def _checked(kind: str, cls: type[T], path: str | Path) -> Callable[[dict[str, Any], int], T]:
    seen: set[str] = set()

    def convert(obj: dict[str, Any], line: int) -> T:
        doc = _convert(cls, obj, path, line)
        if not any(obj.get(k) for k in _TEXT[kind]):
            raise InputError(path, line, f"no text: give at least one of {', '.join(_TEXT[kind])}")
        if doc.id in seen:  # type: ignore[attr-defined]
            raise InputError(path, line, f"duplicate id {doc.id!r}")  # type: ignore[attr-defined]
        seen.add(doc.id)  # type: ignore[attr-defined]
        return doc

    return convert


def read_offers(path: str | Path) -> list[OfferDoc]:
    """Offers from a JSONL file."""
    return read_jsonl(path, _checked("offers", OfferDoc, path), "offers")


def read_students(path: str | Path) -> list[StudentDoc]:
    """Students from a JSONL file."""
    return read_jsonl(path, _checked("students", StudentDoc, path), "students")


def read_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """Relevance judgements {student_id: {offer_id: grade}} from a JSONL file."""

    def convert(obj: dict[str, Any], line: int) -> tuple[str, str, int]:
        for key in ("student_id", "offer_id"):
            if not isinstance(obj.get(key), str | int) or isinstance(obj.get(key), bool) or obj[key] == "":
                raise InputError(path, line, f"missing {key}")
        grade = obj.get("grade", 1)
        if not isinstance(grade, int | float) or isinstance(grade, bool) or grade < 0:
            raise InputError(path, line, "'grade' must be a number >= 0")
        return str(obj["student_id"]), str(obj["offer_id"]), int(grade)

    qrels: dict[str, dict[str, int]] = {}
    for sid, oid, grade in read_jsonl(path, convert, "judgements"):
        qrels.setdefault(sid, {})[oid] = grade
    return qrels


@contextmanager
def atomic_writer(path: str | Path | None) -> Iterator[IO[str]]:
    """Write to a temporary file in the target directory and rename it at the end; stdout when None."""
    if path is None:
        import sys

        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(f: IO[str], rows: Iterable[dict[str, Any]]) -> None:
    """One compact JSON object per line, UTF-8 kept readable."""
    for row in rows:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")


def append_parts(parts: Iterable[bytes | str], out: BinaryIO) -> None:
    """Write parts of a JSON-lines output in order: bytes as they are; a str is the path of a part file,
    appended by the kernel (copy_file_range: no copy through this process) and removed."""
    for part in parts:
        if isinstance(part, bytes):
            out.write(part)
            continue
        out.flush()
        with open(part, "rb") as src:
            left = os.fstat(src.fileno()).st_size
            try:
                while left > 0:
                    done = os.copy_file_range(src.fileno(), out.fileno(), left)
                    if not done:
                        break
                    left -= done
            except (AttributeError, OSError):  # no copy_file_range here (not Linux), or not between these files
                src.seek(os.fstat(src.fileno()).st_size - left)
                shutil.copyfileobj(src, out)
        os.unlink(part)
