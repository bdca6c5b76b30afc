"""CV parsing under a budget: hostile files made here are parsed in another process, which is stopped at its limit.

Nothing here measures time: each test shows in which process the parse ran, which limit stopped it, and that
the server answered other requests while it ran.
"""

from __future__ import annotations

import os
import threading

import pytest

from matchmaker.core.errors import ValidationError
from matchmaker.services.students import cv, cv_parse
from tests.fixtures.cv_files import docx_bytes, pdf_bytes
from tests.fixtures.hostile_files import deep_nesting, many_tiny_content_streams, zip_bomb_docx


@pytest.fixture(autouse=True)
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-second CPU budget keeps the suite quick; the production default is cv_parse.CPU_SECONDS."""
    monkeypatch.setenv("MATCHMAKER_CV_CPU_SECONDS", "1")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_normal_cv_is_read_in_a_process_of_its_own() -> None:
    run = cv.parse_in_child(pdf_bytes("Python och SQL"), "pdf")
    assert run.pid != os.getpid() and not run.error and "Python och SQL" in run.text
    assert _gone(run.pid)
    assert "Projektledning" in cv.parse_in_child(docx_bytes("Projektledning"), "docx").text


def test_many_tiny_content_streams_are_stopped_at_the_cpu_limit() -> None:
    hostile = many_tiny_content_streams(2000, 300)
    assert len(hostile) < cv.MAX_BYTES  # small enough to be uploaded
    run = cv.parse_in_child(hostile, "pdf")
    assert run.pid != os.getpid() and run.error == "cpu" and _gone(run.pid)
    with pytest.raises(ValidationError) as refused:
        cv.extract_text(hostile, "cv.pdf")
    assert refused.value.errors["cv_file"].startswith("is too complex to read within our limits")


def test_deep_nesting_is_refused_not_a_crash() -> None:
    hostile = deep_nesting()
    run = cv.parse_in_child(hostile, "pdf")
    assert run.pid != os.getpid() and run.error in {"too_complex", "cpu", "unreadable"}
    with pytest.raises(ValidationError):
        cv.extract_text(hostile, "cv.pdf")


def test_a_zip_bomb_is_refused_while_unpacking() -> None:
    hostile = zip_bomb_docx(200)
    assert len(hostile) < cv.MAX_BYTES
    run = cv.parse_in_child(hostile, "docx")
    assert run.error == "unpacked_too_large"
    with pytest.raises(ValidationError) as refused:
        cv.extract_text(hostile, "cv.docx")
    assert "too large when unpacked" in refused.value.errors["cv_file"]


def test_many_parts_under_the_part_cap_are_refused_by_the_total_cap() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(4):  # each under MAX_PART, together over MAX_UNZIPPED
            archive.writestr(f"word/media/part{n}.xml", "a" * (cv_parse.MAX_PART - 10))
    assert cv.parse_in_child(buffer.getvalue(), "docx").error == "unpacked_too_large"


def test_the_wall_clock_limit_kills_a_parse_that_waits() -> None:
    run = cv.parse_in_child(many_tiny_content_streams(2000, 300), "pdf", wall_seconds=0.3)
    assert run.error == "wall" and _gone(run.pid)


def test_beyond_the_parallel_limit_an_upload_is_refused_at_once() -> None:
    held = [cv._slots.acquire(blocking=False) for _ in range(cv.MAX_PARALLEL)]
    try:
        assert all(held)
        with pytest.raises(ValidationError) as refused:
            cv.extract_text(pdf_bytes(), "cv.pdf")
        assert "try again in a minute" in refused.value.errors["cv_file"]
    finally:
        for _ in held:
            cv._slots.release()


@pytest.mark.db
def test_the_server_answers_healthz_while_a_hostile_cv_is_parsed(app, factory, monkeypatch) -> None:
    student = factory.student()
    started, healthz_done = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def child_started(pid: int) -> None:
        seen["pid"] = pid
        started.set()
        healthz_done.wait(30)  # keep the upload in progress until the other request has been answered

    monkeypatch.setattr(cv, "on_child_started", child_started)
    uploader = app.test_client()
    uploader.post("/login", data={"email": student.email, "password": "correct-horse-battery"})
    hostile = many_tiny_content_streams(2000, 300)

    def upload() -> None:
        import io

        seen["upload"] = uploader.post("/student/profile", data={
            "name": "Nora", "study_mode": "campus", "cv_file": (io.BytesIO(hostile), "cv.pdf")},
            content_type="multipart/form-data").status_code

    thread = threading.Thread(target=upload)
    thread.start()
    assert started.wait(30)
    response = app.test_client().get("/healthz")  # while the parser process is alive
    alive = not _gone(int(seen["pid"]))  # type: ignore[arg-type]
    healthz_done.set()
    thread.join(60)
    assert response.status_code == 200 and alive
    assert seen["upload"] == 400  # refused with a message, nothing saved
