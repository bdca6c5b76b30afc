"""iCalendar (RFC 5545) writing: events with a stable UID, in the time zone Europe/Stockholm.

Callers describe what happens as `CalendarEvent`s and get the bytes of one VCALENDAR back; `as_response`
turns them into a view's return value served as `text/calendar`. A date-only event (a deadline, a placement
period) is an all-day event; a timed one is written in Europe/Stockholm with its VTIMEZONE, whatever zone the
datetime came in (the database gives aware UTC). Feeds carry no alarms: calendar clients ignore them in
subscribed calendars, so reminders are notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

TIME_ZONE = "Europe/Stockholm"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Matchmaker//Karriärsök och Kompetenskontraktet//SV"
UID_DOMAIN = "matchmaker.example.org"

_ZONE = ZoneInfo(TIME_ZONE)


def make_uid(kind: str, object_id: int | str, *, part: str = "") -> str:
    """A UID that stays the same for the same object, so a re-published event updates instead of duplicating."""
    suffix = f"-{part}" if part else ""
    return f"{kind}-{object_id}{suffix}@{UID_DOMAIN}"


@dataclass(frozen=True)
class Attendee:
    """Someone invited to an event (only their address and name reach the calendar)."""

    email: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: `start`/`end` as dates (all-day, `end` inclusive) or aware datetimes."""

    uid: str
    start: date | datetime
    summary: str
    end: date | datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    stamp: datetime | None = None  # when this version of the event was made (DTSTAMP); now if not given
    sequence: int = 0  # raise it when the event changes, so clients that imported it take the new one
    status: str = ""  # TENTATIVE, CONFIRMED or CANCELLED
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = field(default_factory=tuple)


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the calendar; use aware datetimes")
        return value.astimezone(_ZONE)
    return value


def _end_of(event: CalendarEvent) -> date | datetime:
    start = event.start
    if isinstance(start, datetime):
        if event.end is None:
            return start + timedelta(hours=1)
        if not isinstance(event.end, datetime):
            raise ValueError("a timed event needs a timed end")
        if event.end < start:
            raise ValueError("the event ends before it starts")
        return event.end
    # All-day: DTEND is exclusive in RFC 5545, our `end` is the last day.
    last = event.end if event.end is not None else start
    if isinstance(last, datetime):
        raise ValueError("an all-day event needs a date end")
    if last < start:
        raise ValueError("the event ends before it starts")
    return last + timedelta(days=1)


def _address(person: Attendee, role: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    if role:
        address.params["ROLE"] = role
    return address


def _vevent(event: CalendarEvent, now: datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", (event.stamp or now).astimezone(UTC))
    vevent.add("dtstart", _local(event.start))
    vevent.add("dtend", _local(_end_of(event)))
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    if event.sequence:
        vevent.add("sequence", event.sequence)
    if event.status:
        vevent.add("status", event.status)
    if event.organizer is not None:
        vevent.add("organizer", _address(event.organizer, ""))
    for attendee in event.attendees:
        vevent.add("attendee", _address(attendee, "REQ-PARTICIPANT"))
    if not isinstance(event.start, datetime):
        vevent.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy all day
    return vevent


def _days(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def write_calendar(events: Iterable[CalendarEvent], *, name: str = "", method: str = "",
                   now: datetime | None = None) -> bytes:
    """One VCALENDAR with the events (and the VTIMEZONE of Europe/Stockholm); `method` e.g. PUBLISH or REQUEST."""
    now = now or datetime.now(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    events = list(events)
    days = [_days(e.start) for e in events] + [_days(e.end) for e in events if e.end is not None] or [now.date()]
    # The VTIMEZONE covers the years the calendar shows, not 1970-2038: smaller, same meaning, and the same
    # bytes for the same events whenever they are written.
    first, last = date(min(days).year - 1, 1, 1), date(max(days).year + 2, 1, 1)
    cal.add_component(icalendar.Timezone.from_tzid(TIME_ZONE, first_date=first, last_date=last))
    for event in events:
        cal.add_component(_vevent(event, now))
    return cal.to_ical()


def as_response(body: bytes, filename: str = "", *, inline: bool = True) -> tuple[bytes, int, dict[str, str]]:
    """A view's return value serving `body` as text/calendar (attachment with `filename` unless inline)."""
    headers = {"Content-Type": CONTENT_TYPE, "Cache-Control": "private, max-age=300"}
    if filename:
        safe = "".join(c for c in filename if c.isalnum() or c in "-_.") or "calendar.ics"
        disposition = "inline" if inline else "attachment"
        headers["Content-Disposition"] = f'{disposition}; filename="{safe}"'
    return body, 200, headers
