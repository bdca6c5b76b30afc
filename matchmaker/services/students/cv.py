"""CV text extraction from PDF and DOCX uploads, processed in memory and never stored.

The file type is decided by the content (magic bytes and, for DOCX, the package structure), and the
extension must agree with it. Limits guard against huge or hostile files (zip bombs, endless PDFs).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from matchmaker.core.errors import ValidationError

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_PAGES = 30
MAX_CHARS = 20000
MAX_UNZIPPED = 25 * 1024 * 1024
FIELD = "cv_file"


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


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValidationError({FIELD: "is password protected"})
    parts = []
    for page in reader.pages[:MAX_PAGES]:
        parts.append(page.extract_text() or "")
        if sum(len(p) for p in parts) > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
            raise ValidationError({FIELD: "is too large"})
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


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
    try:
        text = _pdf_text(data) if kind == "pdf" else _docx_text(data)
    except ValidationError:
        raise
    except Exception as exc:  # parsers raise many types on broken files; the user just needs to know
        log.info("CV extraction failed: %s", exc.__class__.__name__)
        raise ValidationError({FIELD: "could not be read"}) from None
    text = _clean(text)
    if not text:
        raise ValidationError({FIELD: "contains no text (is it a scanned image?)"})
    return text
