"""The notification centre: the bell's count, the list in both languages, following and marking read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from matchmaker.models import Locale, Role
from matchmaker.services.notifications import operations as notifications
from matchmaker.services.notifications.kinds import KINDS
from matchmaker.web.i18n import SOURCE_DIR

pytestmark = pytest.mark.db


def test_the_bell_counts_unread_and_the_list_shows_swedish_text(client, db_session, factory, login) -> None:
    student = factory.student()
    notifications.notify(db_session, [student], "offer.returned", {"offer": "Sommarjobb"})
    notifications.notify(db_session, [student], "round.opened", {"round": "VT27", "deadline": "2027-01-15"})
    login(student)
    html = client.get("/notifications").get_data(as_text=True)
    assert 'aria-label="Aviseringar, 2 olästa"' in html
    assert "Du har 2 olästa aviseringar." in html
    assert "”Sommarjobb” har skickats tillbaka för ändringar" in html
    assert "Fördelningsomgången ”VT27” är öppen: gör din rangordning senast 2027-01-15" in html


def test_english_user_reads_english(client, db_session, factory, login) -> None:
    coach = factory.user(Role.COACH, locale=Locale.EN)
    notifications.notify(db_session, [coach], "offer.submitted", {"offer": "Trainee", "organization": "Bolaget"})
    login(coach)
    html = client.get("/notifications").get_data(as_text=True)
    assert "“Trainee” from Bolaget waits for review" in html and "You have 1 unread notification." in html


def test_text_is_escaped(client, db_session, factory, login) -> None:
    student = factory.student()
    notifications.notify(db_session, [student], "offer.rejected", {"offer": "<script>x</script>"})
    login(student)
    html = client.get("/notifications").get_data(as_text=True)
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_opening_marks_read_and_follows_the_link(client, db_session, factory, login) -> None:
    employer = factory.user(Role.EMPLOYER)
    offer = factory.offer(employer.organization)
    note = notifications.notify(db_session, [employer], "offer.approved", {"offer": "X"}, ("offer", offer.id))[0]
    login(employer)
    assert f'href="/notifications/{note.id}"' in client.get("/notifications").get_data(as_text=True)
    response = client.get(f"/notifications/{note.id}")
    assert response.status_code == 303 and response.headers["Location"] == f"/employer/offers/{offer.id}"
    assert notifications.unread_count(db_session, employer.id) == 0
    assert "aria-label=\"Aviseringar\"" in client.get("/notifications").get_data(as_text=True)


def test_mark_all_read(client, db_session, factory, login) -> None:
    student = factory.student()
    notifications.notify(db_session, [student], "offer.approved", {"offer": "X"})
    login(student)
    assert client.post("/notifications/read-all").status_code == 303
    assert notifications.unread_count(db_session, student.id) == 0


def test_another_users_notification_is_not_found(client, db_session, factory, login) -> None:
    a, b = factory.student(), factory.student()
    note = notifications.notify(db_session, [a], "offer.approved", {"offer": "X"})[0]
    login(b)
    assert client.get(f"/notifications/{note.id}").status_code == 404
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    assert note.read_at is None


def test_every_kind_has_a_swedish_text_with_the_same_params() -> None:
    translated = {}
    for po in (SOURCE_DIR / "sv").glob("*.po"):
        with Path(po).open("rb") as fh:
            translated.update({m.id: m.string for m in read_po(fh) if m.id and m.string})
    for kind in KINDS.values():
        assert kind.text in translated, kind.name
        params = sorted(re.findall(r"%\((\w+)\)s", kind.text))
        assert sorted(re.findall(r"%\((\w+)\)s", translated[kind.text])) == params, kind.name
