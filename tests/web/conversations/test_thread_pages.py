"""The thread page: escaped plain text, bad input keeps what was typed, interview times through the form."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import select

from matchmaker.models import ConversationSlot, Locale, Message

pytestmark = pytest.mark.db


def _url(convo, tail: str = "") -> str:
    return f"/applications/{convo.application.id}/conversation{tail}"


def test_messages_are_escaped_and_unread_counts_shown(client, db_session, convo, login) -> None:
    login(convo.student)
    response = client.post(_url(convo), data={"body": "<script>alert(1)</script> & hej"})
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; hej" in html and "<script>alert(1)" not in html
    assert "Ditt meddelande är skickat." in html
    client.post("/logout")
    login(convo.hr)
    page = client.get(f"/employer/applications/{convo.application.id}").get_data(as_text=True)
    assert "Konversation med studenten" in page and '<span class="badge">1 oläst</span>' in page
    assert "1 nytt meddelande." in client.get(_url(convo)).get_data(as_text=True)
    again = client.get(f"/employer/applications/{convo.application.id}").get_data(as_text=True)
    assert '<span class="badge">1 oläst</span>' not in again


def test_an_empty_or_long_message_says_why_and_keeps_the_text(client, db_session, convo, login) -> None:
    login(convo.hr)
    response = client.post(_url(convo), data={"body": "   "})
    assert response.status_code == 400 and "Meddelande: måste fyllas i" in response.get_data(as_text=True)
    long_text = "ord " * 600
    response = client.post(_url(convo), data={"body": long_text})
    assert response.status_code == 400 and long_text.strip() in response.get_data(as_text=True)
    assert db_session.scalars(select(Message)).all() == []


def test_proposing_and_booking_through_the_pages(client, db_session, convo, login) -> None:
    stockholm = ZoneInfo("Europe/Stockholm")
    day = (datetime.now(stockholm) + timedelta(days=3)).date()
    login(convo.hr)
    response = client.post(_url(convo, "/slots"), data={
        "slot1_start": f"{day}T10:00", "slot1_end": f"{day}T10:45", "location": "Storgatan 1"})
    assert response.status_code == 303
    slot = db_session.scalars(select(ConversationSlot)).one()
    assert slot.starts_at == datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=stockholm)
    client.post("/logout")
    login(convo.student)
    assert "Boka den här tiden" in client.get(_url(convo)).get_data(as_text=True)
    assert client.post(_url(convo, f"/slots/{slot.id}/book")).status_code == 303
    ics = client.get(_url(convo, f"/slots/{slot.id}/invitation.ics"))
    assert ics.status_code == 200 and ics.headers["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = icalendar.Calendar.from_ical(ics.data).walk("VEVENT")
    assert event.decoded("dtstart").hour == 10 and str(event["location"]) == "Storgatan 1"


def test_bad_times_say_which_field_and_why(client, db_session, convo, login) -> None:
    convo.student.locale = Locale.EN
    db_session.flush()
    login(convo.student)
    response = client.post(_url(convo, "/slots"), data={
        "slot1_start": "2020-01-01T10:00", "slot1_end": "2020-01-01T11:00",
        "slot2_start": "2099-13-01T10:00", "slot2_end": "soon"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Time 2 starts: is not a date and time" in html and "Time 2 ends: is not a date and time" in html
    response = client.post(_url(convo, "/slots"), data={"slot1_start": "2020-01-01T10:00",
                                                       "slot1_end": "2020-01-01T09:00"})
    html = response.get_data(as_text=True)
    assert "Time 1 starts: is in the past" in html and "Time 1 ends: must be after the start" in html
    assert 'value="2020-01-01T09:00"' in html  # what was typed is kept
    assert db_session.scalars(select(ConversationSlot)).all() == []


def test_coach_reads_with_a_notice_and_cannot_write(client, convo, login) -> None:
    login(convo.coach)
    html = client.get(_url(convo)).get_data(as_text=True)
    assert "Du läser konversationen som coach" in html and 'name="body"' not in html
    assert client.post(_url(convo), data={"body": "hej"}).status_code == 403
