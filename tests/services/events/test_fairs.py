"""Fairs: employers register within their window; slots are published without overlap; one booking per employer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.models import Notification
from matchmaker.services.events import exhibitors, registrations, slots

pytestmark = pytest.mark.db


def _registered_exhibitor(db_session, w):
    return exhibitors.register_organization(db_session, w["employer"], w["event"], exhibitors.ExhibitorInput(
        stand="Nära entrén", representatives=3, wishes="El och ett bord"))


def test_employer_registers_within_the_window_only(db_session, fair_world) -> None:
    event = fair_world["event"]
    with pytest.raises(ValidationError) as caught:
        exhibitors.register_organization(db_session, fair_world["employer"], event, exhibitors.ExhibitorInput(),
                                         now=event.employer_registration_closes)
    assert "not open" in caught.value.errors["registration"] and event.exhibitors == []
    with pytest.raises(ValidationError) as caught:
        exhibitors.register_organization(db_session, fair_world["employer"], event,
                                         exhibitors.ExhibitorInput(representatives=0))
    assert "representatives" in caught.value.errors and event.exhibitors == []
    with pytest.raises(Forbidden):
        exhibitors.register_organization(db_session, fair_world["unverified"], event, exhibitors.ExhibitorInput())
    found = _registered_exhibitor(db_session, fair_world)
    assert (found.stand, found.representatives, found.organization_id) == ("Nära entrén", 3, fair_world["org_x"].id)
    again = exhibitors.register_organization(db_session, fair_world["employer"], event,
                                             exhibitors.ExhibitorInput(representatives=2))
    assert again.id == found.id and again.representatives == 2 and len(event.exhibitors) == 1


def test_registrants_are_shown_to_employers_only_with_consent(db_session, fair_world) -> None:
    event = fair_world["event"]
    for key in "ab":
        registrations.register(db_session, fair_world[key].student_profile, event)
    seen = exhibitors.registrants_for_employer(event)
    assert [p.name for p in seen.consenting] == ["Anna A"] and seen.others == 1


def test_slots_overlap_and_bounds(db_session, fair_world) -> None:
    event = fair_world["event"]
    exhibitor = _registered_exhibitor(db_session, fair_world)
    made = slots.publish_slots(db_session, fair_world["employer"], exhibitor, slots.SlotsInput(
        starts_at=event.starts_at, minutes=30, count=3, offer_id=fair_world["offer"].id))
    assert [s.starts_at - event.starts_at for s in made] == [timedelta(0), timedelta(minutes=30),
                                                             timedelta(minutes=60)]
    bad = {
        "starts_at": slots.SlotsInput(starts_at=event.starts_at + timedelta(minutes=50), minutes=10, count=1),
        "minutes": slots.SlotsInput(starts_at=event.starts_at + timedelta(hours=3), minutes=15, count=1),
        "count": slots.SlotsInput(starts_at=event.starts_at + timedelta(hours=3), minutes=10, count=0),
    }
    for field, data in bad.items():
        with pytest.raises(ValidationError) as caught:
            slots.publish_slots(db_session, fair_world["employer"], exhibitor, data)
        assert field in caught.value.errors
    with pytest.raises(ValidationError) as caught:  # after closing time
        slots.publish_slots(db_session, fair_world["employer"], exhibitor, slots.SlotsInput(
            starts_at=event.ends_at - timedelta(minutes=5), minutes=10, count=1))
    assert "opening hours" in caught.value.errors["starts_at"]
    assert len(exhibitor.slots) == 3


def test_booking_one_per_employer_and_cancel_until_deadline(db_session, fair_world) -> None:
    event = fair_world["event"]
    a = fair_world["a"].student_profile
    exhibitor = _registered_exhibitor(db_session, fair_world)
    first, second = slots.publish_slots(db_session, fair_world["employer"], exhibitor, slots.SlotsInput(
        starts_at=event.starts_at, minutes=10, count=2))
    with pytest.raises(ValidationError) as caught:
        slots.book(db_session, a, first)
    assert "Register for the fair" in caught.value.errors["slot"]
    registrations.register(db_session, a, event)
    slots.book(db_session, a, first)
    with pytest.raises(ValidationError):
        slots.book(db_session, a, second)  # one per employer, refused by the constraint
    assert [b.slot_id for b in slots.student_schedule(db_session, a, event)] == [first.id]
    assert [s.booking is not None for s in slots.exhibitor_schedule(exhibitor)] == [True, False]
    note = db_session.query(Notification).filter_by(user_id=fair_world["employer"].id).one()
    assert note.kind == "event.slot_booked" and note.params["student"] == "Anna A"
    with pytest.raises(ValidationError):
        slots.cancel_booking(db_session, a, first, now=event.slot_cancel_deadline)
    with pytest.raises(NotFound):
        slots.cancel_booking(db_session, fair_world["b"].student_profile, first)
    slots.cancel_booking(db_session, a, first)
    assert slots.student_schedule(db_session, a, event) == []
    slots.book(db_session, a, second)
    with pytest.raises(ValidationError):
        slots.remove_slot(db_session, fair_world["employer"], exhibitor, second.id)
