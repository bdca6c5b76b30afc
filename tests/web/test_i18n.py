"""Swedish and English: locale choice, the switch, and that every UI string has a Swedish translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select

from matchmaker.models import Locale, User
from matchmaker.web.i18n import SOURCE_DIR

pytestmark = pytest.mark.db

WEB = Path(__file__).resolve().parents[2] / "matchmaker" / "web"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None}


def test_swedish_is_the_default(client) -> None:
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "Logga in" in html


def test_browser_language_is_used_when_nothing_is_chosen(client) -> None:
    html = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in html and "No account yet?" in html


def test_switch_is_remembered_in_the_session(client) -> None:
    response = client.post("/lang", data={"lang": "en", "next": "/login"})
    assert response.headers["Location"] == "/login"
    assert "No account yet?" in client.get("/login").get_data(as_text=True)
    client.post("/lang", data={"lang": "sv"})
    assert "Inget konto än?" in client.get("/login").get_data(as_text=True)


def test_switch_refuses_foreign_redirects(client) -> None:
    response = client.post("/lang", data={"lang": "en", "next": "https://evil.example.com/"})
    assert response.headers["Location"] == "/"


def test_logged_in_users_choice_is_stored_on_the_account(client, factory, login, db_session) -> None:
    user = factory.student()
    login(user)
    client.post("/lang", data={"lang": "en"})
    db_session.expire_all()
    assert db_session.scalar(select(User).where(User.id == user.id)).locale == Locale.EN
    assert "My page" in client.get("/student/").get_data(as_text=True)


def test_every_ui_string_has_a_swedish_translation() -> None:
    translated: set[str] = set()
    for po in (SOURCE_DIR / "sv").glob("*.po"):
        with po.open("rb") as fh:
            for m in read_po(fh):
                if m.id and m.string and all(m.string if isinstance(m.string, tuple) else (m.string,)):
                    # A plural entry's id is (singular, plural): both count as translated.
                    translated |= set(m.id) if isinstance(m.id, tuple) else {m.id}
    missing = []
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    for filename, lineno, message, _comments, _context in extract_from_dir(str(WEB), method_map, keywords=KEYWORDS):
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid and msgid not in translated:
                missing.append(f"{filename}:{lineno}: {msgid!r}")
    assert not missing, "untranslated strings:\n" + "\n".join(missing)
