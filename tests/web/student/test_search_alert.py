"""The alert page of a saved search: switch daily, weekly or off; a switched-off alert says why."""

from __future__ import annotations

import pytest

from matchmaker.models import SavedSearch

pytestmark = pytest.mark.db


def _saved(db_session, student, **kw) -> SavedSearch:
    saved = SavedSearch(student_id=student.student_profile.id, name="Exjobb i Sundsvall", params={}, **kw)
    db_session.add(saved)
    db_session.flush()
    return saved


def test_switching_an_alert_on_and_off(client, db_session, factory, login) -> None:
    student = factory.student()
    saved = _saved(db_session, student)
    login(student)
    assert "Bevakning: av" in client.get("/student/").get_data(as_text=True)
    response = client.post(f"/student/searches/{saved.id}/alert", data={"frequency": "weekly"})
    assert response.status_code == 303
    assert "Du får nya erbjudanden för den här sökningen varje vecka." in client.get(
        response.headers["Location"]).get_data(as_text=True)
    db_session.expire_all()
    assert saved.alert_frequency == "weekly" and saved.alert_since is not None
    client.post(f"/student/searches/{saved.id}/alert", data={"frequency": ""})
    db_session.expire_all()
    assert saved.alert_frequency == ""


def test_a_switched_off_alert_says_why_and_a_bad_value_changes_nothing(client, db_session, factory, login) -> None:
    student = factory.student()
    saved = _saved(db_session, student, alert_off_reason="nothing_found")
    login(student)
    html = client.get(f"/student/searches/{saved.id}/alert").get_data(as_text=True)
    assert "Bevakningen stängdes av: den hittade inga nya erbjudanden på 90 dagar." in html
    client.post("/lang", data={"lang": "en"})
    response = client.post(f"/student/searches/{saved.id}/alert", data={"frequency": "hourly"})
    assert response.status_code == 400 and "How often: is not a valid choice" in response.get_data(as_text=True)
    db_session.expire_all()
    assert saved.alert_frequency == "" and saved.alert_off_reason == "nothing_found"


def test_another_students_search_is_not_found(client, db_session, factory, login) -> None:
    saved = _saved(db_session, factory.student())
    login(factory.student())
    assert client.get(f"/student/searches/{saved.id}/alert").status_code == 404
    assert client.post(f"/student/searches/{saved.id}/alert", data={"frequency": "daily"}).status_code == 404
