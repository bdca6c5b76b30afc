"""Events on the pages: the coach's form (errors on the field, nothing saved), check-in; students register and
cancel; employers register for a fair and publish slots; Karriärsök's kind filter lists events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import Event, EventRegistration, FairExhibitor, InterviewSlot, RegistrationStatus, SlotBooking
from matchmaker.web.event_labels import to_local

pytestmark = pytest.mark.db

_FMT = "%Y-%m-%dT%H:%M"


def _form(w, **kw):
    event = w["event"]

    def local(value):
        return to_local(value).strftime(_FMT)

    data = {
        "kind": "guest_lecture", "title": "Gästföreläsning om vården", "campus": "Östersund",
        "starts_at": local(event.starts_at), "ends_at": local(event.starts_at + timedelta(hours=2)),
        "capacity": "30", "registration_opens": local(event.registration_opens),
        "registration_closes": local(event.starts_at), "programs": [str(w["program"].id)],
    }
    data.update(kw)
    return data


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def test_coach_creates_an_event_and_bad_input_shows_on_the_field(client, login, db_session, fair_world) -> None:
    login(fair_world["coach"])
    assert client.get("/coach/events").status_code == 200
    before = _count(db_session, Event)
    bad = client.post("/coach/events/new", data=_form(fair_world, ends_at=_form(fair_world)["starts_at"]))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Evenemanget måste sluta efter att det börjar." in html
    assert 'value="Gästföreläsning om vården"' in html  # what was typed is kept
    nobody = client.post("/coach/events/new", data=_form(fair_world, levels=["master"]))
    assert nobody.status_code == 400 and "Ingen student uppfyller" in nobody.get_data(as_text=True)
    zero = client.post("/coach/events/new", data=_form(fair_world, capacity="0"))
    assert zero.status_code == 400 and 'id="capacity-error"' in zero.get_data(as_text=True)
    assert _count(db_session, Event) == before
    ok = client.post("/coach/events/new", data=_form(fair_world))
    assert ok.status_code == 302
    created = db_session.scalar(select(Event).order_by(Event.id.desc()))
    assert created.title == "Gästföreläsning om vården" and created.capacity == 30
    assert to_local(created.starts_at).strftime(_FMT) == _form(fair_world)["starts_at"]  # Swedish time round trip
    edit = client.get(f"/coach/events/{created.id}/edit")
    assert edit.status_code == 200 and _form(fair_world)["starts_at"] in edit.get_data(as_text=True)


def test_student_registers_waits_and_coach_checks_in(client, login, db_session, fair_world) -> None:
    event = fair_world["event"]
    for key in ("a", "b", "c"):
        login(fair_world[key])
        page = client.get(f"/events/{event.id}")
        assert page.status_code == 200
        assert client.post(f"/student/events/{event.id}/register").status_code == 302
        client.post("/logout")
    login(fair_world["d"])  # another program: not eligible, the event does not exist for them
    assert client.get(f"/events/{event.id}").status_code == 404
    assert client.post(f"/student/events/{event.id}/register").status_code == 404
    client.post("/logout")
    statuses = dict(db_session.execute(select(EventRegistration.student_id, EventRegistration.status)).all())
    c_id = fair_world["c"].student_profile.id
    assert statuses[c_id] == RegistrationStatus.WAITING
    login(fair_world["c"])
    assert "väntelistan" in client.get(f"/events/{event.id}").get_data(as_text=True).lower()
    client.post("/logout")
    login(fair_world["a"])
    client.post(f"/student/events/{event.id}/cancel")
    client.post("/logout")
    db_session.expire_all()
    assert db_session.scalar(select(EventRegistration.status).where(EventRegistration.student_id == c_id)) == \
        RegistrationStatus.REGISTERED
    login(fair_world["coach"])
    reg_id = db_session.scalar(select(EventRegistration.id).where(EventRegistration.student_id == c_id))
    assert "Cecilia C" in client.get(f"/coach/events/{event.id}").get_data(as_text=True)
    assert client.post(f"/coach/events/{event.id}/registrations/{reg_id}/check-in",
                       data={"present": "yes"}).status_code == 302
    assert client.post(f"/coach/events/{event.id}/registrations/{reg_id}/check-in",
                       data={"present": "perhaps"}).status_code == 400
    db_session.expire_all()
    assert db_session.get(EventRegistration, reg_id).checked_in_at is not None


def test_employer_registers_publishes_slots_and_student_books(client, login, db_session, fair_world) -> None:
    event = fair_world["event"]
    login(fair_world["employer"])
    assert "Mötesplats Campus" in client.get("/employer/fairs").get_data(as_text=True)
    bad = client.post(f"/employer/fairs/{event.id}", data={"representatives": "0", "stand": "A1"})
    assert bad.status_code == 400 and 'id="representatives-error"' in bad.get_data(as_text=True)
    assert _count(db_session, FairExhibitor) == 0
    assert client.post(f"/employer/fairs/{event.id}", data={"representatives": "2", "stand": "A1"}).status_code == 302
    start = to_local(event.starts_at).strftime(_FMT)
    assert client.post(f"/employer/fairs/{event.id}/slots", data={"starts_at": start, "minutes": "10",
                                                                  "count": "3"}).status_code == 302
    overlap = client.post(f"/employer/fairs/{event.id}/slots", data={"starts_at": start, "minutes": "30",
                                                                     "count": "1"})
    assert overlap.status_code == 400 and "överlappar" in overlap.get_data(as_text=True)
    assert _count(db_session, InterviewSlot) == 3
    client.post("/logout")
    login(fair_world["a"])
    client.post(f"/student/events/{event.id}/register")
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Boka en intervju" in page
    slot_id = db_session.scalar(select(InterviewSlot.id).order_by(InterviewSlot.starts_at))
    assert client.post(f"/student/slots/{slot_id}/book").status_code == 302
    assert _count(db_session, SlotBooking) == 1
    assert "X Kommun" in client.get("/student/events").get_data(as_text=True)
    client.post("/logout")
    login(fair_world["employer"])
    schedule = client.get(f"/employer/fairs/{event.id}").get_data(as_text=True)
    assert "Anna A" in schedule and fair_world["a"].email in schedule


def test_karriarsok_kind_filter_lists_events_for_whom_may_see_them(client, login, fair_world) -> None:
    login(fair_world["a"])
    html = client.get("/offers?kind=event").get_data(as_text=True)
    assert "Mötesplats Campus" in html and 'value="event" selected' in html
    client.post("/logout")
    login(fair_world["d"])
    assert "Mötesplats Campus" not in client.get("/offers?kind=event").get_data(as_text=True)
