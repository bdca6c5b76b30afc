"""Check-in by QR code and by the typed code: the signed token, the student's SVG, the coach's confirm page, and
every refusal (forged, another event, not a coach, twice, waiting list, CSRF)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import segno
from sqlalchemy import select

from matchmaker.models import EventRegistration, Locale, RegistrationStatus
from matchmaker.services.events import editing, registrations
from matchmaker.web import checkin_codes
from tests.conftest import PASSWORD, make_test_app
from tests.fixtures.events import fair_input

pytestmark = pytest.mark.db


@pytest.fixture
def door(db_session, fair_world) -> dict[str, Any]:
    """A and B hold the fair's two places, C is on the waiting list; everyone reads English."""
    w = fair_world
    for who in ("a", "b", "c"):
        registrations.register(db_session, w[who].student_profile, w["event"])
        w[who].locale = Locale.EN
    w["coach"].locale = Locale.EN
    db_session.flush()
    regs = {r.student_id: r for r in w["event"].registrations}
    w.update({f"reg_{who}": regs[w[who].student_profile.id] for who in ("a", "b", "c")})
    assert w["reg_c"].status == RegistrationStatus.WAITING
    return w


def _url(event_id: int, token: str) -> str:
    return f"/coach/events/{event_id}/check-in/{token}"


def _token(app, reg: EventRegistration) -> str:
    with app.test_request_context():
        return checkin_codes.make_token(reg.event_id, reg.id)


def _code(app, reg: EventRegistration) -> str:
    with app.test_request_context():
        return checkin_codes.short_code(reg.event_id, reg.id)


def _checked_in(db_session, reg: EventRegistration):
    db_session.expire_all()
    return db_session.scalar(select(EventRegistration.checked_in_at).where(EventRegistration.id == reg.id))


