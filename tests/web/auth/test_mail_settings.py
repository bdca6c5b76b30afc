"""The mail settings page in both languages, and unsubscribing from a mail without logging in."""

from __future__ import annotations

import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import select

from matchmaker.models import Locale, OutboxMail, Role
from matchmaker.services.notifications import operations as notifications
from matchmaker.services.notifications import preferences as prefs

pytestmark = pytest.mark.db


def test_settings_page_in_swedish_and_english(client, db_session, factory, login) -> None:
    student = factory.student()
    login(student)
    html = client.get("/account/notifications/settings").get_data(as_text=True)
    assert "Mejlinställningar" in html and "Ansökningar och platser" in html and "Veckovis sammanfattning" in html
    client.post("/lang", data={"lang": "en"})
    html = client.get("/account/notifications/settings").get_data(as_text=True)
    assert "Mail settings" in html and "Applications and places" in html and "Only in the app" in html


def test_saving_settings(client, db_session, factory, login) -> None:
    coach = factory.user(Role.COACH)
    login(coach)
    form = {c: prefs.DEFAULTS[c] for c in prefs.switchable_categories()} | {"contracts": "daily", "offers": "app"}
    response = client.post("/account/notifications/settings", data=form)
    assert response.status_code == 303
    modes = prefs.modes_of(db_session, coach.id)
    assert modes["contracts"] == "daily" and modes["offers"] == "app"
    assert "Dina mejlinställningar är sparade." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_bad_choice_changes_nothing_and_keeps_the_form(client, db_session, factory, login) -> None:
    student = factory.student()
    login(student)
    form = {c: "weekly" for c in prefs.switchable_categories()} | {"messages": "hourly"}
    response = client.post("/account/notifications/settings", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "messages: är inte ett giltigt val" in html
    assert '<option value="weekly" selected>' in html  # what was chosen is kept
    assert prefs.modes_of(db_session, student.id) == prefs.DEFAULTS


def _unsubscribe_path(db_session, user) -> str:
    mail = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email)
                              .order_by(OutboxMail.id.desc())).first()
    url = mail.headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://localhost/unsubscribe/")
    return url.removeprefix("http://localhost")


def test_one_click_unsubscribe_works_without_login(app, client, db_session, factory) -> None:
    student = factory.user(Role.STUDENT, locale=Locale.EN)
    notifications.notify(db_session, [student], "application.status", {"organization": "O", "offer": "Job"})
    path = _unsubscribe_path(db_session, student)
    page = client.get(path)  # a link scanner fetching the URL changes nothing
    assert page.status_code == 200 and "Stop these mails" in page.get_data(as_text=True)
    assert prefs.modes_of(db_session, student.id)["applications"] == "immediate"
    # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, without cookies or CSRF token.
    done = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "You get no more mails about" in done.get_data(as_text=True)
    assert prefs.modes_of(db_session, student.id)["applications"] == "app"
    assert prefs.modes_of(db_session, student.id)["messages"] == "immediate"  # only that category
    before = db_session.scalar(select(OutboxMail.id).order_by(OutboxMail.id.desc()))
    notifications.notify(db_session, [student], "application.status", {"organization": "O", "offer": "Job 2"})
    assert db_session.scalar(select(OutboxMail.id).order_by(OutboxMail.id.desc())) == before


def test_unsubscribing_from_a_digest_switches_off_its_categories(app, client, db_session, factory) -> None:
    from matchmaker.services.notifications import delivery

    student = factory.student()
    prefs.set_modes(db_session, student, {"offers": "weekly", "alerts": "weekly", "messages": "daily"})
    notifications.notify(db_session, [student], "offer.approved", {"offer": "X"})
    delivery.send_digests(db_session, "weekly")
    client.post(_unsubscribe_path(db_session, student))
    modes = prefs.modes_of(db_session, student.id)
    assert modes["offers"] == modes["alerts"] == "app" and modes["messages"] == "daily"


def test_forged_and_expired_tokens_change_nothing(app, client, db_session, factory, monkeypatch) -> None:
    student = factory.student()
    notifications.notify(db_session, [student], "application.status", {"organization": "O", "offer": "Job"})
    path = _unsubscribe_path(db_session, student)
    forged = path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb")
    for bad in (forged, "/unsubscribe/not-a-token"):
        response = client.post(bad)
        assert response.status_code == 404
        assert "Den här avregistreringslänken har gått ut eller är felaktig" in response.get_data(as_text=True)
    from matchmaker.web.notification_mail import BabelRenderer

    old = int(time.time()) - 200 * 86400
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: old)
    expired = BabelRenderer(app).unsubscribe_url(student.id, "applications").removeprefix("http://localhost")
    monkeypatch.undo()
    assert client.post(expired).status_code == 404
    assert prefs.modes_of(db_session, student.id)["applications"] == "immediate"
