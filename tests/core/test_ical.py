"""The iCalendar writer: its output read back by the `icalendar` parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from matchmaker.core.ical import (
    CONTENT_TYPE,
    Attendee,
    CalendarEvent,
    as_response,
    make_uid,
    write_calendar,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _parse(body: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(body)
    assert cal.get_missing_tzids() == set()  # every TZID used has its VTIMEZONE
    return cal


def test_timed_event_is_written_in_stockholm_time_and_means_the_same_instant():
    start = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)  # summer: 10:00 in Stockholm
    event = CalendarEvent(uid=make_uid("slot", 7), start=start, end=start + timedelta(minutes=45),
                          summary="Interview: Data engineer", location="Storgatan 1, Umeå",
                          description="Bring your CV; ask for Kim.\nSecond line", url="https://example.org/a/7")
    body = write_calendar([event], name="Matchmaker", method="REQUEST", now=NOW)
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/Stockholm" in body
    cal = _parse(body)
    assert str(cal["method"]) == "REQUEST"
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["uid"]) == "slot-7@matchmaker.example.org"
    assert vevent.decoded("dtstamp") == NOW
    dtstart = vevent.decoded("dtstart")
    assert vevent["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert (dtstart.hour, dtstart.minute) == (10, 0)
    assert dtstart == start and vevent.decoded("dtend") == start + timedelta(minutes=45)
    assert str(vevent["summary"]) == "Interview: Data engineer"
    assert str(vevent["location"]) == "Storgatan 1, Umeå"
    assert str(vevent["description"]) == "Bring your CV; ask for Kim.\nSecond line"
    assert str(vevent["url"]) == "https://example.org/a/7"
    assert not vevent.walk("VALARM")


def test_winter_time_is_one_hour_ahead_of_utc():
    start = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    (vevent,) = _parse(write_calendar([CalendarEvent(uid="u1@x", start=start, summary="s")], now=NOW)).walk("VEVENT")
    assert vevent.decoded("dtstart").hour == 14
    assert vevent.decoded("dtend") == start + timedelta(hours=1)  # a timed event without end lasts an hour


def test_all_day_event_has_an_exclusive_end_and_does_not_block_time():
    event = CalendarEvent(uid=make_uid("placement", 3), start=date(2026, 9, 1), end=date(2026, 9, 30),
                          summary="Placement")
    (vevent,) = _parse(write_calendar([event], now=NOW)).walk("VEVENT")
    assert vevent.decoded("dtstart") == date(2026, 9, 1)
    assert vevent.decoded("dtend") == date(2026, 10, 1)
    assert str(vevent["transp"]) == "TRANSPARENT"


def test_uid_is_stable_and_stamp_can_be_fixed():
    event = CalendarEvent(uid=make_uid("deadline", 5, part="offer"), start=date(2026, 4, 1), summary="Deadline",
                          stamp=datetime(2026, 1, 1, tzinfo=UTC))
    first = write_calendar([event], now=NOW)
    second = write_calendar([event], now=NOW + timedelta(days=3))
    assert first == second  # the same event at another time is byte-for-byte the same
    (vevent,) = _parse(first).walk("VEVENT")
    assert str(vevent["uid"]) == "deadline-5-offer@matchmaker.example.org"


def test_organizer_attendees_and_sequence():
    start = datetime(2026, 5, 5, 12, tzinfo=UTC)
    event = CalendarEvent(uid="i@x", start=start, summary="Interview", sequence=2, status="CONFIRMED",
                          organizer=Attendee("hr@example.org", "Acme HR"),
                          attendees=(Attendee("student@example.org", "Alex Student"),))
    (vevent,) = _parse(write_calendar([event], method="REQUEST", now=NOW)).walk("VEVENT")
    assert str(vevent["organizer"]) == "mailto:hr@example.org"
    assert vevent["organizer"].params["CN"] == "Acme HR"
    attendees = vevent["attendee"] if isinstance(vevent["attendee"], list) else [vevent["attendee"]]
    assert [str(a) for a in attendees] == ["mailto:student@example.org"]
    assert int(vevent["sequence"]) == 2 and str(vevent["status"]) == "CONFIRMED"


def test_empty_calendar_is_valid():
    cal = _parse(write_calendar([], name="Nothing yet", now=NOW))
    assert cal.walk("VEVENT") == []
    assert str(cal["x-wr-calname"]) == "Nothing yet"
    assert str(cal["version"]) == "2.0" and "Matchmaker" in str(cal["prodid"])


@pytest.mark.parametrize("event", [
    CalendarEvent(uid="a@x", start=datetime(2026, 5, 5, 12), summary="naive"),
    CalendarEvent(uid="b@x", start=datetime(2026, 5, 5, 12, tzinfo=UTC),
                  end=datetime(2026, 5, 5, 11, tzinfo=UTC), summary="ends before it starts"),
    CalendarEvent(uid="c@x", start=date(2026, 5, 5), end=date(2026, 5, 4), summary="ends before it starts"),
    CalendarEvent(uid="d@x", start=datetime(2026, 5, 5, 12, tzinfo=UTC), end=date(2026, 5, 6), summary="mixed"),
])
def test_bad_events_are_refused(event):
    with pytest.raises(ValueError):
        write_calendar([event], now=NOW)


def test_response_is_text_calendar_with_a_safe_filename():
    body, status, headers = as_response(b"BEGIN:VCALENDAR", 'in"vite\r\n.ics', inline=False)
    assert status == 200 and headers["Content-Type"] == CONTENT_TYPE
    assert headers["Content-Disposition"] == 'attachment; filename="invite.ics"'