def test_token_and_code_round_trip_and_refuse_forgeries(app) -> None:
    with app.test_request_context():
        token = checkin_codes.make_token(7, 42)
        assert checkin_codes.read_token(token) == (7, 42)
        assert checkin_codes.read_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
        assert checkin_codes.read_token("not-a-token") is None
        code = checkin_codes.short_code(7, 42)
        assert re.fullmatch(r"42-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
        number, check = checkin_codes.parse_code(f"  {code.lower().replace('-', ' ')} ")
        assert number == 42 and checkin_codes.code_matches(7, 42, check)
        assert not checkin_codes.code_matches(8, 42, check)  # bound to the event
        assert checkin_codes.parse_code("42") is None and checkin_codes.parse_code("x-ABCD-EFGH") is None
    other = make_test_app(app.config["DATABASE_URL"], SECRET_KEY="another-secret")
    with other.test_request_context():
        assert checkin_codes.read_token(token) is None  # signed with the app's key, not just any key


def test_students_page_shows_the_qr_code_with_a_text_alternative(client, login, app, door) -> None:
    login(door["a"])
    html = client.get(f"/events/{door['event'].id}").get_data(as_text=True)
    code = _code(app, door["reg_a"])
    assert '<svg role="img" aria-labelledby="check-in-qr-title"' in html
    assert f'<title id="check-in-qr-title">QR code for checking in at {door["event"].title}. Check-in code: {code}' \
           in html
    assert f'<strong class="check-in-code">{code}</strong>' in html
    # The drawing is the QR code of the absolute check-in link under PUBLIC_URL.
    with app.test_request_context():
        card = checkin_codes.card_for(door["reg_a"], "x")
    assert card.url.startswith(app.config["PUBLIC_URL"].rstrip("/") + f"/coach/events/{door['event'].id}/check-in/")
    expected_path = re.search(r'<path[^>]* stroke="#000" d="([^"]+)"', segno.make(card.url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff")).group(1)
    assert expected_path in html
    # Nobody else's page has it: the waiting student has no place to check in to.
    client.post("/logout")
    login(door["c"])
    assert "check-in-qr" not in client.get(f"/events/{door['event'].id}").get_data(as_text=True)


def test_coach_confirms_a_scanned_code_and_twice_changes_nothing(client, login, app, db_session, door) -> None:
    login(door["coach"])
    url = _url(door["event"].id, _token(app, door["reg_a"]))
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Anna A" in html and door["event"].title in html
    assert "Check in Anna A" in html and _checked_in(db_session, door["reg_a"]) is None  # GET changes nothing
    first = client.post(url)
    assert first.status_code == 302
    at = _checked_in(db_session, door["reg_a"])
    assert at is not None
    assert "Anna A is checked in." in client.get(url).get_data(as_text=True)
    again = client.post(url, follow_redirects=True)
    assert "already checked in" in again.get_data(as_text=True)
    assert _checked_in(db_session, door["reg_a"]) == at
    assert _checked_in(db_session, door["reg_b"]) is None


def test_only_coaches_open_the_check_in_page(client, login, app, db_session, door) -> None:
    url = _url(door["event"].id, _token(app, door["reg_a"]))
    assert client.get(url).headers["Location"].startswith("/login")
    for who in ("a", "employer"):
        login(door[who])
        assert client.get(url).status_code == 403 and client.post(url).status_code == 403
        client.post("/logout")
    assert _checked_in(db_session, door["reg_a"]) is None


def test_forged_and_other_events_tokens_get_a_clear_message(client, login, app, db_session, door) -> None:
    login(door["coach"])
    event = door["event"]
    forged = client.post(_url(event.id, "eyJlIjoxLCJyIjoxfQ.forged.signature"))
    assert forged.status_code == 400 and "This check-in link is not valid" in forged.get_data(as_text=True)
    other = editing.create_event(db_session, door["coach"], fair_input([door["program"].id], title="Karriärvecka"))
    db_session.flush()
    moved = client.post(_url(other.id, _token(app, door["reg_a"])))
    assert moved.status_code == 400
    assert f"This check-in code is for another event: {event.title}." in moved.get_data(as_text=True)
    with app.test_request_context():
        stray = checkin_codes.make_token(event.id, door["reg_a"].id + 1000)
    assert "No registration for this event matches" in client.get(_url(event.id, stray)).get_data(as_text=True)
    assert _checked_in(db_session, door["reg_a"]) is None


def test_waiting_and_cancelled_registrations_cannot_be_checked_in(client, login, app, db_session, door) -> None:
    login(door["coach"])
    url = _url(door["event"].id, _token(app, door["reg_c"]))
    page = client.get(url).get_data(as_text=True)
    assert "on the waiting list" in page and "Check in Cecilia C" not in page
    refused = client.post(url)
    assert refused.status_code == 400 and "only students with a place" in refused.get_data(as_text=True)
    assert _checked_in(db_session, door["reg_c"]) is None
    registrations.cancel(db_session, door["b"].student_profile, door["event"])  # C moves up into B's place
    db_session.flush()
    cancelled = client.post(_url(door["event"].id, _token(app, door["reg_b"])))
    assert cancelled.status_code == 400 and "This registration is cancelled" in cancelled.get_data(as_text=True)
    assert _checked_in(db_session, door["reg_b"]) is None


def test_check_in_list_accepts_the_typed_code(client, login, app, db_session, door) -> None:
    login(door["coach"])
    event = door["event"]
    code_url = f"/coach/events/{event.id}/check-in-code"
    wrong = client.post(code_url, data={"code": "12-ABCD-EFGH"})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and 'id="code-error"' in html and 'value="12-ABCD-EFGH"' in html
    assert "No registration for this event has this code" in html
    junk = client.post(code_url, data={"code": "hello"})
    assert junk.status_code == 400 and "like 42-7KQ9-M2XD" in junk.get_data(as_text=True)
    waiting = client.post(code_url, data={"code": _code(app, door["reg_c"])})
    assert waiting.status_code == 400 and "on the waiting list" in waiting.get_data(as_text=True)
    typed = _code(app, door["reg_a"]).lower().replace("-", " ")
    ok = client.post(code_url, data={"code": typed})
    assert ok.status_code == 302 and ok.headers["Location"].endswith(f"/coach/events/{event.id}#check-in")
    at = _checked_in(db_session, door["reg_a"])
    assert at is not None
    twice = client.post(code_url, data={"code": typed}, follow_redirects=True)
    assert "already checked in" in twice.get_data(as_text=True) and _checked_in(db_session, door["reg_a"]) == at
    other = editing.create_event(db_session, door["coach"], fair_input([door["program"].id], title="Karriärvecka"))
    db_session.flush()
    elsewhere = client.post(f"/coach/events/{other.id}/check-in-code", data={"code": _code(app, door["reg_b"])})
    assert elsewhere.status_code == 400 and f"for another event: {event.title}" in elsewhere.get_data(as_text=True)
    assert _checked_in(db_session, door["reg_b"]) is None


def test_confirming_needs_the_csrf_token(database_url, session_factory, db_session, door) -> None:
    app = make_test_app(database_url, session_factory, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"email": door["coach"].email, "password": PASSWORD,
                                "csrf_token": token})
    url = _url(door["event"].id, _token(app, door["reg_a"]))
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert client.post(url).status_code == 400
    assert _checked_in(db_session, door["reg_a"]) is None
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', confirm.get_data(as_text=True)).group(1)
    assert client.post(url, data={"csrf_token": csrf}).status_code == 302
    assert _checked_in(db_session, door["reg_a"]) is not None
