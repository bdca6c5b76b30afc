"""The alumni pages: graduating from the student side, the consent asked first, the profile form in both languages,
the coach's retention page and CSV, and the employer's contacts (only consenting alumni of its own organisation)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import AlumnusProfile, Locale, Role, User
from matchmaker.services.alumni import profile as alumni
from tests.conftest import PASSWORD
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_a_student_graduates_and_is_asked_for_the_new_consent(client, login, factory, db_session) -> None:
    student = factory.student()
    db_session.commit()
    login(student)
    refused = client.post("/student/graduation/now", data={})
    assert refused.status_code == 400 and "Kryssa i rutan" in _text(refused)
    response = client.post("/student/graduation/now", data={"confirm": "y"})
    assert response.headers["Location"] == "/alumnus/consent"
    # Until the alumnus answers, every alumni page leads to the question.
    assert client.get("/alumnus/").headers["Location"] == "/alumnus/consent"
    assert client.get("/student/").status_code == 403
    page = client.get("/alumnus/consent")
    assert page.status_code == 200 and "Får vi hålla kontakten" in _text(page)
    bad = client.post("/alumnus/consent", data={"answer": "kanske"})
    assert bad.status_code == 400 and "Välj ja eller nej." in _text(bad)
    assert client.post("/alumnus/consent", data={"answer": "yes"}).headers["Location"] == "/alumnus/"
    home = client.get("/alumnus/")
    assert home.status_code == 200 and "Du har samtyckt" in _text(home)
    assert 'href="/alumnus/profile"' in _text(home) and 'href="/alumnus/mentoring"' in _text(home)


def test_login_of_an_alumnus_lands_on_the_alumni_page(client, factory, db_session) -> None:
    user = make_alumnus(db_session, factory)
    db_session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/alumnus/"


def test_a_bad_planned_date_keeps_what_was_typed(client, login, factory, db_session) -> None:
    student = factory.student()
    db_session.commit()
    login(student)
    past = (date.today() - timedelta(days=3)).isoformat()
    response = client.post("/student/graduation", data={"graduated_on": past})
    assert response.status_code == 400 and "Välj ett datum efter i dag" in _text(response) and past in _text(response)
    ahead = (date.today() + timedelta(days=40)).isoformat()
    assert client.post("/student/graduation", data={"graduated_on": ahead}).status_code == 302
    db_session.expire_all()
    row = db_session.scalar(select(AlumnusProfile).where(AlumnusProfile.user_id == student.id))
    assert row.graduated_on.isoformat() == ahead and row.converted_at is None
    assert db_session.get(User, student.id).role == Role.STUDENT


@pytest.mark.parametrize(("locale", "message", "label"), [
    (Locale.SV, "Välj en organisation i listan.", "Kommun där du arbetar"),
    (Locale.EN, "Choose an organisation from the list.", "Municipality where you work"),
])
def test_bad_profile_input_is_named_on_the_field_and_typed_values_stay(client, login, factory, db_session, locale,
                                                                       message, label) -> None:
    user = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Timrå kommun"))
    user.locale = locale
    db_session.commit()
    login(user)
    page = client.get("/alumnus/profile")
    assert page.status_code == 200 and label in _text(page) and "Timrå kommun" in _text(page)
    response = client.post("/alumnus/profile", data={"employer_name": "Nytt Företag AB", "organization_id": "abc",
                                                    "stayed_in_region": "yes"})
    html = _text(response)
    assert response.status_code == 400 and message in html and 'value="Nytt Företag AB"' in html
    assert 'id="organization_id-error"' in html
    db_session.expire_all()
    assert alumni.profile_of(db_session, db_session.get(User, user.id)).employer_name == "Timrå kommun"


def test_the_profile_is_saved(client, login, factory, db_session) -> None:
    org, municipality = factory.organization(name="Sundsvall Energi AB"), factory.municipality(name="Sundsvall")
    user = make_alumnus(db_session, factory)
    db_session.commit()
    login(user)
    response = client.post("/alumnus/profile", data={
        "organization_id": str(org.id), "municipality_id": str(municipality.id), "stayed_in_region": "yes",
        "open_to_mentoring": "y", "contact_for_employer": "y"})
    assert response.status_code == 302
    db_session.expire_all()
    row = alumni.profile_of(db_session, db_session.get(User, user.id))
    assert (row.organization_id, row.employer_name, row.stayed_in_region, row.open_to_mentoring,
            row.open_to_speaking, row.contact_for_employer) == (org.id, "Sundsvall Energi AB", True, True, False, True)


def test_the_coach_sees_consenting_alumni_and_the_retention_share(client, login, factory, db_session) -> None:
    make_alumnus(db_session, factory, name="Synlig", edit=alumni.AlumnusEdit(
        employer_name="Region Västernorrland", stayed_in_region="yes", open_to_speaking=True))
    make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Borta AB", stayed_in_region="no"))
    make_alumnus(db_session, factory, consent="no", edit=alumni.AlumnusEdit(employer_name="Hemligt AB"))
    coach = factory.user(Role.COACH, locale=Locale.EN)
    db_session.commit()
    login(coach)
    html = _text(client.get("/coach/alumni"))
    assert 'href="/coach/alumni"' in _text(client.get("/coach/"))  # in the coach's menu
    assert "Region Västernorrland" in html and "Borta AB" in html and "Hemligt AB" not in html
    assert "1 of 2 alumni who answered stayed in the region: 50 %" in html
    assert "Open to speaking" in html
    csv = client.get("/coach/alumni.csv")
    assert csv.mimetype == "text/csv" and "Hemligt AB" not in _text(csv) and "Region Västernorrland" in _text(csv)


def test_an_employer_sees_only_consenting_contacts_of_its_own_organisation(client, login, factory,
                                                                           db_session) -> None:
    org, other = factory.organization(), factory.organization()
    contact = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=org.id,
                                                                        contact_for_employer=True))
    no_contact = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=org.id))
    withdrew = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=org.id,
                                                                         contact_for_employer=True))
    alumni.answer_consent(db_session, withdrew, "no")
    elsewhere = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(organization_id=other.id,
                                                                          contact_for_employer=True))
    staff = factory.user(Role.EMPLOYER, organization=org)
    db_session.commit()
    login(staff)
    html = _text(client.get("/employer/alumni"))
    assert 'href="/employer/alumni"' in html  # in the employer's menu
    assert contact.email in html
    assert all(u.email not in html for u in (no_contact, withdrew, elsewhere))
    # The contact's other details stay with coaches.
    assert "stayed" not in html.lower()


def test_an_unverified_organisation_sees_no_contacts(client, login, factory, db_session) -> None:
    org = factory.organization(verified=False)
    contact = make_alumnus(db_session, factory)
    row = alumni.profile_of(db_session, contact)
    row.organization_id, row.contact_for_employer = org.id, True
    staff = factory.user(Role.EMPLOYER, organization=org)
    db_session.commit()
    login(staff)
    html = _text(client.get("/employer/alumni"))
    assert contact.email not in html and "verifierat er organisation" in html


def test_students_cannot_reach_alumni_pages_and_alumni_not_student_pages(client, login, factory,
                                                                         db_session) -> None:
    student = factory.student()
    alumnus = make_alumnus(db_session, factory)
    db_session.commit()
    login(student)
    assert client.get("/alumnus/").status_code == 403 and client.get("/alumnus/profile").status_code == 403
    client.post("/logout")
    login(alumnus)
    for url in ("/student/", "/student/profile", "/student/graduation", "/employer/alumni", "/coach/alumni"):
        assert client.get(url).status_code == 403, url


def test_an_alumnus_registers_as_a_mentor_and_bad_capacity_is_named(client, login, factory, db_session) -> None:
    from matchmaker.services.mentoring import programmes

    programme = programmes.create_programme(db_session, factory.user(Role.COACH), programmes.ProgrammeInput(
        title="Mentorsprogram för sjuksköterskor", goals="10 par", period_start=date.today() + timedelta(days=20),
        period_end=date.today() + timedelta(days=120), matching_deadline=date.today() + timedelta(days=10)))
    user = make_alumnus(db_session, factory)
    db_session.commit()
    login(user)
    assert "Mentorsprogram för sjuksköterskor" in _text(client.get("/alumnus/mentoring"))
    url = f"/alumnus/mentoring/{programme.id}"
    bad = client.post(url, data={"expertise": "Distriktssköterska", "capacity": "0"})
    assert bad.status_code == 400 and "Distriktssköterska" in _text(bad)
    assert client.post(url, data={"expertise": "Distriktssköterska", "capacity": "2"}).status_code == 302
    db_session.expire_all()
    mentors = programmes.get_programme(db_session, programme.id).mentors
    assert [(m.user_id, m.capacity) for m in mentors] == [(user.id, 2)]
