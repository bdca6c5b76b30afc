"""Each event has an iCalendar download; read back with the icalendar package, it says what the page says."""

from __future__ import annotations

import icalendar
import pytest

pytestmark = pytest.mark.db


def test_event_ics_parses_back(client, login, fair_world) -> None:
    event = fair_world["event"]
    login(fair_world["a"])
    response = client.get(f"/events/{event.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.data)
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Mötesplats Campus"
    assert vevent.decoded("DTSTART") == event.starts_at and vevent.decoded("DTEND") == event.ends_at
    assert str(vevent["UID"]).startswith(f"event-{event.id}@")
    assert "Sundsvall" in str(vevent["LOCATION"]) and "Aulan" in str(vevent["LOCATION"])
    assert str(vevent["URL"]).endswith(f"/events/{event.id}")
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "Lägg till i kalendern" in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_event_ics_is_hidden_like_the_event(client, login, fair_world) -> None:
    event = fair_world["event"]
    assert client.get(f"/events/{event.id}.ics").status_code == 404  # restricted: not for anonymous visitors
    login(fair_world["d"])
    assert client.get(f"/events/{event.id}.ics").status_code == 404
