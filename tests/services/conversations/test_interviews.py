"""Interview slots: proposed by one side, booked by the other, refused when in the past or back to front."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlalchemy import select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import ApplicationStatus, ConversationSlot, Notification
from matchmaker.services.conversations import interviews

pytestmark = pytest.mark.db

NOW = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


def _times(*hours: int) -> list[tuple[datetime, datetime]]:
    return [(NOW + timedelta(days=2, hours=h), NOW + timedelta(days=2, hours=h, minutes=45)) for h in hours]


def test_propose_and_book_one_slot(db_session, convo) -> None:
    message = interviews.propose(db_session, convo.hr, convo.application.id, _times(1, 3), "Storgatan 1, Umeå",
                                 now=NOW)
    assert [s.status for s in message.slots] == ["proposed", "proposed"]
    assert db_session.scalars(select(Notification.kind).where(Notification.user_id == convo.student.id)).all() \
        == ["interview.proposed"]
    with pytest.raises(ValidationError):  # the proposer does not book their own time
        interviews.book(db_session, convo.boss, convo.application.id, message.slots[0].id, now=NOW)
    slot = interviews.book(db_session, convo.student, convo.application.id, message.slots[1].id, now=NOW)
    assert slot.status == "booked" and message.slots[0].status == "lapsed"
    booked = db_session.scalars(select(Notification).where(Notification.kind == "interview.booked")).all()
    assert sorted(n.user_id for n in booked) == sorted([convo.student.id, convo.hr.id, convo.boss.id])
    assert booked[0].params["when"] == "2027-03-03 12:00–12:45"  # Swedish time (UTC+1 in March)
    with pytest.raises(ValidationError):  # one booking per proposal
        interviews.book(db_session, convo.student, convo.application.id, message.slots[0].id, now=NOW)


def test_the_invitation_is_icalendar_for_both_parties_only(db_session, convo) -> None:
    message = interviews.propose(db_session, convo.student, convo.application.id, _times(2), "Zoom", now=NOW)
    slot = interviews.book(db_session, convo.hr, convo.application.id, message.slots[0].id, now=NOW)
    for party in (convo.student, convo.boss):
        body = interviews.invitation(db_session, party, convo.application.id, slot.id, "https://x.example/t")
        cal = icalendar.Calendar.from_ical(body)
        (event,) = cal.walk("VEVENT")
        assert str(event["uid"]) == f"interview-{slot.id}@matchmaker.example.org"
        assert event.decoded("dtstart") == slot.starts_at and event["dtstart"].params["TZID"] == "Europe/Stockholm"
        assert str(event["location"]) == "Zoom" and "Exjobb i dataanalys" in str(event["summary"])
        assert cal.get_missing_tzids() == set()
    for stranger in (convo.outsider, convo.other_student, convo.coach):
        with pytest.raises(NotFound):
            interviews.invitation(db_session, stranger, convo.application.id, slot.id)


@pytest.mark.parametrize("times, field, reason", [
    ([(NOW - timedelta(hours=1), NOW + timedelta(hours=1))], "slot1_start", "is in the past"),
    ([(NOW + timedelta(days=1), NOW + timedelta(days=1, minutes=-5))], "slot1_end", "must be after the start"),
    ([(NOW + timedelta(days=1), NOW + timedelta(days=1))], "slot1_end", "must be after the start"),
    ([(NOW + timedelta(days=1), NOW + timedelta(days=1, hours=9))], "slot1_end",
     "makes the interview longer than 8 hours"),
    ([], "slots", "propose at least one time"),
])
def test_bad_slots_are_refused_and_nothing_is_kept(db_session, convo, times, field, reason) -> None:
    with pytest.raises(ValidationError) as caught:
        interviews.propose(db_session, convo.hr, convo.application.id, times, now=NOW)
    assert caught.value.errors[field] == reason
    assert db_session.scalars(select(ConversationSlot)).all() == []


def test_a_passed_slot_cannot_be_booked_nor_in_a_closed_thread(db_session, convo) -> None:
    message = interviews.propose(db_session, convo.hr, convo.application.id, _times(1, 2), now=NOW)
    with pytest.raises(ValidationError):
        interviews.book(db_session, convo.student, convo.application.id, message.slots[0].id,
                        now=NOW + timedelta(days=3))
    convo.application.status = ApplicationStatus.DECLINED
    db_session.flush()
    with pytest.raises(ValidationError):
        interviews.book(db_session, convo.student, convo.application.id, message.slots[1].id, now=NOW)
    assert all(s.status == "proposed" for s in message.slots)
