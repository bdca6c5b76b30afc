"""Saved-search alerts: new matching offers each once, daily or weekly; silent or abandoned alerts switch off."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Notification, OutboxMail, SavedSearch, SavedSearchHit, utcnow
from matchmaker.services.karriarsok import alerts
from matchmaker.services.notifications.reminders import deadline_reminders

pytestmark = pytest.mark.db


def _search(session, student, params=None, frequency="daily") -> SavedSearch:
    saved = SavedSearch(student_id=student.student_profile.id, name="Data jobs", params=params or {})
    session.add(saved)
    session.flush()
    if frequency:
        alerts.set_alert(session, student, saved.id, frequency)
        saved.alert_since = saved.alert_last_run_at = utcnow() - timedelta(days=2)
    return saved


def _notes(session, user, kind):
    return session.scalars(select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
                           .order_by(Notification.id)).all()


def test_new_matching_offers_are_sent_once_and_edits_do_not_repeat_them(db_session, factory, offer_index) -> None:
    student = factory.student()
    saved = _search(db_session, student, {"q": "python"})
    now = utcnow()
    match = factory.offer(title="Python developer", description="Python and data pipelines.",
                          published_at=now - timedelta(hours=5))
    factory.offer(title="Bakery", description="Bread and buns.", published_at=now - timedelta(hours=5))
    factory.offer(title="Old python job", description="Python.", published_at=now - timedelta(days=5))
    result = alerts.run_alerts(db_session, offer_index, "daily", now=now)
    assert result == {"alerts": 1, "offers": 1, "switched_off": 0}
    (note,) = _notes(db_session, student, "alert.offers")
    assert note.params["count"] == "1" and "- Python developer" in note.params["items"]
    mail = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == student.email)).one()
    assert "- Python developer" in mail.body
    # The offer is edited (and even re-published) later: never alerted again.
    match.description = "Python, data pipelines and more."
    match.published_at = now + timedelta(hours=2)
    later = now + timedelta(days=1)
    new = factory.offer(title="Python trainee", description="Python.", published_at=now + timedelta(hours=3))
    assert alerts.run_alerts(db_session, offer_index, "daily", now=later)["offers"] == 1
    hits = set(db_session.scalars(select(SavedSearchHit.offer_id).where(SavedSearchHit.search_id == saved.id)))
    assert hits == {match.id, new.id}
    assert "Python trainee" in _notes(db_session, student, "alert.offers")[-1].params["items"]


def test_not_due_before_its_period(db_session, factory, offer_index) -> None:
    student = factory.student()
    saved = _search(db_session, student, frequency="weekly")
    now = utcnow()
    factory.offer(published_at=now - timedelta(hours=1))
    assert alerts.run_alerts(db_session, offer_index, "weekly", now=now)["alerts"] == 0  # 2 days since the last
    assert alerts.run_alerts(db_session, offer_index, "weekly", now=now + timedelta(days=6))["alerts"] == 1
    assert saved.alert_last_hit_at is not None


def test_an_alert_that_finds_nothing_for_90_days_switches_itself_off(app, db_session, factory, offer_index) -> None:
    student = factory.student()
    saved = _search(db_session, student, {"q": "astrophysics"})
    saved.alert_since = utcnow() - timedelta(days=91)
    student.last_login_at = utcnow()
    assert alerts.run_alerts(db_session, offer_index, "daily")["switched_off"] == 1
    assert saved.alert_frequency == "" and saved.alert_off_reason == "nothing_found"
    (note,) = _notes(db_session, student, "alert.switched_off")
    assert (note.object_type, note.object_id) == ("saved_search", saved.id)
    mail = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == student.email)).one()
    assert mail.subject == "Matchmaker: Din sparade sökning ”Data jobs” har slutat skicka bevakningar"
    assert "inte hittat några nya erbjudanden på 90 dagar" in mail.body
    assert f"http://localhost/notifications/{note.id}" in mail.body  # leads to the page that switches it on
    # Switched back on: the 90 days start again, and it runs.
    alerts.set_alert(db_session, student, saved.id, "daily")
    assert saved.alert_off_reason == "" and saved.alert_since > utcnow() - timedelta(minutes=1)
    assert alerts.run_alerts(db_session, offer_index, "daily", now=utcnow() + timedelta(days=1))["switched_off"] == 0


def test_an_owner_away_for_90_days_gets_no_more_alerts(db_session, factory, offer_index) -> None:
    student = factory.student()
    saved = _search(db_session, student)
    student.last_login_at = utcnow() - timedelta(days=95)
    factory.offer(published_at=utcnow() - timedelta(hours=1))
    result = alerts.run_alerts(db_session, offer_index, "daily")
    assert result == {"alerts": 0, "offers": 0, "switched_off": 1}
    assert saved.alert_off_reason == "inactive" and _notes(db_session, student, "alert.offers") == []


def test_only_the_owner_sets_an_alert_and_only_to_known_values(db_session, factory) -> None:
    owner, other = factory.student(), factory.student()
    saved = _search(db_session, owner, frequency="")
    with pytest.raises(NotFound):
        alerts.set_alert(db_session, other, saved.id, "daily")
    with pytest.raises(ValidationError):
        alerts.set_alert(db_session, owner, saved.id, "hourly")
    assert saved.alert_frequency == ""


def test_alerted_offers_get_deadline_reminders(db_session, factory, offer_index) -> None:
    student = factory.student()
    _search(db_session, student)
    now = utcnow()
    offer = factory.offer(published_at=now - timedelta(hours=1), application_deadline=now.date() + timedelta(days=3))
    alerts.run_alerts(db_session, offer_index, "daily", now=now)
    assert deadline_reminders(db_session, now.date()) == 1
    (note,) = _notes(db_session, student, "deadline.soon")
    assert note.object_id == offer.id
