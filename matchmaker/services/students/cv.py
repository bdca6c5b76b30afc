"""CV text extraction from PDF and DOCX uploads, processed in memory and never stored, under a budget.

The file type is decided by the content (magic bytes and, for DOCX, the package structure), and the extension
must agree with it. The parsing itself runs in a process of its own (cv_parse.py) that limits its CPU time and
memory; the caller waits at most WALL_SECONDS and then kills it. At most MAX_PARALLEL parses run at once; an
upload beyond that is refused at once ("try again"), so server threads are never queued behind parsers.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from matchmaker.core.errors import ValidationError

from .cv_parse import MAX_CHARS

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
FIELD = "cv_file"
WALL_SECONDS = float(os.environ.get("MATCHMAKER_CV_WALL_SECONDS", "10"))
MAX_PARALLEL = int(os.environ.get("MATCHMAKER_CV_PARALLEL", "2"))
_slots = threading.BoundedSemaphore(MAX_PARALLEL)

# Why a file was refused, as the user reads it (translated by the web layer).
REASONS = {
    "encrypted": "is password protected",
    "unreadable": "could not be read",
    "unpacked_too_large": "is too large when unpacked (at most 8 MB of text and markup)",
    "too_complex": "is too complex to read within our limits; save it as a simpler PDF or paste the text",
    "memory": "is too complex to read within our limits; save it as a simpler PDF or paste the text",
    "cpu": "is too complex to read within our limits; save it as a simpler PDF or paste the text",
    "wall": "is too complex to read within our limits; save it as a simpler PDF or paste the text",
    "busy": "cannot be read right now, many files are being read; try again in a minute",
}


@dataclass
class ChildRun:
    """How one parse in its own process went: its pid, and the text or the code of the limit it hit."""

    pid: int
    text: str = ""
    error: str = ""


# Called with the child's pid once it runs (tests use it to show the server answers meanwhile).
on_child_started: Callable[[int], None] | None = None


def sniff(data: bytes) -> str | None:
    """'pdf', 'docx' or None, judged by the bytes alone."""
    if data[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
    return None


def _clean(text: str) -> str:
    # Collapse runs of blank space that PDF extraction leaves, keep paragraph breaks.
    lines = [" ".join(line.split()) for line in text.replace("\x00", "").splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()[:MAX_CHARS]


def parse_in_child(data: bytes, kind: str, wall_seconds: float | None = None) -> ChildRun:
    """Parse in a process of its own with CPU, memory and wall-clock limits (cv_parse.py)."""
    wall = WALL_SECONDS if wall_seconds is None else wall_seconds
    env = {k: v for k, v in os.environ.items() if k.startswith(("MATCHMAKER_CV_", "PATH", "LANG", "PYTHON"))}
    proc = subprocess.Popen(  # noqa: S603 - our own module, with our own interpreter
        [sys.executable, "-m", "matchmaker.services.students.cv_parse", kind],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        start_new_session=True,
    )
    if on_child_started is not None:
        on_child_started(proc.pid)
    try:
        out, _ = proc.communicate(data, timeout=wall)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return ChildRun(proc.pid, error="wall")
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ChildRun(proc.pid, error="cpu")  # RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one
    try:
        answer = json.loads(out or b"{}")
    except ValueError:
        answer = {}
    if proc.returncode != 0 or not isinstance(answer, dict) or not ({"text", "error"} & answer.keys()):
        return ChildRun(proc.pid, error="memory" if proc.returncode == 1 else "unreadable")
    return ChildRun(proc.pid, text=str(answer.get("text", "")), error=str(answer.get("error", "")))


def extract_text(data: bytes, filename: str) -> str:
    """The text of a PDF or DOCX CV; ValidationError on the `cv_file` field when it cannot be used."""
    if not data:
        raise ValidationError({FIELD: "is empty"})
    if len(data) > MAX_BYTES:
        raise ValidationError({FIELD: "is too large (at most 2 MB)"})
    kind = sniff(data)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if kind is None or extension != kind:
        raise ValidationError({FIELD: "must be a PDF or DOCX file"})
    if not _slots.acquire(blocking=False):
        raise ValidationError({FIELD: REASONS["busy"]})
    try:
        run = parse_in_child(data, kind)
    finally:
        _slots.release()
    if run.error:
        log.info("CV extraction refused: %s", run.error)
        raise ValidationError({FIELD: REASONS.get(run.error, REASONS["unreadable"])})
    text = _clean(run.text)
    if not text:
        raise ValidationError({FIELD: "contains no text (is it a scanned image?)"})
    return text
