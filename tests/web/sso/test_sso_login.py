"""Single sign-on end to end against a real SAML IdP (pysaml2's), with signed assertions."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from matchmaker.models import AuditEvent, Role, SamlIdentity, User

from .conftest import person

pytestmark = pytest.mark.db


def start_login(client):
    response = client.get("/saml/login")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("https://idp.example.se/idp/profile/SAML2/Redirect/SSO?SAMLRequest=")
    assert "Signature=" in location  # the AuthnRequest is signed
    return location


def refusals(db_session):
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == "sso.refused")))


def test_metadata_describes_the_sp(sso_client) -> None:
    response = sso_client.get("/saml/metadata")
    assert response.status_code == 200 and response.mimetype == "application/samlmetadata+xml"
    xml = response.get_data(as_text=True)
    assert 'entityID="http://localhost/saml/metadata"' in xml
    assert "http://localhost/saml/acs" in xml and "http://localhost/saml/sls" in xml
    assert 'WantAssertionsSigned="true"' in xml and 'AuthnRequestsSigned="true"' in xml


def test_first_login_creates_a_student_with_a_profile_to_complete(sso_client, idp, db_session) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person())
    landed = sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    assert landed.status_code == 302 and landed.headers["Location"].endswith("/student/profile")
    user = db_session.scalar(select(User).where(User.email == "anna@example.se"))
    assert user is not None and user.role == Role.STUDENT and user.display_name == "Anna Andersson"
    assert user.student_profile is not None and user.student_profile.program_id is None
    identity = db_session.scalar(select(SamlIdentity).where(SamlIdentity.principal_name == "anna@example.se"))
    assert identity.user_id == user.id and identity.affiliations == ["member", "student"]
    page = sso_client.get("/student/profile")
    assert page.status_code == 200  # logged in as that student
    assert sso_client.post("/login", data={"email": "anna@example.se", "password": "!sso-only"}).status_code == 302


def test_second_login_signs_in_the_same_account(sso_client, idp, db_session) -> None:
    for _ in range(2):
        sso_client.post("/logout")
        response_b64, _ = idp.answer(start_login(sso_client), person())
        assert sso_client.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 302
    assert len(list(db_session.scalars(select(User).where(User.email == "anna@example.se")))) == 1
    assert sso_client.get("/student/").status_code == 200


def test_staff_wait_for_an_admin_then_a_granted_coach_is_linked(sso_client, idp, factory, db_session) -> None:
    staff = person("berit@example.se", "staff")
    response_b64, _ = idp.answer(start_login(sso_client), staff)
    pending = sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    assert pending.status_code == 200 and "administratör" in pending.get_data(as_text=True)
    assert db_session.scalar(select(User).where(User.email == "berit@example.se")) is None
    coach = factory.user(Role.COACH, email="berit@example.se")  # the admin grants it
    response_b64, _ = idp.answer(start_login(sso_client), staff)
    landed = sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    assert landed.status_code == 302 and landed.headers["Location"].endswith("/coach/")
    identity = db_session.scalar(select(SamlIdentity).where(SamlIdentity.principal_name == "berit@example.se"))
    assert identity.user_id == coach.id


def test_an_employer_account_is_never_taken_over(sso_client, idp, factory, db_session) -> None:
    factory.user(Role.EMPLOYER, email="anna@example.se")
    response_b64, _ = idp.answer(start_login(sso_client), person())
    refused = sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    assert refused.status_code == 400 and "loggar in med lösenord" in refused.get_data(as_text=True)
    assert [e.details["reason"] for e in refusals(db_session)] == ["an account with this email logs in with a password"]


def test_a_tampered_assertion_is_refused(sso_client, idp, db_session) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person())
    xml = base64.b64decode(response_b64).decode().replace("anna@example.se", "admin@example.se")
    refused = sso_client.post("/saml/acs", data={"SAMLResponse": base64.b64encode(xml.encode()).decode()})
    assert refused.status_code == 400
    assert db_session.scalar(select(User).where(User.email.in_(["anna@example.se", "admin@example.se"]))) is None
    assert [e.details.get("check") for e in refusals(db_session)] == ['SignatureError']


def test_an_expired_assertion_is_refused(sso_client, expired_idp, db_session) -> None:
    response_b64, _ = expired_idp.answer(start_login(sso_client), person())
    assert sso_client.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 400
    assert db_session.scalar(select(User).where(User.email == "anna@example.se")) is None
    assert [e.details.get("check") for e in refusals(db_session)] == ['VerificationError']


def test_a_replayed_assertion_is_refused(sso_client, sso_app, idp, db_session) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person())
    assert sso_client.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 302
    attacker = sso_app.test_client()
    start_login(attacker)
    assert attacker.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 400
    assert sso_client.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 400
    assert len(refusals(db_session)) == 2


def test_an_assertion_for_another_audience_is_refused(sso_client, idp, db_session) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person(), sp_entity="https://other.example.org/sp",
                                 acs="http://localhost/saml/acs")
    refused = sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    assert refused.status_code == 400
    assert db_session.scalar(select(User).where(User.email == "anna@example.se")) is None
    assert [e.details.get("message", "")[:24] for e in refusals(db_session)] == ["AudienceRestrictions con"]


def test_an_unsolicited_response_is_refused(sso_client, sso_app, idp, db_session) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person())
    stranger = sso_app.test_client()  # never started a login
    assert stranger.post("/saml/acs", data={"SAMLResponse": response_b64}).status_code == 400
    assert [e.details.get("check") for e in refusals(db_session)] == ['UnsolicitedResponse']


def test_single_logout_goes_to_the_idp_and_ends_the_session(sso_client, idp) -> None:
    response_b64, _ = idp.answer(start_login(sso_client), person())
    sso_client.post("/saml/acs", data={"SAMLResponse": response_b64})
    out = sso_client.post("/saml/logout")
    assert out.status_code == 302 and out.headers["Location"].startswith(
        "https://idp.example.se/idp/profile/SAML2/Redirect/SLO?SAMLRequest=")
    assert sso_client.get("/student/").status_code == 302


def test_sso_is_off_without_configuration(client) -> None:
    assert client.get("/saml/metadata").status_code == 404
    assert client.get("/saml/login").status_code == 404


def test_the_login_page_offers_the_university_login_only_when_it_is_set_up(sso_client, client) -> None:
    offered = sso_client.get("/login").get_data(as_text=True)
    assert "/saml/login" in offered and "Logga in med ditt konto vid lärosätet" in offered
    assert "/saml/login" not in client.get("/login").get_data(as_text=True)
