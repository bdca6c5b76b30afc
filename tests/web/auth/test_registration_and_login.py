"""Accounts: registration, login, logout, password change, and bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.core.passwords import verify_password
from matchmaker.models import Organization, OutboxMail, Role, User
from tests.conftest import PASSWORD
from tests.fixtures.registration import mailed_link, register

pytestmark = pytest.mark.db

GOOD = "a-long-enough-passphrase"


def count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def student_form(**over):
    data = {"role": "student", "name": "Alva Exempel", "email": "alva@example.org", "password": GOOD,
            "confirm": GOOD}
    data.update(over)
    return data


def employer_form(**over):
    data = {"role": "employer", "name": "Bo Exempel", "email": "bo@example.org", "password": GOOD,
            "confirm": GOOD, "org_name": "Skogsbolaget Exempel AB", "org_number": "556677-8808",
            "sector": "company"}
    data.update(over)
    return data


def test_student_registers_and_lands_in_student_area(client, db_session) -> None:
    response = client.post("/register", data=student_form(email="Alva@Example.org"))
    assert response.status_code == 302 and response.headers["Location"] == "/register/sent"
    assert db_session.scalar(select(User).where(User.email == "alva@example.org")) is None  # not before the link
    link = mailed_link(db_session, "alva@example.org")
    assert client.get(link).status_code == 200  # opening the link (a mail scanner may) creates nothing
    assert db_session.scalar(select(User).where(User.email == "alva@example.org")) is None
    response = client.post(link)
    assert response.status_code == 302 and response.headers["Location"] == "/student/"
    user = db_session.scalar(select(User).where(User.email == "alva@example.org"))
    assert user is not None and user.role == Role.STUDENT
    assert user.student_profile is not None and user.student_profile.visible_to_employers is False
    assert user.password_hash.startswith("$argon2id$")
    assert client.get("/student/").status_code == 200
    client.post("/logout")
    assert client.get(link).status_code == 404  # used up


def test_employer_registers_with_a_new_unverified_organisation(client, db_session) -> None:
    response = register(client, db_session, employer_form(org_number="5566778808"))
    assert response.status_code == 302 and response.headers["Location"] == "/employer/"
    user = db_session.scalar(select(User).where(User.email == "bo@example.org"))
    assert user.role == Role.EMPLOYER
    assert user.organization.org_number == "556677-8808"
    assert user.organization.verified is False


@pytest.mark.parametrize(
    ("form", "field", "reason"),
    [
        (student_form(password="short1", confirm="short1"), "password", "at least 8 characters"),
        (student_form(password="x" * 129, confirm="x" * 129), "password", "at most 128"),
        (student_form(password="password123", confirm="password123"), "password", "too common"),
        (student_form(password="Lösenord123", confirm="Lösenord123"), "password", "too common"),
        (student_form(email="not-an-email"), "email", "not a valid email"),
        (student_form(name=""), "name", "required"),
        (employer_form(org_number="556677-8801"), "org_number", "check digit"),
        (employer_form(org_number="12345"), "org_number", "10 digits"),
        (employer_form(org_number="551677-8809"), "org_number", "not an organisation number"),
        (employer_form(org_name=""), "org_name", "required"),
    ],
)
def test_bad_registration_names_field_keeps_input_creates_nothing(client, db_session, form, field, reason) -> None:
    users, orgs = count(db_session, User), count(db_session, Organization)
    response = client.post("/register", data=form, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html
    assert reason in html
    # What the user typed is still in the form (passwords are deliberately not echoed).
    if form.get("name"):
        assert f'value="{form["name"]}"' in html
    if form.get("org_name"):
        assert f'value="{form["org_name"]}"' in html
    assert count(db_session, User) == users and count(db_session, Organization) == orgs


def test_a_taken_email_gets_the_same_answer_and_a_mail_instead(client, db_session, factory) -> None:
    taken = factory.student(email="taken@example.org")
    before = count(db_session, User)
    en = {"Accept-Language": "en"}
    free = client.post("/register", data=student_form(email="free@example.org"), headers=en)
    response = client.post("/register", data=student_form(email="TAKEN@example.org"), headers=en)
    assert response.status_code == free.status_code == 302
    assert response.headers["Location"] == free.headers["Location"] == "/register/sent"
    assert "already" not in client.get("/register/sent", headers=en).get_data(as_text=True)
    [mail] = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == taken.email)).all()
    assert "already has one" in mail.body and "/register/confirm/" not in mail.body and "/login" in mail.body
    assert count(db_session, User) == before and taken.password_hash == factory._hash


def test_sixty_four_character_password_is_allowed(client, db_session) -> None:
    long_pw = "lång-lösenfras-" + "x" * 49
    assert len(long_pw) == 64
    response = register(client, db_session, student_form(password=long_pw, confirm=long_pw))
    assert response.status_code == 302
    user = db_session.scalar(select(User).where(User.email == "alva@example.org"))
    assert verify_password(user.password_hash, long_pw)


def test_registering_an_existing_organisation_number_is_refused(client, db_session, factory) -> None:
    org = factory.organization()
    response = client.post("/register", data=employer_form(org_number=org.org_number),
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "ask a colleague" in response.get_data(as_text=True)


def test_no_coach_or_admin_self_registration(client, db_session) -> None:
    response = client.post("/register", data=student_form(role="coach"))
    assert response.status_code == 400
    assert db_session.scalar(select(User).where(User.email == "alva@example.org")) is None


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_in_its_own_area(client, factory, role) -> None:
    user = factory.user(role)
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{role.value}/"
    home = client.get(f"/{role.value}/")
    if role == Role.ALUMNUS:  # a graduate is asked for the consent of the alumni purpose first
        assert home.headers["Location"] == "/alumnus/consent"
        home = client.get("/alumnus/consent")
    assert home.status_code == 200


def test_wrong_password_is_refused_without_saying_which_part(client, factory) -> None:
    user = factory.student()
    response = client.post("/login", data={"email": user.email, "password": "wrong-password"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "Wrong email or password" in response.get_data(as_text=True)
    response = client.post("/login", data={"email": "nobody@example.org", "password": "wrong-password"},
                           headers={"Accept-Language": "en"})
    assert "Wrong email or password" in response.get_data(as_text=True)


def test_inactive_user_cannot_log_in(client, factory) -> None:
    user = factory.user(Role.STUDENT, active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_login_redirects_only_to_local_next(client, factory) -> None:
    user = factory.student()
    response = client.post("/login?next=https://evil.example.com/", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/student/"
    client.post("/logout")
    response = client.post("/login?next=/privacy", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/privacy"


def test_logout_ends_the_session(client, factory, login) -> None:
    login(factory.student())
    assert client.get("/student/").status_code == 200
    client.post("/logout")
    assert client.get("/student/").status_code == 302


def test_change_password_works_and_ends_other_sessions(app, client, factory, login, db_session) -> None:
    user = factory.student()
    other = app.test_client()
    other.post("/login", data={"email": user.email, "password": PASSWORD})
    assert other.get("/student/").status_code == 200
    login(user)
    new = "another-good-passphrase"
    response = client.post("/account/password", data={"current_password": PASSWORD, "new_password": new,
                                                     "confirm": new})
    assert response.status_code == 302
    db_session.refresh(user)
    assert verify_password(user.password_hash, new)
    assert client.get("/student/").status_code == 200  # this session was renewed
    assert other.get("/student/").status_code == 302  # the other one ended


def test_change_password_with_wrong_current_changes_nothing(client, factory, login, db_session) -> None:
    user = factory.student()
    old_hash = user.password_hash
    login(user)
    response = client.post("/account/password", data={"current_password": "nope-nope-nope",
                                                     "new_password": "another-good-passphrase",
                                                     "confirm": "another-good-passphrase"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert 'id="current_password-error"' in response.get_data(as_text=True)
    db_session.refresh(user)
    assert user.password_hash == old_hash
