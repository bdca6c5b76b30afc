"""Calendar feeds: a private, revocable feed read back by `icalendar`, and the public deadline feed with filters."""

from __future__ import annotations

from datetime import date, timedelta

import icalendar
import pytest

from matchmaker.models import (
    AllocationParticipant,
    AllocationRound,
    Application,
    ApplicationStatus,
    ConversationSlot,
    Message,
    OfferKind,
    Placement,
    Role,
    RoundStatus,
    utcnow,
)
from matchmaker.services.calendars import feeds

pytestmark = pytest.mark.db


def _events(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    assert cal.get_missing_tzids() == set()
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert all(not e.walk("VALARM") for e in events.values())  # reminders are notifications, not alarms
    return events


@pytest.fixture
def student_world(db_session, factory):
    today = date.today()
    org = factory.organization(name="Kalenderbolaget AB")
    employer = factory.user(Role.EMPLOYER, organization=org)
    student = factory.student(name="Kim Kalender")
    applied = factory.offer(organization=org, title="Sökt jobb", application_deadline=today + timedelta(days=10))
    factory.offer(organization=org, title="Ej sökt", application_deadline=today + timedelta(days=10))
    application = Application(offer=applied, student=student.student_profile, status=ApplicationStatus.INTERVIEW)
    db_session.add(application)
    db_session.flush()
    message = Message(application_id=application.id, author_id=employer.id, side="employer", kind="proposal")
    start = utcnow().replace(microsecond=0) + timedelta(days=3)
    message.slots = [ConversationSlot(application_id=application.id, starts_at=start,
                                      ends_at=start + timedelta(minutes=30), status="booked", location="Rum 4")]
    placement = Placement(student_id=student.student_profile.id, offer_id=applied.id,
                          period_start=today + timedelta(days=40), period_end=today + timedelta(days=100))
    found = AllocationRound(name="VT-omgången", status=RoundStatus.OPEN, ranking_deadline=today + timedelta(days=5))
    db_session.add_all([message, placement, found])
    db_session.flush()
    db_session.add(AllocationParticipant(round_id=found.id, student_id=student.student_profile.id))
    db_session.flush()
    return dict(student=student, employer=employer, applied=applied, slot=message.slots[0], placement=placement,
                round=found, start=start)


def test_the_private_feed_holds_the_users_dates_and_is_revocable(client, db_session, student_world, login) -> None:
    w = student_world
    login(w["student"])
    page = client.post("/account/calendar", data={"action": "create"}).get_data(as_text=True)
    url = page.split('readonly value="')[1].split('"')[0]
    path = url.removeprefix("http://localhost")
    assert path.startswith("/calendar/") and path.endswith(".ics")
    client.post("/logout")
    response = client.get(path)  # no login: calendar apps fetch it on their own
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.data)
    deadline = events[f"deadline-{w['applied'].id}@matchmaker.example.org"]
    assert deadline.decoded("dtstart") == w["applied"].application_deadline
    assert "Sökt jobb" in str(deadline["summary"]) and not any("Ej sökt" in str(e["summary"]) for e in events.values())
    slot = events[f"interview-{w['slot'].id}@matchmaker.example.org"]
    assert slot.decoded("dtstart") == w["start"] and str(slot["location"]) == "Rum 4"
    assert slot["dtstart"].params["TZID"] == "Europe/Stockholm"
    placement = events[f"placement-{w['placement'].id}@matchmaker.example.org"]
    assert placement.decoded("dtend") == w["placement"].period_end + timedelta(days=1)
    assert f"round-deadline-{w['round'].id}@matchmaker.example.org" in events
    # A new address makes the old one stop; switching off stops the new one too.
    login(w["student"])
    newer = client.post("/account/calendar", data={"action": "create"}).get_data(as_text=True)
    new_path = newer.split('readonly value="')[1].split('"')[0].removeprefix("http://localhost")
    assert client.get(path).status_code == 404 and client.get(new_path).status_code == 200
    client.post("/account/calendar", data={"action": "revoke"})
    assert client.get(new_path).status_code == 404
    assert client.get("/calendar/made-up-token.ics").status_code == 404


def test_the_employers_feed_shows_their_interviews_not_other_students_dates(db_session, factory,
                                                                            student_world) -> None:
    w = student_world
    events = feeds.personal_events(db_session, w["employer"], date.today(), lambda t, i: "")
    uids = {e.uid for e in events}
    assert f"interview-{w['slot'].id}@matchmaker.example.org" in uids
    assert f"placement-{w['placement'].id}@matchmaker.example.org" in uids
    assert feeds.personal_events(db_session, factory.student(), date.today(), lambda t, i: "") == []
    assert feeds.personal_events(db_session, factory.user(Role.EMPLOYER), date.today(), lambda t, i: "") == []


def test_the_public_feed_lists_upcoming_deadlines_with_the_filters(client, factory) -> None:
    today = date.today()
    factory.offer(title="Praktik A", kind=OfferKind.INTERNSHIP, application_deadline=today + timedelta(days=3))
    factory.offer(title="Exjobb B", application_deadline=today + timedelta(days=4))
    factory.offer(title="Passerad C", application_deadline=today - timedelta(days=1))
    everything = _events(client.get("/karriarsok/deadlines.ics").data)
    titles = " ".join(str(e["summary"]) for e in everything.values())
    assert "Praktik A" in titles and "Exjobb B" in titles and "Passerad C" not in titles
    internships = _events(client.get("/karriarsok/deadlines.ics?kind=internship").data)
    assert [str(e["summary"]).split(": ", 1)[1] for e in internships.values()] == ["Praktik A"]
    assert client.get("/karriarsok/deadlines.ics?kind=<script>").status_code == 200  # junk filters are ignored


def test_the_settings_page_in_both_languages(client, factory, login) -> None:
    student = factory.student()
    login(student)
    assert "Du har inget kalenderflöde." in client.get("/account/calendar").get_data(as_text=True)
    client.post("/lang", data={"lang": "en"})
    assert "You have no calendar feed." in client.get("/account/calendar").get_data(as_text=True)
    assert client.post("/account/calendar", data={"action": "explode"}).status_code == 400
