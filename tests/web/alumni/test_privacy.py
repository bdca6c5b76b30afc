"""The alumnus's own data in the browser's terms: reachable before the consent answer, the JSON export, and
deleting the account with the password (Swedish and English)."""

from __future__ import annotations

import json

import pytest

from matchmaker.models import User
from tests.conftest import PASSWORD
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


def test_the_rights_over_ones_data_do_not_wait_for_the_consent_answer(client, login, factory, db_session) -> None:
    alumnus = make_alumnus(db_session, factory, consent=None)
    db_session.commit()
    login(alumnus)
    assert client.get("/alumnus/").headers["Location"] == "/alumnus/consent"
    page = client.get("/alumnus/privacy")
    assert page.status_code == 200 and "Ladda ner mina uppgifter" in page.get_data(as_text=True)
    download = client.get("/alumnus/export")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "no-store"
    assert "attachment" in download.headers["Content-Disposition"]
    data = json.loads(download.get_data(as_text=True))
    assert data["account"]["email"] == alumnus.email and data["alumnus_profile"]["consent_answered_at"] is None


def test_deleting_the_account_needs_the_password(client, login, factory, db_session) -> None:
    alumnus = make_alumnus(db_session, factory)
    db_session.commit()
    uid = alumnus.id
    login(alumnus)
    client.post("/lang", data={"lang": "en"})
    page = client.get("/alumnus/account/delete")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "your alumni profile and your mentor registrations" in text
    wrong = client.post("/alumnus/account/delete", data={"password": "not the password"})
    assert wrong.status_code == 400 and db_session.get(User, uid) is not None
    done = client.post("/alumnus/account/delete", data={"password": PASSWORD})
    assert done.status_code == 302 and done.headers["Location"] == "/"
    db_session.expire_all()
    assert db_session.get(User, uid) is None
    assert client.get("/alumnus/privacy").status_code == 302  # logged out: to the login page
