"""The CV parser's own process: `python -m matchmaker.services.students.cv_parse KIND` reads the file on stdin.

It first limits itself (CPU seconds, address space), so a hostile file can cost at most that much, and then
extracts the text with pypdf or python-docx, never more than the caps below. It answers one JSON line on stdout:
{"text": ...} or {"error": code}. The web process only waits for it (see cv.py), with a wall-clock limit.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import zipfile

MAX_PAGES = 30
MAX_CHARS = 20000
MAX_PART = 8 * 1024 * 1024  # one unpacked DOCX part (document.xml) may be at most this big ...
MAX_UNZIPPED = 20 * 1024 * 1024  # ... and all of them together at most this
CPU_SECONDS = int(os.environ.get("MATCHMAKER_CV_CPU_SECONDS", "5"))
MEMORY_BYTES = int(os.environ.get("MATCHMAKER_CV_MEMORY_MB", "400")) * 1024 * 1024


class Refused(Exception):
    """The file is over a budget or cannot be used; the argument is a code the parent translates."""


def limit_myself() -> None:
    """Cap this process's CPU time and memory before touching the file."""
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def pdf_text(data: bytes) -> str:
    """The text of up to MAX_PAGES pages, stopping once MAX_CHARS are read."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise Refused("encrypted")
    parts: list[str] = []
    total = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total > MAX_CHARS:
            break
    return "\n".join(parts)


def check_unpacked_sizes(data: bytes) -> None:
    """Unpack every part with a cap, whatever sizes the archive claims (a zip bomb lies about them)."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.file_size > MAX_PART:
                raise Refused("unpacked_too_large")
            with archive.open(info) as part:
                size = 0
                while chunk := part.read(1024 * 1024):
                    size += len(chunk)
                    total += len(chunk)
                    if size > MAX_PART or total > MAX_UNZIPPED:
                        raise Refused("unpacked_too_large")


def docx_text(data: bytes) -> str:
    """Paragraphs and table rows of a DOCX whose parts are all within the caps."""
    import docx

    check_unpacked_sizes(data)
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
            if sum(len(p) for p in parts) > MAX_CHARS:
                break
    return "\n".join(parts)[: MAX_CHARS * 2]


def main() -> int:
    """Read the file from stdin, answer on stdout."""
    limit_myself()
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    data = sys.stdin.buffer.read()
    try:
        text = pdf_text(data) if kind == "pdf" else docx_text(data) if kind == "docx" else ""
        answer: dict[str, str] = {"text": text[: MAX_CHARS * 2]}
    except Refused as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"error": "memory"}
    except RecursionError:
        answer = {"error": "too_complex"}
    except Exception:  # noqa: BLE001 - parsers raise many types on broken files; the user just needs to know
        answer = {"error": "unreadable"}
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
