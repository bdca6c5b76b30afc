"""CV text extraction: type by content, size limits, broken files refused with a named reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from matchmaker.core.errors import ValidationError
from matchmaker.services.students import cv, cv_parse
from tests.fixtures.cv_files import docx_bytes, pdf_bytes


def test_pdf_text_is_extracted() -> None:
    assert "Python och SQL" in cv.extract_text(pdf_bytes(), "cv.pdf")


def test_docx_text_is_extracted_with_paragraphs() -> None:
    text = cv.extract_text(docx_bytes("Anna Andersson", "Projektledning och Excel"), "Mitt CV.DOCX")
    assert text.splitlines() == ["Anna Andersson", "Projektledning och Excel"]


def test_type_is_judged_by_content_not_extension() -> None:
    assert cv.sniff(pdf_bytes()) == "pdf"
    assert cv.sniff(docx_bytes()) == "docx"
    assert cv.sniff(b"just some text pretending") is None
    with pytest.raises(ValidationError) as err:
        cv.extract_text(b"plain text, not a PDF at all", "cv.pdf")
    assert err.value.errors == {"cv_file": "must be a PDF or DOCX file"}


def test_extension_must_agree_with_content() -> None:
    with pytest.raises(ValidationError):
        cv.extract_text(pdf_bytes(), "cv.docx")
    with pytest.raises(ValidationError):
        cv.extract_text(docx_bytes(), "cv.exe")


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as err:
        cv.extract_text(buffer.getvalue(), "cv.docx")
    assert "cv_file" in err.value.errors


def test_too_large_and_empty_files_are_refused() -> None:
    big = pdf_bytes() + b"%" * cv.MAX_BYTES
    with pytest.raises(ValidationError) as err:
        cv.extract_text(big, "cv.pdf")
    assert err.value.errors["cv_file"].startswith("is too large")
    with pytest.raises(ValidationError) as err:
        cv.extract_text(b"", "cv.pdf")
    assert err.value.errors["cv_file"] == "is empty"


def test_a_broken_pdf_says_it_could_not_be_read() -> None:
    with pytest.raises(ValidationError) as err:
        cv.extract_text(b"%PDF-1.4\n this is not really a pdf \x00\x01", "cv.pdf")
    assert err.value.errors["cv_file"] in {"could not be read", "contains no text (is it a scanned image?)"}


def test_docx_with_huge_unpacked_size_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "a" * (cv_parse.MAX_UNZIPPED + 1))
    with pytest.raises(ValidationError) as err:
        cv.extract_text(buffer.getvalue(), "cv.docx")
    assert err.value.errors["cv_file"] == cv.REASONS["unpacked_too_large"]
