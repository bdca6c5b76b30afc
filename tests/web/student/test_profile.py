"""The student profile page: every field saved, errors named and nothing changed, CV upload, consent, preview."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from matchmaker.models import AuditEvent, Locale, StudyMode
from matchmaker.services.students import cv
from tests.fixtures.cv_files import docx_bytes, pdf_bytes
from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def _form(world, **overrides):
    data = {
        "name": "Anna Andersson", "program": "data", "study_mode": "distance", "grad_season": "VT",
        "grad_year": "2028", "skills": "Python, SQL, python", "interests": "Energi och klimat",
        "about": "Jag har byggt webbtjänster.", "languages": "svenska, engelska",
        "preferred_kinds": ["degree_project", "job"], "municipalities": [str(world.sorsele.id)],
        "willing_to_relocate": "y", "remote_ok": "y", "prefers_sparse": "y", "phone": "+46 70 123 45 67",
    }
    data.update(overrides)
    return data


def test_every_field_is_saved(client, login, world, db_session) -> None:
    login(world.student_a)
    response = client.post("/student/profile", data=_form(world))
    assert response.status_code == 302
    db_session.expire_all()
    p = world.student_a.student_profile
    assert (p.name, p.program.slug, p.study_mode, p.graduation_term) == ("Anna Andersson", "data",
                                                                          StudyMode.DISTANCE, "VT2028")
    assert p.skills == ["Python", "SQL"]  # duplicates dropped, case-insensitively
    assert p.languages == ["svenska", "engelska"]
    assert p.interests == "Energi och klimat" and p.about == "Jag har byggt webbtjänster."
    assert p.preferred_kinds == ["degree_project", "job"]
    assert [m.name for m in p.preferred_municipalities] == ["Sorsele"]
    assert p.willing_to_relocate and p.remote_ok and p.prefers_sparse
    assert p.phone == "+46 70 123 45 67"


def test_the_form_shows_the_saved_values(client, login, world) -> None:
    login(world.student_a)
    client.post("/student/profile", data=_form(world))
    html = client.get("/student/profile").get_data(as_text=True)
    assert 'value="Python, SQL"' in html and 'value="2028"' in html
    assert '<option selected value="VT">' in html


def test_errors_name_the_field_keep_the_input_and_change_nothing(client, login, world, db_session) -> None:
    login(world.student_a)
    before = world.student_a.student_profile.about
    response = client.post("/student/profile", data=_form(world, name="  ", grad_year="20x8",
                                                          phone="call me", about="Nytt CV som inte sparas"))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Namn: måste fyllas i" in html
    assert "Examensår: är inte en giltig termin" in html
    assert "Telefon: är inte ett giltigt telefonnummer" in html
    assert "Nytt CV som inte sparas" in html  # what was typed is kept
    db_session.expire_all()
    assert world.student_a.student_profile.about == before


@pytest.mark.parametrize(("name", "payload", "expected"), [
    ("cv.pdf", pdf_bytes("Erfarenhet av Python och SQL"), "Erfarenhet av Python och SQL"),
    ("cv.docx", docx_bytes("Projektledning och Excel"), "Projektledning och Excel"),
])
def test_an_uploaded_cv_is_a_proposal_and_nothing_is_saved(client, login, world, db_session, name, payload,
                                                           expected) -> None:
    login(world.student_a)
    before = world.student_a.student_profile.about
    data = _form(world, about="Min egen text", name="Nytt namn")
    data["cv_file"] = (io.BytesIO(payload), name)
    response = client.post("/student/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Text från ditt CV" in html and "Inget är sparat än" in html  # Swedish by default
    assert expected in html and "Min egen text" in html and 'value="Nytt namn"' in html  # both texts, input kept
    db_session.expire_all()
    profile = world.student_a.student_profile
    assert profile.about == before and profile.name != "Nytt namn"  # nothing saved


def test_the_student_saves_the_edited_cv_text(client, login, world, db_session) -> None:
    login(world.student_a)
    data = _form(world, about="Min egen text", cv_text="Erfarenhet av Python (redigerad)", about_source="cv")
    assert client.post("/student/profile", data=data).status_code == 302
    db_session.expire_all()
    assert world.student_a.student_profile.about == "Erfarenhet av Python (redigerad)"


def test_the_student_keeps_their_own_text(client, login, world, db_session) -> None:
    login(world.student_a)
    data = _form(world, about="Min egen text", cv_text="Text från CV:t", about_source="own")
    assert client.post("/student/profile", data=data).status_code == 302
    db_session.expire_all()
    assert world.student_a.student_profile.about == "Min egen text"
    # Without a choice (the ordinary Save button), it is the student's own text too.
    data = _form(world, about="Ännu en egen text", cv_text="Text från CV:t")
    assert client.post("/student/profile", data=data).status_code == 302
    db_session.expire_all()
    assert world.student_a.student_profile.about == "Ännu en egen text"


def test_the_proposal_speaks_english_too(client, login, world, db_session) -> None:
    world.student_a.locale = Locale.EN
    db_session.flush()
    login(world.student_a)
    data = _form(world)
    data["cv_file"] = (io.BytesIO(pdf_bytes("Python")), "cv.pdf")
    html = client.post("/student/profile", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "Text read from your CV" in html and "Nothing is saved yet" in html
    assert "Use the text from the CV and save" in html and "Keep my own text and save" in html


def test_cv_uploads_are_throttled_per_student(client, login, world, db_session) -> None:
    login(world.student_a)
    statuses = []
    for _ in range(11):
        data = _form(world)
        data["cv_file"] = (io.BytesIO(pdf_bytes("Python")), "cv.pdf")
        statuses.append(client.post("/student/profile", data=data, content_type="multipart/form-data").status_code)
    assert statuses == [200] * 10 + [429]
    assert client.post("/student/profile", data=_form(world)).status_code == 302  # saving without a file still works


def test_a_fake_pdf_is_refused_and_nothing_is_saved(client, login, world, db_session) -> None:
    login(world.student_a)
    data = _form(world, name="Nytt namn")
    data["cv_file"] = (io.BytesIO(b"MZ\x90\x00 an executable"), "cv.pdf")
    response = client.post("/student/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "måste vara en PDF- eller DOCX-fil" in response.get_data(as_text=True)
    db_session.expire_all()
    assert world.student_a.student_profile.name != "Nytt namn"


def test_consent_is_off_by_default_and_switches_at_once(client, login, world, db_session) -> None:
    profile = world.student_a.student_profile
    assert profile.visible_to_employers is False and profile.consent_at is None
    login(world.student_a)
    assert client.post("/student/profile/visibility", data={"visible": "1"}).status_code == 302
    db_session.expire_all()
    assert profile.visible_to_employers is True and profile.consent_at is not None
    assert client.post("/student/profile/visibility", data={"visible": "0"}).status_code == 302
    db_session.expire_all()
    assert profile.visible_to_employers is False and profile.consent_at is None
    actions = db_session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == world.student_a.id)).all()
    assert "profile.consent" in actions and "profile.consent_withdrawn" in actions


def test_visibility_form_is_only_a_post(client, login, world) -> None:
    login(world.student_a)
    assert client.get("/student/profile/visibility").status_code == 405


def test_preview_shows_what_employers_see_without_contact_details(client, login, world) -> None:
    login(world.student_a)
    html = client.get("/student/profile/preview").get_data(as_text=True)
    assert "Jag gillar Python och webbutveckling." in html
    assert "anna@example.org" not in html.split("<main", 1)[1]
    assert "070-123 45 67" not in html


def test_a_too_large_upload_is_refused_by_size(client, login, world, db_session, monkeypatch) -> None:
    # A lower limit keeps the request small (the test client spools big bodies to files it never closes).
    monkeypatch.setattr(cv, "MAX_BYTES", 2000)
    login(world.student_a)
    data = _form(world, name="Stort CV")
    data["cv_file"] = (io.BytesIO(pdf_bytes() + b"%" * 3000), "cv.pdf")
    response = client.post("/student/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "är för stor (högst 2 MB)" in response.get_data(as_text=True)
    db_session.expire_all()
    assert world.student_a.student_profile.name != "Stort CV"
