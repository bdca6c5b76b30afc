"""Readable administration: the audit trail in words, logins audited, editing accounts, managing organisations."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from matchmaker.core import audit
from matchmaker.models import AuditEvent, Locale, Offer, OfferStatus, Organization, OutboxMail, Role, User

pytestmark = pytest.mark.db


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _last(db_session, action: str) -> AuditEvent | None:
    return db_session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


def test_the_audit_trail_reads_in_words_in_both_languages(client, login, factory, db_session) -> None:
    admin = factory.user(Role.ADMIN)
    org = factory.organization("Skärgårdens Fiske AB", verified=False)
    audit.record(db_session, admin, "organization.verify", org, name="Skärgårdens Fiske AB")
    db_session.flush()
    login(admin)
    html = client.get("/admin/audit?action=organization.").get_data(as_text=True)
    text = _text(html)
    assert "Organisation verifierad" in text
    assert f'<a href="/admin/organizations/{org.id}">Skärgårdens Fiske AB</a>' in html
    assert "Namn" in text and "\\u00e4" not in html and "{&#34;" not in html and '{"name"' not in html
    assert f"Organization #{org.id}" not in text
    client.post("/lang", data={"lang": "en"})
    text = _text(client.get("/admin/audit?action=organization.").get_data(as_text=True))
    assert "Organisation verified" in text and "Name Skärgårdens Fiske AB" in text


def test_logins_and_failed_logins_are_audited(client, factory, db_session) -> None:
    someone = factory.student()
    assert client.post("/login", data={"email": someone.email, "password": "wrong-password!"}).status_code == 400
    failed = _last(db_session, "user.login_failed")
    assert failed is not None and failed.object_id == str(someone.id) and failed.details["reason"] == "wrong_password"
    client.post("/login", data={"email": "nobody@example.org", "password": "whatever-it-is"})
    unknown = _last(db_session, "user.login_failed")
    assert unknown.object_id == "" and "nobody@example.org" not in str(unknown.details)
    assert client.post("/login", data={"email": someone.email, "password": "correct-horse-battery"}).status_code == 302
    ok = _last(db_session, "user.login")
    assert ok is not None and ok.actor_id == someone.id


def test_an_admin_edits_role_email_and_active_with_errors_kept(client, login, factory, db_session) -> None:
    admin = factory.user(Role.ADMIN)
    coach = factory.user(Role.COACH, email="cora@example.org")
    org = factory.organization("Norrlands Kraft AB")
    login(admin)
    assert "cora@example.org" in client.get(f"/admin/users/{coach.id}").get_data(as_text=True)
    # An employer needs an organisation; the form keeps what was typed and nothing is saved.
    bad = client.post(f"/admin/users/{coach.id}", data={"display_name": "Cora Ny", "email": "cora.ny@example.org",
                                                         "role": "employer", "organization": "", "active": "y"})
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert 'value="cora.ny@example.org"' in page and "krävs för arbetsgivare" in page
    db_session.expire_all()
    assert db_session.get(User, coach.id).email == "cora@example.org"
    version = coach.session_version
    good = client.post(f"/admin/users/{coach.id}", data={"display_name": "Cora Ny", "email": "cora.ny@example.org",
                                                          "role": "employer", "organization": str(org.id)})
    assert good.status_code == 302
    db_session.expire_all()
    saved = db_session.get(User, coach.id)
    assert (saved.email, saved.role, saved.organization_id, saved.active) == (
        "cora.ny@example.org", Role.EMPLOYER, org.id, False)
    assert saved.session_version > version  # role and login changed: old sessions end
    event = _last(db_session, "user.update")
    assert set(event.details["changed"]) >= {"email", "role", "active", "organization"}
    text = _text(client.get("/admin/audit?action=user.update").get_data(as_text=True))
    assert "Kontot ändrat av en administratör" in text and "Roll före Karriärvägledare" in text


def test_a_student_keeps_the_role_and_an_admin_keeps_their_own(client, login, factory) -> None:
    admin = factory.user(Role.ADMIN, locale=Locale.EN)
    student = factory.student()
    login(admin)
    page = client.post(f"/admin/users/{student.id}", data={"email": student.email, "role": "coach", "active": "y"})
    assert page.status_code == 400 and "cannot be changed to or from student" in page.get_data(as_text=True)
    own = client.post(f"/admin/users/{admin.id}", data={"email": admin.email, "role": "coach", "active": "y"})
    assert own.status_code == 400 and "cannot be changed on your own account" in own.get_data(as_text=True)


def test_an_admin_sends_a_reset_link(client, login, factory, db_session) -> None:
    admin = factory.user(Role.ADMIN)
    target = factory.user(Role.COACH, locale=Locale.EN)
    login(admin)
    response = client.post(f"/admin/users/{target.id}/reset")
    assert response.status_code == 302
    mail = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == target.email))
    assert mail is not None and "/password/reset/" in mail.body and "administrator" in mail.body
    assert _last(db_session, "user.password_reset_sent").actor_id == admin.id


def test_organisations_are_listed_searched_verified_and_deactivated_with_confirmation(client, login, factory,
                                                                                      db_session) -> None:
    admin = factory.user(Role.ADMIN)
    org = factory.organization("Kustbygdens Bageri AB", verified=False)
    member = factory.user(Role.EMPLOYER, organization=org)
    offer = factory.offer(org, title="Bagarpraktik")
    factory.organization("Helt Annat AB")
    login(admin)
    text = _text(client.get("/admin/organizations?q=kustbygd").get_data(as_text=True))
    assert "Kustbygdens Bageri AB" in text and "Helt Annat AB" not in text and "Ej verifierad" in text
    assert client.post(f"/admin/organizations/{org.id}/verify").status_code == 302
    db_session.expire_all()
    assert db_session.get(Organization, org.id).verified
    # Without the tick nothing happens.
    refused = client.post(f"/admin/organizations/{org.id}/deactivate", data={})
    assert refused.status_code == 400 and "Kryssa i för att bekräfta" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Organization, org.id).active
    assert client.post(f"/admin/organizations/{org.id}/deactivate", data={"confirm": "y"}).status_code == 302
    db_session.expire_all()
    assert not db_session.get(Organization, org.id).active and not db_session.get(User, member.id).active
    assert db_session.get(Offer, offer.id).status == OfferStatus.CLOSED
    assert "Inaktiverad" in _text(client.get("/admin/organizations?state=inactive").get_data(as_text=True))
    assert client.post(f"/admin/organizations/{org.id}/reactivate").status_code == 302
    db_session.expire_all()
    assert db_session.get(Organization, org.id).active


def test_a_duplicate_is_merged_after_a_preview_and_a_confirmation(client, login, factory, db_session) -> None:
    admin = factory.user(Role.ADMIN, locale=Locale.EN)
    keep = factory.organization("Västkustens Energi AB")
    duplicate = factory.organization("Vastkustens Energi", verified=False)
    member = factory.user(Role.EMPLOYER, organization=duplicate)
    offer = factory.offer(duplicate, title="Energipraktik")
    duplicate_id = duplicate.id
    login(admin)
    preview = _text(client.get(f"/admin/organizations/{keep.id}?duplicate={duplicate.id}").get_data(as_text=True))
    assert "Vastkustens Energi" in preview and "1 member, 1 offer, 0 contracts" in preview
    assert "cannot be undone" in preview
    unconfirmed = client.post(f"/admin/organizations/{keep.id}/merge", data={"duplicate": str(duplicate.id)})
    assert unconfirmed.status_code == 400
    assert db_session.get(Organization, duplicate.id) is not None
    done = client.post(f"/admin/organizations/{keep.id}/merge", data={"duplicate": str(duplicate.id), "confirm": "y"})
    assert done.status_code == 302
    db_session.expire_all()
    assert db_session.get(Organization, duplicate_id) is None
    assert db_session.get(User, member.id).organization_id == keep.id
    assert db_session.get(Offer, offer.id).organization_id == keep.id
    event = _last(db_session, "organization.merge")
    assert event.details["duplicate_name"] == "Vastkustens Energi" and event.details["offers"] == 1
    assert db_session.scalar(select(func.count(Organization.id)).where(Organization.name.like("V%stkustens%"))) == 1
    text = _text(client.get("/admin/audit?action=organization.merge").get_data(as_text=True))
    assert "Duplicate organisation merged" in text and "Duplicate's name Vastkustens Energi" in text
