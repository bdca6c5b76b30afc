"""Admin: users, study programs, municipalities and the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.core import audit
from matchmaker.models import AuditEvent, Locale, ProgramLevel, Role, StudyProgram, User, utcnow
from tests.conftest import PASSWORD

pytestmark = pytest.mark.db


@pytest.fixture
def admin(factory, login):
    user = factory.user(Role.ADMIN, locale=Locale.EN)
    login(user)
    return user


def _event(db_session, action, object_id=None):
    stmt = select(AuditEvent).where(AuditEvent.action == action)
    if object_id is not None:
        stmt = stmt.where(AuditEvent.object_id == str(object_id))
    return db_session.scalar(stmt.order_by(AuditEvent.id.desc()))


@pytest.mark.parametrize("role", ["coach", "admin", "student"])
def test_admin_creates_accounts_of_any_role(client, admin, db_session, role) -> None:
    response = client.post("/admin/users/new", data={
        "role": role, "display_name": "Ny Person", "email": f"Ny.{role}@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    created = db_session.scalar(select(User).where(User.email == f"ny.{role}@example.org"))
    assert created.role == Role(role) and created.display_name == "Ny Person"
    assert (created.student_profile is not None) == (role == "student")
    assert _event(db_session, "user.create", created.id).actor_id == admin.id


def test_employer_accounts_need_an_organisation(client, admin, factory, db_session) -> None:
    data = {"role": "employer", "display_name": "Per", "email": "per@example.org", "password": PASSWORD}
    response = client.post("/admin/users/new", data=data)
    assert response.status_code == 400
    assert "is required for employers" in response.get_data(as_text=True)
    assert db_session.scalar(select(User).where(User.email == "per@example.org")) is None
    org = factory.organization()
    assert client.post("/admin/users/new", data={**data, "organization": str(org.id)}).status_code == 302
    per = db_session.scalar(select(User).where(User.email == "per@example.org"))
    assert per.organization_id == org.id and per.role == Role.EMPLOYER


def test_bad_account_input_keeps_what_was_typed(client, admin, factory) -> None:
    taken = factory.user(Role.COACH)
    response = client.post("/admin/users/new", data={
        "role": "coach", "display_name": "Dubbel", "email": taken.email, "password": PASSWORD})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "is already registered" in html and 'value="Dubbel"' in html


def test_user_list_searches_and_filters(client, admin, factory) -> None:
    factory.user(Role.COACH, email="karin.coach@example.org", display_name="Karin Vägledare")
    factory.student(email="olle@example.org")
    html = client.get("/admin/users?q=karin").get_data(as_text=True)
    assert "karin.coach@example.org" in html and "olle@example.org" not in html
    html = client.get("/admin/users?role=student").get_data(as_text=True)
    assert "olle@example.org" in html and "karin.coach@example.org" not in html


def test_deactivate_ends_sessions_and_reactivate_restores(client, admin, factory, db_session, app) -> None:
    target = factory.student()
    other = app.test_client()
    assert other.post("/login", data={"email": target.email, "password": PASSWORD}).status_code == 302
    assert other.get("/student/").status_code == 200
    assert client.post(f"/admin/users/{target.id}/deactivate").status_code == 302
    db_session.refresh(target)
    assert not target.active
    assert other.get("/student/").status_code == 302  # logged out
    assert other.post("/login", data={"email": target.email, "password": PASSWORD}).status_code == 400  # refused
    assert _event(db_session, "user.deactivate", target.id).actor_id == admin.id
    client.post(f"/admin/users/{target.id}/reactivate")
    db_session.refresh(target)
    assert target.active and _event(db_session, "user.reactivate", target.id) is not None


def test_admin_cannot_deactivate_themself(client, admin, db_session) -> None:
    client.post(f"/admin/users/{admin.id}/deactivate")
    db_session.refresh(admin)
    assert admin.active
    assert client.get("/admin/").status_code == 200


def test_programs_add_edit_deactivate(client, admin, db_session) -> None:
    data = {"slug": "skogsvetenskap", "name_sv": "Skogsvetenskap", "name_en": "Forest Science", "level": "master"}
    assert client.post("/admin/programs/new", data=data).status_code == 302
    program = db_session.scalar(select(StudyProgram).where(StudyProgram.slug == "skogsvetenskap"))
    assert program.level == ProgramLevel.MASTER and program.active
    again = client.post("/admin/programs/new", data=data)
    assert again.status_code == 400 and "is already in use" in again.get_data(as_text=True)
    bad = client.post("/admin/programs/new", data={**data, "slug": "Skog Vet!"})
    assert bad.status_code == 400 and "must be lower-case letters" in bad.get_data(as_text=True)
    client.post(f"/admin/programs/{program.id}/edit",
                data={"name_sv": "Skogsvetenskap (ny)", "name_en": "Forestry", "level": "bachelor"})
    db_session.refresh(program)
    assert (program.name_sv, program.name_en, program.level) == ("Skogsvetenskap (ny)", "Forestry",
                                                                 ProgramLevel.BACHELOR)
    assert program.slug == "skogsvetenskap"
    client.post(f"/admin/programs/{program.id}/deactivate")
    db_session.refresh(program)
    assert not program.active
    for action in ("program.create", "program.update", "program.deactivate"):
        assert _event(db_session, action, program.id).actor_id == admin.id


def test_deactivated_program_disappears_from_choices(client, admin, factory) -> None:
    from matchmaker.services import catalogue

    program = factory.program("gammalt-program")
    client.post(f"/admin/programs/{program.id}/deactivate")
    assert "gammalt-program" not in [slug for slug, _ in catalogue.program_choices(factory.session, "sv")]
    client.post(f"/admin/programs/{program.id}/activate")
    assert "gammalt-program" in [slug for slug, _ in catalogue.program_choices(factory.session, "sv")]


def test_municipality_county_and_sparse_flag(client, admin, factory, db_session) -> None:
    m = factory.municipality("Sorsele", county="Västerbottens län")
    assert not m.sparsely_populated
    response = client.post(f"/admin/municipalities/{m.id}/edit",
                           data={"county": "Västerbottens län", "sparsely_populated": "y"})
    assert response.status_code == 302
    db_session.refresh(m)
    assert m.sparsely_populated
    event = _event(db_session, "municipality.update", m.id)
    assert event.details["before"]["sparsely_populated"] is False and event.details["after"]["sparsely_populated"]
    bad = client.post(f"/admin/municipalities/{m.id}/edit", data={"county": ""})
    assert bad.status_code == 400
    db_session.refresh(m)
    assert m.county == "Västerbottens län" and m.sparsely_populated


def test_audit_trail_filters_by_actor_action_and_date(client, admin, factory, db_session) -> None:
    coach = factory.user(Role.COACH, email="filtrera.coach@example.org")
    org = factory.organization()
    old = audit.record(db_session, coach, "organization.verify", org)
    old.at = utcnow() - timedelta(days=10)
    audit.record(db_session, coach, "offer.approve", org)
    audit.record(db_session, admin, "program.create", org)
    db_session.flush()
    html = client.get("/admin/audit?actor=filtrera").get_data(as_text=True)
    assert "organization.verify</code>" in html and "offer.approve</code>" in html
    assert "program.create</code>" not in html
    html = client.get("/admin/audit?action=offer.").get_data(as_text=True)
    assert "offer.approve</code>" in html and "organization.verify</code>" not in html
    today = utcnow().date().isoformat()
    html = client.get(f"/admin/audit?actor=filtrera&date_from={today}").get_data(as_text=True)
    assert "offer.approve</code>" in html and "organization.verify</code>" not in html
    earlier = (utcnow() - timedelta(days=5)).date().isoformat()
    html = client.get(f"/admin/audit?actor=filtrera&date_to={earlier}").get_data(as_text=True)
    assert "organization.verify</code>" in html and "offer.approve</code>" not in html
    assert client.get("/admin/audit?date_from=not-a-date").status_code == 400


def test_audit_trail_paginates(client, admin, factory, db_session) -> None:
    for n in range(55):
        audit.record(db_session, admin, f"test.page{n:02d}", None)
    db_session.flush()
    first = client.get("/admin/audit?action=test.page").get_data(as_text=True)
    assert "55 events" in first and "<code>test.page54</code>" in first and "<code>test.page04</code>" not in first
    assert "page=2" in first and "action=test.page" in first
    second = client.get("/admin/audit?action=test.page&page=2").get_data(as_text=True)
    assert "<code>test.page04</code>" in second and "<code>test.page54</code>" not in second


def test_admin_home_shows_counts_and_latest_events(client, admin, factory, db_session) -> None:
    factory.user(Role.COACH)
    audit.record(db_session, admin, "test.home", None)
    db_session.flush()
    html = client.get("/admin/").get_data(as_text=True)
    assert "Career coach: 1" in html and "test.home" in html


def test_unknown_objects_are_404(client, admin) -> None:
    for method, url in [("POST", "/admin/users/999999/deactivate"), ("POST", "/admin/users/999999/reactivate"),
                        ("GET", "/admin/programs/999999/edit"), ("POST", "/admin/programs/999999/deactivate"),
                        ("POST", "/admin/programs/999999/activate"), ("GET", "/admin/municipalities/999999/edit")]:
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == 404, url


def test_search_wildcards_are_taken_literally(client, admin, factory) -> None:
    factory.user(Role.COACH, email="under_score@example.org")
    factory.user(Role.COACH, email="underxscore@example.org")
    html = client.get("/admin/users?q=under_").get_data(as_text=True)
    assert "under_score@example.org" in html and "underxscore@example.org" not in html
    assert "0 accounts" in client.get("/admin/users?q=%25").get_data(as_text=True)
